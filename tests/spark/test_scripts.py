"""Real-shaped Glue ETL script bodies run unchanged against the stand-in's frames.

Each body is written as Glue Studio and the legacy console generate them (node comments, the
``<Kind>_node<digits>`` names used as transformation contexts, ``from awsglue.transforms
import *``); only reading and writing go to a double of the GlueContext, which is the other
half of the stand-in. ``awsglue`` is mapped to the stand-in's modules while a body runs.
"""

from __future__ import annotations

import sys
import textwrap
from types import ModuleType
from typing import Any

import pytest

import pytest_gluejobs._awsglue.dynamicframe as dynamicframe
import pytest_gluejobs._awsglue.gluetypes as gluetypes
import pytest_gluejobs._awsglue.transforms as transforms

PREAMBLE = """\
import sys
from awsglue.transforms import *
from awsglue.dynamicframe import DynamicFrame, DynamicFrameCollection
from pyspark.sql import functions as SqlFuncs
"""


class Sources:
    """``create_dynamic_frame``: frames the test gave, by path or catalog table."""

    def __init__(self, frames: dict[str, Any]) -> None:
        self.frames = frames
        self.contexts: list[str] = []

    def from_options(
        self,
        connection_type: str,
        connection_options: dict[str, Any],
        format: str | None = None,
        format_options: Any = None,
        transformation_ctx: str = "",
        **kwargs: Any,
    ) -> Any:
        self.contexts.append(transformation_ctx)
        return self.frames[connection_options["paths"][0]]

    def from_catalog(
        self, database: str, table_name: str, transformation_ctx: str = "", **kwargs: Any
    ) -> Any:
        self.contexts.append(transformation_ctx)
        return self.frames[f"{database}.{table_name}"]


class Sinks:
    """``write_dynamic_frame``: what was written where, as rows."""

    def __init__(self) -> None:
        self.written: dict[str, list[dict[str, Any]]] = {}
        self.options: dict[str, dict[str, Any]] = {}

    def from_options(
        self,
        frame: Any,
        connection_type: str,
        connection_options: dict[str, Any],
        format: str | None = None,
        format_options: Any = None,
        transformation_ctx: str = "",
    ) -> Any:
        path = connection_options["path"]
        self.written[path] = [row.asDict(recursive=True) for row in frame.toDF().collect()]
        self.options[path] = {"format": format, **connection_options}
        return frame


@pytest.fixture
def run_body(glue_ctx, monkeypatch):
    """Run a script body with ``awsglue`` mapped to the stand-in; returns the sinks."""
    package = ModuleType("awsglue")
    package.__path__ = []
    package.DynamicFrame = dynamicframe.DynamicFrame  # type: ignore[attr-defined]
    for name, module in {
        "awsglue": package,
        "awsglue.dynamicframe": dynamicframe,
        "awsglue.transforms": transforms,
        "awsglue.gluetypes": gluetypes,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)

    def run(body: str, frames: dict[str, Any]) -> Sinks:
        glue_ctx.create_dynamic_frame = Sources(frames)
        sinks = Sinks()
        glue_ctx.write_dynamic_frame = sinks
        namespace = {
            "glueContext": glue_ctx,
            "spark": glue_ctx.spark_session,
            "args": {"JOB_NAME": "job"},
        }
        exec(compile(PREAMBLE + textwrap.dedent(body), "job_script.py", "exec"), namespace)
        return sinks

    return run


def test_legacy_console_script_apply_mapping_resolve_choice_drop_null_fields(run_body, make_frame):
    source = make_frame(
        [("1", "Ann", "12.50", None, ("Paris", None)), ("2", "Bo", "x", None, ("Lyon", None))],
        "id string, name string, amount string, notes string, address struct<city: string, zip: string>",
    )
    sinks = run_body(
        """
        ## @type: DataSource
        datasource0 = glueContext.create_dynamic_frame.from_catalog(database = "sales", table_name = "orders_csv", transformation_ctx = "datasource0")
        ## @type: ApplyMapping
        applymapping1 = ApplyMapping.apply(frame = datasource0, mappings = [("id", "string", "id", "long"), ("name", "string", "name", "string"), ("amount", "string", "amount", "double"), ("notes", "string", "notes", "string"), ("address.city", "string", "city", "string"), ("address.zip", "string", "zip", "string")], transformation_ctx = "applymapping1")
        ## @type: ResolveChoice
        resolvechoice2 = ResolveChoice.apply(frame = applymapping1, choice = "make_struct", transformation_ctx = "resolvechoice2")
        ## @type: DropNullFields
        dropnullfields3 = DropNullFields.apply(frame = resolvechoice2, transformation_ctx = "dropnullfields3")
        ## @type: DataSink
        datasink4 = glueContext.write_dynamic_frame.from_options(frame = dropnullfields3, connection_type = "s3", connection_options = {"path": "s3://out/orders"}, format = "parquet", transformation_ctx = "datasink4")
        """,
        {"sales.orders_csv": source},
    )
    assert sinks.written["s3://out/orders"] == [
        {"id": 1, "name": "Ann", "amount": 12.5, "city": "Paris"},
        {"id": 2, "name": "Bo", "amount": None, "city": "Lyon"},
    ]


