"""Ingest stage: files and directories in, one ``ARTICLES`` frame out.

``files`` reads article files (``.txt``/``.md`` with front matter, ``.jsonl``, ``.json``);
``decode`` turns their bytes into text, ``frontmatter`` reads YAML front matter as written, and
``walk`` finds the files in folders and records what is skipped.
"""

from compare.ingest.files import (
    article_id,
    clean_outlet,
    file_sha256,
    find_files,
    read_articles,
    require_outlets,
)
from compare.ingest.walk import walk_folder

__all__ = ["article_id", "clean_outlet", "file_sha256", "find_files", "read_articles",
           "require_outlets", "walk_folder"]
