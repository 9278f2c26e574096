"""The service layer: the Glue Jobs operations, their rules and paging, over the data layer.

The one operation table and the service that dispatches on it are in ``operations``.
"""
