"""A run is a room: whatever its code changes in the interpreter is put back when the run ends,
however it ends, and what it prints is its own, even while runs overlap on several threads."""

from __future__ import annotations

import logging
import os
import sys
import textwrap
import threading
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.config import Config
from botocore.exceptions import ClientError
from service.test_run_scripts import LOCATION, shell_job, start, write  # noqa: F401 - shell_job is a fixture

from pytest_gluejobs import GlueJobs, RunLogs

Args = dict[str, str]
LOGGER = "pytest_gluejobs_room_etl"


@pytest.fixture(params=["handler", "script"])
def run_code(request: pytest.FixtureRequest, glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path) -> Callable[[str], dict[str, Any]]:  # noqa: F811
    """Start a run of the Python shell job 'report' executing ``code`` — as a ``run_code`` handler,
    then as a ``run_scripts`` script — and read it once. ``RUN`` holds the run's id in the code."""
    shell_job(ExecutionProperty={"MaxConcurrentRuns": 10})
    code_folder = tmp_path / "jobs"

    def run(code: str) -> dict[str, Any]:
        code = textwrap.dedent(code)
        if request.param == "handler":
            glue_jobs.run_code("report", lambda args: exec(code, {"__name__": "job", "RUN": args["JOB_RUN_ID"]}))
        else:
            prologue = "import sys\nRUN = sys.argv[sys.argv.index('--JOB_RUN_ID') + 1]\n"
            glue_jobs.run_scripts({LOCATION: write(code_folder, "report.py", prologue + code)})
        return start(glue)

    return run


def environment() -> dict[str, str]:
    """The process's environment, but for the variable pytest changes as a test goes on."""
    return {name: value for name, value in os.environ.items() if name != "PYTEST_CURRENT_TEST"}


@pytest.fixture
def variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("PYTEST_GLUEJOBS_KEPT", "before the run")
    monkeypatch.delenv("PYTEST_GLUEJOBS_ADDED", raising=False)


@pytest.mark.usefixtures("variables")
def test_changes_to_the_environment_are_undone(run_code: Callable[[str], dict[str, Any]]) -> None:
    before = environment()
    run = run_code("""
        import os
        os.environ["AWS_DEFAULT_REGION"] = "eu-west-1"
        os.environ["PYTEST_GLUEJOBS_ADDED"] = "by the run"
        del os.environ["PYTEST_GLUEJOBS_KEPT"]
        print(os.environ["AWS_DEFAULT_REGION"])
    """)

    assert run["JobRunState"] == "SUCCEEDED"
    assert environment() == before


def logger_state(name: str | None) -> tuple[Any, ...]:
    logger = logging.getLogger(name)
    return (list(logger.handlers), logger.level, logger.propagate, logger.disabled)


def test_logging_a_run_configures_is_undone_and_each_run_logs_only_its_own_lines(
    run_code: Callable[[str], dict[str, Any]], glue_jobs: GlueJobs
) -> None:
    root, botocore_logger = logger_state(None), logger_state("botocore")
    code = f"""
        import logging, sys
        logger = logging.getLogger({LOGGER!r})
        logger.addHandler(logging.StreamHandler(sys.stderr))
        logger.setLevel(logging.INFO)
        logger.propagate = False
        logging.getLogger().setLevel(logging.DEBUG)
        logging.getLogger().addHandler(logging.StreamHandler(sys.stdout))
        logging.getLogger("botocore").disabled = True
        logger.info("run " + RUN)
    """

    first, second = run_code(code), run_code(code)

    for run in (first, second):
        assert run["JobRunState"] == "SUCCEEDED"
        assert glue_jobs.run_logs(run["Id"]).error == f"run {run['Id']}\n"
    assert (logger_state(None), logger_state("botocore")) == (root, botocore_logger)
    # The logger the run created is still registered (code may hold it), but as a new one is.
    assert logger_state(LOGGER) == ([], logging.NOTSET, True, False)


