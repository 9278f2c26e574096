"""CloudFormation templates: every AWS::Glue::Job becomes a job by CreateJob's rules, its members
mapped as the resource reference documents them, its intrinsics resolved as a deploy would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pytest_gluejobs import GlueJobs, SeedFileError

ROLE = "arn:aws:iam::123456789012:role/etl"
SPARK = {"Name": "glueetl", "ScriptLocation": "s3://b/nightly.py"}


def write(folder: Path, resources: dict[str, Any], name: str = "stack.json", **sections: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps({"Resources": resources, **sections}))
    return path


def job(**properties: Any) -> dict[str, Any]:
    return {"Type": "AWS::Glue::Job", "Properties": {"Role": ROLE, "Command": SPARK, **properties}}


def refused(glue_jobs: GlueJobs, path: Path, **options: Any) -> str:
    with pytest.raises(SeedFileError) as error:
        glue_jobs.load(path, **options)
    assert glue_jobs.jobs() == {}
    return str(error.value)


def test_members_map_to_create_job_and_defaults_are_filled_in(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(tmp_path, {"Nightly": job(
        Name="nightly", Description="d", GlueVersion="4.0", WorkerType="G.2X", NumberOfWorkers=4,
        MaxRetries="2", Timeout=60.0, ExecutionProperty={"MaxConcurrentRuns": "3"},
        NotificationProperty={"NotifyDelayAfter": 5}, Connections={"Connections": ["vpc"]},
        DefaultArguments={"--a": "1"}, NonOverridableArguments='{"--b": "2"}', Tags='{"team": "data"}',
        ExecutionClass="STANDARD", JobMode="SCRIPT", JobRunQueuingEnabled="true", MaintenanceWindow="Sun:1",
        SecurityConfiguration="sc",
    )})

    loaded = glue_jobs.load(path)

    nightly = loaded["nightly"]
    assert nightly["MaxRetries"] == 2 and nightly["Timeout"] == 60  # text and floats made integers
    assert nightly["ExecutionProperty"] == {"MaxConcurrentRuns": 3}
    assert nightly["JobRunQueuingEnabled"] is True
    assert nightly["NonOverridableArguments"] == {"--b": "2"}  # Json type: a string holding JSON
    assert (nightly["MaxCapacity"], nightly["AllocatedCapacity"]) == (8.0, 8)  # the defaults a job got
    assert nightly["Command"]["PythonVersion"] == "3"
    assert glue_jobs.jobs()["nightly"] == nightly
    assert list(glue_jobs.jobs()) == ["nightly"]


def test_tags_are_kept_apart_from_the_job(glue_jobs: GlueJobs, glue: Any, tmp_path: Path) -> None:
    glue_jobs.load(write(tmp_path, {"Nightly": job(Name="nightly", Tags={"team": "data"})}))

    assert glue.list_jobs(Tags={"team": "data"})["JobNames"] == ["nightly"]
    assert "Tags" not in glue.get_job(JobName="nightly")["Job"]


def test_intrinsics_resolve_as_a_deploy_would(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {
            "Role": {"Type": "AWS::IAM::Role", "Properties": {"RoleName": {"Fn::Sub": "etl-${Env}"}, "Path": "/glue/"}},
            "Bucket": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": "scripts"}},
            "Key": {"Type": "AWS::KMS::Key"},
            "Nightly": {"Type": "AWS::Glue::Job", "Properties": {
                "Name": {"Fn::Join": ["-", [{"Ref": "AWS::StackName"}, {"Fn::Select": [1, {"Fn::Split": [",", "a,nightly"]}]}]]},
                "Role": {"Fn::GetAtt": ["Role", "Arn"]},
                "Command": {"Name": "glueetl", "ScriptLocation": {"Fn::Sub": ["s3://${B}/${AWS::Region}/${!Literal}.py", {"B": {"Ref": "Bucket"}}]}},
                "DefaultArguments": {
                    "--role-name": {"Ref": "Role"},
                    "--bucket-arn": {"Fn::GetAtt": "Bucket.Arn"},
                    "--key": {"Fn::GetAtt": ["Key", "Arn"]},
                    "--size": {"Fn::FindInMap": ["Sizes", {"Ref": "Env"}, "Workers"]},
                    "--account": {"Fn::Sub": "${AWS::AccountId}:${AWS::Partition}:${AWS::URLSuffix}"},
                    "--gone": {"Ref": "AWS::NoValue"},
                    "--az": {"Fn::Select": ["0", {"Fn::GetAZs": ""}]},
                    "--b64": {"Fn::Base64": "hi"},
                    "--json": {"Fn::ToJsonString": {"a": [1]}},
                },
                "Description": {"Fn::If": ["IsProd", "production", {"Ref": "AWS::NoValue"}]},
            }},
        },
        name="etl.template.json",
        Parameters={"Env": {"Type": "String", "Default": "dev"}},
        Mappings={"Sizes": {"dev": {"Workers": "2"}}},
        Conditions={"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}},
    )
    glue_jobs.account_id = "111122223333"

    job_ = glue_jobs.load(path, region="eu-west-1")["etl-nightly"]

    assert job_["Role"] == "arn:aws:iam::111122223333:role/glue/etl-dev"
    assert job_["Command"]["ScriptLocation"] == "s3://scripts/eu-west-1/${Literal}.py"
    assert job_["DefaultArguments"] == {
        "--role-name": "etl-dev",
        "--bucket-arn": "arn:aws:s3:::scripts",
        "--key": "arn:aws:kms:eu-west-1:111122223333:key/Key",
        "--size": "2",
        "--account": "111122223333:aws:amazonaws.com",
        "--az": "eu-west-1a",
        "--b64": "aGk=",
        "--json": '{"a":[1]}',
    }
    assert "Description" not in job_  # Fn::If chose AWS::NoValue


def test_parameters_given_to_load_win_over_defaults(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {"Nightly": job(Name={"Fn::Sub": "${Env}-nightly"}, NumberOfWorkers={"Ref": "Workers"}, WorkerType="G.1X", GlueVersion="4.0")},
        Parameters={"Env": {"Type": "String", "Default": "dev"}, "Workers": {"Type": "Number", "Default": 2}},
    )

    loaded = glue_jobs.load(path, parameters={"Env": "prod", "Workers": 20})

    assert loaded["prod-nightly"]["NumberOfWorkers"] == 20


def test_a_job_without_name_is_named_by_its_logical_id(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(tmp_path, {
        "NightlyJob1A2B3C": job(),
        "Trigger": {"Type": "AWS::Glue::Trigger", "Properties": {"Type": "ON_DEMAND", "Actions": [{"JobName": {"Ref": "NightlyJob1A2B3C"}}]}},
    })

    assert list(glue_jobs.load(path)) == ["NightlyJob1A2B3C"]


def test_a_resource_whose_condition_is_false_is_left_out(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {"Nightly": job(Name="nightly"), "Prod": {**job(Name="prod"), "Condition": "IsProd"}},
        Parameters={"Env": {"Type": "String", "Default": "dev"}},
        Conditions={
            "IsProd": {"Fn::And": [{"Fn::Equals": [{"Ref": "Env"}, "prod"]}, {"Fn::Not": [{"Condition": "IsDev"}]}]},
            "IsDev": {"Fn::Or": [{"Fn::Equals": [{"Ref": "Env"}, "dev"]}, {"Fn::Equals": ["a", "b"]}]},
        },
    )

    assert list(glue_jobs.load(path)) == ["nightly"]


def test_other_resources_are_not_judged(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(tmp_path, {
        "Nightly": job(Name="nightly"),
        "Odd": {"Type": "Custom::Thing", "Properties": {"X": {"Fn::ImportValue": "other-stack"}}},
        "Weird": "not a mapping",
    }, Parameters={"Unused": {"Type": "String"}})

    assert list(glue_jobs.load(path)) == ["nightly"]


def test_a_serverless_stack_and_unknown_sections_load(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {"ServerlessDeploymentBucket": {"Type": "AWS::S3::Bucket"}, "EtlGlueJob": job(Name="svc-dev-etl")},
        name="cloudformation-template-update-stack.json",
        AWSTemplateFormatVersion="2010-09-09",
        Outputs={"ServerlessDeploymentBucketName": {"Value": {"Ref": "ServerlessDeploymentBucket"}}},
    )

    assert list(glue_jobs.load(path)) == ["svc-dev-etl"]


def test_the_current_defaults_apply_to_template_jobs(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.defaults = "current"

    loaded = glue_jobs.load(write(tmp_path, {"Big": job(Name="big", WorkerType="G.12X", NumberOfWorkers=2)}))

    assert (loaded["big"]["GlueVersion"], loaded["big"]["Timeout"], loaded["big"]["MaxCapacity"]) == ("5.1", 480, 24.0)


def test_a_yaml_template_reads_every_short_tag(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(
        "AWSTemplateFormatVersion: 2010-09-09\n"
        "Parameters:\n  Env: {Type: String, Default: dev}\n"
        "Conditions:\n  IsDev: !Equals [!Ref Env, dev]\n"
        "Resources:\n"
        "  Role: {Type: AWS::IAM::Role, Properties: {RoleName: etl}}\n"
        "  Nightly:\n    Type: AWS::Glue::Job\n    Properties:\n"
        "      Name: !Join ['-', [!Ref Env, !Select [0, !Split [',', 'nightly,x']]]]\n"
        "      Role: !GetAtt Role.Arn\n"
        "      Description: !If [IsDev, !Sub '${Env} job', !Ref AWS::NoValue]\n"
        "      Command: {Name: glueetl, ScriptLocation: !Sub 's3://b/${AWS::Region}.py'}\n"
        "      DefaultArguments: {--when: 2024-05-01, --arn: !GetAtt [Role, Arn], --n: !Base64 x}\n"
    )

    loaded = glue_jobs.load(path)["dev-nightly"]

    assert loaded["Role"] == "arn:aws:iam::123456789012:role/etl"
    assert loaded["Description"] == "dev job"
    assert loaded["DefaultArguments"] == {"--when": "2024-05-01", "--arn": loaded["Role"], "--n": "eA=="}


# -- what a deploy would refuse: every problem named, nothing loaded -----------------------------


def test_a_parameter_with_no_default_and_no_value(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(tmp_path, {"Nightly": job(Name={"Fn::Sub": "${Env}-nightly"})}, Parameters={"Env": {"Type": "String"}})

    assert refused(glue_jobs, path) == (
        f"CloudFormation template {path}: resource Nightly (AWS::Glue::Job): Ref to parameter Env, which has no "
        "Default and no value was given: load(path, parameters={'Env': ...})"
    )


@pytest.mark.parametrize(
    ("parameters", "problem"),
    [
        ({"Enviroment": "prod"}, "the template declares no parameter 'Enviroment' (did you mean 'Environment'?)"),
        ({"Environment": "test"}, "parameter Environment = 'test' is not one of its AllowedValues ['dev', 'prod']"),
        ({"Environment": {"x": 1}}, "a parameter's value is text, a number or a list of them"),
        ({"Environment": True}, "a parameter's value is text, a number or a list of them"),
    ],
)
def test_parameters_the_template_refuses(glue_jobs: GlueJobs, tmp_path: Path, parameters: dict[str, Any], problem: str) -> None:
    path = write(tmp_path, {"Nightly": job(Name="n")}, Parameters={"Environment": {"Type": "String", "AllowedValues": ["dev", "prod"], "Default": "dev"}})

    assert problem in refused(glue_jobs, path, parameters=parameters)


def test_an_ssm_parameter_needs_a_value(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(
        tmp_path, {"Nightly": job(Name={"Ref": "JobName"})},
        Parameters={"JobName": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/etl/name"}},
    )

    assert "is read from SSM Parameter Store at deploy ('/etl/name')" in refused(glue_jobs, path)
    assert list(glue_jobs.load(path, parameters={"JobName": "from-ssm"})) == ["from-ssm"]


def test_circular_references_are_named(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(tmp_path, {
        "A": job(Name={"Fn::Sub": "${B}-a"}),
        "B": job(Name={"Fn::Sub": "${A}-b"}),
        "Self": job(Name="self", DefaultArguments={"--me": {"Fn::Sub": "${Self}"}}),
    })

    message = refused(glue_jobs, path)

    assert "resource A (AWS::Glue::Job): circular dependency between resources: A -> B -> A" in message
    assert "resource B (AWS::Glue::Job): circular dependency between resources: B -> A -> B" in message
    assert "resource Self (AWS::Glue::Job): circular dependency between resources: Self -> Self" in message


@pytest.mark.parametrize(
    ("properties", "problem"),
    [
        ({"Name": {"Ref": "Nope"}}, "Ref to Nope, which is neither a parameter nor a resource of the template"),
        ({"Name": {"Ref": "AWS::Regoin"}}, "AWS::Regoin is not a pseudo parameter (did you mean 'AWS::Region'?)"),
        ({"Name": {"Fn::ImportValue": "shared-name"}}, "Fn::ImportValue 'shared-name': another stack's export"),
        ({"Name": {"Fn::GetAtt": ["Bucket", "WebsiteURL"]}}, "Fn::GetAtt Bucket.WebsiteURL: the WebsiteURL of a AWS::S3::Bucket is known only once"),
        ({"Name": {"Fn::Select": [5, ["a"]]}}, "Fn::Select: index 5 is outside the list ['a']"),
        ({"Name": {"Fn::Cidr": ["10.0.0.0/16", 1, 8]}}, "Fn::Cidr is not a function this reader resolves"),
        ({"Name": {"Fn::If": ["Missing", "a", "b"]}}, "condition 'Missing' is not in the Conditions section"),
        ({"Name": {"Fn::Sub": "${AWS::NotificationARNs}"}}, "Fn::Sub ${AWS::NotificationARNs} stands for [], not text"),
        ({"DefaultArguments": "{not json"}, "DefaultArguments is a string that is not JSON"),
        ({"Name": "n", "Decription": "d"}, "Unknown member 'Decription' (did you mean 'Description'?)"),
        ({"Name": "n", "Timeout": "soon"}, "Value 'soon' at 'Timeout' must be an integer"),
    ],
)
def test_values_a_deploy_could_not_resolve(glue_jobs: GlueJobs, tmp_path: Path, properties: dict[str, Any], problem: str) -> None:
    path = write(tmp_path, {"Nightly": job(**properties), "Bucket": {"Type": "AWS::S3::Bucket"}})

    message = refused(glue_jobs, path)

    assert message.startswith(f"CloudFormation template {path}: resource Nightly (AWS::Glue::Job): ")
    assert problem in message


def test_every_problem_of_every_job_is_listed_at_once(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.add_job("taken")
    path = write(tmp_path, {
        "Good": job(Name="good"),
        "Taken": job(Name="taken"),
        "Twice": job(Name="good"),
        "Workers": job(Name="workers", WorkerType="G.1X", NumberOfWorkers=300, MaxCapacity=10, Timeout=99999),
        "Model": job(Name="model", WorkerType="G.99X", NumberOfWorkers=2, Description="d" * 2049),
    })

    with pytest.raises(SeedFileError) as error:
        glue_jobs.load(path)

    lines = str(error.value).splitlines()
    assert lines[0] == f"CloudFormation template {path}: 7 problems; nothing was loaded:"
    assert lines[1:] == [
        "  resource Workers (AWS::Glue::Job): To use Worker Type G.1X, maximum allowed value of Number of Workers is 299. (got NumberOfWorkers 300)",
        "  resource Workers (AWS::Glue::Job): Please do not set Max Capacity if using Worker Type and Number of Workers. (got MaxCapacity 10 with WorkerType G.1X and NumberOfWorkers 300)",
        "  resource Workers (AWS::Glue::Job): Timeout 99999 exceeds the maximum of 10080 minutes (7 days)",
        "  resource Model (AWS::Glue::Job): Value 'G.99X' at 'WorkerType' failed to satisfy constraint: Member must satisfy enum value set: [Standard, G.1X, G.2X, G.025X, G.4X, G.8X, Z.2X]",
        "  resource Model (AWS::Glue::Job): Value " + repr("d" * 40 + "…") + " (2049 characters) at 'Description' failed to satisfy constraint: Member must have length less than or equal to 2048",
        "  resource Taken (AWS::Glue::Job): job 'taken' already exists in us-east-1 (seeded by a hook, a marker, add_job or another file)",
        "  resource Twice (AWS::Glue::Job): job 'good' is also defined by resource Good (AWS::Glue::Job)",
    ]
    assert list(glue_jobs.jobs()) == ["taken"]


def test_too_many_jobs_for_the_quota(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    glue_jobs.max_jobs = 1
    path = write(tmp_path, {"A": job(Name="a"), "B": job(Name="b")})

    assert refused(glue_jobs, path).endswith("2 jobs would bring us-east-1 to 2, over the quota of 1 (glue_jobs.max_jobs); nothing was loaded")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ({"Resources": []}, "not a CloudFormation template: it has no Resources section (a mapping)"),
        ({"AWSTemplateFormatVersion": "2010-09-09"}, "not a CloudFormation template: it has no Resources section (a mapping)"),
    ],
)
def test_templates_that_are_not_templates(glue_jobs: GlueJobs, tmp_path: Path, content: Any, problem: str) -> None:
    path = tmp_path / "stack.json"
    path.write_text(json.dumps(content))

    assert refused(glue_jobs, path) == f"CloudFormation template {path}: {problem}"


def test_a_json_document_of_no_known_kind(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = tmp_path / "stack.json"
    path.write_text(json.dumps({"Resource": {}}))

    assert "(or `get-triggers` output, a CloudFormation template, or `terraform show -json` output); got an object with keys 'Resource'" in refused(glue_jobs, path)


def test_the_format_can_be_given(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(tmp_path, {"Nightly": job(Name="nightly")})

    assert "not `terraform show -json` output" in refused(glue_jobs, path, format="terraform")
    with pytest.raises(ValueError, match=r"format='cfn' is not one of 'get-jobs', 'get-triggers', 'cloudformation', 'terraform'"):
        glue_jobs.load(path, format="cfn")
    assert list(glue_jobs.load(path, format="cloudformation")) == ["nightly"]


def test_parameters_are_for_templates_only(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = tmp_path / "jobs.json"
    path.write_text(json.dumps({"Jobs": []}))

    with pytest.raises(ValueError, match="parameters are a CloudFormation template's; this file is a seed file"):
        glue_jobs.load(path, parameters={"Env": "dev"})
    with pytest.raises(TypeError, match="parameters must be a dict"):
        glue_jobs.load(path, parameters=["Env"])  # type: ignore[arg-type]


def test_a_failed_load_can_be_fixed_and_retried(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(tmp_path, {"Nightly": job(Name={"Ref": "Env"})}, Parameters={"Env": {"Type": "String"}})
    with pytest.raises(SeedFileError):
        glue_jobs.load(path)

    assert list(glue_jobs.load(path, parameters={"Env": "nightly"})) == ["nightly"]


def test_a_name_removed_by_no_value_is_the_logical_id(glue_jobs: GlueJobs, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        {"Nightly": job(Name={"Fn::If": ["Named", "nightly", {"Ref": "AWS::NoValue"}]}),
         "Weekly": job(DefaultArguments={"--other": {"Ref": "Nightly"}})},
        Conditions={"Named": {"Fn::Equals": ["a", "b"]}},
    )

    loaded = glue_jobs.load(path)

    assert sorted(loaded) == ["Nightly", "Weekly"]
    assert loaded["Weekly"]["DefaultArguments"] == {"--other": "Nightly"}
