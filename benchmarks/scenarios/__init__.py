"""The sections of benchmarks/bench.py, one module each; each has ``run(settings, report, tmp)``."""
