"""Saved web pages: the article without the page around it, its metadata, its encoding, and
how folders of pages (and of the shipped examples/web) are read."""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from compare.errors import InputError
from compare.ingest import read_articles, read_html
from compare.ingest.html import EmptyPage, host, sniff_charset

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "web"

BODY = [
    "An air strike hit the crowded vegetable market in Maarat al-Zeitoun on Saturday morning, "
    "killing 12 people and wounding 30, the health ministry said.",
    "The ministry said three of the dead were children and that the toll could rise.",
    "Witnesses said two missiles struck the market shortly after 10 a.m., when it was busiest.",
    "There was no immediate comment from the defence ministry.",
]
BOILERPLATE = {
    "menu": "Opinion and analysis",
    "cookie banner": "We use cookies to personalise content",
    "script": "googletag.defineSlot",
    "script string": "Breaking: currency slides",
    "comment": "the market was empty that day, fake news",
    "second comment": "Numbers from the ministry can never be trusted",
    "related": "Ceasefire talks stall over prisoner exchange",
    "footer": "All rights reserved",
    "share": "Share on WhatsApp",
}


def page(*, head: str = "", lang: str = "en-GB", body: list[str] = BODY,
         title: str = "Market strike kills 12") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Test Daily</title>{head}
<script>var googletag = {{cmd: []}}; googletag.defineSlot('/1/top', [728, 90], 'ad');
var ticker = "Breaking: currency slides to a record low";</script></head>
<body>
<div class="cookie-banner"><p>We use cookies to personalise content and ads. Accept?</p></div>
<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world/">World news
</a></li><li><a href="/opinion/">Opinion and analysis</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on WhatsApp</a></div>
<div class="article-body">
{paragraphs}
</div>
</article>
<section class="related"><h2>Related</h2><ul>
<li><a href="/a">Ceasefire talks stall over prisoner exchange</a></li>
<li><a href="/b">Bread prices double in two months, traders say</a></li></ul></section>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>Honestly the market was empty that day, fake news from start to end.
</p></div>
<div class="comment"><p>Numbers from the ministry can never be trusted, they inflate them.</p></div>
</section></main>
<footer><p>© 2026 Test Daily Media. All rights reserved.</p></footer>
</body></html>"""


META = """
<meta property="og:site_name" content="Test Daily">
<meta property="article:published_time" content="2026-11-14T16:05:00+02:00">
<link rel="canonical" href="https://www.testdaily.example/2026/11/14/market/">"""


def test_only_the_article_is_text_one_paragraph_a_line():
    found = read_html(page(head=META).encode(), "p.html")
    assert found["text"] == "\n".join(BODY)
    for what, words in BOILERPLATE.items():
        assert words not in found["text"], what


def test_the_title_is_not_repeated_in_the_text():
    found = read_html(page(head=META).encode(), "p.html")
    assert found["title"] == "Market strike kills 12"
    assert "Market strike kills 12" not in found["text"]


def test_metadata_from_the_page():
    found = read_html(page(head=META).encode(), "p.html")
    assert {k: v for k, v in found.items() if k != "text"} == {
        "outlet": "Test Daily", "title": "Market strike kills 12", "date": "2026-11-14",
        "url": "https://www.testdaily.example/2026/11/14/market/", "lang": "en"}


def test_without_a_site_name_the_outlet_is_the_canonical_host():
    head = '<link rel="canonical" href="https://www.naharshamal.example/akhbar/1">'
    found = read_html(page(head=head, lang="ar-SY").encode(), "p.html")
    assert (found["outlet"], found["url"], found["lang"]) == (
        "naharshamal.example", "https://www.naharshamal.example/akhbar/1", "ar")


def test_the_address_it_was_fetched_from_comes_first():
    head = '<link rel="canonical" href="https://www.naharshamal.example/akhbar/1">'
    found = read_html(page(head=head).encode(), "p.html", url="https://m.nahar.example/a/1")
    assert (found["outlet"], found["url"]) == ("nahar.example", "https://m.nahar.example/a/1")


def test_a_page_without_site_name_or_address_has_no_outlet_and_the_file_names_it(tmp_path):
    bare = page().replace(" | Test Daily", "")
    assert read_html(bare.encode(), "p.html")["outlet"] is None
    (tmp_path / "levant-post.html").write_text(bare, encoding="utf-8")
    row = read_articles([tmp_path]).row(0, named=True)
    assert (row["outlet"], row["url"], row["text"]) == ("levant-post", None, "\n".join(BODY))


def test_host():
    assert host("https://www.Levant.example:8443/a?b") == "levant.example"
    assert host("not a url") is None and host(None) is None


@pytest.mark.parametrize("head,charset", [
    (b'<meta charset="windows-1256">', "windows-1256"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=Windows-1256">',
     "Windows-1256"),
    (b"<meta charset='koi8-r'/>", "koi8-r"),
    (b"", None),
])
def test_sniff_charset(head, charset):
    assert sniff_charset(b"<!doctype html><html><head>" + head + b"<title>x</title>") == charset
    assert sniff_charset(b'<?xml version="1.0" encoding="windows-1256"?>\n<html>') == (
        "windows-1256")


ARABIC_BODY = [
    "قال متحدث عسكري إن غارة جوية استهدفت صباح السبت مستودعاً للأسلحة قرب سوق معرة الزيتون، "
    "ما أدى إلى مقتل سبعة أشخاص.",
    "وأضاف المتحدث أن بين القتلى خمسة مسلحين كانوا يخزّنون ذخائر في مبنى ملاصق للسوق.",
    "وأكد أن الطائرات لم تستهدف المدنيين، وأن السوق لم يكن هدفاً للغارة.",
]


def test_a_cp1256_page_is_read_in_its_declared_charset(tmp_path):
    markup = page(head='<meta charset="windows-1256">' + META, lang="ar", body=ARABIC_BODY,
                  title="غارة على معرة الزيتون").replace('<meta charset="utf-8">', "")
    (tmp_path / "sham.html").write_bytes(markup.encode("cp1256"))
    row = read_articles([tmp_path / "sham.html"]).row(0, named=True)
    assert row["text"] == "\n".join(ARABIC_BODY)
    assert (row["title"], row["lang"]) == ("غارة على معرة الزيتون", "ar")
    assert "Ø" not in row["text"] and "Ù" not in row["text"]


def test_an_xhtml_page_with_an_xml_declaration():
    xhtml = ('<?xml version="1.0" encoding="windows-1256"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD '
             'XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
             '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ar-SY"><head><title>خبر'
             '</title></head><body><div id="nav"><a href="/">الرئيسية</a></div><div><p>'
             + "</p><p>".join(ARABIC_BODY) + "</p></div></body></html>")
    found = read_html(xhtml.encode("cp1256"), "a.xhtml")
    assert (found["text"], found["lang"]) == ("\n".join(ARABIC_BODY), "ar")


def test_the_servers_charset_overrides_the_pages():
    markup = page(body=ARABIC_BODY).replace('charset="utf-8"', 'charset="iso-8859-6"')
    found = read_html(markup.encode("cp1256"), "p.html", charset="windows-1256")
    assert found["text"] == "\n".join(ARABIC_BODY)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_page_with_a_byte_order_mark(codec):
    found = read_html(("\ufeff" + page(head=META)).encode(codec), "p.html")
    assert found["text"] == "\n".join(BODY)


@pytest.mark.parametrize("markup", [
    "<p>x</p>",
    "<html><head><title>Front page</title></head><body><nav><a href='/'>Home</a> "
    "<a href='/world/'>World</a></nav></body></html>",
    "<html><body><script>var a = 'only a script here';</script></body></html>",
    "",
])
def test_a_page_without_article_text_names_the_file(tmp_path, markup):
    with pytest.raises(EmptyPage) as info:
        read_html(markup.encode(), "saved/page.html")
    assert str(info.value).startswith("saved/page.html: no article text in the page (save the")
    (tmp_path / "front.html").write_text(markup, encoding="utf-8")
    with pytest.raises(InputError, match="front.html: no article text in the page"):
        read_articles([tmp_path / "front.html"])


def test_a_folder_reads_pages_and_skips_xml_that_is_not_a_feed(tmp_path, caplog):
    (tmp_path / "a.html").write_text(page(head=META), encoding="utf-8")
    (tmp_path / "b.htm").write_text(page(head='<meta property="og:site_name" content="B">',
                                         body=BODY[:2]), encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?>\n<urlset><url><loc>'
                                          "https://x.example/</loc></url></urlset>\n")
    (tmp_path / "front.html").write_text("<html><body><nav>Home</nav></body></html>")
    (tmp_path / "README.md").write_text("# Saved pages\nSaved by hand on 15 November.\n")
    skipped: list = []
    with caplog.at_level(logging.WARNING, logger="compare.ingest"):
        articles = read_articles([tmp_path], skipped=skipped)
    assert articles["outlet"].to_list() == ["Test Daily", "B"]
    assert [(Path(s["path"]).name, s["why"].split(":")[0]) for s in skipped] == [
        ("README.md", "README files in folders are not read"),
        ("sitemap.xml", "XML file that is not an RSS/Atom feed"),
        ("front.html", "HTML page with no article text")]
    assert len(caplog.records) == 3


def test_the_examples_are_read_end_to_end():
    skipped: list = []
    articles = read_articles([EXAMPLES], skipped=skipped)
    outlets = set(articles["outlet"])
    assert articles.height >= 5 and len(outlets) >= 4
    assert outlets == {"Levant Daily", "Gulf Wire", "الشام اليوم", "المرصد الإخباري", "الوطن الآن",
                       "naharshamal.example", "Northern Monitor"}
    arabic = articles.filter(articles["lang"] == "ar")
    assert arabic.height == 4
    for text in arabic["text"]:
        assert sum("\u0621" <= ch <= "\u064a" for ch in text) > 100
    for text in articles["text"]:
        assert "Ø" not in text and "Ù" not in text and "\ufffd" not in text
        for words in ("cookies", "All rights reserved", "جميع الحقوق محفوظة", "كفى كذباً",
                      "googletag", "Most read", "الأكثر قراءة", "shame on whoever", "اقرأ أيضاً",
                      "Share on", "واتساب", "التعليقات", "newsletter", "النشرة البريدية",
                      "الصفحة الرئيسية", "استطلاع", "عدد القراءات", "Advertisement"):
            assert words not in text
    assert [s["path"] for s in skipped] == [str(EXAMPLES / "README.md")]


def test_the_examples_disagree_in_a_checkable_way():
    articles = read_articles([EXAMPLES])
    text = dict(zip(articles["outlet"], articles["text"], strict=False))
    assert "killing 12 people" in text["Levant Daily"]
    assert "مقتل سبعة أشخاص" in text["الشام اليوم"] and "متحدث عسكري" in text["الشام اليوم"]
    assert "نفت وزارة الدفاع" in text["naharshamal.example"]
    assert "denied that its aircraft struck a market" in text["Gulf Wire"]
    assert "إلى 14 شخصاً" in text["المرصد الإخباري"]  # a page laid out in tables
    assert len(text["المرصد الإخباري"].split("\n")) == 4  # one paragraph a line
    assert len(text["الوطن الآن"].split("\n")) >= 4  # paragraphs split by <br>


def test_a_canonical_link_that_is_an_unrendered_template_is_no_address():
    head = '<link rel="canonical" href="https://[domain]/news/1">'
    found = read_html(page(head=head).encode(), "p.html")
    assert (found["url"], found["outlet"], found["text"]) == (None, None, "\n".join(BODY))


def test_a_long_page_of_thousands_of_links_is_read_quickly():
    # One alternation of every link text cost links × text: seconds to minutes on such a page.
    lead = "The minister of the interior said on Monday that"
    links = "\n".join(f'<li><a href="/n/{n}">{lead} report {n} was false</a></li>'
                      for n in range(5000))
    body = [*BODY, f"{lead} report 7 was false", *(
        f"{lead} {lead.lower()} the {n} pumps would be repaired soon." for n in range(2000))]
    markup = page(head=META, body=body).replace('<section class="related">',
                                                f'<section class="related"><ul>{links}</ul>')
    started = time.monotonic()
    found = read_html(markup.encode(), "p.html")
    assert found["text"].startswith("\n".join(BODY) + f"\n{lead} {lead.lower()} the 0 pumps")
    assert "report 7" not in found["text"]  # a line of link text is still left out
    assert time.monotonic() - started < 10
