"""Bad input to the ingest stage: each case one line ``FILE:LINE: what (what to do)``, exit 2,
nothing of the user's changed; then what a table row cannot say (files that are read, what a
folder's skipped files leave in the log and the record, an unreadable subfolder)."""

from __future__ import annotations

import json
import logging
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from compare.errors import InputError
from compare.ingest import clean_outlet, find_files, read_articles, walk_folder
from compare.ingest.walk import Skip

RUN = ["run", "in", "--out", "out"]
OTHER = "---\noutlet: Other\n---\nAnother outlet's article.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"


def md(front: str, body: str = "The minister resigned on Monday.\n") -> str:
    return f"---\n{front}---\n{body}"


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def ok(outlet: str = "A", **more) -> dict:
    return {"text": "Some words.", "outlet": outlet, **more}


def bom(codec: str, text: str) -> bytes:
    marks = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b"\xef\xbb\xbf"}
    return marks[codec] + text.encode(codec)


CASES = [
    # 1. front-matter dates stay strings and are checked like JSON dates
    {"id": "front-matter-month-13",
     "files": {"in/a.md": md("outlet: A\ndate: 2026-13-45\n"), "in/b.md": OTHER},
     "argv": RUN,
     "message": r"error: in/a\.md:3: date '2026-13-45' is not an ISO date: month must be in "
                r"1\.\.12 \(write dates as YYYY-MM-DD\)$"},
    {"id": "front-matter-february-30",
     "files": {"in/a.md": md("outlet: A\ntitle: T\nurl: https://x.test\ndate: 2026-02-30\n"),
               "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.md:5: date '2026-02-30' is not an ISO date: day is out of range"},
    {"id": "front-matter-explicit-timestamp-tag",
     "files": {"in/a.md": md("outlet: A\ndate: !!timestamp 2026-13-45\n"), "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.md:3: date '2026-13-45' is not an ISO date"},
    {"id": "front-matter-date-in-words",
     "files": {"in/a.md": md("outlet: A\ndate: 16 November 2026\n"), "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.md:3: date '16 November 2026' is not an ISO date \(write dates as"},
    {"id": "jsonl-february-30",
     "files": {"in/a.jsonl": jsonl(ok(), ok("B", date="2026-02-30"))},
     "argv": RUN,
     "message": r"in/a\.jsonl:2: date '2026-02-30' is not an ISO date: day is out of range"},
    # 2. binary files say so, whatever their suffix; legacy code pages are read
    {"id": "png-saved-as-txt",
     "files": {"in/photo.txt": PNG, "in/b.md": OTHER},
     "argv": RUN,
     "message": r"error: in/photo\.txt: binary file \(a PNG image\), not text \(give article "
                r"files: \.txt, \.md, \.jsonl, \.json, \.html or an RSS/Atom feed\)$"},
    {"id": "png-saved-as-html",
     "files": {"in/photo.html": PNG, "in/b.md": OTHER},
     "argv": RUN,
     "message": r"error: in/photo\.html: binary file \(a PNG image\), not text \(give article "
                r"files: "},
    {"id": "pdf-saved-as-md",
     "files": {"in/paper.md": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/paper\.md: binary file \(a PDF document\), not text"},
    {"id": "nul-bytes",
     "files": {"in/a.txt": b"abc\x00\x01\x02\x03\xfe\xfa\x00\x00", "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.txt: binary file \(it holds NUL bytes\), not text \(give article files"},
    {"id": "control-bytes-not-utf8",
     "files": {"in/a.txt": b"ab\x01\x02\x03\x04\x90\x91\xfe", "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.txt: binary file \(it holds control bytes\), not text"},
    {"id": "utf16-without-bom",
     "files": {"in/a.txt": "Some words here.\n".encode("utf-16-le"), "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.txt: UTF-16LE text without a byte-order mark \(save the file as "
                r"UTF-8, e\.g\. iconv -f UTF-16LE -t UTF-8\)$"},
    {"id": "utf16-truncated",
     "files": {"in/a.txt": b"\xff\xfeh\x00i\x00\n\x00!", "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.txt:2: damaged UTF-16 text \(truncated data at byte 8\) \(save the "
                r"file again as UTF-8\)$"},
    {"id": "utf8-with-a-cp1256-line-names-the-line",
     "files": {"in/a.txt": "سطر أول\n".encode() + "مرحبا".encode("cp1256"), "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.txt:2: not UTF-8 text \(byte 14 is 0xe3\) \(the rest of the file is "
                r"UTF-8: retype that line in UTF-8\)$"},
    {"id": "bytes-no-encoding-reads",
     "files": {"in/a.txt": bytes(0xC0 + i * 7 % 60 for i in range(50)), "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.txt:1: neither UTF-8 nor a legacy encoding reads this text \(byte 0 is "
                r"0xc0\) \(save the file as UTF-8, e\.g\. iconv -f CP1256 -t UTF-8\)$"},
    {"id": "cp1256-is-read",
     "files": {"in/a.txt": "قُتل سبعة أشخاص في الغارة.\r\nالمصدر: وكالة\r\n".encode("cp1256")},
     "argv": RUN,
     "message": r"all 1 article\(s\) come from one outlet \(وكالة\): nothing to compare"},
    {"id": "latin1-is-read",
     "files": {"in/a.txt": "Le café est fermé.\nSource: L'Écho\n".encode("latin-1")},
     "argv": RUN,
     "message": r"come from one outlet \(L'Écho\)"},
    # …and text with a byte-order mark is read: the Source line gives the one outlet
    {"id": "utf16-le-bom-is-read",
     "files": {"in/a.txt": bom("utf-16-le", "نص الخبر.\r\nالمصدر: وكالة\r\n")},
     "argv": RUN,
     "message": r"all 1 article\(s\) come from one outlet \(وكالة\): nothing to compare"},
    {"id": "utf16-be-bom-is-read",
     "files": {"in/a.txt": bom("utf-16-be", "The text.\nSource: Reuters\n")},
     "argv": RUN,
     "message": r"come from one outlet \(Reuters\)"},
    {"id": "utf8-bom-is-read",
     "files": {"in/a.md": bom("utf-8", md("outlet: AP\n"))},
     "argv": RUN,
     "message": r"come from one outlet \(AP\)"},
    # 3. a field of the wrong type is named, not "no text"
    {"id": "jsonl-text-is-a-number",
     "files": {"in/a.jsonl": jsonl(ok(), {"text": 12345, "outlet": "B"})},
     "argv": RUN,
     "message": r"error: in/a\.jsonl:2: 'text' must be a string \(got a number\) \(every "
                r"article needs non-empty 'text' and 'outlet' strings\)$"},
    {"id": "json-list-text-is-a-number",
     "files": {"in/a.json": '[\n  {"text": "t", "outlet": "A"},\n  {"outlet": "B",\n'
                            '   "text": 12345}\n]\n'},
     "argv": RUN,
     "message": r"in/a\.json:3: article 2: 'text' must be a string \(got a number\)"},
    {"id": "json-object-text-is-a-list",
     "files": {"in/a.json": '\n{"text": ["a", "b"], "outlet": "A"}', "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.json:2: 'text' must be a string \(got a list\)"},
    {"id": "jsonl-outlet-is-a-number",
     "files": {"in/a.jsonl": jsonl({"text": "t", "outlet": 24})},
     "argv": RUN,
     "message": r"in/a\.jsonl:1: 'outlet' must be a string \(got a number\)"},
    {"id": "jsonl-title-is-a-list",
     "files": {"in/a.jsonl": jsonl(ok(), ok("B", title=["a"]))},
     "argv": RUN,
     "message": r"in/a\.jsonl:2: 'title' must be a string \(got a list\) \(write \"title\": "},
    {"id": "jsonl-date-is-a-number",
     "files": {"in/a.jsonl": jsonl(ok(date=20261116), ok("B"))},
     "argv": RUN,
     "message": r"in/a\.jsonl:1: 'date' must be a string \(got a number\)"},
    {"id": "jsonl-url-is-an-object",
     "files": {"in/a.jsonl": jsonl(ok(url={"href": "x"}), ok("B"))},
     "argv": RUN,
     "message": r"in/a\.jsonl:1: 'url' must be a string \(got an object\)"},
    {"id": "jsonl-lang-is-true",
     "files": {"in/a.jsonl": jsonl(ok(), ok("B", lang=True))},
     "argv": RUN,
     "message": r"in/a\.jsonl:2: 'lang' must be a string \(got true/false\)"},
    {"id": "front-matter-outlet-is-a-list",
     "files": {"in/a.md": md("title: T\noutlet: [A, B]\n"), "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.md:3: 'outlet' must be a string \(got a list\) \(write outlet: VALUE\)"},
    {"id": "front-matter-title-is-a-mapping",
     "files": {"in/a.md": md("outlet: A\ntitle:\n  en: T\n"), "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.md:3: 'title' must be a string \(got nested 'key: value' lines\)"},
    {"id": "front-matter-text-key-and-no-body",
     "files": {"in/a.md": md("outlet: A\ntext: 12345\n", body=""), "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.md:3: article has no text \(the text goes below the closing ---, not "
                r"in a 'text:' line\)$"},
    # 4. what a .json file holds
    {"id": "json-articles-is-a-string",
     "files": {"in/a.json": '{"articles": "x"}'},
     "argv": RUN,
     "message": r"error: in/a\.json:1: 'articles' must be a list of articles \(got a string\)"},
    {"id": "json-articles-is-an-object-on-line-3",
     "files": {"in/a.json": '{\n  "source": "feed",\n  "articles": {"text": "t"}\n}\n'},
     "argv": RUN,
     "message": r"in/a\.json:3: 'articles' must be a list of articles \(got an object\)"},
    {"id": "json-empty-list",
     "files": {"in/a.json": "[]\n"},
     "argv": RUN,
     "message": r"error: in/a\.json:1: no articles: the file holds an empty list \(add articles "
                r"to it, or give the files that hold them\)$"},
    {"id": "json-empty-articles-list-given-by-name",
     "files": {"a.json": '{"articles": []}'},
     "argv": ["run", "a.json", "--out", "out"],
     "message": r"error: a\.json:1: no articles: the file holds an empty list"},
    {"id": "jsonl-of-blank-lines-only",
     "files": {"in/a.jsonl": "\n  \n"},
     "argv": RUN,
     "message": r"error: in/a\.jsonl:1: no articles: the file is empty \(add articles to it"},
    {"id": "several-empty-files",
     "files": {"in/a.jsonl": "", "in/b.json": "[]"},
     "argv": RUN,
     "message": r"error: in/a\.jsonl: no articles found in the inputs: 2 file\(s\) hold none"},
    {"id": "json-empty-file",
     "files": {"in/a.json": "  \n", "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.json:1: empty file, no JSON \(add articles, or remove the file\)$"},
    {"id": "json-top-level-number",
     "files": {"in/a.json": "42\n", "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.json:1: expected an article object or a list of articles, got a number"},
    {"id": "json-list-item-is-a-string",
     "files": {"in/a.json": '[{"text": "t", "outlet": "A"},\n "just text"]'},
     "argv": RUN,
     "message": r"in/a\.json:2: article 2: expected a JSON object, got a string"},
    # 5. no "at at" in JSON messages
    {"id": "json-unterminated-string",
     "files": {"in/a.json": '{"text": "abc', "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.json:1: malformed JSON: Unterminated string starting at column 10 "
                r"\(check the JSON syntax\)$"},
    {"id": "jsonl-control-character",
     "files": {"in/a.jsonl": jsonl(ok()) + '{"text": "a\tb", "outlet": "B"}\n'},
     "argv": RUN,
     "message": r"in/a\.jsonl:2: malformed JSON: Invalid control character at column 12 "
                r"\(each line must be one JSON object\)$"},
    # 6. URLs
    {"id": "https-url",
     "argv": ["run", "https://news.invalid/a?id=1", "--out", "out", "--offline"],
     "message": r"error: https://news\.invalid/a\?id=1: no articles: every URL failed \(not "
                r"in the page cache and --offline\) \(check the URLs and the network; pages "
                r"fetched before are read from the --index-dir cache, also with --offline\)$"},
    {"id": "url-list-with-a-path",
     "files": {"urls.txt": "# outlets\nhttps://a.invalid/1\nnews/b.html\n"},
     "argv": ["run", "--urls", "urls.txt", "--out", "out"],
     "message": r"error: urls\.txt:3: not an http\(s\) URL: 'news/b\.html' \(write one "
                r"http:// or https:// URL per line; start a comment with #\)$"},
    # 7. a folder with nothing readable says what it skipped
    {"id": "folder-of-web-archives-and-pdf",
     "files": {"in/a.mhtml": "MIME-Version: 1.0", "in/b.mht": "x", "in/c.pdf": b"%PDF-1.4",
               "in/d.docx": b"PK\x03\x04", "in/.DS_Store": b"\x00"},
     "argv": RUN,
     "message": r"error: in: directory holds no \.txt, \.md, \.jsonl, \.json, \.html or feed "
                r"\(\.xml, \.rss, \.atom\) files; skipped 2 web archives, 1 PDF and 1 "
                r"word-processor document \(save the page as HTML only, as a \.html file, or "
                r"point at the folder with the articles\)$"},
    {"id": "folder-of-pages-without-article-text",
     "files": {"in/a.html": "<p>x</p>", "in/b.htm": "<p>y</p>", "in/c.pdf": b"%PDF-1.4"},
     "argv": RUN,
     "message": r"error: in/a\.html: no article text in the page \(save the article's own page, "
                r"not a front page or a list of links, or copy its text into a \.txt file\)$"},
    {"id": "folder-of-xml-that-is-not-a-feed",
     "files": {"in/sitemap.xml": '<?xml version="1.0"?>\n<urlset><url/></urlset>\n'},
     "argv": RUN,
     "message": r"error: in: directory holds no .*; skipped 1 XML file that is not a feed "
                r"\(point at the folder with the articles\)$"},
    {"id": "folder-of-images-and-csv",
     "files": {"in/a.png": PNG, "in/b.jpg": b"\xff\xd8\xff", "in/c.csv": "a,b\n"},
     "argv": RUN,
     "message": r"in: directory holds no .*; skipped 2 images and 1 other file"},
    {"id": "folder-of-hidden-files-only",
     "files": {"in/.DS_Store": b"\x00", "in/.notes.txt": "x", "in/.git/a.txt": "y"},
     "argv": RUN,
     "message": r"error: in: directory holds no \.txt, \.md, \.jsonl, \.json, \.html or feed "
                r"\(\.xml, \.rss, \.atom\) files \(point at the folder with the articles\)$"},
    {"id": "html-without-article-text-given-by-name",
     "files": {"page.html": "<p>x</p>"},
     "argv": ["run", "page.html", "--out", "out"],
     "message": r"error: page\.html: no article text in the page \(save the article's own page"},
    {"id": "mhtml-given-by-name",
     "files": {"page.mhtml": "MIME-Version: 1.0\n"},
     "argv": ["run", "page.mhtml", "--out", "out"],
     "message": r"error: page\.mhtml: unsupported file type '\.mhtml': MHTML web archives are "
                r"not read \(save the page as HTML only, as a \.html file\)$"},
    {"id": "xml-that-is-not-a-feed-given-by-name",
     "files": {"sitemap.xml": '<?xml version="1.0"?>\n<urlset><url/></urlset>\n'},
     "argv": ["run", "sitemap.xml", "--out", "out"],
     "message": r"error: sitemap\.xml: not an RSS or Atom feed \(the root element is not "
                r"<rss>, <feed> or <rdf:RDF>\) \(give an RSS or Atom feed, or article files"},
    {"id": "feed-without-entries",
     "files": {"in/feed.rss": '<rss version="2.0"><channel><title>T</title></channel></rss>'},
     "argv": RUN,
     "message": r"error: in/feed\.rss: the feed holds no entries \(give a feed with <item> or "
                r"<entry> elements\)$"},
    # 8. outlets are one line
    {"id": "outlets-with-newlines-and-controls-are-one",
     "files": {"in/a.jsonl": jsonl(ok("Reuters\n"), {"text": "b", "outlet": " Reu\x07ters "},
                                   {"text": "c", "outlet": "Reuters\x00"}),
               "in/b.md": md('outlet: "\\tReuters\\r\\n"\n')},
     "argv": RUN,
     "message": r"error: all 4 article\(s\) come from one outlet \(Reuters\): nothing to compare"},
    {"id": "outlet-of-control-characters-only",
     "files": {"in/a.jsonl": jsonl(ok(), {"text": "b", "outlet": "\x01\x02\u0085"})},
     "argv": RUN,
     "message": r"in/a\.jsonl:2: article has no 'outlet'"},
    {"id": "front-matter-outlet-of-spaces",
     "files": {"in/a.md": md("title: T\noutlet: '  \\t '\n".replace("\\t", "\t")),
               "in/b.md": OTHER},
     "argv": RUN,
     "message": r"in/a\.md:3: article has no 'outlet' \(write the outlet's name after 'outlet:'\)"},
]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_input_case(case, check_case):
    check_case(case)


def test_no_message_says_at_at(tmp_path):
    (tmp_path / "a.json").write_text('{"text": "abc')
    with pytest.raises(InputError) as info:
        read_articles([tmp_path / "a.json"])
    assert " at at " not in str(info.value)


# -- what is read --------------------------------------------------------------------------

@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-8"])
def test_text_with_a_byte_order_mark_is_read(tmp_path, codec):
    (tmp_path / "a.md").write_bytes(bom(codec, "---\r\noutlet: وكالة\r\n---\r\nنص الخبر.\r\n"))
    row = read_articles([tmp_path]).row(0, named=True)
    assert (row["outlet"], row["text"]) == ("وكالة", "نص الخبر.\n")


def test_utf16_jsonl_is_read(tmp_path):
    (tmp_path / "a.jsonl").write_bytes("\ufeff".encode("utf-16-le")
                                       + jsonl(ok("A"), ok("B")).encode("utf-16-le"))
    assert read_articles([tmp_path])["outlet"].to_list() == ["A", "B"]


def test_front_matter_values_stay_as_written(tmp_path):
    (tmp_path / "a.md").write_text(md("outlet: 24\ntitle: 1984\ndate: 2026-11-16\nlang: no\n"))
    row = read_articles([tmp_path]).row(0, named=True)
    assert (row["outlet"], row["title"], row["date"], row["lang"]) == (
        "24", "1984", "2026-11-16", "no")


def test_outlet_is_one_line():
    assert clean_outlet("  Al\r\n Jazeera\t\x00 Net\u2028 ") == "Al Jazeera Net"
    assert clean_outlet("Reu\x07ters\x7f") == "Reuters"
    assert clean_outlet("\x01\n\x1b") == ""
    assert clean_outlet("بلدي\u00a0\u00a0نيوز\u200f") == "بلدي نيوز\u200f"  # RLM is kept


# -- what a folder skips -------------------------------------------------------------------

def mixed_folder(root: Path) -> Path:
    folder = root / "in"
    files = {"a.md": md("outlet: A\n"), "sub/b.jsonl": jsonl(ok("B")), "page.html": "<p>",
             "sub/scan.pdf": b"%PDF", "letter.docx": b"PK\x03\x04", "photo.JPG": b"\xff\xd8",
             "notes": "x", ".DS_Store": b"\x00", ".hidden/c.txt": "x", "Thumbs.db": b"\x00"}
    for rel, content in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        (folder / rel).write_bytes(data)
    return folder


def test_a_mixed_folder_is_read_and_what_it_skips_is_recorded_and_logged(tmp_path, caplog):
    folder = mixed_folder(tmp_path)
    skipped: list = []
    with caplog.at_level(logging.WARNING, logger="compare.ingest"):
        articles = read_articles([folder], skipped=skipped)
    assert articles["outlet"].to_list() == ["A", "B"]
    assert skipped == [  # what the walk skips, then what is found unreadable as articles
        {"path": str(folder / "letter.docx"), "why": "word-processor documents are not read: "
                                                     "save the document as plain text, .txt"},
        {"path": str(folder / "notes"), "why": "files without a suffix are not read: give .txt, "
                                               ".md, .jsonl, .json, .html or feed (.xml, .rss, "
                                               ".atom) files"},
        {"path": str(folder / "photo.JPG"), "why": "images are not read: "
                                                   "articles are read from text files"},
        {"path": str(folder / "sub" / "scan.pdf"), "why": "PDF is not read: "
                                                          "copy the article text into a .txt or "
                                                          ".md file"},
        {"path": str(folder / "page.html"), "why": "HTML page with no article text: save the "
                                                   "article's own page, not a front page or a "
                                                   "list of links, or copy its text into a .txt "
                                                   "file"},
    ]
    warnings = [r.getMessage() for r in caplog.records if r.name == "compare.ingest"]
    assert len(warnings) == len(skipped)
    assert (f"skipped {folder / 'page.html'}: HTML page with no article text (save the "
            "article's own page, not a front page or a list of links, or copy its text into a "
            ".txt file)") in warnings
    assert not any(".DS_Store" in w or ".hidden" in w or "Thumbs" in w for w in warnings)


def test_find_files_records_but_does_not_log(tmp_path, caplog):
    folder = mixed_folder(tmp_path)
    skipped: list = []
    with caplog.at_level(logging.WARNING, logger="compare.ingest"):
        files = find_files([folder], skipped=skipped)
    assert [f.name for f in files] == ["a.md", "page.html", "b.jsonl"]  # pages are read later
    assert len(skipped) == 4 and caplog.records == []


def test_nothing_is_logged_when_the_input_is_bad(tmp_path, caplog):
    folder = mixed_folder(tmp_path)
    (folder / "bad.md").write_text(md("outlet: A\ndate: 2026-02-30\n"))
    with caplog.at_level(logging.WARNING, logger="compare.ingest"), pytest.raises(InputError):
        read_articles([folder], skipped=[])
    assert caplog.records == []


def test_links_are_recorded_not_followed(tmp_path):
    folder = mixed_folder(tmp_path)
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "z.md").write_text(md("outlet: Z\n"))
    (folder / "linked").symlink_to(other, target_is_directory=True)
    (folder / "gone.md").symlink_to(tmp_path / "nothing.md")
    skipped: list = []
    assert read_articles([folder], skipped=skipped)["outlet"].to_list() == ["A", "B"]
    whys = {Path(s["path"]).name: s["why"] for s in skipped}
    assert whys["linked"].startswith("links to folders are not followed")
    assert whys["gone.md"].startswith("broken link")


def _deny(monkeypatch, name: str) -> None:
    """Make ``os.scandir`` fail on folders called ``name`` as it would without permission."""
    real = os.scandir

    def scandir(path="."):
        if Path(path).name == name:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_walker_skips_an_unreadable_subfolder(tmp_path, monkeypatch, caplog):
    folder = mixed_folder(tmp_path)
    (folder / "locked").mkdir()
    (folder / "locked" / "c.md").write_text(md("outlet: C\n"))
    _deny(monkeypatch, "locked")
    skips: list[Skip] = []
    found = walk_folder(folder, skips)
    assert folder / "a.md" in found and folder / "locked" / "c.md" not in found
    assert [s.record() for s in skips if "locked" in s.path] == [
        {"path": str(folder / "locked"), "why": "unreadable folder: Permission denied"}]
    skipped: list = []
    with caplog.at_level(logging.WARNING, logger="compare.ingest"):
        assert read_articles([folder], skipped=skipped)["outlet"].to_list() == ["A", "B"]
    assert {"path": str(folder / "locked"), "why": "unreadable folder: Permission denied"} in (
        skipped)
    assert f"skipped {folder / 'locked'}: unreadable folder: Permission denied" in [
        r.getMessage() for r in caplog.records]


def test_an_unreadable_input_folder_is_an_error(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    _deny(monkeypatch, "in")
    with pytest.raises(InputError) as info:
        read_articles([tmp_path / "in"])
    assert str(info.value) == (f"{tmp_path / 'in'}: cannot read the folder: Permission denied "
                               "(check its permissions)")


def test_a_folder_of_unreadable_subfolders_says_so(tmp_path, monkeypatch):
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "locked" / "a.md").write_text(md("outlet: A\n"))
    _deny(monkeypatch, "locked")
    with pytest.raises(InputError, match=r"holds no .*; skipped 1 unreadable folder \(point at"):
        read_articles([tmp_path / "in"])


def _unreadable(monkeypatch, name: str) -> None:
    """Make reading the file called ``name`` fail as it would without permission."""
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_an_unreadable_file_is_skipped_in_a_folder_and_an_error_by_name(tmp_path, monkeypatch):
    folder = mixed_folder(tmp_path)
    (folder / "locked.md").write_text(md("outlet: C\n"))
    _unreadable(monkeypatch, "locked.md")
    skipped: list = []
    assert read_articles([folder], skipped=skipped)["outlet"].to_list() == ["A", "B"]
    assert {"path": str(folder / "locked.md"), "why": "unreadable file: Permission denied"} in (
        skipped)
    with pytest.raises(InputError) as info:
        read_articles([folder / "a.md", folder / "locked.md"])
    assert str(info.value) == (f"{folder / 'locked.md'}: cannot read the file: Permission denied"
                               " (check its permissions)")


CHILD = """
import json, os, sys
from compare.ingest import read_articles
import charset_normalizer, feedparser, trafilatura  # imported on first use: load them now
if len(sys.argv) > 2:  # the interpreter is out of nobody's reach: drop privileges only now
    os.setgroups([]); os.setgid(int(sys.argv[3])); os.setuid(int(sys.argv[2]))
assert os.geteuid() != 0
if not os.access(os.path.join(sys.argv[1], "a.md"), os.R_OK):
    print(json.dumps({"skip": "nobody cannot read the scratch folder under /tmp"}))
    sys.exit()
skipped = []
articles = read_articles([sys.argv[1]], skipped=skipped)
print(json.dumps({"outlets": articles["outlet"].to_list(), "skipped": skipped}))
"""


def _runs_as(drop) -> bool:
    """Whether a child that drops privileges before exec can still run this interpreter."""
    try:
        return subprocess.run([sys.executable, "-c", "import compare.ingest"], preexec_fn=drop,
                              capture_output=True).returncode == 0
    except OSError:
        return False


def test_unreadable_subfolder_as_nobody():
    """A real permission error: the walk runs as ``nobody`` (root ignores chmod 000)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root to run a child as nobody (covered by the monkeypatched test)")
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user 'nobody' on this machine")
    try:
        scratch = Path(tempfile.mkdtemp(prefix="claim-compare-", dir="/tmp"))
    except OSError as exc:
        pytest.skip(f"cannot make a scratch folder under /tmp: {exc}")

    def drop() -> None:
        os.setgroups([])
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)

    folder = mixed_folder(scratch)
    try:
        (folder / "locked").mkdir()
        (folder / "locked" / "c.md").write_text(md("outlet: C\n"))
        for path in [scratch, *scratch.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (folder / "locked").chmod(0o000)
        if _runs_as(drop):
            result = subprocess.run([sys.executable, "-c", CHILD, str(folder)],
                                    preexec_fn=drop, capture_output=True, text=True)
        else:  # nobody cannot run this interpreter (it lives under /root, say)
            result = subprocess.run([sys.executable, "-c", CHILD, str(folder),
                                     str(nobody.pw_uid), str(nobody.pw_gid)],
                                    capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        out = json.loads(result.stdout)
        if "skip" in out:
            pytest.skip(out["skip"])
        assert out["outlets"] == ["A", "B"]
        assert {"path": str(folder / "locked"),
                "why": "unreadable folder: Permission denied"} in out["skipped"]
        assert f"skipped {folder / 'locked'}: unreadable folder: Permission denied" in (
            result.stderr)
    finally:
        (folder / "locked").chmod(0o755)
        shutil.rmtree(scratch)
