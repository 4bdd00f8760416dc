"""The persistent corpus under ``indexes/`` (``--index-dir``), and safe writing of every file.

- ``corpus``: the :class:`Store` in memory (articles, claims, embedding cache, claim vectors,
  relations already decided).
- ``generations``: each save writes a complete new generation folder and then atomically
  repoints ``CURRENT`` at it, so a run killed at any moment leaves the previous state intact.
- ``lock``: keeps two runs from writing one index at once.
- ``atomic``: every artifact is written to a temporary name, then renamed into place.
- ``pages``: the page cache, fetched web pages and feeds kept under ``pages/``.
"""

from compare.store.corpus import RELATIONS, Store
from compare.store.generations import open_store, save_store
from compare.store.lock import lock
from compare.store.pages import CachedPage, PageCache

__all__ = ["RELATIONS", "CachedPage", "PageCache", "Store", "lock", "open_store", "save_store"]
