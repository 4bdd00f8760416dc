"""claim-compare: find the same assertion across news outlets and say where they agree,
where they contradict, who said it, and what only one outlet reports.

The Python API does what the CLI does and returns polars frames::

    import compare
    result = compare.run(["seeds/"])          # ingest → claims → align → relate → report
    result.pairs.filter(relation="contradict")
"""

from __future__ import annotations

__version__ = "0.1.0"


from compare.pipeline import RunResult, run  # noqa: E402

__all__ = ["RunResult", "__version__", "run"]
