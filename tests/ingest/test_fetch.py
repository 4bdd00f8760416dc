"""Fetching over HTTP from a loopback server: limits, retries, the page cache, offline mode."""

from __future__ import annotations

import json
import logging
import time

import httpx
import pytest

from compare.ingest.fetch import Fetcher, FetchError, FetchSettings, Page, is_url, user_agent
from compare.store.pages import CachedPage, PageCache

# Quick limits, so that a timeout or a retry costs a fraction of a second.
QUICK = FetchSettings(connect_timeout=1.0, read_timeout=0.5, total_timeout=5.0, retries=2,
                      backoff=0.01)
HTML = {"Content-Type": "text/html; charset=utf-8"}
BODY = "<html><body><article><p>نص الخبر.</p></article></body></html>".encode()


def fetcher(tmp_path, settings: FetchSettings = QUICK, *, cached: bool = True) -> Fetcher:
    return Fetcher(PageCache(tmp_path / "indexes") if cached else None, settings)


def test_a_page_is_fetched_and_cached(web, tmp_path):
    web.routes["/a"] = (200, {**HTML, "ETag": '"v1"'}, BODY)
    with fetcher(tmp_path) as f:
        page = f.fetch(web.url("/a"))
    assert page == Page(url=web.url("/a"), final_url=web.url("/a"), status=200,
                        content_type="text/html", charset="utf-8", body=BODY, from_cache=False)
    kept = PageCache(tmp_path / "indexes").get(web.url("/a"))
    assert kept.body == BODY and kept.etag == '"v1"'
    assert dict(web.seen[0][1])["User-Agent"] == user_agent()
    assert user_agent().startswith("claim-compare/0.1.0 (+https://github.com/claim-compare;")


def test_the_charset_comes_from_the_content_type_header(web, tmp_path):
    body = "<html><body><p>قال المتحدث</p></body></html>".encode("cp1256")
    web.routes["/cp"] = (200, {"Content-Type": 'text/html; charset="Windows-1256"'}, body)
    with fetcher(tmp_path) as f:
        page = f.fetch(web.url("/cp"))
    assert page.charset == "windows-1256" and page.body == body


