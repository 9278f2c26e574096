"""The service layer: the Glue Jobs operations, their rules and paging, over the data layer."""

from .operations import OPERATIONS, GlueJobsService

__all__ = ["OPERATIONS", "GlueJobsService"]
