"""Runs: the pipeline that strings the stages together (``pipeline``, ``stages``), the span of
dates a run covers (``window``), run folders on disk (``history``), the diff between two runs
(``diff``) and the weekly job (``weekly``)."""
