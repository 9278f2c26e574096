"""The ``awsglue`` stand-in: aws-glue-libs' modules, written over PySpark DataFrames."""