@pytest.mark.parametrize(("route", "settings", "why"), [
    ((404, HTML, b"gone"), QUICK, "HTTP 404 Not Found"),
    ((403, HTML, b"no"), QUICK, "HTTP 403 Forbidden"),
    ((200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"), QUICK,
     "not a web page or feed (content type image/png)"),
    ((200, HTML, b"x" * 5000), FetchSettings(max_bytes=1000), "page larger than 1 kB"),
    ((200, {**HTML, "X-Test-No-Length": "1"}, b"x" * 5000), FetchSettings(max_bytes=1000),
     "page larger than 1 kB"),
])
def test_a_page_that_cannot_be_used_is_one_short_reason(web, tmp_path, route, settings, why):
    web.routes["/p"] = route
    with fetcher(tmp_path, settings) as f, pytest.raises(FetchError) as caught:
        f.fetch(web.url("/p"))
    assert (caught.value.url, caught.value.why) == (web.url("/p"), why)
    assert web.hits["/p"] == 1  # never retried
    assert web.url("/p") not in PageCache(tmp_path / "indexes")


def test_the_default_size_limit_is_five_megabytes(web, tmp_path):
    web.routes["/big"] = (200, {**HTML, "Content-Length": str(6_000_000)}, b"")
    with fetcher(tmp_path, FetchSettings()) as f, pytest.raises(FetchError) as caught:
        f.fetch(web.url("/big"))
    assert caught.value.why == "page larger than 5 MB"


def test_a_slow_page_times_out(web, tmp_path):
    web.routes["/slow"] = web.slow(1.5, (200, HTML, BODY))
    settings = FetchSettings(connect_timeout=1.0, read_timeout=0.5, retries=0)
    started = time.monotonic()
    with fetcher(tmp_path, settings) as f, pytest.raises(FetchError) as caught:
        f.fetch(web.url("/slow"))
    assert caught.value.why == "timed out after 0.5 s"
    assert time.monotonic() - started < 1.4


def test_a_redirect_loop_stops(web, tmp_path):
    web.routes["/a"] = (302, {"Location": "/b"}, b"")
    web.routes["/b"] = (302, {"Location": "/a"}, b"")
    with fetcher(tmp_path) as f, pytest.raises(FetchError) as caught:
        f.fetch(web.url("/a"))
    assert caught.value.why == "too many redirects (more than 5)"
    assert web.hits["/a"] + web.hits["/b"] == 6


def test_a_redirect_is_followed_and_the_final_url_kept(web, tmp_path):
    web.routes["/old"] = (301, {"Location": "/new"}, b"")
    web.routes["/new"] = (200, HTML, BODY)
    with fetcher(tmp_path) as f:
        page = f.fetch(web.url("/old"))
    assert (page.url, page.final_url, page.body) == (web.url("/old"), web.url("/new"), BODY)


def test_a_503_is_retried_until_it_passes(web, tmp_path):
    web.routes["/busy"] = web.failing(2, (503, HTML, b"busy"), (200, HTML, BODY))
    with fetcher(tmp_path) as f:
        assert f.fetch(web.url("/busy")).body == BODY
    assert web.hits["/busy"] == 3


def test_retries_end(web, tmp_path):
    web.routes["/down"] = (503, HTML, b"busy")
    with fetcher(tmp_path) as f, pytest.raises(FetchError) as caught:
        f.fetch(web.url("/down"))
    assert caught.value.why == "HTTP 503 Service Unavailable"
    assert web.hits["/down"] == 3


def test_retry_after_is_honoured_up_to_a_cap(web, tmp_path):
    web.routes["/soon"] = web.failing(1, (429, {"Retry-After": "0"}, b""), (200, HTML, BODY))
    web.routes["/later"] = (429, {"Retry-After": "3600"}, b"")
    with fetcher(tmp_path) as f:
        assert f.fetch(web.url("/soon")).body == BODY
        with pytest.raises(FetchError) as caught:
            f.fetch(web.url("/later"))
    assert caught.value.why == ("HTTP 429 Too Many Requests (the server asks to retry after "
                                "3600 s)")
    assert (web.hits["/soon"], web.hits["/later"]) == (2, 1)


def test_an_unchanged_page_is_revalidated_not_refetched(web, tmp_path):
    def etagged(request):
        if request.headers.get("If-None-Match") == '"v1"':
            return 304, {"ETag": '"v1"'}, b""
        return 200, {**HTML, "ETag": '"v1"', "Last-Modified": "Mon, 17 Nov 2025 08:00:00 GMT"}, \
            BODY

    web.routes["/e"] = etagged
    with fetcher(tmp_path) as f:
        first = f.fetch(web.url("/e"))
        second = f.fetch(web.url("/e"))
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.body == BODY and second.charset == "utf-8"
    sent = web.seen[1][1]
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Mon, 17 Nov 2025 08:00:00 GMT"


def test_the_cache_stands_in_when_the_site_is_down(web, tmp_path, caplog):
    web.routes["/a"] = (200, HTML, BODY)
    url, other = web.url("/a"), web.url("/never")
    with fetcher(tmp_path) as f:
        f.fetch(url)
    web.stop()
    with fetcher(tmp_path) as f, caplog.at_level(logging.WARNING, "compare.ingest"):
        page = f.fetch(url)
        missing = f.fetch_all([other])[0]
    assert page.from_cache and page.body == BODY
    assert f"{url}: cannot connect" in caplog.text and "using the copy cached on" in caplog.text
    assert isinstance(missing, FetchError) and missing.why.startswith("cannot connect: ")


def test_offline_reads_only_the_cache(web, tmp_path):
    web.routes["/a"] = (200, HTML, BODY)
    with fetcher(tmp_path) as f:
        f.fetch(web.url("/a"))
    offline = FetchSettings(offline=True)
    with fetcher(tmp_path, offline) as f:
        page = f.fetch(web.url("/a"))
        with pytest.raises(FetchError) as caught:
            f.fetch(web.url("/b"))
    assert page.from_cache and page.body == BODY
    assert caught.value.why == "not in the page cache and --offline"
    assert web.hits == {"/a": 1}
    with fetcher(tmp_path, offline, cached=False) as f, pytest.raises(FetchError):
        f.fetch(web.url("/a"))


def test_a_damaged_cache_entry_is_ignored(web, tmp_path, caplog):
    web.routes["/a"] = (200, HTML, BODY)
    cache = PageCache(tmp_path / "indexes")
    with Fetcher(cache, QUICK) as f:
        f.fetch(web.url("/a"))
        body_path, _ = cache.paths(web.url("/a"))
        body_path.write_bytes(BODY[:-3] + b"XXX")
        with caplog.at_level(logging.WARNING, "compare.store"):
            assert web.url("/a") not in cache
            page = f.fetch(web.url("/a"))
    assert "is damaged (" in caplog.text and "does not match its SHA-256" in caplog.text
    assert not page.from_cache and web.hits["/a"] == 2
    assert cache.get(web.url("/a")).body == BODY  # the refetch repaired it


def test_a_cache_that_cannot_be_written_does_not_lose_the_page(web, tmp_path, caplog):
    web.routes["/a"] = (200, HTML, BODY)
    (tmp_path / "afile").write_text("in the way", encoding="utf-8")
    with Fetcher(PageCache(tmp_path / "afile"), QUICK) as f, caplog.at_level(logging.WARNING):
        assert f.fetch(web.url("/a")).body == BODY
    assert "pages are not cached: " in caplog.text


def test_the_cache_keeps_body_and_record(tmp_path):
    cache = PageCache(tmp_path)
    url = "https://example.org/news/1"
    cache.put(url, CachedPage(url=url, final_url=url + "?r", status=200,
                              content_type="text/html", charset=None, body=b"<p>x</p>",
                              etag='"e"'))
    body_path, record_path = cache.paths(url)
    assert body_path.parent.parent == tmp_path / "pages"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    assert record["size"] == 8 and record["etag"] == '"e"' and record["last_modified"] is None
    assert record["fetched_at"].endswith("+00:00")
    assert url in cache and cache.get(url).final_url == url + "?r"
    record_path.write_text("{not json", encoding="utf-8")
    assert cache.get(url) is None
    assert "https://example.org/other" not in cache


def test_fetch_all_keeps_the_order_and_fetches_each_url_once(web, tmp_path):
    web.routes["/a"] = (200, HTML, b"<p>a</p>")
    web.routes["/b"] = (404, HTML, b"")
    urls = [web.url("/a"), web.url("/b"), "ftp://example.org/x", web.url("/a")]
    with fetcher(tmp_path) as f:
        got = f.fetch_all(urls)
    assert [r.body if isinstance(r, Page) else r.why for r in got] == [
        b"<p>a</p>", "HTTP 404 Not Found", "not an http(s) URL", b"<p>a</p>"]
    assert web.hits == {"/a": 1, "/b": 1}


def test_one_host_gets_at_most_per_host_requests_at_once(web, tmp_path):
    for n in range(6):
        web.routes[f"/p{n}"] = web.slow(0.3, (200, HTML, BODY))
    settings = FetchSettings(per_host=2, concurrency=8, retries=0)
    with fetcher(tmp_path, settings) as f:
        got = f.fetch_all([web.url(f"/p{n}") for n in range(6)])
    assert all(isinstance(page, Page) for page in got)
    assert web.peak == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("https://example.org/a?b=1", True), ("HTTP://EXAMPLE.ORG", True),
    ("ftp://example.org/", False), ("https://", False), ("example.org/a", False),
    ("https://exa mple.org/", False), ("http://[::1", False), ("", False),
])
def test_is_url(text, expected):
    assert is_url(text) is expected


