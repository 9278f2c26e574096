"""A Glue ETL job's transform three ways: plain PySpark, through the awsglue stand-in, as a job run.

The transform is the orders-nightly example's (examples/jobs/orders_nightly.py), what a Glue Studio
job does: read JSON orders from S3, change the schema (ApplyMapping), keep the paid ones with a
Python lambda (Filter), write Parquet partitioned by day. Plain PySpark does the same as a PySpark
job would: a DataFrame select, a Python UDF as the predicate, a partitioned write. Each run defines
its UDF afresh, as each run of a job script does (PySpark builds a UDF's function in Spark's JVM
the first time it is called, so a UDF reused across rounds would skip that). A Map row does the
same with a Python function that adds a field: Glue's Map, against a Python UDF adding the column.

The stand-in reads and writes through GlueContext (S3 paths mapped to a local folder); the job run
starts the example script with StartJobRun on the fake. Spark's own start is paid once, before
the rounds, and reported apart. Wall time, the fastest of interleaved rounds: the work is Spark's,
in its JVM and Python workers, and a shared machine only slows a round down. Needs PySpark (the
spark extra); skipped without it.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .common import REGION, ROLE, ROOT, Report, Settings, table

MAX_STAND_IN_OVER_PLAIN = 1.2
JOBS = ROOT / "examples" / "jobs"
ROUNDS = {"full": 9, "quick": 3, "smoke": 1}
FILES = {"full": 20, "quick": 10, "smoke": 2}
ROWS_PER_FILE = {"full": 1000, "quick": 500, "smoke": 10}


def run(settings: Settings, report: Report, tmp: Path) -> None:
    print("\n## A Glue ETL job's transform (fastest wall time of the rounds, Spark already started)")
    if importlib.util.find_spec("pyspark") is None:
        print("skipped: PySpark is not installed (pip install -e '.[spark]')")
        return
    if settings.mode == "smoke":
        print("skipped in a smoke run (Spark takes seconds to start): run with --only etl")
        return
    import boto3
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType, StringType

    from pytest_gluejobs import GlueJobs
    from pytest_gluejobs._awsglue.context import GlueContext
    from pytest_gluejobs._awsglue_import import install
    from pytest_gluejobs._spark import s3_access, session

    install()
    from awsglue.transforms import ApplyMapping, Map

    # The example job's own transform, from its script.
    spec = importlib.util.spec_from_file_location("orders_nightly", JOBS / "orders_nightly.py")
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    paid_orders, CHANGE_SCHEMA = example.paid_orders, example.CHANGE_SCHEMA

    lake = tmp / "lake"
    _write_orders(lake / "raw", FILES[settings.mode], ROWS_PER_FILE[settings.mode])
    began = time.perf_counter()
    session.prepare()
    spark = session.shared()
    started = time.perf_counter() - began
    assert s3_access is not None  # serves s3:// paths to Spark from now on

    # Defined here, not at the module's top: Spark's workers cannot import the benchmark's modules.
    def band(amount: float | None) -> str | None:
        """An order's size band: what the Map row adds to each order."""
        return None if amount is None else "large" if amount >= 50 else "small"

    def banded(order: Any) -> Any:
        """Glue's Map function adding the band to a record."""
        order["band"] = band(order["amount"])
        return order

    def plain(target: str, step: str) -> None:
        orders = spark.read.json(str(lake / "raw"))
        flat = orders.select(
            F.col("order_id").cast("string"), F.col("customer.id").cast("string").alias("customer_id"),
            F.col("amount").cast("double"), F.col("currency").cast("string"), F.col("status").cast("string"),
            F.col("order_date").cast("string"),
        )
        if step == "filter":
            keep = F.udf(lambda status, amount: status == "PAID" and amount is not None and amount > 0, BooleanType())
            flat = flat.filter(keep("status", "amount"))
        elif step == "map":
            flat = flat.withColumn("band", F.udf(band, StringType())("amount"))
        flat.write.mode("append").partitionBy("order_date").parquet(str(lake / target))

    fake = GlueJobs(region=REGION)
    with fake:
        fake.run_scripts({"s3://acme-etl/jobs/": JOBS, "s3://bench-lake/": lake})
        client = boto3.client("glue", region_name=REGION)
        client.create_job(
            Name="orders-nightly", Role=ROLE,
            Command={"Name": "glueetl", "ScriptLocation": "s3://acme-etl/jobs/orders_nightly.py"},
            DefaultArguments={"--SOURCE": "s3://bench-lake/raw/"},
        )

        def stand_in(target: str, step: str) -> None:
            with session.scope() as scoped:
                glue_context = GlueContext(scoped.sparkContext)
                orders = glue_context.create_dynamic_frame.from_options(
                    "s3", {"paths": ["s3://bench-lake/raw/"], "recurse": True}, "json", transformation_ctx="raw"
                )
                if step == "filter":
                    curated = paid_orders(orders)
                else:
                    curated = ApplyMapping.apply(frame=orders, mappings=CHANGE_SCHEMA)
                if step == "map":
                    curated = Map.apply(frame=curated, f=banded)
                glue_context.write_dynamic_frame.from_options(
                    curated, "s3", {"path": f"s3://bench-lake/{target}/", "partitionKeys": ["order_date"]},
                    "glueparquet", transformation_ctx="curated",
                )

        def job_run(target: str, step: str) -> None:
            arguments = {"--TARGET": f"s3://bench-lake/{target}/"}
            run_id = client.start_job_run(JobName="orders-nightly", Arguments=arguments)["JobRunId"]
            state = client.get_job_run(JobName="orders-nightly", RunId=run_id)["JobRun"]["JobRunState"]
            assert state == "SUCCEEDED", fake.run_logs(run_id).error

        cases: dict[str, tuple[Callable[[str, str], None], str]] = {
            "plain PySpark": (plain, "filter"), "stand-in": (stand_in, "filter"), "job run": (job_run, "filter"),
            "plain PySpark, no predicate": (plain, ""), "stand-in, no predicate": (stand_in, ""),
            "plain PySpark, map": (plain, "map"), "stand-in, map": (stand_in, "map"),
        }
        for number, (case, step) in enumerate(cases.values()):  # warm each path once
            case(f"warm-{number}", step)
        samples: dict[str, list[float]] = {name: [] for name in cases}
        for number in range(ROUNDS[settings.mode]):
            order = list(cases) if number % 2 == 0 else list(reversed(cases))
            for name in order:
                case, step = cases[name]
                target = f"out-{number}-{list(cases).index(name)}"
                began = time.perf_counter()
                case(target, step)
                samples[name].append(time.perf_counter() - began)
                shutil.rmtree(lake / target, ignore_errors=True)
    # The fastest of the interleaved rounds: the work's own cost. Spark's threads and processes
    # are not this thread's CPU time, and a shared machine's other jobs only ever slow a round.
    ms = {name: min(values) * 1000 for name, values in samples.items()}
    print(f"Spark's start (once, not counted): {started:.1f} s; {FILES[settings.mode]} files of {ROWS_PER_FILE[settings.mode]} orders")
    print(table(
        ["transform", "plain PySpark", "stand-in", "/ plain", "job run", "/ plain"],
        [
            ["orders-nightly: Change Schema, Filter (Python predicate), Parquet by day",
             f"{ms['plain PySpark']:.0f} ms", f"{ms['stand-in']:.0f} ms", f"{ms['stand-in'] / ms['plain PySpark']:.2f}",
             f"{ms['job run']:.0f} ms", f"{ms['job run'] / ms['plain PySpark']:.2f}"],
            ["the same without the predicate (reads, mapping, writes)",
             f"{ms['plain PySpark, no predicate']:.0f} ms", f"{ms['stand-in, no predicate']:.0f} ms",
             f"{ms['stand-in, no predicate'] / ms['plain PySpark, no predicate']:.2f}", "", ""],
            ["the same with Map (a Python function adding a field) instead of Filter",
             f"{ms['plain PySpark, map']:.0f} ms", f"{ms['stand-in, map']:.0f} ms",
             f"{ms['stand-in, map'] / ms['plain PySpark, map']:.2f}", "", ""],
        ],
    ))
    report.results["etl"] = {"spark_start_s": started, **{f"{name} ms": value for name, value in ms.items()}}
    for label, over, under in (
        ("job run/plain", "job run", "plain PySpark"),
        ("stand-in/plain", "stand-in", "plain PySpark"),
        ("stand-in/plain without the predicate", "stand-in, no predicate", "plain PySpark, no predicate"),
    ):
        ratio = ms[over] / ms[under]
        report.target(f"etl: {label} <= {MAX_STAND_IN_OVER_PLAIN}", ratio <= MAX_STAND_IN_OVER_PLAIN, f"{ratio:.2f}")


def _write_orders(folder: Path, files: int, rows: int) -> None:
    folder.mkdir(parents=True)
    statuses = ("PAID", "PAID", "PAID", "CANCELLED")
    for number in range(files):
        lines = []
        for row in range(rows):
            order: dict[str, Any] = {
                "order_id": f"o-{number}-{row}", "customer": {"id": f"c-{row % 97}"},
                "amount": round((row % 50) * 1.5 - 3, 2), "currency": "EUR",
                "status": statuses[row % 4], "order_date": f"2024-05-{1 + row % 7:02d}", "channel": "web",
            }
            lines.append(json.dumps(order))
        (folder / f"orders-{number:03d}.json").write_text("\n".join(lines) + "\n")
