"""The service layer: the Glue Jobs operations, their rules and paging, over the data layer."""

from .operations import OPERATIONS, GlueJobsService
from .paging import DEFAULT_PAGE_SIZE

__all__ = ["DEFAULT_PAGE_SIZE", "OPERATIONS", "GlueJobsService"]
