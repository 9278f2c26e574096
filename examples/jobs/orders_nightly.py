"""orders-nightly: a Glue 5.0 ETL job that turns raw JSON orders into Parquet, partitioned by day.

Shaped as Glue Studio writes a visual job: read the raw orders from S3 with a bookmark (each run
reads only the files no earlier run read), change the schema, keep the paid orders, write Parquet
partitioned by order date. Glue starts it as ``orders_nightly.py --JOB_NAME orders-nightly
--SOURCE s3://…/raw/orders/ --TARGET s3://…/curated/orders/ --job-bookmark-option …``.
"""

import sys

from awsglue.context import GlueContext
from awsglue.dynamicframe import DynamicFrame
from awsglue.job import Job
from awsglue.transforms import ApplyMapping, Filter
from awsglue.utils import getResolvedOptions
from pyspark.context import SparkContext

CHANGE_SCHEMA = [
    ("order_id", "string", "order_id", "string"),
    ("customer.id", "string", "customer_id", "string"),
    ("amount", "double", "amount", "double"),
    ("currency", "string", "currency", "string"),
    ("status", "string", "status", "string"),
    ("order_date", "string", "order_date", "string"),
]


def paid_orders(orders: DynamicFrame) -> DynamicFrame:
    """Change Schema, then Filter: the paid orders with a positive amount, flat and typed."""
    mapped = ApplyMapping.apply(frame=orders, mappings=CHANGE_SCHEMA, transformation_ctx="ChangeSchema_node2")
    return Filter.apply(
        frame=mapped,
        f=lambda row: row["status"] == "PAID" and row["amount"] > 0,
        transformation_ctx="PaidOrders_node3",
    )


def main() -> None:
    args = getResolvedOptions(sys.argv, ["JOB_NAME", "SOURCE", "TARGET"])
    sc = SparkContext()
    glueContext = GlueContext(sc)
    job = Job(glueContext)
    job.init(args["JOB_NAME"], args)

    # Script generated for node Raw orders
    RawOrders_node1 = glueContext.create_dynamic_frame.from_options(
        format_options={"multiline": False},
        connection_type="s3",
        format="json",
        connection_options={"paths": [args["SOURCE"]], "recurse": True},
        transformation_ctx="RawOrders_node1",
    )

    PaidOrders_node3 = paid_orders(RawOrders_node1)
    print(f"writing the paid orders to {args['TARGET']}")

    # Script generated for node Curated orders
    glueContext.write_dynamic_frame.from_options(
        frame=PaidOrders_node3,
        connection_type="s3",
        format="glueparquet",
        connection_options={"path": args["TARGET"], "partitionKeys": ["order_date"]},
        format_options={"compression": "snappy"},
        transformation_ctx="CuratedOrders_node4",
    )
    job.commit()


if __name__ == "__main__":
    main()
