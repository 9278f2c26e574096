"""The glue_stack marker and the glue_jobs_defaults ini option, through pytester in-process: the
plugin loads by its entry point and registers its markers there too."""

from __future__ import annotations

import json

import pytest

TEMPLATE = {
    "Parameters": {"Env": {"Type": "String"}},
    "Resources": {
        "Nightly": {"Type": "AWS::Glue::Job", "Properties": {
            "Name": {"Fn::Sub": "${Env}-nightly"},
            "Role": "arn:aws:iam::123456789012:role/etl",
            "Command": {"Name": "glueetl", "ScriptLocation": "s3://b/n.py"},
            "GlueVersion": "4.0", "WorkerType": "G.1X", "NumberOfWorkers": {"Ref": "Workers"},
        }},
    },
}


@pytest.fixture
def stack(pytester: pytest.Pytester) -> pytest.Pytester:
    template = json.loads(json.dumps(TEMPLATE))
    template["Parameters"]["Workers"] = {"Type": "Number", "Default": "2"}
    (pytester.path / "infra").mkdir()
    (pytester.path / "infra" / "etl.template.json").write_text(json.dumps(template))
    return pytester


def test_the_marker_seeds_a_stack_and_activates_the_fake(stack: pytest.Pytester) -> None:
    stack.mkpydir("tests")
    (stack.path / "tests" / "test_etl.py").write_text(
        "import boto3\n"
        "import pytest\n\n"
        "pytestmark = pytest.mark.glue_stack('infra/etl.template.json', parameters={'Env': 'dev'})\n\n\n"
        "def test_module_marker_alone():\n"
        "    assert boto3.client('glue', region_name='us-east-1').list_jobs()['JobNames'] == ['dev-nightly']\n\n\n"
        "@pytest.mark.glue_stack('infra/etl.template.json', parameters={'Env': 'prod', 'Workers': '20'}, region='eu-west-1')\n"
        "@pytest.mark.glue_job('extra')\n"
        "def test_stacks_then_jobs(glue_jobs):\n"
        "    assert sorted(glue_jobs.jobs()) == ['dev-nightly', 'extra']\n"
        "    assert glue_jobs.jobs('eu-west-1')['prod-nightly']['NumberOfWorkers'] == 20\n"
    )

    result = stack.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=2)


@pytest.mark.parametrize(
    ("marker", "expected"),
    [
        ("glue_stack('infra/etl.template.json')",
         "*glue_stack('infra/etl.template.json') could not seed the stack: CloudFormation template *etl.template.json: "
         "resource Nightly (AWS::Glue::Job): Ref to parameter Env, which has no Default and no value was given*"),
        ("glue_stack('infra/etl.template.json', parameters={'Env': 'dev', 'Workers': '300'})",
         "*could not seed the stack: *: resource Nightly (AWS::Glue::Job): To use Worker Type G.1X, maximum allowed value of Number of Workers is 299.*"),
        ("glue_stack('infra/missing.json')", "*could not seed the stack: *No such file or directory*missing.json*"),
        ("glue_stack()", "*glue_stack(): *missing 1 required positional argument: 'path'; the marker takes glue_stack(path, *, parameters=None, region=None)"),
        ("glue_stack('infra/etl.template.json', params={})", "*got an unexpected keyword argument 'params'*"),
        ("glue_stack(42)", "*path must be a file path, got 42*"),
        ("glue_stack('infra/etl.template.json', region='eu west')", "*region='eu west' is not a valid region name*"),
    ],
)
def test_a_bad_stack_errors_at_setup_naming_the_marker(stack: pytest.Pytester, marker: str, expected: str) -> None:
    stack.makepyfile(
        "import pytest\n\n\n"
        f"@pytest.mark.{marker}\n"
        "def test_never_runs():\n"
        "    raise AssertionError('the body must not run')\n"
    )

    result = stack.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ERROR at setup of test_never_runs*", expected])


def test_a_stacks_triggers_are_seeded_and_trigger_markers_may_name_its_jobs(stack: pytest.Pytester) -> None:
    template = json.loads((stack.path / "infra" / "etl.template.json").read_text())
    template["Resources"]["Hourly"] = {"Type": "AWS::Glue::Trigger", "Properties": {
        "Type": "SCHEDULED", "Schedule": "cron(0 * * * ? *)", "StartOnCreation": True,
        "Actions": [{"JobName": {"Ref": "Nightly"}}]}}
    (stack.path / "infra" / "etl.template.json").write_text(json.dumps(template))
    stack.makepyfile(
        "import pytest\n\n\n"
        "@pytest.mark.glue_trigger('by-hand', Actions=[{'JobName': 'dev-nightly'}])\n"
        "@pytest.mark.glue_stack('infra/etl.template.json', parameters={'Env': 'dev'})\n"
        "def test_stack_then_trigger_markers(glue_jobs, glue_client):\n"
        "    states = {name: trigger['State'] for name, trigger in glue_jobs.triggers().items()}\n"
        "    assert states == {'Hourly': 'ACTIVATED', 'by-hand': 'CREATED'}\n"
        "    glue_client.start_trigger(Name='by-hand')\n"
        "    assert [run['TriggerName'] for run in glue_jobs.runs('dev-nightly')] == ['by-hand']\n"
    )

    stack.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_a_job_marker_over_a_stacks_job_names_the_stack(stack: pytest.Pytester) -> None:
    stack.makepyfile(
        "import pytest\n\n\n"
        "@pytest.mark.glue_job('dev-nightly')\n"
        "@pytest.mark.glue_stack('infra/etl.template.json', parameters={'Env': 'dev'})\n"
        "def test_never_runs():\n"
        "    raise AssertionError('the body must not run')\n"
    )

    result = stack.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "@pytest.mark.glue_job('dev-nightly') could not seed the job: AlreadyExistsException: Job with name: "
        "dev-nightly already exists. (seeded before by the pytest_gluejobs_setup hook or a glue_stack marker)"
    ])


def test_a_near_miss_of_the_stack_marker_is_a_collection_error(stack: pytest.Pytester) -> None:
    stack.makepyfile(
        "import pytest\n\n\n"
        "@pytest.mark.glue_stacks('infra/etl.template.json')\n"
        "def test_runs_without_its_jobs():\n"
        "    pass\n"
    )

    result = stack.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([
        "*@pytest.mark.glue_stacks on *: did you mean @pytest.mark.glue_stack?*would run without its jobs and triggers*"
    ])


def test_both_markers_are_registered_for_strict_markers(stack: pytest.Pytester) -> None:
    stack.makepyfile(
        "import pytest\n\n\n"
        "@pytest.mark.glue_stack('infra/etl.template.json', parameters={'Env': 'ci'})\n"
        "def test_strict(glue_jobs):\n"
        "    assert list(glue_jobs.jobs()) == ['ci-nightly']\n"
    )

    result = stack.runpytest("--strict-markers", "-p", "no:cacheprovider")

    result.assert_outcomes(passed=1)


def test_the_defaults_ini_option(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_defaults = current\n")
    pytester.makepyfile(
        "def test_current(glue_jobs):\n"
        "    assert glue_jobs.defaults == 'current'\n"
        "    job = glue_jobs.add_job('nightly')\n"
        "    assert (job['GlueVersion'], job['Timeout']) == ('5.1', 480)\n"
    )

    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_a_defaults_ini_value_of_neither_name_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nglue_jobs_defaults = latest\n")
    pytester.makepyfile("def test_x():\n    pass\n")

    result = pytester.runpytest("-p", "no:cacheprovider")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*glue_jobs_defaults = 'latest' must be documented (Glue's API reference, the default) or current*"])
