"""``awsglue.job.Job``: ``init`` and ``commit``, which carry the job's bookmarks.

``init(job_name, args)`` reads the job's bookmark state as committed runs left it (or, with
``job-bookmark-pause`` and ``--job-bookmark-from``/``--job-bookmark-to``, the states two runs
left); ``commit()`` records what this run's bookmarked sources read, which the job's bookmark
takes on when the run SUCCEEDS. A run that called ``init`` and never commits leaves the bookmark
as it was (AWS's guide to job bookmarks).
"""

from __future__ import annotations

from typing import Any

from .._spark import bookmarks, run
from .._spark.bookmarks import Bookmarks


class Job:
    @classmethod
    def continuation_options(cls) -> list[str]:
        return ["--continuation-option", "continuation-enabled", "continuation-readonly", "continuation-ignore"]

    @classmethod
    def job_bookmark_options(cls) -> list[str]:
        return ["--job-bookmark-option", *bookmarks.OPTIONS]

    @classmethod
    def job_bookmark_range_options(cls) -> list[str]:
        return ["--job-bookmark-from", "--job-bookmark-to"]

    @classmethod
    def id_params(cls) -> list[str]:
        return ["--JOB_NAME", "--JOB_ID", "--JOB_RUN_ID", "--SECURITY_CONFIGURATION"]

    @classmethod
    def encryption_type_options(cls) -> list[str]:
        return ["--encryption-type", "sse-s3"]

    @classmethod
    def data_lineage_options(cls) -> list[str]:
        return ["--enable-data-lineage"]

    def __init__(self, glue_context: Any) -> None:
        from .context import GlueContext

        if not isinstance(glue_context, GlueContext):
            raise TypeError(f"Job takes a GlueContext, got {type(glue_context).__name__}")
        self._glue_context = glue_context
        self._initialized = False

    def init(self, job_name: str, args: dict[str, Any] | None = None) -> None:
        if not isinstance(job_name, str) or not job_name:
            raise ValueError(f"Job.init needs the job's name, as args['JOB_NAME'], got {job_name!r}")
        args = dict(args or {})
        current = run.current()
        option = args.get("job_bookmark_option") or (
            current.arguments.get("--job-bookmark-option") if current is not None else None
        ) or bookmarks.DISABLE
        if option not in bookmarks.OPTIONS:
            raise ValueError(f"job_bookmark_option must be one of {', '.join(bookmarks.OPTIONS)}, got {option!r}")
        since, until = args.get("job_bookmark_from"), args.get("job_bookmark_to")
        if current is not None:
            current.job_started()
            state = Bookmarks(
                option,
                current.bookmark_of(None),
                current.bookmark_of(since) if since else None,
                current.bookmark_of(until) if until else None,
            )
        else:
            state = Bookmarks(option, None)
        self._glue_context._bookmarks = state
        self._initialized = True

    def isInitialized(self) -> bool:
        return self._initialized

    def commit(self) -> None:
        if not self._initialized:
            raise RuntimeError("Job.commit() was called before Job.init(job_name, args)")
        state = self._glue_context._bookmarks
        current = run.current()
        if state is not None and state.records and current is not None:
            current.commit(state.state())
