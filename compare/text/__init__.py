"""Language only: no polars, no models. Everything the pipeline knows about how news text is
written lives here, and every other package reads text through it.

- ``script``: the Arabic character ranges, digits and bidi controls, defined once.
- ``normalize``: folding for matching (diacritics, alef/hamza forms, taa marbuta, tatweel,
  Arabic-Indic digits), clitic and article stripping.
- ``tokens``: the tokenizer — words, numbers and punctuation with offsets into the original
  text, in the three views the readers need.
- ``lang``: language identification (lingua, with a script shortcut for Arabic).
- ``numbers`` and ``number_words``: quantities in a claim.
- ``speakers``: who a sentence attributes its content to.
- ``lexicon/``: word lists only.
"""