def test_a_scripts_own_module_wins_over_one_of_that_name_the_test_process_holds(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    theirs = ModuleType("pipeline_helpers")
    theirs.WHO = "the test's"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pipeline_helpers", theirs)
    write(tmp_path, "pipeline_helpers.py", "WHO = \"the script's own\"\n")
    write(tmp_path, "steps/__init__.py", 'NAME = "the script\'s steps"\n')
    monkeypatch.setitem(sys.modules, "steps", ModuleType("steps"))
    write(tmp_path, "report.py", "import pipeline_helpers, steps\nprint(pipeline_helpers.WHO)\nprint(steps.NAME)\n")
    shell_job()
    glue_jobs.run_scripts({LOCATION: tmp_path / "report.py"})

    run = start(glue)

    assert glue_jobs.run_logs(run["Id"]).output == "the script's own\nthe script's steps\n"
    assert sys.modules["pipeline_helpers"] is theirs


def test_the_standard_library_and_the_fakes_own_libraries_are_never_replaced(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path  # noqa: F811
) -> None:
    for name in ("json.py", "botocore.py", "boto3/__init__.py"):
        write(tmp_path, name, "raise ImportError('a module of the folder replaced the test process one')\n")
    write(tmp_path, "report.py", """
        import json
        import boto3
        print(json.dumps(boto3.client("glue", region_name="us-east-1").list_jobs()["JobNames"]))
    """)
    shell_job()
    glue_jobs.run_scripts({LOCATION: tmp_path / "report.py"})

    run = start(glue)

    assert (run["JobRunState"], glue_jobs.run_logs(run["Id"]).output) == ("SUCCEEDED", '["report"]\n')


def test_runs_on_two_threads_each_log_only_their_own_lines(
    glue: Any, glue_jobs: GlueJobs, make_job: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    make_job("a")
    make_job("b")
    a_printed, b_printed = threading.Event(), threading.Event()

    ran_on: dict[str, str] = {}

    def job_a(args: Args) -> None:
        ran_on["a"] = threading.current_thread().name
        print("a: first")
        a_printed.set()
        assert b_printed.wait(10)
        print("a: second")

    def job_b(args: Args) -> None:
        ran_on["b"] = threading.current_thread().name
        assert a_printed.wait(10)
        print("b: first")
        print("b: warning", file=sys.stderr)
        b_printed.set()

    glue_jobs.run_code("a", job_a)
    glue_jobs.run_code("b", job_b)
    streams = (sys.stdout, sys.stderr)
    run_ids: dict[str, str] = {}
    threads = [
        threading.Thread(
            target=lambda name=name: run_ids.update({name: glue.start_job_run(JobName=name)["JobRunId"]}),
            name=f"starts {name}",
        )
        for name in ("a", "b")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert ran_on == {"a": "starts a", "b": "starts b"}  # each in the thread of the call that started it
    assert glue_jobs.run_logs(run_ids["a"]) == RunLogs("a: first\na: second\n", "")
    assert glue_jobs.run_logs(run_ids["b"]) == RunLogs("b: first\n", "b: warning\n")
    assert (sys.stdout, sys.stderr) == streams
    assert capsys.readouterr() == ("", "")


def test_the_tests_own_prints_reach_pytests_capture_while_a_run_prints(
    glue: Any, glue_jobs: GlueJobs, make_job: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    make_job("nightly")
    began, printed = threading.Event(), threading.Event()

    def job(args: Args) -> None:
        print("from the run")
        began.set()
        assert printed.wait(10)
        print("from the run, again")

    glue_jobs.run_code("nightly", job)
    run_ids: list[str] = []
    worker = threading.Thread(target=lambda: run_ids.append(glue.start_job_run(JobName="nightly")["JobRunId"]))
    worker.start()
    assert began.wait(10)
    print("from the test")
    printed.set()
    worker.join(10)

    assert capsys.readouterr().out == "from the test\n"
    assert glue_jobs.run_logs(run_ids[0]).output == "from the run\nfrom the run, again\n"


def test_threads_the_code_starts_log_into_the_run_while_it_lasts(
    glue: Any, glue_jobs: GlueJobs, make_job: Callable[..., Any], capsys: pytest.CaptureFixture[str]
) -> None:
    make_job("nightly")
    late = threading.Event()
    leftovers: list[threading.Thread] = []

    def job(args: Args) -> None:
        worker = threading.Thread(target=print, args=("from a thread of the run",))
        worker.start()
        worker.join()
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(print, ["from a pool of the run"]))
        straggler = threading.Thread(target=lambda: late.wait(10) and print("after the run ended"))
        straggler.start()
        leftovers.append(straggler)

    glue_jobs.run_code("nightly", job)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]
    late.set()
    leftovers[0].join(10)

    assert glue_jobs.run_logs(run_id).output == "from a thread of the run\nfrom a pool of the run\n"
    assert capsys.readouterr().out == "after the run ended\n"


class Interrupted(Exception):
    """Stands for how the code ended in the table below."""


ENDINGS: dict[str, tuple[Callable[[], object], type[BaseException] | None, str]] = {
    "returns": (lambda: None, None, "SUCCEEDED"),
    "raises": (lambda: (_ for _ in ()).throw(ValueError("bad row")), None, "FAILED"),
    "exits": (lambda: sys.exit(3), None, "FAILED"),
    "KeyboardInterrupt": (lambda: (_ for _ in ()).throw(KeyboardInterrupt()), KeyboardInterrupt, "FAILED"),
    "pytest.fail": (lambda: pytest.fail("the job gave up"), pytest.fail.Exception, "FAILED"),
}


@pytest.mark.usefixtures("variables")
@pytest.mark.parametrize("ending", list(ENDINGS))
def test_everything_is_put_back_however_the_code_ends(
    glue: Any, glue_jobs: GlueJobs, make_job: Callable[..., Any], tmp_path: Path, ending: str
) -> None:
    end, raised, state = ENDINGS[ending]
    make_job("nightly")

    def job(args: Args) -> None:
        print("working")
        os.environ["PYTEST_GLUEJOBS_ADDED"] = "by the run"
        os.chdir(tmp_path)
        sys.argv.append("--by-the-run")
        sys.path.insert(0, str(tmp_path))
        logging.getLogger().addHandler(logging.StreamHandler(sys.stdout))
        sys.modules["pytest_gluejobs_room_junk"] = "not a module"  # type: ignore[assignment]
        sys.stdout = sys.stderr
        end()

    glue_jobs.run_code("nightly", job)
    before = (list(sys.argv), list(sys.path), os.getcwd(), logger_state(None), sys.stdout, sys.stderr)
    variables = environment()

    if raised is None:
        glue.start_job_run(JobName="nightly")
    else:
        with pytest.raises(raised):
            glue.start_job_run(JobName="nightly")

    assert (list(sys.argv), list(sys.path), os.getcwd(), logger_state(None), sys.stdout, sys.stderr) == before
    assert environment() == variables
    assert "pytest_gluejobs_room_junk" not in sys.modules
    (run,) = glue_jobs.runs("nightly")
    assert run["JobRunState"] == state
    assert glue_jobs.run_logs(run["Id"]).output == "working\n"


class _Body:
    def __init__(self, content: bytes) -> None:
        self.content = content

    def stream(self) -> Iterator[bytes]:
        yield self.content


@pytest.fixture
def failing_s3() -> Any:
    """An S3 client whose every request is answered 503 (never sent), retried twice by botocore."""
    s3 = boto3.client(
        "s3", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b",
        config=Config(retries={"mode": "standard", "total_max_attempts": 3}),
    )
    s3.meta.events.register(
        "before-send.s3", lambda request, **_: AWSResponse(request.url, 503, HTTPHeaders(), _Body(b"<Error><Code>SlowDown</Code></Error>"))
    )
    return s3


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, pytest.fail.Exception])
def test_an_interrupted_run_leaves_other_services_retries_sleeping(
    glue: Any, glue_jobs: GlueJobs, make_job: Callable[..., Any], failing_s3: Any, slept: list[float],
    interruption: type[BaseException],
) -> None:
    make_job("nightly")

    def job(args: Args) -> None:
        raise interruption("stop")

    glue_jobs.run_code("nightly", job)
    with pytest.raises(interruption):
        glue.start_job_run(JobName="nightly")

    with pytest.raises(ClientError):
        failing_s3.list_buckets()
    assert len(slept) == 2  # botocore waited before each retry of S3's answer, as without the fake


