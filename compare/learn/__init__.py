"""Learning: the data the pair classifier is trained and measured on (``data``), the metrics
(``metrics``), training (``train``, with the stacker and relation rules in ``stack``) and
evaluation (``evaluate``). Training and evaluation share data and metrics and never import each
other; learning may use the relation step, never the reverse."""