def test_studio_json_orders_filter_and_partitioned_parquet(run_body, make_frame):
    orders = make_frame(
        [
            ("o1", ("c1", "gold"), 120.0, "2024-04-01"),
            ("o2", ("c2", "basic"), 15.0, "2024-04-01"),
            ("o3", ("c3", "gold"), 99.0, "2024-04-02"),
        ],
        "order_id string, customer struct<id: string, tier: string>, total double, order_date string",
    )
    sinks = run_body(
        """
        # Script generated for node Amazon S3
        AmazonS3_node1700000000001 = glueContext.create_dynamic_frame.from_options(format_options={"multiline": False}, connection_type="s3", format="json", connection_options={"paths": ["s3://raw/orders/"], "recurse": True}, transformation_ctx="AmazonS3_node1700000000001")

        # Script generated for node Change Schema
        ChangeSchema_node1700000000002 = ApplyMapping.apply(frame=AmazonS3_node1700000000001, mappings=[("order_id", "string", "order_id", "string"), ("customer.id", "string", "customer_id", "string"), ("customer.tier", "string", "tier", "string"), ("total", "double", "total", "decimal(10,2)"), ("order_date", "string", "order_date", "date")], transformation_ctx="ChangeSchema_node1700000000002")

        # Script generated for node Filter
        Filter_node1700000000003 = Filter.apply(frame=ChangeSchema_node1700000000002, f=lambda row: (row["total"] > 50), transformation_ctx="Filter_node1700000000003")

        # Script generated for node Amazon S3
        AmazonS3_node1700000000004 = glueContext.write_dynamic_frame.from_options(frame=Filter_node1700000000003, connection_type="s3", format="glueparquet", connection_options={"path": "s3://curated/orders/", "partitionKeys": ["order_date"]}, format_options={"compression": "snappy"}, transformation_ctx="AmazonS3_node1700000000004")
        """,
        {"s3://raw/orders/": orders},
    )
    written = sinks.written["s3://curated/orders/"]
    assert [
        (r["order_id"], r["customer_id"], r["tier"], float(r["total"]), str(r["order_date"]))
        for r in written
    ] == [
        ("o1", "c1", "gold", 120.0, "2024-04-01"),
        ("o3", "c3", "gold", 99.0, "2024-04-02"),
    ]
    assert sinks.options["s3://curated/orders/"]["partitionKeys"] == ["order_date"]


def test_studio_join_sql_query_and_drop_duplicates_nodes(run_body, make_frame):
    customers = make_frame([("c1", "Ann"), ("c2", "Bo")], "customer_id string, name string")
    orders = make_frame(
        [("o1", "c1", 10.0), ("o1", "c1", 10.0), ("o2", "c2", 5.0), ("o3", "c9", 1.0)],
        "order_id string, cust string, amount double",
    )
    sinks = run_body(
        """
        def sparkSqlQuery(glueContext, query, mapping, transformation_ctx) -> DynamicFrame:
            for alias, frame in mapping.items():
                frame.toDF().createOrReplaceTempView(alias)
            result = spark.sql(query)
            return DynamicFrame.fromDF(result, glueContext, transformation_ctx)

        # Script generated for node Customers
        Customers_node1 = glueContext.create_dynamic_frame.from_catalog(database="shop", table_name="customers", transformation_ctx="Customers_node1")
        # Script generated for node Orders
        Orders_node2 = glueContext.create_dynamic_frame.from_catalog(database="shop", table_name="orders", transformation_ctx="Orders_node2")
        # Script generated for node Drop Duplicates
        DropDuplicates_node3 = DynamicFrame.fromDF(Orders_node2.toDF().dropDuplicates(), glueContext, "DropDuplicates_node3")
        # Script generated for node Join
        Join_node4 = Join.apply(frame1=DropDuplicates_node3, frame2=Customers_node1, keys1=["cust"], keys2=["customer_id"], transformation_ctx="Join_node4")
        # Script generated for node Drop Fields
        DropFields_node5 = DropFields.apply(frame=Join_node4, paths=["cust"], transformation_ctx="DropFields_node5")
        # Script generated for node SQL Query
        SqlQuery0 = '''
        select name, sum(amount) as spent from myDataSource group by name order by name
        '''
        SQLQuery_node6 = sparkSqlQuery(glueContext, query=SqlQuery0, mapping={"myDataSource": DropFields_node5}, transformation_ctx="SQLQuery_node6")
        # Script generated for node Target
        Target_node7 = glueContext.write_dynamic_frame.from_options(frame=SQLQuery_node6, connection_type="s3", format="json", connection_options={"path": "s3://reports/spend/", "partitionKeys": []}, transformation_ctx="Target_node7")
        """,
        {"shop.customers": customers, "shop.orders": orders},
    )
    assert sinks.written["s3://reports/spend/"] == [
        {"name": "Ann", "spent": 10.0},
        {"name": "Bo", "spent": 5.0},
    ]


