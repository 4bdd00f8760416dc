"""RSS and Atom feed files: entries with their text, date and link; full articles told from
teasers; feeds that are not, or are broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.errors import InputError
from compare.ingest import Entry, Feed, feed_outlet, looks_like_feed, read_articles, read_feed
from compare.ingest.feeds import html_to_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples/web/feeds/northern-monitor.xml"
LONG = ("The station resumed work on Friday after three weeks of repairs. Engineers replaced two "
        "pumps damaged by a power surge in October. The authority said supply would return to "
        "normal within two days. Residents were asked to store water because of continuing power "
        "cuts, which now last up to twenty hours a day. The authority thanked the donors who paid "
        "for the new pumps and said a second station would be repaired next spring.")


def rss(items: str, head: str = "<title>Levant Feed</title>", encoding: str = "utf-8") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"{head}{items}</channel></rss>\n")


def item(title: str = "T", description: str | None = None, content: str | None = None,
         date: str = "Sat, 14 Nov 2026 16:05:00 +0200") -> str:
    parts = [f"<title>{title}</title><link>https://www.levantfeed.example/{title}</link>",
             f"<pubDate>{date}</pubDate>"]
    if description is not None:
        parts.append(f"<description><![CDATA[{description}]]></description>")
    if content is not None:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    return "<item>" + "".join(parts) + "</item>"


def test_the_example_feed():
    feed = read_feed(EXAMPLE.read_bytes(), str(EXAMPLE))
    assert (feed.title, feed.link) == ("Northern Monitor", "https://www.northernmonitor.example/")
    assert [(e.date, e.full) for e in feed.entries] == [
        ("2026-11-15", True), ("2026-11-15", False), ("2026-11-13", True), ("2026-11-12", False)]
    first, teaser = feed.entries[:2]
    assert first.url == "https://www.northernmonitor.example/2026/11/15/market-strike-what-we-know/"
    assert first.text.split("\n")[1] == ("The health ministry says 12 people were killed and 30 "
                                         "wounded, three of the dead children.")
    assert len(first.text.split("\n")) == 5
    for noise in ("<p>", "shareCount", "appeared first on", "<em>"):
        assert noise not in first.text
    assert teaser.text.endswith("the strike on the town's market […]")
    assert feed.entries[3].text == "Education officials say classes will resume on Monday."


def test_dates_stay_in_the_feeds_time_zone():
    feed = read_feed(rss(item(description="x", date="Sun, 15 Nov 2026 01:15:00 +0300")).encode(),
                     "f.xml")
    assert feed.entries[0].date == "2026-11-15"  # 14 November in UTC


@pytest.mark.parametrize("description,content,full", [
    ("A teaser.", "<p>The whole article.</p><p>Second paragraph.</p>", True),
    ("A teaser.", None, False),
    (LONG, None, True),
    (LONG + " [&#8230;]", None, False),
    (LONG[:380] + ".", None, False),
    ("Classes resume on Monday. <a href='https://x.example/a'>Read more</a>", None, False),
    (None, None, False),
])
def test_full_articles_are_told_from_teasers(description, content, full):
    feed = read_feed(rss(item(description=description, content=content)).encode(), "f.xml")
    assert feed.entries[0].full is full


def test_content_wins_over_the_summary_and_becomes_plain_text():
    content = ("<p>First <b>bold</b> paragraph.</p><script>alert('x')</script>"
               "<ul><li>one</li><li>two</li></ul>Tail<br>after break")
    entry = read_feed(rss(item(description="Teaser.", content=content)).encode(), "f").entries[0]
    assert entry.text == "First bold paragraph.\none\ntwo\nTail\nafter break"


def test_html_to_text_decodes_entities_and_keeps_paragraphs():
    assert html_to_text("<p>Fish &amp; chips</p>\n<p>caf&eacute;</p>") == "Fish & chips\ncafé"
    assert html_to_text("plain &#8230;") == "plain …"
    assert html_to_text("") == ""


def test_atom_feed():
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<link href="https://www.atomwire.example/"/>
<entry><title>E1</title><link href="https://www.atomwire.example/e1"/>
<updated>2026-11-14T23:30:00+03:00</updated><summary>Short.</summary>
<content type="html">&lt;p&gt;Para one.&lt;/p&gt;&lt;p&gt;Para two.&lt;/p&gt;</content></entry>
</feed>"""
    entry = Entry("E1", "https://www.atomwire.example/e1", "2026-11-14", "Para one.\nPara two.",
                  True)
    assert read_feed(atom.encode(), "a.atom") == Feed("Atom Wire", "https://www.atomwire.example/",
                                                      [entry])


def test_a_cp1256_feed_is_read_as_arabic():
    data = rss(item(title="غارة", description="قتل سبعة أشخاص في الغارة على السوق."),
               head="<title>الشام اليوم</title>", encoding="windows-1256").encode("cp1256")
    feed = read_feed(data, "f.xml")
    assert (feed.title, feed.entries[0].title, feed.entries[0].text) == (
        "الشام اليوم", "غارة", "قتل سبعة أشخاص في الغارة على السوق.")


