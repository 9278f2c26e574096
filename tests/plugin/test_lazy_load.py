"""Loading the plugin costs a suite that never calls AWS nothing: no botocore, no boto3.

pytest loads the plugin for every run, IDEs and watchers too. botocore loads when a fake first
activates, or when the code under test imports it, and the handlers are on it from that moment.
These tests fail as soon as a module-level import brings botocore back into the plugin's load.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from support import run_python

from pytest_gluejobs._edge import watch

# What loading the plugin must not import: the AWS libraries and anything heavy.
HEAVY = ("botocore", "boto3", "aiobotocore", "moto", "pyspark", "s3transfer", "urllib3")


def test_importing_the_plugin_imports_no_aws_library(tmp_path: Path) -> None:
    loaded = run_python(
        "import sys\n"
        "import pytest_gluejobs, pytest_gluejobs.plugin\n"
        "from pytest_gluejobs import GlueError, NotFakedError, NoFakeActiveError, SeedFileError\n"
        f"print(sorted({{name.split('.')[0] for name in sys.modules}} & set({HEAVY!r})))",
        tmp_path,
    )
    assert loaded == "[]"


def test_a_run_that_never_uses_the_fake_never_loads_botocore(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every ini option set, so checking them is covered too; this plugin alone, so no other
    # plugin of this environment can be what loads botocore.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    pytester.makeini(
        "[pytest]\n"
        "glue_jobs_region = eu-west-1\n"
        "glue_jobs_max_calls = 50\n"
        "glue_jobs_max_final_reads = 5\n"
        "glue_jobs_require_fake = true\n"
    )
    pytester.makepyfile(
        f"""
        import sys

        import pytest

        HEAVY = {HEAVY!r}


        def loaded():
            return sorted({{name.split(".")[0] for name in sys.modules}} & set(HEAVY))


        def test_plain():
            assert loaded() == []


        @pytest.mark.parametrize("n", [1, 2])
        def test_collected_and_marked(n):
            assert loaded() == []


        def test_the_fixture_loads_what_it_needs(glue_jobs, glue_client):
            assert "botocore" in loaded()
            glue_jobs.add_job("nightly")
            assert glue_client.list_jobs()["JobNames"] == ["nightly"]
        """
    )
    result = pytester.runpytest_subprocess("-p", "pytest_gluejobs.plugin", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)


def test_botocore_imported_after_the_plugin_is_hooked_as_it_loads(tmp_path: Path) -> None:
    # A client made at import time of the code under test, after the plugin loaded: the handlers
    # went on botocore as it was imported, so no scan for older clients is needed (nor made).
    answered = run_python(
        "import gc\n"
        "from pytest_gluejobs._edge import handlers\n"
        "handlers.hook_botocore()\n"
        "import boto3\n"
        "CLIENT = boto3.client('glue', region_name='eu-west-1')\n"
        "def no_scan():\n"
        "    raise AssertionError('scanned for old clients')\n"
        "gc.get_objects = no_scan\n"
        "from pytest_gluejobs import fake_glue_jobs\n"
        "with fake_glue_jobs(region='eu-west-1') as fake:\n"
        "    fake.add_job('nightly')\n"
        "    print(CLIENT.list_jobs()['JobNames'])\n",
        tmp_path,
    )
    assert answered == "['nightly']"


def test_the_public_names_import_on_first_use() -> None:
    import pytest_gluejobs

    for name in pytest_gluejobs.__all__:
        assert getattr(pytest_gluejobs, name) is not None, name
    assert set(pytest_gluejobs.__all__) <= set(dir(pytest_gluejobs))
    from pytest_gluejobs._fake import GlueJobs

    assert pytest_gluejobs.GlueJobs is GlueJobs
    with pytest.raises(AttributeError, match="has no attribute 'GlueJob'"):
        pytest_gluejobs.GlueJob  # noqa: B018 - the attribute access is the test


# -- the watch that hooks botocore when someone imports it ------------------------------------


@pytest.fixture
def probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A module of its own on sys.path, forgotten again after the test."""
    name = f"gluejobs_watch_probe_{tmp_path.name.replace('-', '_')}"
    (tmp_path / f"{name}.py").write_text("VALUE = 42\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    sys.modules.pop(name, None)
    watch._callbacks.pop(name, None)


def test_a_watched_module_calls_back_each_time_it_is_executed(probe: str) -> None:
    seen: list[ModuleType] = []
    watch.after_import(probe, seen.append)
    watch.after_import(probe, seen.append)  # the same callback twice is one

    first = importlib.import_module(probe)
    assert seen == [first]
    assert first.VALUE == 42
    # Whoever reads the module later sees the loader that read it, not the watch's.
    assert type(first.__loader__).__name__ == "SourceFileLoader"
    assert first.__spec__ is not None and first.__spec__.loader is first.__loader__
    importlib.import_module(probe)
    assert seen == [first]  # already imported: nothing runs

    del sys.modules[probe]  # as pytester's in-process runs forget what they imported
    second = importlib.import_module(probe)
    assert seen == [first, second]
    assert second is not first


def test_a_failing_callback_warns_and_the_import_still_succeeds(probe: str) -> None:
    def broken(module: ModuleType) -> None:
        raise KeyError("boom")

    watch.after_import(probe, broken)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(probe)
    assert module.VALUE == 42
    assert [str(warning.message) for warning in caught] == [
        f"pytest-gluejobs could not hook {probe} as it was imported: KeyError: 'boom'. "
        "Glue calls may not reach the fake."
    ]


def test_other_imports_pass_through_the_watch_untouched(probe: str) -> None:
    watch.after_import(probe, lambda module: None)
    assert watch._FINDER in sys.meta_path
    assert watch._FINDER.find_spec("json", None) is None
    assert watch._FINDER.find_spec(probe + "_missing", None) is None
