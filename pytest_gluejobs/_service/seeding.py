"""Seeding from a document: every job and trigger it defines judged at once, by CreateJob's and
CreateTrigger's own checks, then all of them stored, or none.

Readers (``_seed``) turn a seed file, a CloudFormation template or a Terraform plan into a ``Seed``;
this is the one place where it is judged and stored, so "every problem at once" and "all or
nothing" hold for every format alike. Triggers are stored after the jobs, as a deploy creates them
(an action names its job), and those a deploy starts (StartOnCreation) are ACTIVATED.
"""

from __future__ import annotations

from collections.abc import Container

from .._data.clock import now
from .._data.errors import GlueError, SeedFileError
from .._data.shapes import Definition, Job, Seed, StoredJob, Trigger
from .._data.store import RegionStore, Store
from .._data.text import show
from . import triggers as _triggers
from .model import Problems, input_check
from .rules import DEFAULTS, Defaults, check_tags, definition_problems, with_defaults
from .trigger_rules import definition_problems as trigger_definition_problems

_NOTHING_LOADED = "; nothing was loaded"

#: A trigger judged valid: where it came from, the trigger, its tags.
_Judged = tuple[str, Trigger, dict[str, str]]


def seed(data: Store, store: RegionStore, seed: Seed) -> tuple[list[Job], list[StoredJob]]:
    """Judge every job and trigger of ``seed`` and store them all, or raise SeedFileError listing
    every problem (the reader's, the model's, the rules', names taken, the quotas) and store
    nothing. The jobs and the triggers stored, in wire form."""
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
    # An action may start (a condition watch) a job of the region or of the document itself.
    known_jobs = set(store.jobs).union(
        str(definition.params.get("Name")) for definition in (*seed.jobs, *seed.returned_jobs)
    )
    where = f"in {store.region} or in the document"
    triggers = [
        accepted
        for definition in seed.triggers
        if (accepted := _judge_trigger(definition, known_jobs, where, problems)) is not None
    ]
    triggers += [
        accepted
        for definition in seed.returned_triggers
        if (accepted := _judge_returned_trigger(definition, problems)) is not None
    ]
    problems += _names_problems("job", [(origin, job["Name"]) for origin, job, _ in jobs], store.jobs, store.region)
    problems += _names_problems(
        "trigger", [(origin, trigger.name) for origin, trigger, _ in triggers], store.triggers, store.region
    )
    if not problems:
        problems += _quota_problems("jobs", len(jobs), len(store), data.settings.max_jobs, store.region)
        problems += _quota_problems("triggers", len(triggers), len(store.triggers), data.settings.max_triggers, store.region)
    if problems:
        raise SeedFileError(refusal(seed.source, problems))
    for _, job, tags in jobs:
        store.put(job["Name"], job)
        if tags:
            store.tags[job["Name"]] = tags
    for _, trigger, tags in triggers:
        _triggers.add(data, store, trigger, tags, created)
    return [store.jobs[job["Name"]] for _, job, _ in jobs], [trigger.definition for _, trigger, _ in triggers]


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


def _judge_trigger(definition: Definition, jobs: set[str], where: str, problems: Problems) -> _Judged | None:
    """The trigger CreateTrigger would make of ``definition`` (a template's or a plan's), or None
    with its problems added: the model's constraints, then every rule CreateTrigger applies."""
    origin, params = definition.origin, definition.params
    found: Problems = []
    input_check("CreateTrigger")(params, "", found)
    if found:
        problems += [f"{origin}: {problem}" for problem in found]
        return None
    broken = [f"{origin}: {_said(error)}" for error in _triggers.request_problems(params, jobs, where)]
    if broken:
        problems += broken
        return None
    return origin, _triggers.created(params), dict(params.get("Tags") or {})


def _judge_returned_trigger(definition: Definition, problems: Problems) -> _Judged | None:
    """A trigger as the service returned it (its shape checked by the reader), kept as written if
    its rules hold, so it can be read back and fire; else None with its problems added."""
    origin, params = definition.origin, definition.params
    name = params["Name"]
    trigger = {key: value for key, value in params.items() if key not in ("Name", "Tags")}
    broken = [f"{origin}: {_said(error)}" for error in trigger_definition_problems(name, trigger)]
    if broken:
        problems += broken
        return None
    return origin, _triggers.returned(name, trigger), dict(params.get("Tags") or {})


def _names_problems(noun: str, named: list[tuple[str, str]], taken: Container[str], region: str) -> Problems:
    """A name twice in the document, or already in the region."""
    problems: Problems = []
    first: dict[str, str] = {}
    for origin, name in named:
        about = _about(noun, origin, name)
        if name in first:
            problems.append(f"{about} is also defined by {first[name]}")
            continue
        first[name] = origin
        if name in taken:
            problems.append(
                f"{about} already exists in {region} (seeded by a hook, a marker, add_{noun} or "
                f"another file){_NOTHING_LOADED}"
            )
    return problems


def _quota_problems(nouns: str, count: int, held: int, quota: int, region: str) -> Problems:
    if held + count <= quota:
        return []
    return [
        f"{count} {nouns} would bring {region} to {held + count}, over the quota of {quota} "
        f"(glue_jobs.max_{nouns}){_NOTHING_LOADED}"
    ]


def _about(noun: str, origin: str, name: str) -> str:
    named = f"{noun} {show(name)}"
    return named if origin == named else f"{origin}: {named}"


def _said(error: GlueError) -> str:
    """A rule's refusal on one line: AWS's words, then the values judged."""
    return f"{error.message} ({error.explanation})" if error.explanation else error.message