@pytest.mark.parametrize("head,expected", [
    (b'<?xml version="1.0"?>\n<rss version="2.0">', True),
    (b'\xef\xbb\xbf<?xml version="1.0"?><!-- generator --><feed xmlns="x">', True),
    (b'<?xml version="1.0"?><?xml-stylesheet href="s.xsl"?>\n<rdf:RDF xmlns:rdf="r">', True),
    (b'<!DOCTYPE rss PUBLIC "-//Netscape//DTD RSS 0.91//EN" "x">\n<rss version="0.91">', True),
    ("\ufeff<rss>".encode("utf-16-le"), True),
    (b'<?xml version="1.0"?><urlset xmlns="s">', False),
    (b"<!DOCTYPE html><html><body><p>rss feed</p>", False),
    (b'{"articles": []}', False),
])
def test_looks_like_feed(head, expected):
    assert looks_like_feed(head) is expected


def test_not_a_feed_names_the_file():
    with pytest.raises(InputError) as info:
        read_feed(b'<?xml version="1.0"?><urlset/>', "in/sitemap.xml")
    assert str(info.value).startswith("in/sitemap.xml: not an RSS or Atom feed")


@pytest.mark.parametrize("data,message", [
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>T</ti',
     r"^f\.xml:3: malformed feed: unclosed token \(save the feed again"),
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<title>T</title>\n<item><title>A',
     r"^f\.xml:\d+: malformed feed: "),
    (rss("").encode(), r"^f\.xml: the feed holds no entries \(give a feed with <item>"),
])
def test_a_malformed_or_empty_feed_names_the_file(data, message):
    with pytest.raises(InputError, match=message):
        read_feed(data, "f.xml")


def test_a_malformed_feed_with_entries_is_read():
    broken = rss(item(description="x")).replace("<channel>", "<channel><title>A & B</title>")
    assert [e.text for e in read_feed(broken.encode(), "f.xml").entries] == ["x"]


def test_feed_outlet():
    assert feed_outlet(Feed("Levant Feed", "https://www.levant.example/", [])) == "Levant Feed"
    assert feed_outlet(Feed(None, "https://www.levant.example/", [])) == "levant.example"
    assert feed_outlet(Feed(None, None, []), "https://feeds.levant.example/rss") == (
        "feeds.levant.example")
    assert feed_outlet(Feed(None, None, [])) is None


def test_each_entry_is_an_article(tmp_path):
    (tmp_path / "levant.rss").write_text(rss(
        item("strike", description="A teaser.", content="<p>Twelve were killed.</p>")
        + item("funeral", description="Mourners gathered […]")
        + item("headline-only")), encoding="utf-8")
    (tmp_path / "untitled.xml").write_text(rss(item("x", description="Seven were killed."),
                                               head=""), encoding="utf-8")
    rows = read_articles([tmp_path]).rows(named=True)
    assert [(r["outlet"], r["title"], r["text"], r["date"], r["url"]) for r in rows] == [
        ("Levant Feed", "strike", "Twelve were killed.", "2026-11-14",
         "https://www.levantfeed.example/strike"),
        ("Levant Feed", "funeral", "Mourners gathered […]", "2026-11-14",
         "https://www.levantfeed.example/funeral"),
        ("Levant Feed", "headline-only", "headline-only", "2026-11-14",
         "https://www.levantfeed.example/headline-only"),
        ("untitled", "x", "Seven were killed.", "2026-11-14", "https://www.levantfeed.example/x"),
    ]


def test_a_feed_given_by_name_that_is_not_one_is_an_error(tmp_path):
    (tmp_path / "news.rss").write_text("<html><body>not a feed</body></html>")
    with pytest.raises(InputError, match="news.rss: not an RSS or Atom feed"):
        read_articles([tmp_path / "news.rss"])


def test_an_indented_page_is_told_from_a_feed_at_once():
    # Nested quantifiers over the spaces once took a minute to give up on such a page.
    prologue = b" " * 40 + b"<!DOCTYPE html>\n<!-- c -->\n" + b" " * 40
    assert looks_like_feed(prologue + b"<html><body><p>news</p>") is False
    assert looks_like_feed(b"<?a?>" * 800 + b"<html>") is False
    assert looks_like_feed(b" " * 40 + b'<?xml version="1.0"?>\n<!-- c -->\n' + b" " * 40
                           + b'<rss version="2.0">') is True


@pytest.mark.parametrize("date", ["Mon, 01 Jan 99999999999 00:00:00 +0000", "0000-01-01"])
def test_a_date_out_of_range_leaves_the_entry_undated(date):
    feed = read_feed(rss(item(description="Seven were killed.", date=date)).encode(), "f.xml")
    assert [(e.text, e.date) for e in feed.entries] == [("Seven were killed.", None)]
