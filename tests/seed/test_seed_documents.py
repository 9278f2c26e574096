"""Reading a document: JSON or YAML with CloudFormation's tags, its kind told from its content, the
hostile and the broken refused with the file named; and a CDK app's assets wired to local scripts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from pytest_gluejobs import GlueJobs, SeedFileError

ROLE = "arn:aws:iam::123456789012:role/etl"


def refused(glue_jobs: GlueJobs, path: Path) -> str:
    with pytest.raises(SeedFileError) as error:
        glue_jobs.load(path)
    assert glue_jobs.jobs() == {}
    return str(error.value)


def yaml_file(folder: Path, text: str) -> Path:
    path = folder / "stack.yaml"
    path.write_text(text)
    return path


JOB_YAML = (
    "Resources:\n  Nightly:\n    Type: AWS::Glue::Job\n    Properties:\n"
    f"      Role: {ROLE}\n      Command: {{Name: glueetl, ScriptLocation: s3://b/n.py}}\n"
)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Resources: {A: &a {Type: AWS::S3::Bucket}, B: *a}\n", "aliases (*name) are not read in templates"),
        ("Resources: {}\nResources: {}\n", "the key 'Resources' appears twice in one mapping"),
        ("Resources: [unclosed\n", "neither JSON nor YAML"),
        ("- just\n- a list\n", "not a CloudFormation template: a template is a mapping with a Resources section; got a list"),
        ("Resources: [a, b]\n", "not a CloudFormation template: it has no Resources section (a mapping)"),
    ],
)
def test_yaml_that_cannot_be_a_template(glue_jobs: GlueJobs, tmp_path: Path, text: str, problem: str) -> None:
    path = yaml_file(tmp_path, text)

    message = refused(glue_jobs, path)

    assert message.startswith(f"CloudFormation template {path}: ")
    assert problem in message


def test_a_getatt_attribute_may_hold_dots(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = yaml_file(tmp_path, JOB_YAML + "      Description: !GetAtt Lb.SourceSecurityGroup.OwnerAlias\n  Lb: {Type: AWS::ElasticLoadBalancing::LoadBalancer}\n")

    assert "Fn::GetAtt Lb.SourceSecurityGroup.OwnerAlias: the SourceSecurityGroup.OwnerAlias of a" in refused(glue_jobs, path)


def test_yaml_needs_pyyaml_and_says_how_to_get_it(glue_jobs: GlueJobs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "yaml", None)
    monkeypatch.delitem(sys.modules, "pytest_gluejobs._seed.yaml_templates", raising=False)
    path = yaml_file(tmp_path, JOB_YAML)

    with pytest.raises(ImportError, match=r"reading the YAML template .*stack\.yaml needs PyYAML: pip install 'pytest-gluejobs\[yaml\]'"):
        glue_jobs.load(path)
    json_template = tmp_path / "stack.json"
    json_template.write_text(json.dumps({"Resources": {}}))
    assert glue_jobs.load(json_template) == {}  # JSON needs nothing more


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"\xff\xfe not text", "not UTF-8 text"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply to read"),
        (b'{"Resources": ', "not valid JSON"),
    ],
)
def test_files_that_are_no_documents(glue_jobs: GlueJobs, tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "stack.json"
    path.write_bytes(content)

    assert problem in refused(glue_jobs, path)


def test_a_missing_file_says_which(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.yaml"):
        glue_jobs.load(tmp_path / "nope.yaml")


# -- CDK assets ------------------------------------------------------------------------------------


def cloud_assembly(folder: Path, *, source: str = "asset.abc.py", packaging: str = "file", script: str = "print('ran')\n") -> Path:
    (folder / "asset.abc.py").write_text(script)
    location = {"Fn::Join": ["", ["s3://", {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"}, "/abc.py"]]}
    template = folder / "Etl.template.json"
    template.write_text(json.dumps({"Resources": {"Job": {"Type": "AWS::Glue::Job", "Properties": {
        "Name": "etl", "Role": ROLE, "Command": {"Name": "pythonshell", "ScriptLocation": location}}}}}))
    destination = {"bucketName": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}", "objectKey": "abc.py"}
    (folder / "Etl.assets.json").write_text(json.dumps({"version": "48.0.0", "files": {
        "abc": {"source": {"path": source, "packaging": packaging}, "destinations": {"current_account-current_region-1a2b3c4d": destination}},
    }, "dockerImages": {}}))
    return template


def run(glue_jobs: GlueJobs, region: str = "us-east-1") -> dict[str, Any]:
    import boto3

    glue = boto3.client("glue", region_name=region)
    run_id = glue.start_job_run(JobName="etl")["JobRunId"]
    return dict(glue.get_job_run(JobName="etl", RunId=run_id)["JobRun"])


def test_an_asset_runs_in_the_fakes_account_and_region(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.account_id = "111122223333"
    glue_jobs.load(cloud_assembly(tmp_path), region="eu-west-1")

    job_run = run(glue_jobs, "eu-west-1")

    assert glue_jobs.jobs("eu-west-1")["etl"]["Command"]["ScriptLocation"] == "s3://cdk-hnb659fds-assets-111122223333-eu-west-1/abc.py"
    assert job_run["JobRunState"] == "SUCCEEDED"
    assert glue_jobs.run_logs(job_run["Id"]).output == "ran\n"


def test_run_scripts_given_later_wins_over_the_asset(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    template = cloud_assembly(tmp_path)
    other = tmp_path / "other.py"
    other.write_text("print('other')\n")
    glue_jobs.load(template)

    glue_jobs.run_scripts({"s3://cdk-hnb659fds-assets-123456789012-us-east-1/abc.py": other})

    assert glue_jobs.run_logs(run(glue_jobs)["Id"]).output == "other\n"


def test_a_template_without_manifest_runs_no_script(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    template = cloud_assembly(tmp_path)
    (tmp_path / "Etl.assets.json").unlink()
    glue_jobs.load(template)

    assert run(glue_jobs)["JobRunState"] == "RUNNING"  # the default states: no code runs


def test_a_zipped_asset_is_no_script(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.load(cloud_assembly(tmp_path, packaging="zip"))

    assert run(glue_jobs)["JobRunState"] == "RUNNING"


def test_an_asset_outside_the_cloud_assembly_is_refused(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    assembly = tmp_path / "cdk.out"
    assembly.mkdir()
    template = cloud_assembly(assembly, source="../../etc/passwd")

    message = refused(glue_jobs, template)

    assert "resource Job (AWS::Glue::Job): asset abc of Etl.assets.json names '../../etc/passwd', outside the cloud assembly" in message


def test_a_broken_manifest_is_named(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    template = cloud_assembly(tmp_path)
    (tmp_path / "Etl.assets.json").write_text("{")

    assert f"CDK assets manifest {tmp_path / 'Etl.assets.json'}: not valid JSON" in refused(glue_jobs, template)
    (tmp_path / "Etl.assets.json").write_text("[]")
    assert "expected an object with 'files'" in refused(glue_jobs, template)