def test_a_run_that_deletes_its_folder_or_works_in_a_deleted_one_leaves_the_test_where_it_was(
    glue: Any, glue_jobs: GlueJobs, shell_job: Callable[..., Any], tmp_path: Path  # noqa: F811
) -> None:
    folder = tmp_path / "jobs"
    write(folder, "helpers_that_vanish.py", "X = 1\n")
    write(folder, "report.py", """
        import os, shutil, sys, tempfile
        import helpers_that_vanish
        scratch = tempfile.mkdtemp()
        os.chdir(scratch)
        os.rmdir(scratch)  # now working in a folder that no longer exists
        shutil.rmtree(os.path.dirname(os.path.abspath(__file__)))
        print("gone")
    """)
    shell_job()
    glue_jobs.run_scripts({"s3://bucket/jobs/": folder})
    cwd, path = os.getcwd(), list(sys.path)

    first = start(glue)
    second = start(glue)

    assert (first["JobRunState"], glue_jobs.run_logs(first["Id"]).output) == ("SUCCEEDED", "gone\n")
    assert (os.getcwd(), sys.path) == (cwd, path)
    assert "helpers_that_vanish" not in sys.modules
    assert second["JobRunState"] == "FAILED"
    assert second["ErrorMessage"].startswith("Script s3://bucket/jobs/report.py not found: run_scripts maps s3://bucket/jobs/ to ")


