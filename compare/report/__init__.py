"""Renderers: what a person reads of a run (``markdown``; what it says, ranked and grouped by
story, is ``content``) and of the change between two runs (``diff``), with the escaping every
renderer shares (``escape``).

Renderers read frames and facts and return text; they never read or write files.
"""

from compare.report.diff import diff_counts
from compare.report.diff import render_markdown as render_diff
from compare.report.markdown import render

__all__ = ["diff_counts", "render", "render_diff"]
