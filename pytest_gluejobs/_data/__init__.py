"""The data layer: what one fake keeps (jobs, runs, tags), its shapes, its errors and its clock.

Nothing here acts on the data; the service layer above does.
"""
