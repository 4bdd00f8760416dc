"""Articles from URLs and feeds, through a loopback server: every URL ends as an article or as a
listed failure, and a second read works from the page cache."""

from __future__ import annotations

import dataclasses

import pytest

from compare.errors import InputError
from compare.ingest.fetch import Fetcher, FetchSettings
from compare.ingest.files import article_id
from compare.ingest.web import is_url, read_urls, url_list
from compare.store.pages import PageCache

QUICK = FetchSettings(connect_timeout=1.0, read_timeout=0.5, total_timeout=5.0, retries=2,
                      backoff=0.01, max_bytes=20_000)
UTF8 = {"Content-Type": "text/html; charset=utf-8"}
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}

EN = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Ministry denies minister resigned | Levant Daily</title>
<meta property="og:site_name" content="Levant Daily">
<meta property="og:title" content="Ministry denies minister resigned">
<meta property="article:published_time" content="2026-11-17T09:30:00+02:00">
<link rel="canonical" href="https://www.levantdaily.example/news/2026/11/17/ministry-denies">
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe
now</a></li></ul></nav></header>
<main>
<article>
<h1>Ministry denies minister resigned</h1>
<p class="byline">By Staff Reporter, 17 November 2026</p>
<p>The Ministry of Defence on Tuesday denied reports that the minister had resigned, calling
them "baseless rumours" spread on social media.</p>
<p>A ministry spokesman told reporters in the capital that the minister was attending a cabinet
meeting and would travel to the north of the country later in the week.</p>
<p>Several news websites had reported on Monday evening that the minister handed his
resignation to the prime minister after a dispute over the military budget.</p>
<p>The spokesman said 40 soldiers were wounded in the clashes near the border on Sunday, and
that the army had taken control of the town of Al-Bab.</p>
</article>
</main>
<aside><h2>Most read</h2><ul><li><a href="/a">Football: local derby ends in draw</a></li><li><a
href="/b">Weather: storms expected</a></li></ul></aside>
<footer><p>© 2026 Levant Daily. All rights reserved.</p><p><a href="/privacy">Privacy
policy</a> | <a href="/contact">Contact us</a></p></footer>
</body>
</html>"""

AR = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>الدفاع الروسية تتهم واشنطن بحماية داعش - بلدي نيوز</title>
<meta property="og:site_name" content="بلدي نيوز">
<meta property="article:published_time" content="2026-11-16T18:05:00+03:00">
</head>
<body>
<nav><a href="/">الرئيسية</a> | <a href="/news">أخبار</a> | <a href="/reports">تقارير</a> | <a
href="/contact">اتصل بنا</a></nav>
<div class="content">
<article>
<h1>الدفاع الروسية تتهم واشنطن بحماية داعش</h1>
<p>اتهمت وزارة الدفاع الروسية الجيش الأميركي بتوفير الحماية والغطاء لتنظيم داعش في سوريا، وذلك
على وقع تزايد هجمات التنظيم في الأيام الأخيرة.</p>
<p>وقالت الوزارة في بيان إن ضربات متتالية أدت إلى تقهقر التنظيم إلى أطراف البوكمال المتاخمة
للحدود السورية العراقية خلال الساعات الأربع والعشرين الماضية.</p>
<p>من جهتها، حمّلت القاعدة الروسية في حميميم الجانب الأمريكي مسؤولية الهجوم على مواقع قوات
النظام في دير الزور، والذي أسفر عن قطع الطريق بين دمشق ودير الزور.</p>
</article>
</div>
<footer><p>جميع الحقوق محفوظة لموقع بلدي نيوز 2026</p><a href="/privacy">سياسة
الخصوصية</a></footer>
</body>
</html>"""

CP1256 = """<html><head><title>مقتل 70 مدنياً في قصف على ريف حلب</title></head>
<body>
<div id="menu"><a href="/">الصفحة الرئيسية</a> - <a href="/world">العالم</a></div>
<div class="story">
<h1>مقتل 70 مدنياً في قصف على ريف حلب</h1>
<p>قال المرصد السوري لحقوق الإنسان إن سبعين مدنياً قتلوا في قصف جوي استهدف بلدات في ريف حلب
الغربي صباح اليوم الاثنين.</p>
<p>وأضاف المرصد أن عدد القتلى مرشح للارتفاع بسبب وجود عشرات الجرحى في حالات خطرة، في حين نفت
وزارة الدفاع أن تكون طائراتها قد شاركت في القصف.</p>
<p>وتشهد المنطقة تصعيداً عسكرياً منذ أسبوعين، وسط تحذيرات من منظمات إنسانية من موجة نزوح جديدة
نحو الحدود التركية.</p>
</div>
<div id="footer">حقوق النشر محفوظة</div>
</body></html>"""

