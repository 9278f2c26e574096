"""The documented rules a job definition must follow, and the defaults the service fills in.

The model (``model``) checks each member on its own; these are the rules between members that
only the service knows, with the service's own words where they were seen (see the README).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from .._data.errors import GlueError, invalid_input
from .._data.options import CURRENT, DOCUMENTED
from .._data.text import show

SPARK_COMMANDS = ("glueetl", "gluestreaming")
RAY_COMMAND = "glueray"
MAX_TIMEOUT = 10080
DEFAULT_MAX_CONCURRENT_RUNS = 1
DEFAULT_SPARK_CAPACITY = 10.0
DEFAULT_PYTHON_SHELL_CAPACITY = 0.0625
PYTHON_SHELL_CAPACITIES = (0.0625, 1.0)
DPU_PER_WORKER = {
    "Standard": 1.0,
    "G.025X": 0.25,
    "G.1X": 1.0,
    "G.2X": 2.0,
    "G.4X": 4.0,
    "G.8X": 8.0,
    "Z.2X": 2.0,
}
# G.1X and G.2X: the API reference; G.025X: the service's answer to StartJobRun
# (aws-samples/cql-replicator#98).
MAX_WORKERS = {"G.1X": 299, "G.2X": 149, "G.025X": 299}
# The worker types Glue's documentation has added since botocore's WorkerType enum was last
# extended (botocore's Job.WorkerType documentation, Glue's "Worker types" page): DPUs per worker,
# M-DPUs for the memory-optimised R types.
NEWER_WORKER_TYPES = {
    "G.12X": 12.0,
    "G.16X": 16.0,
    "R.1X": 1.0,
    "R.2X": 2.0,
    "R.4X": 4.0,
    "R.8X": 8.0,
}
# "This worker type is available only for AWS Glue version 3.0 or later jobs" (the CDK's
# WorkerType documentation of G.12X and G.16X, as of G.4X and G.8X in Glue's API reference).
NEWER_MIN_GLUE_VERSION = {"G.12X": (3, 0), "G.16X": (3, 0)}
# Ray jobs run only on Z.2X workers, and Z.2X workers only run Ray jobs.
RAY_WORKER_TYPE = "Z.2X"
# A Spark job needs a driver and at least one executor: the service refuses fewer workers.
MIN_SPARK_WORKERS = 2
MAX_REPORTED_DPUS = 2**31 - 1
RESERVED_TAG_PREFIX = "aws:"


@dataclass(frozen=True)
class Defaults:
    """What CreateJob fills in and which worker types it knows: Glue's API reference as this
    project follows it (``documented``), or AWS's documentation of today's service (``current``).

    A job's defaults are decided once, by the setting of the fake when the request arrives.
    """

    name: str
    glue_version: str
    #: Timeout for Glue 5.0 and later; None: the one default for every version.
    timeout_from_5: int | None
    dpu_per_worker: dict[str, float]
    #: Enum values the model's check accepts beyond botocore's, by shape name.
    extra_enums: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def timeout(self, glue_version: str) -> int:
        if self.timeout_from_5 is not None and version_at_least(glue_version, (5, 0)):
            return self.timeout_from_5
        return DEFAULT_TIMEOUT


DEFAULT_TIMEOUT = 2880
#: The API reference this project follows: GlueVersion 0.9, Timeout 2,880 minutes.
DOCUMENTED_DEFAULTS = Defaults(DOCUMENTED, "0.9", None, DPU_PER_WORKER)
#: AWS's documentation of today's service (the Jobs API reference, 2026-04/05): GlueVersion 5.1,
#: Timeout 480 minutes for Glue 5.0 and later, and the newer worker types.
CURRENT_DEFAULTS = Defaults(
    CURRENT,
    "5.1",
    480,
    {**DPU_PER_WORKER, **NEWER_WORKER_TYPES},
    (("WorkerType", tuple(NEWER_WORKER_TYPES)),),
)
DEFAULTS = {DOCUMENTED: DOCUMENTED_DEFAULTS, CURRENT: CURRENT_DEFAULTS}


def command_kind(command_name: str) -> str:
    """'spark', 'ray' or 'pythonshell': the service runs unknown command names as Python shell."""
    if command_name in SPARK_COMMANDS:
        return "spark"
    if command_name == RAY_COMMAND:
        return "ray"
    return "pythonshell"


# The LogGroupName a run reports (without a SecurityConfiguration): its logs go to the groups it
# names with "/output" and "/error" added. Python shell runs log to their own groups, as the AWS
# Glue developer guide's workflow-run example and aws-cdk's Python shell integration test
# (packages/@aws-cdk/aws-glue-alpha/test/integ.job-python-shell.ts) show.
SPARK_LOG_GROUP = "/aws-glue/jobs"
PYTHON_SHELL_LOG_GROUP = "/aws-glue/python-jobs"


def log_group_name(command_name: object) -> str:
    """The LogGroupName of a run of a job whose ``Command.Name`` is ``command_name``."""
    if isinstance(command_name, str) and command_kind(command_name) == "pythonshell":
        return PYTHON_SHELL_LOG_GROUP
    return SPARK_LOG_GROUP


@functools.lru_cache(maxsize=256)  # every CreateJob asks, of a handful of versions
def version_at_least(glue_version: str, minimum: tuple[int, int]) -> bool:
    """Compare a GlueVersion such as '4.0'; a non-numeric version is never 'at least' anything."""
    parts = glue_version.split(".")
    if not all(part.isdigit() for part in parts):
        return False
    return tuple(int(part) for part in parts) >= minimum


def check_definition(
    definition: dict[str, Any], glue_version: str, defaults: Defaults = DOCUMENTED_DEFAULTS
) -> None:
    """Raise InvalidInputException for the first cross-member rule ``definition`` breaks."""
    problems = definition_problems(definition, glue_version, defaults)
    if problems:
        raise problems[0]


def definition_problems(
    definition: dict[str, Any], glue_version: str, defaults: Defaults = DOCUMENTED_DEFAULTS
) -> list[GlueError]:
    """Every cross-member rule ``definition`` breaks, as the InvalidInputException of each, in the
    order the service is taken to judge them (CreateJob answers with the first). A list, not a
    generator: every request runs every rule, and plain calls cost it less than a chain of them."""
    problems: list[GlueError] = []
    command = definition["Command"]
    command_name = command.get("Name")
    if not command_name:
        problems.append(
            invalid_input(
                "Command name should not be null or empty",
                f"Command.Name is {show(command_name)}: give the job's kind, e.g. 'glueetl' or 'pythonshell'",
            )
        )
        return problems  # every other rule depends on the job's kind
    kind = command_kind(command_name)
    if command_name == "glueetl" and not command.get("ScriptLocation"):
        problems.append(
            invalid_input(
                "Script location cannot be null or empty for glueetl command",
                "a glueetl job needs Command.ScriptLocation, the S3 path of its script",
            )
        )
    _worker_problems(definition, command_name, kind, glue_version, defaults, problems)

    timeout = timeout_problem(definition.get("Timeout"))
    if timeout is not None:
        problems.append(timeout)
    retries = definition.get("MaxRetries")
    if retries is not None and retries < 0:
        problems.append(invalid_input(f"MaxRetries {retries} is below the minimum of 0"))
    concurrent = (definition.get("ExecutionProperty") or {}).get("MaxConcurrentRuns")
    if concurrent is not None and concurrent < 1:
        problems.append(
            invalid_input(
                f"ExecutionProperty.MaxConcurrentRuns {concurrent} is below the minimum of 1: "
                "the job could never run"
            )
        )
    if definition.get("ExecutionClass") == "FLEX" and (
        command_name != "glueetl" or not version_at_least(glue_version, (3, 0))
    ):
        problems.append(
            invalid_input(
                "ExecutionClass FLEX is only allowed for glueetl jobs with GlueVersion 3.0 or later; "
                f"got Command.Name {command_name!r} and GlueVersion {glue_version!r}"
            )
        )
    return problems


def timeout_problem(timeout: int | None) -> GlueError | None:
    """What is wrong with a job's, a run's or a trigger action's Timeout: at most 7 days, as
    documented."""
    if timeout is not None and timeout > MAX_TIMEOUT:
        return invalid_input(f"Timeout {timeout} exceeds the maximum of {MAX_TIMEOUT} minutes (7 days)")
    return None


def _worker_problems(
    definition: dict[str, Any],
    command_name: str,
    kind: str,
    glue_version: str,
    defaults: Defaults,
    problems: list[GlueError],
) -> None:
    worker_type = definition.get("WorkerType")
    workers = definition.get("NumberOfWorkers")
    max_capacity = definition.get("MaxCapacity")
    allocated = definition.get("AllocatedCapacity")
    if worker_type is not None and kind == "pythonshell":
        problems.append(
            invalid_input(
                f"Worker Type is not supported for Job Command {command_name}",
                f"got WorkerType {show(worker_type)}; a Python shell job sizes itself with MaxCapacity "
                "0.0625 or 1",
            )
        )
    if kind == "ray" and worker_type != RAY_WORKER_TYPE:
        problems.append(
            invalid_input(
                "Worker type cannot be null and only [Z.2X] worker types are supported for glueray jobs",
                f"got WorkerType {show(worker_type)}",
            )
        )
    if kind == "spark" and worker_type == RAY_WORKER_TYPE:
        problems.append(
            invalid_input(
                f"Worker type Z.2X is only supported for glueray jobs, not for Job Command {command_name}",
            )
        )
    if worker_type in NEWER_WORKER_TYPES and kind == "ray":
        problems.append(
            invalid_input(
                f"Worker type {worker_type} is only supported for Spark jobs (glueetl, gluestreaming), "
                f"not for Job Command {command_name}"
            )
        )
    minimum = NEWER_MIN_GLUE_VERSION.get(worker_type) if isinstance(worker_type, str) else None
    if minimum is not None and kind == "spark" and not version_at_least(glue_version, minimum):
        problems.append(
            invalid_input(
                f"Worker type {worker_type} is only available for GlueVersion "
                f"{minimum[0]}.{minimum[1]} or later; got GlueVersion {glue_version!r}"
            )
        )
    if (worker_type is None) != (workers is None):
        problems.append(
            invalid_input(
                "Please set both Worker Type and Number of Workers.",
                f"got WorkerType {show(worker_type)} and NumberOfWorkers {show(workers)}",
            )
        )
    if worker_type is not None and workers is not None:
        _workers_problems(worker_type, workers, kind, max_capacity, allocated, defaults, problems)
    if max_capacity is not None and allocated is not None:
        problems.append(
            invalid_input(
                "Please set only Allocated Capacity or Max Capacity.",
                f"got AllocatedCapacity {allocated!r} and MaxCapacity {max_capacity!r}",
            )
        )
    elif worker_type is None:
        capacity = max_capacity if max_capacity is not None else allocated
        if capacity is not None:
            member = "MaxCapacity" if max_capacity is not None else "AllocatedCapacity"
            _capacity_problems(member, capacity, command_name, kind, problems)


def _workers_problems(
    worker_type: str,
    workers: int,
    kind: str,
    max_capacity: Any,
    allocated: Any,
    defaults: Defaults,
    problems: list[GlueError],
) -> None:
    if workers < 1:
        problems.append(invalid_input(f"NumberOfWorkers {workers} is below the minimum of 1"))
    elif kind == "spark" and workers < MIN_SPARK_WORKERS:
        problems.append(
            invalid_input(
                f"To use Worker Type {worker_type}, minimum allowed value of Number of Workers "
                f"is {MIN_SPARK_WORKERS}."
            )
        )
    limit = MAX_WORKERS.get(worker_type)
    if limit is not None and workers > limit:
        # The service's words, seen at StartJobRun (aws-samples/cql-replicator#98).
        problems.append(
            invalid_input(
                f"To use Worker Type {worker_type}, maximum allowed value of Number of Workers is {limit}.",
                f"got NumberOfWorkers {workers}",
            )
        )
    dpus = workers * defaults.dpu_per_worker.get(worker_type, 1.0)
    if dpus > MAX_REPORTED_DPUS:
        # The job reports its capacity as AllocatedCapacity, a 32-bit integer.
        problems.append(
            invalid_input(
                f"NumberOfWorkers {workers} of WorkerType {worker_type} come to {dpus:.0f} DPUs, "
                f"more than the maximum of {MAX_REPORTED_DPUS} a job can report"
            )
        )
    if max_capacity is not None:
        problems.append(
            invalid_input(
                "Please do not set Max Capacity if using Worker Type and Number of Workers.",
                f"got MaxCapacity {max_capacity!r} with WorkerType {worker_type} and "
                f"NumberOfWorkers {workers}",
            )
        )
    if allocated is not None:
        problems.append(
            invalid_input(
                "Please do not set Allocated Capacity if using Worker Type and Number of Workers",
                f"got AllocatedCapacity {allocated!r} with WorkerType {worker_type} and "
                f"NumberOfWorkers {workers}",
            )
        )


def _capacity_problems(
    member: str, capacity: float, command_name: str, kind: str, problems: list[GlueError]
) -> None:
    """Capacity without workers. For Spark jobs the service accepts it at every GlueVersion and
    runs the job on Standard workers, though the API reference says Glue 2.0+ jobs cannot specify
    it (the evidence is in the documentation's table of choices)."""
    if kind == "pythonshell":
        if float(capacity) not in PYTHON_SHELL_CAPACITIES:
            problems.append(
                invalid_input(
                    f"{member} {capacity!r} is not valid for Job Command {command_name}: "
                    "a Python shell job takes 0.0625 or 1"
                )
            )
        return
    if float(capacity) != int(capacity) or not 2 <= capacity <= 100:
        problems.append(
            invalid_input(
                f"{member} {capacity!r} is not valid for Job Command {command_name}: "
                "use a whole number of DPUs from 2 to 100"
            )
        )


def check_tags(tags: dict[str, str]) -> None:
    """Tag keys with the reserved ``aws:`` prefix are refused (the model's sizes are checked apart)."""
    for key in tags:
        if key.lower().startswith(RESERVED_TAG_PREFIX):
            raise invalid_input(
                f"Tag key {show(key)} is not allowed: the prefix 'aws:' is reserved for AWS use"
            )


def with_defaults(
    definition: dict[str, Any], glue_version: str, defaults: Defaults = DOCUMENTED_DEFAULTS
) -> dict[str, Any]:
    """The definition as the service stores it: every default of ``defaults`` filled in."""
    return fill_defaults(dict(definition), glue_version, defaults)


def fill_defaults(
    job: dict[str, Any], glue_version: str, defaults: Defaults = DOCUMENTED_DEFAULTS
) -> dict[str, Any]:
    """``with_defaults`` on a job the caller made for it: filled in place (its nested members are
    replaced, never changed), and returned."""
    command = dict(job["Command"])
    job["Command"] = command
    kind = command_kind(command["Name"])
    job["GlueVersion"] = glue_version
    job.setdefault("JobMode", "SCRIPT")
    job.setdefault("JobRunQueuingEnabled", False)
    execution = dict(job.get("ExecutionProperty") or {})
    execution.setdefault("MaxConcurrentRuns", DEFAULT_MAX_CONCURRENT_RUNS)
    job["ExecutionProperty"] = execution
    job.setdefault("MaxRetries", 0)
    if "Timeout" not in job and command["Name"] != "gluestreaming":
        # A streaming job was seen without a Timeout (aws-cli's get-job example). The default is
        # worked out only for a job that takes it.
        job["Timeout"] = defaults.timeout(glue_version)
    if kind == "spark" and "PythonVersion" not in command:
        command["PythonVersion"] = "3" if version_at_least(glue_version, (2, 0)) else "2"

    worker_type = job.get("WorkerType")
    if worker_type is not None:
        capacity = job["NumberOfWorkers"] * defaults.dpu_per_worker.get(worker_type, 1.0)
    elif "MaxCapacity" in job:
        capacity = job["MaxCapacity"]
    elif "AllocatedCapacity" in job:
        capacity = job["AllocatedCapacity"]
    elif kind == "pythonshell":
        capacity = DEFAULT_PYTHON_SHELL_CAPACITY
    elif kind == "spark":
        capacity = DEFAULT_SPARK_CAPACITY
    else:
        return job
    job["MaxCapacity"] = float(capacity)
    job["AllocatedCapacity"] = int(capacity)
    return job


def naming_job(name: str, error: GlueError) -> GlueError:
    """A rule's error naming the job: in its explanation when the message is AWS's own words
    (kept verbatim), else in the message."""
    if error.explanation is not None:
        return invalid_input(error.message, f"Job {show(name)}: {error.explanation}")
    return invalid_input(f"Job {show(name)}: {error.message}")


# -- source control ------------------------------------------------------------------------------

#: The providers outside AWS: the repository belongs to an owner and is reached with a token.
HOSTED_PROVIDERS = ("GITHUB", "GITLAB", "BITBUCKET")


def check_source_control(details: dict[str, Any]) -> None:
    """The rules a job's SourceControlDetails must keep to be synchronised, first broken first.

    ``details`` are the job's SourceControlDetails with the request's members laid over them.
    The operations sync "the remote repository that is configured on the job" (their API
    reference), so it must be named; a BitBucket RepositoryName is "<WorkspaceName>/<RepositoryName>"
    (the model's documentation); GitHub, GitLab and BitBucket repositories have an owner and need a
    personal access token or a Secrets Manager secret holding one, where CodeCommit uses the
    caller's IAM identity (Glue's guide to Git integration). AuthStrategy says what AuthToken is,
    so neither comes without the other.
    """
    provider = details.get("Provider")
    repository = details.get("Repository")
    if provider is None or repository is None:
        missing = [
            member
            for member, value in (("Provider", provider), ("RepositoryName", repository))
            if value is None
        ]
        verb = "are" if len(missing) > 1 else "is"
        raise invalid_input(
            f"{' and '.join(missing)} {verb} required: the job's SourceControlDetails name no "
            "repository, so the request must"
        )
    if provider == "BITBUCKET":
        workspace, _, name = repository.partition("/")
        if not workspace or not name:
            raise invalid_input(
                f"RepositoryName {show(repository)} is not valid for Provider BITBUCKET: use "
                "'<WorkspaceName>/<RepositoryName>'"
            )
    strategy, token = details.get("AuthStrategy"), details.get("AuthToken")
    if strategy is not None and token is None:
        raise invalid_input(
            f"AuthStrategy {strategy} needs an AuthToken (the personal access token, or the "
            "Secrets Manager secret holding it); got none"
        )
    if token is not None and strategy is None:
        raise invalid_input(
            "AuthToken needs an AuthStrategy saying what it is: PERSONAL_ACCESS_TOKEN or "
            "AWS_SECRETS_MANAGER; got none"
        )
    if provider in HOSTED_PROVIDERS:
        if details.get("Owner") is None:
            raise invalid_input(f"RepositoryOwner is required for Provider {provider}; got none")
        if token is None:
            raise invalid_input(
                f"Provider {provider} needs AuthStrategy and AuthToken (a personal access token, "
                "or a Secrets Manager secret holding one); got neither"
            )
