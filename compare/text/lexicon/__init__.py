"""Word lists behind the claim and divergence readers, written as ordinary Arabic and English
(and French and Russian where the detectors read them).

Entries are stored as people write them (hamza, ta marbuta, alef maqsura); the readers pass
every entry through the same normaliser as the claims, so spelling variants match.

Arabic verbs are written ``perfect/imperfect`` (``سيطر/يسيطر``); the detectors expand them into
their common inflections (سيطرت، سيطروا، تسيطر، يسيطرون، سيسيطر …). A multi-word entry is a
phrase matched token by token; only its first word may be a verb written that way.

Only data lives here, one module per subject: ``negation`` (function words, negation and
denial), ``outcomes`` (opposite outcomes), ``places`` (places, days, months), ``actors``
(parties, speakers, accusations), ``numbers`` (number words and counted nouns),
``attribution`` (attribution verbs and the words around speakers), ``results`` (match and vote
results), ``casualties`` (none hurt, counts in French and Russian words), ``changes`` (raised,
cut or kept) and ``transliteration`` (sound classes for names across scripts).
"""

from compare.text.lexicon.actors import *  # noqa: F403
from compare.text.lexicon.casualties import *  # noqa: F403
from compare.text.lexicon.changes import *  # noqa: F403
from compare.text.lexicon.negation import *  # noqa: F403
from compare.text.lexicon.outcomes import *  # noqa: F403
from compare.text.lexicon.places import *  # noqa: F403
from compare.text.lexicon.results import *  # noqa: F403
