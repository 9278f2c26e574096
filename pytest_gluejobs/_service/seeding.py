"""Seeding from a document: every job it defines judged by CreateJob's rules at once, then all of
them stored, or none.

Readers (``_seed``) turn a seed file, a CloudFormation template or a Terraform plan into a ``Seed``;
this is the one place where it is judged and stored, so "every problem at once" and "all or
nothing" hold for every format alike.
"""

from __future__ import annotations

from .._data.clock import now
from .._data.errors import GlueError, SeedFileError
from .._data.shapes import Definition, Job, Seed
from .._data.store import RegionStore, Store
from .._data.text import show
from .model import Problems, has_operation, input_check
from .rules import DEFAULTS, Defaults, check_tags, definition_problems, with_defaults

_NOTHING_LOADED = "; nothing was loaded"


def seed(data: Store, store: RegionStore, seed: Seed) -> list[Job]:
    """Judge every job of ``seed`` and store them all, or raise SeedFileError listing every problem
    (the reader's, the model's, the rules', names taken, the quota) and store nothing."""
    defaults = DEFAULTS[data.settings.defaults]
    problems = list(seed.problems)
    created = now()
    jobs: list[tuple[str, Job, dict[str, str]]] = []
    for definition in seed.jobs:
        judged = _judge(definition, defaults, problems)
        if judged is not None:
            job, tags = judged
            job["CreatedOn"] = job["LastModifiedOn"] = created
            jobs.append((definition.origin, job, tags))
    jobs += [(definition.origin, dict(definition.params), {}) for definition in seed.returned_jobs]
    for definition in seed.triggers:
        _judge_trigger(definition, problems)
    problems += _names_problems(jobs, store)
    if not problems and len(store) + len(jobs) > data.settings.max_jobs:
        problems.append(
            f"{len(jobs)} jobs would bring {store.region} to {len(store) + len(jobs)}, over the "
            f"quota of {data.settings.max_jobs} (glue_jobs.max_jobs){_NOTHING_LOADED}"
        )
    if problems:
        raise SeedFileError(refusal(seed.source, problems))
    for _, job, tags in jobs:
        store.put(job["Name"], job)
        if tags:
            store.tags[job["Name"]] = tags
    return [store.jobs[job["Name"]] for _, job, _ in jobs]


def refusal(source: str, problems: Problems) -> str:
    """The message of a refused document: its one problem, or every problem on a line of its own."""
    if len(problems) == 1:
        return f"{source}: {problems[0]}"
    listed = "\n".join(f"  {problem.removesuffix(_NOTHING_LOADED)}" for problem in problems)
    return f"{source}: {len(problems)} problems{_NOTHING_LOADED}:\n{listed}"


def _judge(definition: Definition, defaults: Defaults, problems: Problems) -> tuple[Job, dict[str, str]] | None:
    """The job CreateJob would store for ``definition``, or None with its problems added."""
    origin, params = definition.origin, definition.params
    found: Problems = []
    input_check("CreateJob", defaults.extra_enums)(params, "", found)
    if found:
        problems += [f"{origin}: {problem}" for problem in found]
        return None
    job_definition = {key: value for key, value in params.items() if key not in ("Name", "Tags")}
    glue_version = params.get("GlueVersion", defaults.glue_version)
    broken = list(definition_problems(job_definition, glue_version, defaults))
    tags = params.get("Tags") or {}
    try:
        check_tags(tags)
    except GlueError as error:
        broken.append(error)
    if broken:
        problems += [f"{origin}: {_said(error)}" for error in broken]
        return None
    return {"Name": params["Name"], **with_defaults(job_definition, glue_version, defaults)}, dict(tags)


def _judge_trigger(definition: Definition, problems: Problems) -> None:
    # Triggers are checked against CreateTrigger's model; they are stored once the fake serves them.
    if has_operation("CreateTrigger"):
        found: Problems = []
        input_check("CreateTrigger")(definition.params, "", found)
        problems += [f"{definition.origin}: {problem}" for problem in found]


def _names_problems(jobs: list[tuple[str, Job, dict[str, str]]], store: RegionStore) -> Problems:
    problems: Problems = []
    first: dict[str, str] = {}
    for origin, job, _ in jobs:
        name = job["Name"]
        about = _about(origin, name)
        if name in first:
            problems.append(f"{about} is also defined by {first[name]}")
            continue
        first[name] = origin
        if name in store.jobs:
            problems.append(
                f"{about} already exists in {store.region} (seeded by a hook, a marker, add_job or "
                f"another file){_NOTHING_LOADED}"
            )
    return problems


def _about(origin: str, name: str) -> str:
    job = f"job {show(name)}"
    return job if origin == job else f"{origin}: {job}"


def _said(error: GlueError) -> str:
    """A rule's refusal on one line: AWS's words, then the values judged."""
    return f"{error.message} ({error.explanation})" if error.explanation else error.message
