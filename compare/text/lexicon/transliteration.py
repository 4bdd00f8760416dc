"""Sound classes for telling a name across scripts: Liverpool, ليفربول and Ливерпуль.

A name is reduced to its consonants, each mapped to a coarse class (b and p are one, as Arabic
has no p; s, z, sh, ch and c before e/i are one), vowels, h, w and y dropped. Cyrillic is first
spelt in Latin letters. The classes are coarse on purpose: spellings across scripts differ
more than two different names usually do, and the detectors compare only the few words next to
a result or a change.
"""

from __future__ import annotations

CYRILLIC_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
# Case endings a Russian name takes (Ливерпулем, Реалом, Барселоной), dropped before the
# name is spelt: longest first.
CYRILLIC_ENDINGS = ("ами", "ями", "ом", "ем", "ой", "ей", "ам", "ям", "ах", "ях", "ов", "ев")

# Latin letter groups and letters to classes ("" drops it); groups are read first.
LATIN_GROUPS = {"sch": "S", "sh": "S", "ch": "S", "zh": "S", "ts": "S", "th": "T", "dh": "D",
                "kh": "K", "gh": "K", "ph": "F", "ck": "K", "qu": "K"}
LATIN_CLASSES = {
    "b": "B", "p": "B", "f": "F", "v": "F", "t": "T", "d": "D", "s": "S", "z": "S", "x": "S",
    "k": "K", "q": "K", "g": "K", "j": "K", "l": "L", "m": "M", "n": "N", "r": "R",
}
# c is S before e, i and y, else K.
SOFT_C_BEFORE = "eiy"

ARABIC_GROUPS = {"تش": "S"}
ARABIC_CLASSES = {
    "ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "T", "ج": "K", "خ": "K", "د": "D", "ذ": "D",
    "ض": "D", "ظ": "D", "ر": "R", "ز": "S", "س": "S", "ش": "S", "ص": "S", "غ": "K", "ف": "F",
    "ڤ": "F", "ق": "K", "ك": "K", "گ": "K", "ل": "L", "م": "M", "ن": "N",
}