@pytest.mark.parametrize("retry_after", ["1 Jan 99999999999999999999 00:00", "²"])
def test_a_retry_after_that_cannot_be_read_is_ignored(web, tmp_path, retry_after):
    web.routes["/odd"] = web.failing(1, (429, {"Retry-After": retry_after}, b""),
                                     (200, HTML, BODY))
    with fetcher(tmp_path) as f:
        assert f.fetch(web.url("/odd")).body == BODY
    assert web.hits["/odd"] == 2


def test_odd_urls_headers_and_failures_each_end_as_a_fetch_error():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/boom":
            raise RuntimeError("boom")
        # "²" passes str.isdigit() but not int().
        return httpx.Response(200, content=BODY, headers=[
            (b"Content-Type", b"text/html"), (b"Content-Length", "²".encode("latin-1"))])

    with Fetcher(None, QUICK, transport=httpx.MockTransport(handler)) as f:
        got = f.fetch_all(["https://example.org/len", "https://example.org/boom",
                           "https://example.org/a\udc80"])
    assert got[0].body == BODY
    assert got[1].why == "cannot fetch: RuntimeError: boom"
    assert isinstance(got[2], FetchError) and got[2].why.startswith("cannot fetch: cannot encode")


def test_fetch_each_gives_each_page_as_soon_as_it_is_fetched(web, tmp_path):
    web.routes["/slow"] = web.slow(0.3, (200, HTML, b"slow"))
    web.routes["/fast"] = (200, HTML, b"fast")
    with fetcher(tmp_path) as f:
        got = [(url, page.body) for url, page in f.fetch_each([web.url("/slow"), web.url("/fast"),
                                                                web.url("/slow")])]
    assert got == [(web.url("/fast"), b"fast"), (web.url("/slow"), b"slow")]
