"""Ingest stage: files and directories in, one ``ARTICLES`` frame out.

``files`` reads article files (``.txt``/``.md`` with front matter, ``.jsonl``, ``.json``, saved
web pages and RSS/Atom feeds); ``decode`` turns their bytes into text (UTF-8, UTF-16/32 with a
byte-order mark, legacy code pages such as Windows-1256), ``html`` finds the article in a web
page, ``feeds`` reads a feed's entries, ``frontmatter`` reads YAML front matter as written, and
``walk`` finds the files in folders and records what is skipped.
"""

from compare.ingest.decode import decode
from compare.ingest.feeds import Entry, Feed, feed_outlet, looks_like_feed, read_feed
from compare.ingest.files import (
    article_id,
    clean_outlet,
    file_sha256,
    find_files,
    read_articles,
    require_outlets,
)
from compare.ingest.html import read_html
from compare.ingest.walk import walk_folder

__all__ = ["Entry", "Feed", "article_id", "clean_outlet", "decode", "feed_outlet", "file_sha256",
           "find_files", "looks_like_feed", "read_articles", "read_feed", "read_html",
           "require_outlets", "walk_folder"]
