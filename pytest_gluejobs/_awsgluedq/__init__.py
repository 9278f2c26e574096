"""``awsgluedq`` for tests: AWS Glue Data Quality's ``EvaluateDataQuality`` over PySpark.

Imported as ``awsgluedq`` wherever the real library is not installed (see ``_awsglue_import``), as
Glue Studio's scripts do (``from awsgluedq.transforms import EvaluateDataQuality``). This package
needs no PySpark; ``awsgluedq.transforms`` does.
"""

from __future__ import annotations

__all__: list[str] = []
