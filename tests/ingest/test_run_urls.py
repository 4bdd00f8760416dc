"""A run over URLs on the real pipeline: the example pages and feed served on loopback, a URL
that fails listed with why, and a second run with the server stopped read from the pages kept
in the index folder."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import compare
from compare.cli import app
from compare.report.escape import md

WEB = Path(__file__).resolve().parent.parent.parent / "examples" / "web"
PAGES = ("levant-daily.html", "sham-alyawm.html", "nahar-alshamal.html")


TEASED = """<html lang="en"><head><title>{title}</title>
<meta property="og:site_name" content="Northern Monitor"></head><body><nav>Home | World</nav>
<article><h1>{title}</h1><p>{body}</p></article><footer>All rights reserved</footer>
</body></html>"""


def serve_examples(web) -> list[str]:
    """The three pages, the feed (its links moved onto the server) with its teasers' pages, and
    a URL that is not there."""
    for name in PAGES:
        # The server names no charset: the windows-1256 page declares its own.
        web.routes[f"/{name}"] = (200, {"Content-Type": "text/html"}, (WEB / name).read_bytes())
    site = "https://www.northernmonitor.example"
    feed = (WEB / "feeds" / "northern-monitor.xml").read_bytes()
    web.routes["/rss"] = (200, {"Content-Type": "application/rss+xml"},
                          feed.replace(site.encode(), web.base.encode()))
    for path, title in (("/2026/11/15/funerals-market-strike-victims/", "Funerals held"),
                        ("/2026/11/12/schools-reopen/", "Schools reopen")):
        body = (f"{title} in Maarat al-Zeitoun on Sunday, the town council said. Hundreds of "
                "residents attended, and the council said the market would stay closed.")
        web.routes[path] = (200, {"Content-Type": "text/html; charset=utf-8"},
                            TEASED.format(title=title, body=body).encode())
    return [web.url(f"/{name}") for name in PAGES] + [web.url("/rss"), web.url("/gone")]


def test_a_run_over_urls_then_again_with_the_site_down(web, tmp_path, encoder):
    urls = serve_examples(web)
    index = tmp_path / "idx"
    first = compare.run(urls, out=tmp_path / "one", index_dir=index, encoder=encoder)
    outlets = first.articles["outlet"].to_list()
    # The page that names no site is filed under the host it was fetched from.
    assert set(outlets) == {"Levant Daily", "الشام اليوم", "127.0.0.1", "Northern Monitor"}
    assert outlets.count("Northern Monitor") == 4  # two full items, two teasers fetched
    assert first.info.failed == [{"url": web.url("/gone"), "why": "HTTP 404 Not Found"}]
    meta = json.loads((tmp_path / "one" / "run.json").read_text(encoding="utf-8"))
    assert meta["failed"] == first.info.failed
    assert {"url": web.url("/levant-daily.html")} in meta["inputs"]
    report = (tmp_path / "one" / "report.md").read_text(encoding="utf-8")
    assert f"## Not read (1)\n\n- {md(web.url('/gone'))}: HTTP 404 Not Found\n" in report
    arabic = first.articles.filter(outlet="الشام اليوم")["text"][0]
    assert "غارة" in arabic or "قصف" in arabic  # windows-1256 read as Arabic
    assert first.pairs.height >= 5
    # The market strike is one story across languages; the feed's water-station item is not.
    top = first.stories.row(0, named=True)
    assert {"Levant Daily", "الشام اليوم", "127.0.0.1"} <= set(top["outlets"])
    assert first.stories.height >= 2
    assert (tmp_path / "one" / "stories.parquet").is_file()

    web.stop()
    again = compare.run(urls[:-1], out=tmp_path / "two", index_dir=index, encoder=encoder)
    assert again.info.failed == []
    assert again.claims["claim_id"].to_list() == first.claims["claim_id"].to_list()
    assert again.pairs["relation"].to_list() == first.pairs["relation"].to_list()


def test_sources_file_names_the_outlets_offline_from_the_cache(web, tmp_path, encoder,
                                                               monkeypatch):
    urls = serve_examples(web)
    sources = tmp_path / "sources.toml"
    sources.write_text(
        f'[[outlet]]\nname = "Levant"\npages = ["{urls[0]}"]\n\n'
        f'[[outlet]]\nname = "Sham"\npages = ["{urls[1]}"]\nlang = "ar"\n\n'
        f'[[outlet]]\nname = "Monitor"\nfeeds = ["{urls[3]}"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first = compare.run(sources=sources, out="a", index_dir="idx", encoder=encoder)
    assert set(first.articles["outlet"].to_list()) == {"Levant", "Sham", "Monitor"}
    web.stop()
    result = CliRunner().invoke(app, ["run", "--sources", str(sources), "--offline",
                                      "--out", "b", "--index-dir", "idx"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{first.articles.height} articles from 3 outlets")
    urls_file = tmp_path / "urls.txt"
    urls_file.write_text(f"# kept pages\n{urls[0]}\n{urls[1]}  # Arabic\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", "--urls", str(urls_file), "--offline", "--out", "c",
                                      "--index-dir", "idx"])
    assert result.exit_code == 0, result.output
    assert "2 articles from 2 outlets" in result.output
    # The scheduled job polls the same sources; the pages are dated 14–15 November 2026.
    result = CliRunner().invoke(app, ["weekly", "--sources", str(sources), "--offline",
                                      "--week", "2026-W46", "--index-dir", "idx",
                                      "--reports-dir", "weeks"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "weeks" / "2026-W46" / "report.md").is_file()
