"""The rules every stored job must satisfy, written from the issue's list, apart from the fake.

``glue_jobs.jobs()`` gives the jobs as GetJob returns them; these checks say, for each, every
documented rule it breaks. They deliberately do not call the fake's own validation.
"""

from __future__ import annotations

from typing import Any

from pytest_gluejobs import GlueJobs

from .wire_shapes import glue_model, shape_problems

SPARK = ("glueetl", "gluestreaming")
RAY = "glueray"
DPU = {"Standard": 1, "G.025X": 0.25, "G.1X": 1, "G.2X": 2, "G.4X": 4, "G.8X": 8, "Z.2X": 2}
WORKER_LIMITS = {"G.1X": 299, "G.2X": 149, "G.025X": 299}
MAX_TIMEOUT_MINUTES = 10080


def _version(glue_version: str) -> tuple[int, ...] | None:
    parts = glue_version.split(".")
    return tuple(int(part) for part in parts) if all(p.isdigit() for p in parts) else None


def _at_least(glue_version: str, minimum: tuple[int, int]) -> bool:
    version = _version(glue_version)
    return version is not None and version >= minimum


def job_problems(name: str, job: dict[str, Any]) -> list[str]:
    """Every rule the stored job ``name`` (as GetJob returns it) breaks."""
    problems = shape_problems(glue_model().shape_for("Job"), job, name, parsed=True)
    if job.get("Name") != name:
        problems.append(f"{name}: stored under a different Name {job.get('Name')!r}")
    for member in ("Role", "Command", "GlueVersion", "MaxRetries", "ExecutionProperty",
                   "JobMode", "JobRunQueuingEnabled", "CreatedOn", "LastModifiedOn"):
        if member not in job:
            problems.append(f"{name}: {member} missing")
    if problems:
        return problems

    command = job["Command"]
    command_name = command.get("Name")
    if not command_name:
        return [f"{name}: Command.Name is empty"]
    if command_name == "glueetl" and not command.get("ScriptLocation"):
        problems.append(f"{name}: glueetl job without ScriptLocation")
    spark, ray = command_name in SPARK, command_name == RAY
    python_shell = not spark and not ray
    if spark and "PythonVersion" not in command:
        problems.append(f"{name}: Spark job without Command.PythonVersion")

    worker_type, workers = job.get("WorkerType"), job.get("NumberOfWorkers")
    capacity, allocated = job.get("MaxCapacity"), job.get("AllocatedCapacity")
    if (worker_type is None) != (workers is None):
        problems.append(f"{name}: WorkerType {worker_type!r} without NumberOfWorkers {workers!r}")
    elif worker_type is not None and workers is not None:  # both given
        if python_shell:
            problems.append(f"{name}: WorkerType on a Python shell job ({command_name!r})")
        if workers < (2 if spark else 1) or workers > WORKER_LIMITS.get(worker_type, workers):
            problems.append(f"{name}: {workers} workers of {worker_type}")
        if ray != (worker_type == "Z.2X"):
            problems.append(f"{name}: WorkerType {worker_type} on a {command_name} job")
        if capacity != workers * DPU[worker_type]:
            problems.append(f"{name}: MaxCapacity {capacity} is not {workers} x {worker_type}")
    elif ray:
        problems.append(f"{name}: Ray job without WorkerType Z.2X")
    elif python_shell:
        if capacity not in (0.0625, 1.0):
            problems.append(f"{name}: Python shell MaxCapacity {capacity}")
    elif (spark or capacity is not None) and (
        capacity is None or capacity != int(capacity) or not 2 <= capacity <= 100
    ):
        problems.append(f"{name}: Spark/Ray MaxCapacity {capacity}")
    if capacity is not None and allocated != int(capacity):
        problems.append(f"{name}: AllocatedCapacity {allocated} disagrees with MaxCapacity {capacity}")

    if job["MaxRetries"] < 0:
        problems.append(f"{name}: MaxRetries {job['MaxRetries']}")
    if job["ExecutionProperty"].get("MaxConcurrentRuns", 1) < 1:
        problems.append(f"{name}: MaxConcurrentRuns {job['ExecutionProperty']['MaxConcurrentRuns']}")
    timeout = job.get("Timeout")
    if timeout is None and command_name != "gluestreaming":
        problems.append(f"{name}: no Timeout")
    if timeout is not None and not 1 <= timeout <= MAX_TIMEOUT_MINUTES:
        problems.append(f"{name}: Timeout {timeout}")
    if job.get("ExecutionClass") == "FLEX" and (
        command_name != "glueetl" or not _at_least(job["GlueVersion"], (3, 0))
    ):
        problems.append(f"{name}: FLEX for {command_name} {job['GlueVersion']}")
    if job["CreatedOn"] > job["LastModifiedOn"]:
        problems.append(f"{name}: CreatedOn after LastModifiedOn")
    return problems


def tag_problems(name: str, tags: dict[str, str]) -> list[str]:
    problems = shape_problems(glue_model().shape_for("TagsMap"), tags, f"{name} tags")
    problems += [f"{name}: reserved tag key {key!r}" for key in tags if key.lower().startswith("aws:")]
    return problems


def stored_tags(fake: GlueJobs, region: str) -> dict[str, dict[str, str]]:
    """The tags the fake keeps per job name, read from its store rather than through GetTags."""
    with fake.service.lock:
        return {name: dict(tags) for name, tags in fake.service.store(region).tags.items()}


def store_problems(fake: GlueJobs, region: str = "us-east-1") -> list[str]:
    """Every rule broken anywhere in one region of the fake: by each job and by its tags."""
    jobs = fake.jobs(region)
    problems = [problem for name, job in jobs.items() for problem in job_problems(name, job)]
    for name, tags in stored_tags(fake, region).items():
        if name not in jobs:
            problems.append(f"tags kept for {name!r}, which does not exist")
        problems += tag_problems(name, tags)
    return problems
