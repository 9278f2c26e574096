"""orders-report: a Glue Python shell job, deployed by the CDK app as an asset.

Glue starts it as ``report.py --JOB_NAME ... --JOB_RUN_ID ... --REPORT_DAY 2024-05-01
--OUTPUT_BUCKET ...``; it prints where the day's report goes, and fails (exit code 2) for a day
that is not a date.
"""

import sys
from datetime import date

from awsglue.utils import getResolvedOptions

args = getResolvedOptions(sys.argv, ["JOB_NAME", "REPORT_DAY", "OUTPUT_BUCKET"])
try:
    day = date.fromisoformat(args["REPORT_DAY"])
except ValueError:
    print(f"{args['JOB_NAME']}: REPORT_DAY {args['REPORT_DAY']!r} is not a date", file=sys.stderr)
    sys.exit(2)
print(f"orders report for {day:%d %B %Y} -> s3://{args['OUTPUT_BUCKET']}/reports/{day}.csv")
