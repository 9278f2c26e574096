"""daily-report: a Glue Python shell job that prints the latest run of every Glue job.

Glue starts it as ``daily_report.py --JOB_NAME daily-report --JOB_RUN_ID jr_... --REPORT_DATE ...``;
the report goes to the run's output log. It fails (exit code 1) when there is no other job to report on.
"""

from __future__ import annotations

import sys
from typing import Any

import boto3
from awsglue.utils import getResolvedOptions


def latest_state(glue: Any, job_name: str) -> str:
    runs = glue.get_job_runs(JobName=job_name, MaxResults=1)["JobRuns"]
    return str(runs[0]["JobRunState"]) if runs else "never run"


def main() -> None:
    args = getResolvedOptions(sys.argv, ["JOB_NAME", "REPORT_DATE"])
    glue = boto3.client("glue")  # the region comes from Glue's environment (AWS_DEFAULT_REGION)
    names = [
        name
        for page in glue.get_paginator("list_jobs").paginate()
        for name in page["JobNames"]
        if name != args["JOB_NAME"]
    ]
    if not names:
        sys.exit(f"{args['JOB_NAME']}: no jobs to report on for {args['REPORT_DATE']}")
    print(f"Glue jobs on {args['REPORT_DATE']}:")
    for name in names:
        print(f"  {name}: {latest_state(glue, name)}")


if __name__ == "__main__":
    main()
