"""How fast pytest-gluejobs is, next to botocore alone and to moto.

Run from a checkout:  python benchmarks/bench.py          (the full run, a few minutes)
                      python benchmarks/bench.py --quick  (smaller, for iterating)
                      python benchmarks/bench.py --smoke  (tiny: only checks every section runs)

Every figure is a median over interleaved rounds in one process (or over repeated subprocess
runs), so a noisy machine shifts all contenders alike; in-process work is timed by the thread's
CPU time unless ``--clock wall``. Without moto installed its columns are skipped. Sections:

* load: a one-test pytest run with the plugin against one with ``-p no:gluejobs``;
* operations: every faked operation through a boto3 client, for (a) pytest-gluejobs,
  (b) the floor — a ``before-send`` handler returning canned bytes of the same response, i.e.
  botocore alone — and (c) moto's ``mock_aws`` when moto is installed;
* fixture: the ``glue_jobs`` fixture's setup + teardown per test, measured by pytest itself in a
  long run, and whether any per-test cost grows with the number of tests run before;
* suite: a generated 500-test suite run with pytest for pytest-gluejobs and for moto's documented
  fixture recipe;
* scale: 10,000 jobs created, paged through with GetJobs and ListJobs, BatchGetJobs of 100;
* memory: what the call log holds after 100,000 calls; peak and retained memory for 10,000 jobs;
* runs: starting and polling a run whose code is a no-op handler, against one that follows states;
* firing: a scheduled trigger's 1,000 fire times started at the first look after a year's jump;
* etl: a Glue ETL job's transform as plain PySpark, through the awsglue stand-in, and as a job run
  (needs the spark extra; skipped in a smoke run);
* suite-time: the project's own ``pytest``, timed (full runs, or ``--only suite-time``).

At the end, every figure with a target, in one table.

Each section is a module of benchmarks/scenarios with a ``run(settings, report, tmp)``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # measure this checkout's package, not another installed copy

import botocore  # noqa: E402
from scenarios import etl, firing, fixture, load, memory, operations, runs, scale, suite, suite_time  # noqa: E402
from scenarios.common import CLOCKS, MOTO_VERSION, Report, Settings, table  # noqa: E402

SECTIONS = {
    "load": load.run,
    "operations": operations.run,
    "fixture": fixture.run,
    "suite": suite.run,
    "scale": scale.run,
    "memory": memory.run,
    "runs": runs.run,
    "firing": firing.run,
    "etl": etl.run,
    "suite-time": suite_time.run,
}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if line.startswith("model name")]
        cpu = models[0] if models else cpu
    return (
        f"{cpu}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"botocore {botocore.__version__}, moto {MOTO_VERSION or 'not installed'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sizes = parser.add_mutually_exclusive_group()
    sizes.add_argument("--quick", action="store_true", help="fewer rounds and smaller sizes, for iterating")
    sizes.add_argument("--smoke", action="store_true", help="tiny sizes: only checks that every section runs")
    parser.add_argument("--no-moto", action="store_true", help="skip moto even when it is installed")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only these sections")
    parser.add_argument(
        "--clock",
        choices=CLOCKS,
        default="cpu",
        help="time in-process work by this thread's CPU time (default) or by wall time",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    # Clients made with no credentials must not probe the EC2 metadata endpoint.
    os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
    mode = "quick" if args.quick else "smoke" if args.smoke else "full"
    settings = Settings.make(mode, MOTO_VERSION is not None and not args.no_moto, args.clock)
    report = Report()
    sections = args.only or list(SECTIONS)
    if args.only and "suite-time" in args.only:
        settings.suite_time = True  # asked for by name: run it whatever the sizes
    print(f"# pytest-gluejobs benchmark ({mode} run)")
    print(f"machine: {machine()}")
    if not settings.use_moto:
        why = "--no-moto" if MOTO_VERSION is not None else "moto is not installed (pip install -e '.[bench]')"
        print(f"moto's columns are skipped: {why}")
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gluejobs-bench-") as tmp_name:
        tmp = Path(tmp_name)
        for name, run in SECTIONS.items():
            if name in sections:
                run(settings, report, tmp)

    print("\n## Targets")
    print(table(["target", "measured", "holds"], [[name, detail, "yes" if holds else "MISSED"] for name, holds, detail in report.targets]))
    print(f"\n(took {time.perf_counter() - began:.0f} s on {time.strftime('%Y-%m-%d')}: python benchmarks/bench.py {' '.join(argv if argv is not None else sys.argv[1:])})")
    if args.json:
        report.results["targets"] = [
            {"target": name, "holds": holds, "detail": detail} for name, holds, detail in report.targets
        ]
        report.results["machine"] = machine()
        args.json.write_text(json.dumps(report.results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
