"""Seeding from files: one reader per format (``get_jobs``, ``cloudformation`` with ``intrinsics``
and ``cdk_assets``, ``terraform``) behind one entry (``load``). Imports nothing, so no module imports
its own package."""
