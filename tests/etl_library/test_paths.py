"""Glue's field paths: dots nest, backticks quote a name holding dots, ``[]`` steps into arrays."""

from __future__ import annotations

import pytest

from pytest_gluejobs._awsglue import _paths


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("a", ("a",)),
        ("address.state", ("address", "state")),
        ("`this.old.name`", ("this.old.name",)),
        ("`customers.val.address`", ("customers.val.address",)),
        ("a.`b.c`.d", ("a", "b.c", "d")),
        ("`.zip`", (".zip",)),
        ("myList[].price", ("myList", "[]", "price")),
        ("`my.list`[].price", ("my.list", "[]", "price")),
        ("`a``b`", ("a`b",)),
        ("provider id", ("provider id",)),
    ],
)
def test_paths_split_and_join_back(path, names):
    assert _paths.split(path, "path") == names
    assert _paths.split(_paths.join(names), "path") == names


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("", "empty name"),
        ("a..b", "empty name"),
        (".a", "empty name"),
        ("a.", "ends with a dot"),
        ("`a", "not closed"),
        ("a`b`", "may only start a name"),
        ("`a`b", "followed by a dot"),
        ("[]", "empty name"),
    ],
)
def test_bad_paths_say_what_is_wrong(path, problem):
    with pytest.raises(ValueError, match=problem) as error:
        _paths.split(path, "drop_fields path")
    assert "drop_fields path" in str(error.value)
    assert repr(path) in str(error.value)


def test_a_path_must_be_a_string():
    with pytest.raises(TypeError, match="must be a string, got int"):
        _paths.split(3, "select_fields path")  # type: ignore[arg-type]


def test_names_list_takes_one_string_or_a_list_of_them():
    assert _paths.names_list("a", "paths") == ["a"]
    assert _paths.names_list(("a", "b"), "paths") == ["a", "b"]
    with pytest.raises(TypeError, match="list of strings, got dict"):
        _paths.names_list({"a": 1}, "paths")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must hold strings, got int"):
        _paths.names_list(["a", 1], "paths")  # type: ignore[list-item]


def test_a_missing_field_is_a_named_warning():
    with pytest.warns(
        _paths.MissingFieldWarning,
        match=r"DropFields: the frame has no field 'nmae'.*fields: age, name",
    ):
        _paths.warn_missing("DropFields", "nmae", ["name", "age"])


def test_the_warning_is_public_so_a_suite_can_filter_it():
    import pytest_gluejobs

    assert pytest_gluejobs.MissingFieldWarning is _paths.MissingFieldWarning
    assert issubclass(pytest_gluejobs.MissingFieldWarning, UserWarning)
