"""Ingest: files and folders in, ARTICLES frame out; every bad input names its file and line."""

from __future__ import annotations

import json

import polars as pl
import pytest

from compare import schema
from compare.errors import InputError, NothingToCompare
from compare.ingest import article_id, read_articles, require_outlets


def test_seeds_take_their_outlet_from_the_source_line(seeds_dir):
    articles = read_articles([seeds_dir])
    schema.check(articles, schema.ARTICLES, "test")
    assert sorted(articles["outlet"].to_list()) == ["بلدي نيوز", "وكالات"]
    for row in articles.iter_rows(named=True):
        assert row["article_id"] == article_id(row["outlet"], row["text"])
        assert len(row["article_id"]) == 16


def test_seed_text_is_kept_verbatim(seeds_dir):
    articles = read_articles([seeds_dir / "000_ece09340e527c063.txt"])
    raw = (seeds_dir / "000_ece09340e527c063.txt").read_text(encoding="utf-8")
    assert articles["text"][0] == raw


def test_front_matter_fields(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\noutlet: Reuters\ntitle: Minister quits\ndate: 2026-11-16\nurl: https://x.test/a\n"
        "lang: en\n---\nThe minister resigned on Monday.\n", encoding="utf-8")
    row = read_articles([tmp_path]).row(0, named=True)
    assert (row["outlet"], row["title"], row["date"], row["url"], row["lang"]) == (
        "Reuters", "Minister quits", "2026-11-16", "https://x.test/a", "en")
    assert row["text"] == "The minister resigned on Monday.\n"


def test_file_name_is_the_outlet_of_last_resort(tmp_path):
    (tmp_path / "al-hayat.txt").write_text("نص المقال هنا بلا سطر مصدر.", encoding="utf-8")
    assert read_articles([tmp_path])["outlet"].to_list() == ["al-hayat"]


def test_english_source_line(tmp_path):
    (tmp_path / "x.txt").write_text("The army took the town.\nSource: Reuters\n", encoding="utf-8")
    assert read_articles([tmp_path])["outlet"].to_list() == ["Reuters"]


def test_jsonl_and_json_articles(tmp_path):
    rows = [{"text": "أ", "outlet": "A", "date": "2026-11-17"}, {"text": "b", "outlet": "B"}]
    (tmp_path / "x.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    (tmp_path / "y.json").write_text(json.dumps({"articles": [{"text": "c", "outlet": "C"}]}))
    articles = read_articles([tmp_path])
    assert articles["outlet"].to_list() == ["A", "B", "C"]
    assert articles["line"].to_list() == [1, 2, None]
    assert articles["date"].to_list() == ["2026-11-17", None, None]


def test_duplicate_articles_are_read_once(tmp_path):
    line = json.dumps({"text": "same text", "outlet": "A"})
    (tmp_path / "x.jsonl").write_text(f"{line}\n{line}\n")
    assert read_articles([tmp_path]).height == 1


def _error(inputs) -> InputError:
    with pytest.raises(InputError) as info:
        read_articles(inputs)
    return info.value


def test_missing_path(tmp_path):
    err = _error([tmp_path / "nope"])
    assert err.path.endswith("nope") and "no such file or directory" in str(err)


def test_utf8_with_a_cp1256_line_names_file_and_line(tmp_path):
    bad = tmp_path / "mixed.txt"
    bad.write_bytes("سطر أول\n".encode() + "مرحبا".encode("cp1256"))
    err = _error([bad])
    assert (err.path, err.line) == (str(bad), 2)
    assert "not UTF-8" in err.message and "retype that line" in err.hint


def test_cp1256_text_is_read_as_arabic(tmp_path):
    (tmp_path / "a.txt").write_bytes("قُتل سبعة أشخاص في الغارة.\n".encode("cp1256"))
    assert read_articles([tmp_path])["text"].to_list() == ["قُتل سبعة أشخاص في الغارة.\n"]


def test_malformed_jsonl_line(tmp_path):
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"text": "a", "outlet": "A"}\n{"text": "b", outlet: B}\n')
    err = _error([bad])
    assert (err.path, err.line) == (str(bad), 2)
    assert str(err).startswith(f"{bad}:2: malformed JSON")


@pytest.mark.parametrize("record,missing", [({"outlet": "A"}, "text"), ({"text": "t"}, "outlet"),
                                            ({"text": " ", "outlet": "A"}, "text")])
def test_article_without_text_or_outlet(tmp_path, record, missing):
    bad = tmp_path / "x.jsonl"
    bad.write_text(json.dumps({"text": "ok", "outlet": "A"}) + "\n" + json.dumps(record) + "\n")
    err = _error([bad])
    assert (err.line, err.message) == (2, f"article has no '{missing}'")


def test_bad_date_and_bad_front_matter(tmp_path):
    bad = {"text": "t", "outlet": "A", "date": "2026-13-40"}
    (tmp_path / "d.jsonl").write_text(json.dumps(bad))
    assert "is not an ISO date" in _error([tmp_path / "d.jsonl"]).message
    (tmp_path / "f.md").write_text("---\noutlet: [unclosed\n---\nbody\n")
    err = _error([tmp_path / "f.md"])
    assert err.path.endswith("f.md") and "front matter" in err.message


def test_unsupported_and_empty_inputs(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    assert "unsupported file type" in _error([tmp_path / "x.pdf"]).message
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds no" in _error([empty]).message
    (tmp_path / "blank.txt").write_text("  \n")
    assert "no text" in _error([tmp_path / "blank.txt"]).message


def test_single_outlet_is_nothing_to_compare(tmp_path):
    (tmp_path / "x.jsonl").write_text(
        json.dumps({"text": "a", "outlet": "A"}) + "\n" + json.dumps({"text": "b", "outlet": "A"}))
    with pytest.raises(NothingToCompare, match="come from one outlet"):
        require_outlets(read_articles([tmp_path]))


def test_frame_types_are_the_contract(seeds_dir):
    articles = read_articles([seeds_dir])
    assert dict(articles.schema) == {k: v for k, v in schema.ARTICLES.items()}
    assert articles.filter(pl.col("line").is_not_null()).is_empty()