def test_nothing_a_run_leaves_reaches_the_next_test(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_require_fake = true\n")
    pytester.makepyfile(
        """
        import logging, os, sys, time

        import boto3, pytest
        from botocore.awsrequest import AWSResponse
        from botocore.config import Config
        from pytest_gluejobs import NoFakeActiveError

        BEFORE = {}

        def test_a_run_that_changes_everything_and_fails_the_test(glue_jobs, glue_client):
            BEFORE.update(path=list(sys.path), cwd=os.getcwd(), root=list(logging.getLogger().handlers))
            glue_jobs.add_job("nightly")

            def handler(args):
                os.environ["LEFT_BY_THE_RUN"] = "1"
                os.environ["AWS_DEFAULT_REGION"] = "eu-west-1"
                sys.path.append("left-by-the-run")
                logging.getLogger().addHandler(logging.StreamHandler(sys.stdout))
                os.chdir("/")
                pytest.fail("the job's code gave up")

            glue_jobs.run_code("nightly", handler)
            glue_client.start_job_run(JobName="nightly")

        def test_starting_the_fake_again_is_refused(glue_jobs):
            glue_jobs.start()

        def test_the_next_test_finds_the_process_as_it_was(monkeypatch):
            assert "LEFT_BY_THE_RUN" not in os.environ
            assert os.environ.get("AWS_DEFAULT_REGION") != "eu-west-1"
            assert (sys.path, os.getcwd(), logging.getLogger().handlers) == (BEFORE["path"], BEFORE["cwd"], BEFORE["root"])
            with pytest.raises(NoFakeActiveError):  # no fake was left active
                boto3.client("glue", region_name="us-east-1").list_jobs()
            slept = []
            monkeypatch.setattr(time, "sleep", slept.append)
            s3 = boto3.client("s3", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b",
                              config=Config(retries={"mode": "standard", "total_max_attempts": 2}))

            class Body:
                def stream(self):
                    yield b""

            s3.meta.events.register("before-send.s3", lambda request, **_: AWSResponse(request.url, 503, {}, Body()))
            with pytest.raises(Exception):
                s3.list_buckets()
            assert len(slept) == 1  # other services' retries still wait
        """
    )

    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*the job's code gave up*", "*start() on a fake that is already active*"])


@pytest.mark.parametrize("first_to_end", ["the first to begin", "the last to begin"])
def test_overlapping_runs_leave_nothing_behind_whichever_ends_first(
    glue: Any, glue_jobs: GlueJobs, make_job: Callable[..., Any], first_to_end: str
) -> None:
    make_job("a")
    make_job("b")
    a_began, b_began, a_may_end, b_may_end = (threading.Event() for _ in range(4))

    def job_a(args: Args) -> None:
        os.environ["PYTEST_GLUEJOBS_BY_A"] = "1"
        sys.path.append("by-a")
        a_began.set()
        assert a_may_end.wait(10)

    def job_b(args: Args) -> None:
        assert a_began.wait(10)
        os.environ["PYTEST_GLUEJOBS_BY_B"] = "1"
        logging.getLogger(LOGGER).setLevel(logging.ERROR)
        b_began.set()
        assert b_may_end.wait(10)

    glue_jobs.run_code("a", job_a)
    glue_jobs.run_code("b", job_b)
    before = (environment(), list(sys.path), logger_state(LOGGER))
    threads = {name: threading.Thread(target=glue.start_job_run, kwargs={"JobName": name}) for name in ("a", "b")}
    for thread in threads.values():
        thread.start()
    assert b_began.wait(10)
    order = ("a", "b") if first_to_end == "the first to begin" else ("b", "a")
    for name in order:
        (a_may_end if name == "a" else b_may_end).set()
        threads[name].join(10)

    assert (environment(), list(sys.path), logger_state(LOGGER)) == before
    assert {run["JobRunState"] for run in glue_jobs.runs()} == {"SUCCEEDED"}


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX's")
@pytest.mark.parametrize(("child_ends", "status"), [("returns", 0), ("raises", 1)])
def test_a_process_the_code_forks_ends_where_the_code_ends(
    glue: Any, glue_jobs: GlueJobs, make_job: Callable[..., Any], tmp_path: Path, child_ends: str, status: int
) -> None:
    make_job("nightly")
    statuses: list[int] = []

    def job(args: Args) -> None:
        child = os.fork()
        if child == 0:  # the child: it must not go on to run the rest of this test session
            (tmp_path / "child ran").touch()
            if child_ends == "raises":
                raise RuntimeError("the child failed")
            return
        statuses.append(os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]))
        print("parent done")

    glue_jobs.run_code("nightly", job)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # forking a process with threads
        run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert statuses == [status]
    assert (tmp_path / "child ran").exists()
    assert glue_jobs.run_logs(run_id).output == "parent done\n"
    assert glue_jobs.runs("nightly")[0]["JobRunState"] == "SUCCEEDED"