def test_legislators_join_and_relationalize_written_table_by_table(run_body, make_frame):
    persons = make_frame(
        [("p1", "Mike", [("fax", "1"), ("phone", "2")])],
        "id string, name string, contact_details array<struct<type: string, value: string>>",
    )
    memberships = make_frame([("p1", "o1")], "person_id string, organization_id string")
    orgs = make_frame(
        [("o1", "House", "legislature")], "id string, name string, classification string"
    )
    sinks = run_body(
        """
        persons = glueContext.create_dynamic_frame.from_catalog(database="legislators", table_name="persons_json")
        memberships = glueContext.create_dynamic_frame.from_catalog(database="legislators", table_name="memberships_json")
        orgs = glueContext.create_dynamic_frame.from_catalog(database="legislators", table_name="organizations_json")
        orgs = orgs.drop_fields(['classification']).rename_field('id', 'org_id').rename_field('name', 'org_name')
        l_history = Join.apply(orgs, Join.apply(persons, memberships, 'id', 'person_id'), 'org_id', 'organization_id').drop_fields(['person_id', 'org_id'])
        dfc = l_history.relationalize("hist_root", "s3://glue-sample-target/temp-dir/")
        for df_name in dfc.keys():
            m_df = dfc.select(df_name)
            glueContext.write_dynamic_frame.from_options(frame=m_df, connection_type="s3", connection_options={"path": "s3://out/" + df_name}, format="parquet")
        """,
        {
            "legislators.persons_json": persons,
            "legislators.memberships_json": memberships,
            "legislators.organizations_json": orgs,
        },
    )
    assert sinks.written["s3://out/hist_root"] == [
        {
            "org_name": "House",
            "id": "p1",
            "name": "Mike",
            "contact_details": 1,
            "organization_id": "o1",
        }
    ]
    assert sinks.written["s3://out/hist_root_contact_details"] == [
        {"id": 1, "index": 0, "contact_details.val.type": "fax", "contact_details.val.value": "1"},
        {
            "id": 1,
            "index": 1,
            "contact_details.val.type": "phone",
            "contact_details.val.value": "2",
        },
    ]


def test_studio_custom_transform_collection_map_and_split_rows(run_body, make_frame):
    events = make_frame(
        [
            ("e1", '{"level": 3, "msg": "disk"}', "7"),
            ("e2", '{"level": 1, "msg": "ok"}', "x"),
            ("e3", '{"level": 5, "msg": "cpu"}', "9"),
        ],
        "event_id string, payload string, score string",
    )
    sinks = run_body(
        """
        # Script generated for node Custom Transform
        def MyTransform(glueContext, dfc) -> DynamicFrameCollection:
            frame = dfc.select(list(dfc.keys())[0])
            unboxed = Unbox.apply(frame=frame, path="payload", format="json")
            flat = UnnestFrame.apply(frame=unboxed)
            def tag(rec):
                rec["severity"] = "high" if rec["payload.level"] >= 3 else "low"
                return rec
            tagged = Map.apply(frame=flat, f=tag)
            return DynamicFrameCollection({"CustomTransform0": tagged}, glueContext)

        Source_node1 = glueContext.create_dynamic_frame.from_options(connection_type="s3", format="json", connection_options={"paths": ["s3://raw/events/"]}, transformation_ctx="Source_node1")
        CustomTransform_node2 = MyTransform(glueContext, DynamicFrameCollection({"Source_node1": Source_node1}, glueContext))
        # Script generated for node Select From Collection
        SelectFromCollection_node3 = SelectFromCollection.apply(dfc=CustomTransform_node2, key=list(CustomTransform_node2.keys())[0], transformation_ctx="SelectFromCollection_node3")
        resolved = ResolveChoice.apply(frame=SelectFromCollection_node3, specs=[("score", "cast:int")], transformation_ctx="resolved")
        renamed = RenameField.apply(frame=resolved, old_name="`payload.msg`", new_name="message", transformation_ctx="renamed")
        split = SplitRows.apply(frame=renamed, comparison_dict={"`payload.level`": {">=": 3}}, name1="alerts", name2="rest", transformation_ctx="split")
        for name in split.keys():
            glueContext.write_dynamic_frame.from_options(frame=SelectFields.apply(frame=split[name], paths=["event_id", "message", "score", "severity"]), connection_type="s3", format="json", connection_options={"path": "s3://out/" + name})
        """,
        {"s3://raw/events/": events},
    )
    assert sinks.written["s3://out/alerts"] == [
        {"event_id": "e1", "score": 7, "severity": "high", "message": "disk"},
        {"event_id": "e3", "score": 9, "severity": "high", "message": "cpu"},
    ]
    assert sinks.written["s3://out/rest"] == [
        {"event_id": "e2", "score": None, "severity": "low", "message": "ok"}
    ]
