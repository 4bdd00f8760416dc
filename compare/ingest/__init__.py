"""Ingest stage: files and directories in, one ``ARTICLES`` frame out.

``files`` reads article files (``.txt``/``.md`` with front matter, ``.jsonl``, ``.json``).
"""

from compare.ingest.files import (
    article_id,
    file_sha256,
    find_files,
    read_articles,
    require_outlets,
)

__all__ = ["article_id", "file_sha256", "find_files", "read_articles", "require_outlets"]