TEASED = """<!DOCTYPE html>
<html lang="ar"><head><meta charset="utf-8"><title>انقطاع الطريق بين دمشق ودير الزور</title>
<meta property="og:site_name" content="موقع آخر"></head>
<body><nav><a href="/">الرئيسية</a> | <a href="/live">بث مباشر</a></nav>
<article><h1>انقطاع الطريق بين دمشق ودير الزور</h1>
<p>أعلنت مصادر محلية أن الطريق الواصل بين دمشق ودير الزور بقي مقطوعاً لليوم الثاني على التوالي
بعد هجوم شنه مسلحون على نقاط عسكرية قرب بلدة الشولا.</p>
<p>وقالت المصادر إن عشرات العناصر قتلوا في الهجوم، فيما تحدثت وسائل إعلام رسمية عن صد الهجوم
وإعادة فتح الطريق أمام حركة الشاحنات.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""

FULL_ITEM = ("<p>أكد الناطق باسم وزارة الخارجية أن الوزير لم يقدم استقالته، واصفاً "
             "الأنباء المتداولة بأنها عارية عن الصحة.</p>"
             "<p>وأضاف أن الوزير يواصل مهامه بشكل طبيعي.</p>")


def feed(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>وكالة الأنباء المحلية</title>
<link>{base}/</link>
<description>آخر الأخبار</description>
<item>
<title>الخارجية تنفي استقالة الوزير</title>
<link>{base}/news/1</link>
<pubDate>Mon, 16 Nov 2026 10:00:00 +0300</pubDate>
<description>نفي رسمي…</description>
<content:encoded><![CDATA[{FULL_ITEM}]]></content:encoded>
</item>
<item>
<title>انقطاع الطريق بين دمشق ودير الزور</title>
<link>{base}/news/2</link>
<pubDate>Tue, 17 Nov 2026 08:15:00 +0300</pubDate>
<description>بقي الطريق مقطوعاً لليوم الثاني… اقرأ المزيد</description>
</item>
</channel>
</rss>""".encode()


def fetcher(tmp_path, settings: FetchSettings = QUICK) -> Fetcher:
    return Fetcher(PageCache(tmp_path / "indexes"), settings)


def serve_news(web) -> None:
    web.routes["/en"] = (200, UTF8, EN.encode())
    web.routes["/ar"] = (200, UTF8, AR.encode())
    web.routes["/cp"] = (200, {"Content-Type": "text/html; charset=windows-1256"},
                         CP1256.encode("cp1256"))
    web.routes["/feed"] = (200, RSS, feed(web.base))
    web.routes["/news/2"] = (200, UTF8, TEASED.encode())


def test_pages_become_article_rows(web, tmp_path):
    serve_news(web)
    failed: list[dict] = []
    with fetcher(tmp_path) as f:
        rows = read_urls([web.url("/en"), web.url("/ar")], f, failed)
    assert failed == []
    en, ar = rows
    assert set(en) == {"article_id", "outlet", "title", "date", "url", "lang", "path", "line",
                       "text"}
    assert (en["outlet"], en["title"], en["date"], en["lang"], en["path"], en["line"]) == (
        "Levant Daily", "Ministry denies minister resigned", "2026-11-17", "en", web.url("/en"),
        None)
    assert en["text"].startswith("The Ministry of Defence on Tuesday denied reports")
    assert "40 soldiers were wounded" in en["text"]
    assert "Subscribe" not in en["text"] and "All rights reserved" not in en["text"]
    assert "Most read" not in en["text"]
    assert en["article_id"] == article_id("Levant Daily", en["text"])
    assert (ar["outlet"], ar["date"], ar["lang"]) == ("بلدي نيوز", "2026-11-16", "ar")
    assert ar["text"].startswith("اتهمت وزارة الدفاع الروسية الجيش الأميركي")
    assert "الرئيسية" not in ar["text"] and "جميع الحقوق" not in ar["text"]


def test_a_charset_named_only_by_the_server_is_used(web, tmp_path):
    serve_news(web)
    with fetcher(tmp_path) as f:
        [row] = read_urls([web.url("/cp")], f, [])
    assert row["title"] == "مقتل 70 مدنياً في قصف على ريف حلب"
    assert "قال المرصد السوري لحقوق الإنسان إن سبعين مدنياً قتلوا" in row["text"]
    assert row["outlet"] == "127.0.0.1"  # no site name: the host stands in


