"""The sources file: outlets with their feeds and pages, and errors that name the line."""

from __future__ import annotations

import re

import pytest

from compare.errors import InputError
from compare.ingest.sources import Source, read_sources

GOOD = """\
# what the weekly run polls
[[outlet]]
name = "Al Jazeera"
feeds = ["https://www.aljazeera.net/rss.xml"]
lang = "AR"

[[outlet]]
name = "  Reuters   World "
pages = ["https://www.reuters.com/world/a", "https://www.reuters.com/world/a"]
feeds = "https://www.reuters.com/world/rss"
"""


def write(tmp_path, text: str):
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_outlets_with_feeds_and_pages(tmp_path):
    sources = read_sources(write(tmp_path, GOOD))
    assert sources == [
        Source("Al Jazeera", ("https://www.aljazeera.net/rss.xml",), (), "ar"),
        Source("Reuters World", ("https://www.reuters.com/world/rss",),
               ("https://www.reuters.com/world/a",), None),
    ]
    assert sources[1].urls == ("https://www.reuters.com/world/rss",
                               "https://www.reuters.com/world/a")


@pytest.mark.parametrize("text, line, message", [
    ("[[outlet]]\nname = \"A\"\nfeeds = [\"ftp://x.org/f\"]\n", 3, "is not an http(s) URL"),
    ("[[outlet]]\nname = \"A\"\nfeds = [\"https://x.org/f\"]\n", 3, "unknown key 'feds'"),
    ("[[outlet]]\nfeeds = [\"https://x.org/f\"]\n", 1, "has no name"),
    ("[[outlet]]\nname = \"A\"\n", 1, "'A' has no feeds and no pages"),
    ("[[outlet]]\nname = \"A\"\npages = [\"https://a.org\"]\n\n[[outlet]]\nname = \"A\"\n"
     "pages = [\"https://b.org\"]\n", 5, "named twice"),
    ("[[outlet]]\nname = \"A\"\npages = [\"https://a.org\"\n", 4, "not valid TOML"),
    ("[outlets]\nname = 1\n", 1, "unknown table or key 'outlets'"),
    ("", 1, "no [[outlet]] tables"),
    ("# outlets\noutlet = [1]\n", 2, "outlet 1 must be an [[outlet]] table, not 1"),
    ("outlet = [\"Reuters\"]\n", 1, "outlet 1 must be an [[outlet]] table, not 'Reuters'"),
    ("[[outlet]]\nname = \"A\"\npages = [\"https://[domain]/x\"]\n", 3,
     "'https://[domain]/x' is not an http(s) URL"),
    ("[[outlet]]\nname = \"A\"\n\npages = [\"http://:80/\"]\n", 4,
     "'http://:80/' is not an http(s) URL"),
    ("[[outlet]]\nname = \"\\u0007\"\npages = [\"https://a.org\"]\n", 2, "has no name"),
])
def test_errors_name_the_line(tmp_path, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(InputError, match=re.escape(message)) as info:
        read_sources(path)
    assert (info.value.path, info.value.line) == (str(path), line)
    assert info.value.hint


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="sources file not found"):
        read_sources(tmp_path / "nope.toml")


def test_control_characters_are_dropped_from_names(tmp_path):
    text = '[[outlet]]\nname = "Levant\\u0007 Daily\\nWorld"\npages = ["https://a.org/1"]\n'
    assert read_sources(write(tmp_path, text))[0].name == "Levant Daily World"