def test_sys_modules_entries_a_run_replaces_or_removes_come_back(
    glue: Any, glue_jobs: GlueJobs, make_job: Callable[..., Any]
) -> None:
    make_job("nightly")
    import json
    import string

    def job(args: Args) -> None:
        sys.modules["json"] = None  # type: ignore[assignment]
        del sys.modules["string"]
        sys.modules["pytest_gluejobs_room_fake"] = ModuleType("pytest_gluejobs_room_fake")

    glue_jobs.run_code("nightly", job)
    glue.start_job_run(JobName="nightly")

    assert (sys.modules["json"], sys.modules["string"]) == (json, string)
    assert "pytest_gluejobs_room_fake" in sys.modules  # a module imported for the first time stays
    del sys.modules["pytest_gluejobs_room_fake"]


def test_code_that_closes_its_streams_leaves_its_logs_readable(
    glue: Any, glue_jobs: GlueJobs, make_job: Callable[..., Any]
) -> None:
    make_job("nightly")

    def job(args: Args) -> None:
        print("before closing")
        sys.stdout.close()
        sys.stderr.close()

    glue_jobs.run_code("nightly", job)
    run_id = glue.start_job_run(JobName="nightly")["JobRunId"]

    assert glue_jobs.run_logs(run_id) == RunLogs("before closing\n", "")
    logs = boto3.client("logs", region_name="us-east-1")
    events = logs.get_log_events(logGroupName="/aws-glue/jobs/output", logStreamName=run_id)["events"]
    assert [event["message"] for event in events] == ["before closing"]
    print("the test's own stdout still works")
