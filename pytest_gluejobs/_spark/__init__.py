"""What the ``awsglue`` stand-in runs on: one local Spark per process, ``s3://`` paths served from
local folders or moto's S3, the Data Catalog through boto3, bookmark state, and the run it is in.

Nothing here imports PySpark, boto3 or moto at module level: a module imports them inside the
function that needs them, so the plugin loads without them.
"""
