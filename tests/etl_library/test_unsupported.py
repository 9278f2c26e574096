"""What the stand-in says for members it does not run, and for names Glue lacks too."""

from __future__ import annotations

import pytest

from pytest_gluejobs._awsglue.unsupported import (
    DOCS_PAGE,
    no_such_attribute,
    not_supported,
    unsupported,
)


def test_not_supported_names_the_member_and_the_page():
    error = not_supported("GlueContext", "forEachBatch", "streaming sources are not read")
    assert isinstance(error, NotImplementedError)
    assert "GlueContext.forEachBatch" in str(error)
    assert "streaming sources are not read" in str(error)
    assert DOCS_PAGE == "docs/etl.md" and DOCS_PAGE in str(error)


def test_an_unsupported_method_is_an_attribute_that_refuses_any_call():
    class Frame:
        mergeThings = unsupported("Frame", "mergeThings")

    assert hasattr(Frame(), "mergeThings")
    assert Frame.mergeThings.__name__ == "mergeThings"
    for call in (lambda: Frame().mergeThings(), lambda: Frame().mergeThings(1, key="x")):
        with pytest.raises(NotImplementedError, match=r"Frame\.mergeThings is part of AWS Glue"):
            call()


def test_no_such_attribute_suggests_the_nearest_names():
    known = ["select_fields", "drop_fields", "apply_mapping", "_private"]
    error = no_such_attribute("DynamicFrame", "selectFields", known)
    assert isinstance(error, AttributeError)
    assert (
        str(error)
        == "'DynamicFrame' object has no attribute 'selectFields'; did you mean 'select_fields'?"
    )
    assert "did you mean" not in str(no_such_attribute("DynamicFrame", "zzz", known))
    assert str(no_such_attribute("X", "y", [], "Use z.")).endswith("Use z.")
