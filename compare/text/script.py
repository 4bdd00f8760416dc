"""Character sets of the scripts the product reads, defined once and imported everywhere."""

from __future__ import annotations

import re

# Arabic combining marks (harakat, Quranic marks, superscript alef) and tatweel: they are not
# \w, so every word pattern lists them explicitly.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
MARK_CHARS = frozenset(chr(c) for c in (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670,
                                        *range(0x06D6, 0x06EE), 0x0640))
# ASCII, Arabic-Indic and Persian digits.
DIGIT = r"[0-9\u0660-\u0669\u06f0-\u06f9]"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
# Invisible direction and joining controls: never part of a word.
BIDI_CONTROLS = "\u061c\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" \
                "\u2060\u2066\u2067\u2068\u2069\ufeff"
# The Arabic block: enough to tell an Arabic word or text from a Latin one.
ARABIC = re.compile(r"[\u0600-\u06ff]")
# Arabic script with its supplements and presentation forms, for language identification.
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# Letters of Persian and Urdu that Arabic does not use (پ چ ژ گ ک ی ٹ ڈ ڑ ں ے ۀ ہ ھ).
NOT_ARABIC = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc\u0679\u0688\u0691"
                        "\u06ba\u06d2\u06c0\u06c1\u06be]")
LETTER = re.compile(r"[^\W\d_]")
