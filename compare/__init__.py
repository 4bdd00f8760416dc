"""claim-compare: find the same assertion across news outlets and say where they agree,
where they contradict, who said it, and what only one outlet reports.

The Python API does what the CLI does and returns polars frames::

    import compare
    result = compare.run(["seeds/"])          # ingest → claims → align → relate → report
    result.pairs.filter(relation="contradict")
    compare.diff("reports/2026-W46", "reports/2026-W47").frame
    compare.weekly(["inbox/"], week="2026-W47")
    compare.relate_texts("The minister resigned", "نفت الوزارة أن يكون الوزير قد استقال")
    compare.evaluate(sample=300)              # the relation step on held-out test sets
    compare.train("../shared/data", "/tmp/clf")
    compare.verdict("9dcd375e4b84", "reject", note="40 and 70 count different blasts")
    compare.verdicts()                        # a person's verdicts; later runs show them
    compare.show("9dcd375e4b84")              # one pair, claim or story (``"s0"``) explained

Where things happen: ``text/`` (language only), ``ingest/``, ``claims``, ``embed/``, ``store/``,
``align``, ``relate/``, ``report/``, ``runs/`` (pipeline, diff, weekly), ``learn/`` (training and
evaluation); ``config`` holds every default, ``schema`` every frame contract, ``errors`` the one
exception family.
"""

from __future__ import annotations

__version__ = "0.1.0"


from compare.config import DEFAULT_TRAINING_DATA  # noqa: E402
from compare.relate import relate_texts  # noqa: E402
from compare.runs.diff import DiffResult, diff  # noqa: E402
from compare.runs.pipeline import RunResult, run  # noqa: E402
from compare.runs.review import export_verdicts, verdict, verdicts  # noqa: E402
from compare.runs.show import Shown, show  # noqa: E402
from compare.runs.weekly import WeeklyResult, weekly  # noqa: E402


def evaluate(data_dir=None, out_dir=None, sample=None, encoder=None,
             shared_dir=DEFAULT_TRAINING_DATA) -> dict:
    """Score the relation step on the held-out test sets (see :mod:`compare.learn.evaluate`)."""
    from compare.learn.evaluate import evaluate as _evaluate

    return _evaluate(data_dir=data_dir, out_dir=out_dir, sample=sample, encoder=encoder,
                     shared_dir=shared_dir)


def train(data_dir, out_dir=None, seed: int = 13, verdicts=None) -> dict:
    """Rebuild the pair classifier's weights (see :mod:`compare.learn.train`), with a person's
    exported ``verdicts`` (a JSONL file) in the mixture if given; returns the dev figures."""
    from compare.learn.train import DEFAULT_OUT
    from compare.learn.train import train as _train

    return _train(data_dir, out_dir or DEFAULT_OUT, seed=seed, verdicts=verdicts)


__all__ = ["DiffResult", "RunResult", "Shown", "WeeklyResult", "__version__", "diff", "evaluate",
           "export_verdicts", "relate_texts", "run", "show", "train", "verdict", "verdicts",
           "weekly"]