def test_a_feed_gives_its_full_entries_and_fetches_its_teasers(web, tmp_path):
    serve_news(web)
    failed: list[dict] = []
    with fetcher(tmp_path) as f:
        rows = read_urls([web.url("/feed")], f, failed)
    assert failed == []
    full, teased = rows
    assert {full["outlet"], teased["outlet"]} == {"وكالة الأنباء المحلية"}
    assert full["text"] == ("أكد الناطق باسم وزارة الخارجية أن الوزير لم يقدم استقالته، واصفاً "
                            "الأنباء المتداولة بأنها عارية عن الصحة.\n"
                            "وأضاف أن الوزير يواصل مهامه بشكل طبيعي.")
    assert (full["title"], full["date"], full["url"], full["path"]) == (
        "الخارجية تنفي استقالة الوزير", "2026-11-16", web.url("/news/1"), web.url("/feed"))
    assert teased["text"].startswith("أعلنت مصادر محلية أن الطريق الواصل بين دمشق ودير الزور")
    assert (teased["date"], teased["path"]) == ("2026-11-17", web.url("/news/2"))
    assert web.hits["/news/1"] == 0 and web.hits["/news/2"] == 1


def test_every_url_ends_as_an_article_or_a_listed_failure(web, tmp_path):
    serve_news(web)
    web.routes["/slow"] = web.slow(1.5, (200, UTF8, EN.encode()))
    web.routes["/loop"] = (302, {"Location": "/loop"}, b"")
    web.routes["/huge"] = (200, UTF8, b"<p>" + b"x" * 30_000 + b"</p>")
    web.routes["/logo.png"] = (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n....")
    web.routes["/busy"] = web.failing(1, (503, UTF8, b"busy"), (200, UTF8, AR.encode()))
    web.routes["/video"] = (200, UTF8, b"<html><head><title>Video</title></head><body><video "
                                       b"src='/v.mp4'></video><script>play()</script></body></html>")
    web.routes["/feed2"] = (200, RSS, feed(web.base).replace(b"/news/2", b"/news/gone"))
    urls = [web.url(p) for p in ("/en", "/missing", "/slow", "/loop", "/huge", "/logo.png",
                                 "/busy", "/video", "/feed2")]
    failed: list[dict] = []
    with fetcher(tmp_path, dataclasses.replace(QUICK, retries=1)) as f:
        rows = read_urls(urls, f, failed)
    assert [(row["outlet"], row["path"]) for row in rows] == [
        ("Levant Daily", web.url("/en")), ("بلدي نيوز", web.url("/busy")),
        ("وكالة الأنباء المحلية", web.url("/feed2"))]
    assert failed == [
        {"url": web.url("/missing"), "why": "HTTP 404 Not Found"},
        {"url": web.url("/slow"), "why": "timed out after 0.5 s"},
        {"url": web.url("/loop"), "why": "too many redirects (more than 5)"},
        {"url": web.url("/huge"), "why": "page larger than 20 kB"},
        {"url": web.url("/logo.png"), "why": "not a web page or feed (content type image/png)"},
        {"url": web.url("/video"), "why": "no article text in the page"},
        {"url": web.url("/news/gone"), "why": "HTTP 404 Not Found"},
    ]


def test_a_second_read_works_from_the_cache_when_the_site_is_down(web, tmp_path):
    serve_news(web)
    urls = [web.url("/en"), web.url("/feed")]
    with fetcher(tmp_path) as f:
        first = read_urls(urls, f, [])
    web.stop()
    failed: list[dict] = []
    with fetcher(tmp_path) as f:
        again = read_urls(urls, f, failed)
    assert again == first and failed == [] and len(first) == 3
    with fetcher(tmp_path, FetchSettings(offline=True)) as f:
        assert read_urls(urls, f, []) == first
        assert read_urls([web.url("/ar")], f, failed) == []
    assert failed == [{"url": web.url("/ar"), "why": "not in the page cache and --offline"}]


def test_a_plain_text_page_is_read_as_it_is(web, tmp_path):
    web.routes["/t.txt"] = (200, {"Content-Type": "text/plain; charset=utf-8"},
                            "قال المتحدث إن 40 جريحاً نقلوا إلى المستشفى.\r\n".encode())
    with fetcher(tmp_path) as f:
        [row] = read_urls([web.url("/t.txt")], f, [])
    assert (row["outlet"], row["text"]) == ("127.0.0.1",
                                            "قال المتحدث إن 40 جريحاً نقلوا إلى المستشفى.\n")


def test_url_list_reads_urls_and_skips_comments(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("\ufeff# week 47\n\nhttps://example.org/a\n  http://example.net/b?x=1#top"
                       "  # the minister\n", encoding="utf-8")
    assert url_list(listing) == ["https://example.org/a", "http://example.net/b?x=1#top"]


@pytest.mark.parametrize(("content", "line", "shown"), [
    ("https://example.org/a\nexample.org/b\n", 2, "'example.org/b'"),
    ("# list\n\nftp://example.org/file\n", 3, "'ftp://example.org/file'"),
    ("https://example.org/a https://example.org/b\n", 1,
     "'https://example.org/a https://example.org/b'"),
])
def test_url_list_names_the_line_that_is_not_a_url(tmp_path, content, line, shown):
    listing = tmp_path / "urls.txt"
    listing.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        url_list(listing)
    assert str(caught.value) == (f"{listing}:{line}: not an http(s) URL: {shown} (write one "
                                 "http:// or https:// URL per line; start a comment with #)")


def test_url_list_of_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        url_list(tmp_path / "nope.txt")


def test_is_url_is_exported():
    assert is_url("https://example.org/") and not is_url("/tmp/a.txt")


def teasers(base: str, *links: str) -> bytes:
    items = "".join(f"<item><title>{link}</title><link>{link}</link><description>Short…"
                    "</description></item>" for link in links)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire Feed</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


def test_an_article_given_directly_and_through_a_feed_is_one_row(web, tmp_path):
    serve_news(web)
    web.routes["/news/1"] = (200, UTF8, EN.encode())
    web.routes["/moved"] = (302, {"Location": "/news/2"}, b"")
    web.routes["/wire"] = (200, RSS, teasers(web.base, web.url("/moved"), web.url("/news/2")))
    urls = [web.url(p) for p in ("/feed", "/wire", "/news/2", "/news/1")]
    failed: list[dict] = []
    with fetcher(tmp_path) as f:
        rows = read_urls(urls, f, failed)
    # The pages read directly, under their own outlet; no feed entry repeats them, whether it
    # links to them straight (not fetched again) or through a redirect.
    assert [(row["outlet"], row["path"]) for row in rows] == [
        ("موقع آخر", web.url("/news/2")), ("Levant Daily", web.url("/news/1"))]
    assert failed == []
    assert web.hits["/moved"] == 1 and web.hits["/news/2"] == 2


def test_a_feed_entry_with_an_unusable_link_is_a_listed_failure(web, tmp_path):
    web.routes["/tpl"] = (200, RSS, feed(web.base).replace(f"{web.base}/news/".encode(),
                                                            b"https://[domain]/"))
    failed: list[dict] = []
    with fetcher(tmp_path) as f:
        rows = read_urls([web.url("/tpl")], f, failed)
    assert [(row["title"], row["url"]) for row in rows] == [("الخارجية تنفي استقالة الوزير", None)]
    assert failed == [{"url": web.url("/tpl"), "why": (
        "a feed entry (انقطاع الطريق بين دمشق ودير الزور) has no article text and its link "
        "'https://[domain]/2' is not an http(s) URL")}]


def test_pages_are_read_as_they_come_and_rows_keep_the_order_given(web, tmp_path):
    serve_news(web)
    web.routes["/late"] = web.slow(0.3, (200, UTF8, EN.encode()))
    with fetcher(tmp_path) as f:
        rows = read_urls([web.url("/late"), web.url("/ar")], f, [])
    assert [row["path"] for row in rows] == [web.url("/late"), web.url("/ar")]


def test_a_page_with_a_stray_byte_is_read(web, tmp_path):
    web.routes["/stray"] = (200, {"Content-Type": "text/html"},
                            EN.encode().replace(b"baseless", b"base\xffless"))
    failed: list[dict] = []
    with fetcher(tmp_path) as f:
        [row] = read_urls([web.url("/stray")], f, failed)
    assert failed == [] and "base\ufffdless" in row["text"]


def test_a_feed_entry_stands_in_for_a_page_given_that_failed(web, tmp_path):
    web.routes["/feed"] = (200, RSS, feed(web.base))  # /news/1 and /news/2 are not found
    failed: list[dict] = []
    with fetcher(tmp_path) as f:
        rows = read_urls([web.url(p) for p in ("/feed", "/news/1", "/news/2")], f, failed)
    assert [(row["outlet"], row["url"]) for row in rows] == [
        ("وكالة الأنباء المحلية", web.url("/news/1"))]
    assert failed == [{"url": web.url(p), "why": "HTTP 404 Not Found"}
                      for p in ("/news/1", "/news/2")]
    assert web.hits["/news/2"] == 1  # the teaser's link failed once already: not asked again
