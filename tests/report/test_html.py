"""report.html: the real pipeline writes it, headless Chromium opens it.

Checked in the browser: the page draws something (pixel variance of a screenshot), Arabic
quotes are right-aligned and English ones left-aligned (line boxes measured by a probe script
added to a copy of the page), the filters follow the address (``#outlet=…``, ``?relation=…``),
and hostile outlet names, speakers, titles, file names, run names and article text stay text:
no element, no attribute and no script of theirs reaches the DOM, and nothing calls ``alert``.
Without Chromium the browser tests are skipped; CI installs it (``.ci/run``).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote as url_quote

import polars as pl
import pytest

import compare
from compare import schema
from compare.relate import highlight_spans
from compare.report import content
from compare.report.html import CSP, json_for_script, render_html
from compare.runs.history import HTML_FILE, OWN_FILES, load_run

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
browser = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed: `apt-get install chromium` (Debian) "
                             "runs these tests; .ci/run installs it")

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
SVG = '"><svg onload=alert(3)>'
CLOSE = "</script><script>alert(4)</script>"
PAYLOADS = (SCRIPT, IMG, SVG, CLOSE)


# --- the browser ---------------------------------------------------------------------------

def _chromium(tmp: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--disable-extensions", f"--user-data-dir={profile}",
         "--window-size=1200,1600", *args, url],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def _dom(tmp: Path, page: Path, address: str = "") -> str:
    """The DOM after the page's script ran, as Chromium serialises it."""
    return _chromium(tmp, page.as_uri() + address, "--virtual-time-budget=2000",
                     "--dump-dom").stdout


def _with_probe(page: Path, probe: str, where: str, tmp: Path) -> Path:
    """A copy of ``page`` with the test's own script inserted at ``where``."""
    text = page.read_text(encoding="utf-8")
    assert text.count(where) == 1
    copy = tmp / f"probe-{page.parent.name}.html"
    copy.write_text(text.replace(where, probe + where if where.startswith("</") else
                                 where + probe), encoding="utf-8")
    return copy


class _Parsed(HTMLParser):
    """Every start tag with its attributes, and the text outside scripts."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if not self._in_script:
            self.text.append(data)

    def elements(self, tag: str | None = None, cls: str | None = None) -> list[dict]:
        return [a for t, a in self.tags if (tag is None or t == tag)
                and (cls is None or cls in (a.get("class") or "").split())]


def _png_pixels(png: bytes) -> tuple[int, int, int, bytes]:
    """Width, height, bytes per pixel and the unfiltered 8-bit pixel rows of a PNG."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(png):
        size, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + size
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    rows, previous = bytearray(), bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            up, corner = previous[x], previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc
                                      else corner)) & 255
        rows += line
        previous = line
    return width, height, bpp, bytes(rows)


# --- runs ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def aleppo(tmp_path_factory, encoder):
    root = tmp_path_factory.mktemp("aleppo")
    return compare.run([ROOT / "examples" / "aleppo"], out=root / "run", index_dir=root / "idx",
                       encoder=encoder)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, encoder, seeds_dir):
    root = tmp_path_factory.mktemp("seeds")
    return compare.run([seeds_dir], out=root / "run", index_dir=root / "idx", encoder=encoder)


def _jsonl(*articles: dict) -> str:
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, encoder):
    """A run whose outlets, titles, speakers, file names, run name and text carry markup."""
    root = tmp_path_factory.mktemp("hostile")
    inbox = root / "in"
    inbox.mkdir()
    wounded = "people were wounded when a car bomb exploded in the Aleppo market on Tuesday"
    (inbox / "a.jsonl").write_text(_jsonl(
        {"outlet": f"{SCRIPT} Times", "title": f"{IMG} title", "date": "2026-11-17",
         "url": "https://a.example/1",
         "text": f'"40 {wounded} {CLOSE}," said {SCRIPT}. The army took the town of Saraqib '
                 f"after heavy fighting {SVG}, a military source said."}), encoding="utf-8")
    (inbox / "b.jsonl").write_text(_jsonl(
        {"outlet": SVG, "title": f"{SCRIPT} title", "date": "2026-11-17",
         "url": "https://b.example/1",
         "text": f'"70 {wounded} {IMG}," said the police. The army withdrew from the town of '
                 "Saraqib after heavy fighting, a military source said."}), encoding="utf-8")
    # No outlet in the front matter: the file's name is the outlet.
    (inbox / f"{IMG}.md").write_text(
        f"---\ntitle: '{SCRIPT}'\ndate: 2026-11-17\nurl: https://c.example/1\nlang: ar\n---\n"
        f"قال {IMG} إن 40 شخصا أصيبوا في انفجار سيارة مفخخة في سوق حلب يوم الثلاثاء.\n"
        f"وانسحب الجيش من بلدة سراقب بعد معارك عنيفة {SCRIPT}، وفق مصدر عسكري.\n",
        encoding="utf-8")
    (inbox / f"{SVG}.pdf").write_bytes(b"%PDF-1.4 not read")  # listed under "Not read"
    return compare.run([inbox], out=root / "run", index_dir=root / "idx", encoder=encoder,
                       name=IMG)


# --- written by the pipeline ---------------------------------------------------------------

def test_the_run_folder_holds_report_html_with_nothing_to_load(aleppo):
    page = (aleppo.out / HTML_FILE).read_text(encoding="utf-8")
    assert HTML_FILE in OWN_FILES and (aleppo.out / "report.md").is_file()
    assert page.startswith("<!DOCTYPE html>")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    tags = _Parsed(page).tags
    assert not [t for t, _ in tags if t in ("link", "img", "iframe", "object", "embed", "base")]
    assert not [(t, a) for t, a in tags if {"src", "action", "srcset"} & set(a)]
    assert all(a["href"].startswith("#story-") for t, a in tags if "href" in a)  # in the page
    scripts = [a for t, a in tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "report-data"}, {}]
    per_outlet = aleppo.claims.group_by("outlet").agg(pl.len()).iter_rows()
    for outlet, claims in per_outlet:  # the chart's bars, one per outlet and figure
        assert f"<title>{html.escape(outlet)}: {claims} claims</title>" in page
    assert page.count('<text class="label"') == aleppo.claims["outlet"].n_unique()


def test_it_says_what_report_md_says_in_the_same_order(seeds):
    page = (seeds.out / HTML_FILE).read_text(encoding="utf-8")
    checks = content.what_to_check(seeds.claims, seeds.pairs, seeds.stories)
    assert checks.height and f"<h2>What to check ({checks.height})</h2>" in page
    unmarked = re.sub(r"</?mark>", "", page)  # differing words are marked inside quotes
    places = [unmarked.index(html.escape(text)) for text in checks["text_a"].to_list()]
    assert places == sorted(places)  # ranked as content ranks them
    sections = content.story_sections(seeds.claims, seeds.pairs, seeds.stories)
    anchors = [page.index(f'id="{s.anchor}"') for s in sections]
    assert anchors == sorted(anchors) and page.index("What to check") < anchors[0]


def test_no_list_is_longer_than_max_items(seeds):
    page = render_html(seeds.claims, seeds.pairs, seeds.info, stories=seeds.stories,
                       max_items=2)
    checks = content.what_to_check(seeds.claims, seeds.pairs, seeds.stories)
    listed = page.split('<section id="what-to-check">', 1)[1].split("</section>", 1)[0]
    assert listed.count('<li class="item check') == 2
    assert f"… and {checks.height - 2} more in the stories below." in listed


def test_a_rerun_replaces_it_and_runs_without_it_still_read(aleppo, encoder, tmp_path):
    out = tmp_path / "run"
    shutil.copytree(aleppo.out, out)
    (out / HTML_FILE).unlink()
    assert load_run(out).claims.height == aleppo.claims.height  # a run written before it
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    compare.run([ROOT / "examples" / "aleppo"], out=out, index_dir=tmp_path / "idx",
                encoder=encoder)
    assert (out / HTML_FILE).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


# --- pieces, without a browser -------------------------------------------------------------

def test_the_json_block_cannot_end_the_script_or_the_line():
    data = {"outlet": f"{CLOSE}<!-- a & b \u2028\u2029", "ar": "سانا"}
    text = json_for_script(data)
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == data and "سانا" in text


def _claim(cid: str, outlet: str, text: str, lang: str | None) -> dict:
    return {"claim_id": cid, "article_id": f"art-{cid}", "outlet": outlet, "lang": lang,
            "start": 0, "end": len(text), "text": text, "norm": text, "speaker": SCRIPT,
            "numbers": [], "sentence": 0, "date": None, "group_id": 0, "unique": False,
            "first_outlet": None, "first_date": None, "first_claim_id": None,
            "source": outlet, "story_id": 0}


def test_differing_words_are_marked_and_quotes_keep_their_direction():
    a = _claim("a", "سانا", "أصيب 40 شخصا في انفجار سيارة مفخخة في سوق حلب", "ar")
    b = _claim("b", "الجزيرة", "أصيب 70 شخصا في انفجار سيارة مفخخة في سوق حلب", "ar")
    c = _claim("c", "BBC", "A car bomb wounded 40 people in Aleppo", "en")
    pair = {"pair_id": None, "claim_id_a": "a", "claim_id_b": "b", "outlet_a": a["outlet"],
            "outlet_b": b["outlet"], "text_a": a["text"], "text_b": b["text"],
            "speaker_a": SCRIPT, "speaker_b": None, "similarity": 0.97,
            "relation": "contradict", "reasons": ["numeric: 40 ≠ 70 (injured)"],
            "confidence": 0.9, "group_id": 0, "kinds": ["numeric"], "same_text": False}
    claims = schema.frame([a, b, c], schema.CLAIMS_OUT)
    pairs = schema.with_pair_ids(schema.frame([pair], schema.PAIRS))
    info = _bare_info()
    page = render_html(claims, pairs, info, highlight=highlight_spans)
    assert "أصيب <mark>40</mark> شخصا" in page and "أصيب <mark>70</mark> شخصا" in page
    assert '<p class="quote" dir="rtl" lang="ar">' in page
    assert f"<bdi>{html.escape(SCRIPT)}</bdi>" in page and SCRIPT not in page


def _bare_info() -> schema.RunInfo:
    return schema.RunInfo(version="0", name=SVG, created="2026-11-30T00:00:00+00:00",
                          model="m", precision="fp32", prompt="", settings={},
                          inputs=[], index_dir="idx", week=None, since=None, until=None,
                          counts=schema.Counts(*([0] * 13)))


# --- in the browser ------------------------------------------------------------------------

@browser
def test_the_screenshot_is_not_blank(aleppo, tmp_path):
    shot = tmp_path / "shot.png"
    _chromium(tmp_path, (aleppo.out / HTML_FILE).as_uri(), f"--screenshot={shot}")
    width, height, bpp, pixels = _png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 1600)
    grey = [sum(pixels[i:i + 3]) / 3 for i in range(0, len(pixels), bpp * 7)]
    mean = sum(grey) / len(grey)
    variance = sum((g - mean) ** 2 for g in grey) / len(grey)
    assert variance > 200, variance  # a blank or one-colour page is near 0
    colours = {pixels[i:i + 3] for i in range(0, len(pixels), bpp * 7)}
    assert len(colours) > 50  # text, bars, marks: not a flat error page


LINE_PROBE = """<script>
document.querySelectorAll(".quote").forEach(function (el) {
  var range = document.createRange();
  range.selectNodeContents(el);
  var lines = {};
  Array.prototype.forEach.call(range.getClientRects(), function (r) {
    if (!r.width) return;
    var key = Math.round(r.top + r.height / 2);
    var line = lines[key] || (lines[key] = [r.left, r.right]);
    line[0] = Math.min(line[0], r.left);
    line[1] = Math.max(line[1], r.right);
  });
  var box = el.getBoundingClientRect(), cs = getComputedStyle(el);
  var inner = [box.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft),
               box.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight)];
  el.setAttribute("data-probe", JSON.stringify({inner: inner,
    lines: Object.keys(lines).map(function (k) { return lines[k]; })}));
});
</script>"""


@browser
def test_arabic_quotes_are_right_aligned_and_english_left_aligned(aleppo, tmp_path):
    page = _with_probe(aleppo.out / HTML_FILE, LINE_PROBE, "</body>", tmp_path)
    quotes = [a for a in _Parsed(_dom(tmp_path, page)).elements("p", "quote")]
    rtl = [a for a in quotes if a["dir"] == "rtl"]
    ltr = [a for a in quotes if a["dir"] == "ltr"]
    assert rtl and ltr and all(a["lang"] == "ar" for a in rtl)
    short = {"rtl": 0, "ltr": 0}
    for attrs in quotes:
        probe = json.loads(attrs["data-probe"])
        (left, right), lines = probe["inner"], probe["lines"]
        assert lines
        for line_left, line_right in lines:
            if attrs["dir"] == "rtl":
                assert abs(line_right - right) <= 2, (attrs, probe)
            else:
                assert abs(line_left - left) <= 2, (attrs, probe)
            # a line that does not fill the block shows which side it keeps to
            short[attrs["dir"]] += (line_left - left) + (right - line_right) > 40
    assert short["rtl"] and short["ltr"]


def _shown(dom: str) -> tuple[list[dict], list[dict]]:
    items = _Parsed(dom).elements(cls="item")
    return ([a for a in items if "hidden" not in a], [a for a in items if "hidden" in a])


def _vocabulary(page: Path) -> dict:
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>',
                      page.read_text(encoding="utf-8"), re.S)
    return json.loads(found.group(1))


CHOOSE_PROBE = """<script>
var select = document.getElementById("filter-outlet");
select.value = Array.prototype.filter.call(select.options,
  function (o) { return o.textContent === "سانا"; })[0].value;
select.dispatchEvent(new Event("change"));
document.documentElement.setAttribute("data-address", location.hash);
document.documentElement.setAttribute("data-shown",
  document.getElementById("shown").getAttribute("data-shown"));
</script>"""


@browser
def test_filters_follow_the_address(aleppo, tmp_path):
    page = aleppo.out / HTML_FILE
    outlets = {o["name"]: o["value"] for o in _vocabulary(page)["outlet"]}
    shown, hidden = _shown(_dom(tmp_path, page))
    assert len(shown) > 6 and not hidden  # no filter: everything

    shown, hidden = _shown(_dom(tmp_path, page, "#outlet=Reuters"))
    assert shown and hidden
    assert all(outlets["Reuters"] in a["data-outlets"].split() for a in shown)
    assert all(outlets["Reuters"] not in a["data-outlets"].split() for a in hidden)

    shown, hidden = _shown(_dom(tmp_path, page, "?relation=contradict"))
    contradictions = aleppo.pairs.filter(pl.col("relation") == "contradict").height
    # each contradiction twice: under "What to check" and in its story
    assert len(shown) == 2 * contradictions
    assert {a["data-relation"] for a in shown} == {"contradict"}

    sana = url_quote("سانا")
    dom = _dom(tmp_path, page, f"#outlet={sana}&relation=agree&type=&story=0")
    shown, hidden = _shown(dom)
    assert shown and all(a["data-relation"] == "agree" and a["data-story"] == "0"
                         and outlets["سانا"] in a["data-outlets"].split() for a in shown)
    status = _Parsed(dom).elements("output")[0]
    assert status["data-shown"] == str(len(shown))

    changed = _Parsed(_dom(tmp_path, _with_probe(page, CHOOSE_PROBE, "</body>", tmp_path)))
    root = changed.elements("html")[0]  # a person picks an outlet: the address follows
    assert root["data-address"] == f"#outlet={sana}" and int(root["data-shown"]) > 0
    assert len([a for a in changed.elements(cls="item") if "hidden" not in a]) == int(
        root["data-shown"])

    shown, hidden = _shown(_dom(tmp_path, page, "#type=numeric"))
    assert shown and {a["data-type"] for a in shown} == {"numeric"}
    shown, hidden = _shown(_dom(tmp_path, page, "#outlet=nobody"))
    assert not hidden  # an unknown name filters nothing


ALERT_PROBE = ('<script>window.alert = function () { '
               'document.documentElement.setAttribute("data-alerted", "yes"); };</script>')


def _assert_inert(page: Path, tmp: Path, expected_text: tuple[str, ...]) -> None:
    raw = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*>\s*alert|<img|<svg onload", raw, re.I)
    assert raw.count("<script") == 2 and raw.count("</script") == 2
    dom = _dom(tmp, _with_probe(page, ALERT_PROBE, '<meta charset="utf-8">', tmp))
    parsed = _Parsed(dom)
    assert parsed.elements("html") == [{"lang": "en", "dir": "ltr"}]  # no data-alerted
    assert not [t for t, _ in parsed.tags if t in ("img", "iframe", "object", "embed")]
    assert [t for t, _ in parsed.tags].count("svg") == 1  # the chart
    assert [t for t, _ in parsed.tags].count("script") == 3  # the probe, the data, ours
    assert not [(t, a) for t, a in parsed.tags for name in a if name.startswith("on")]
    text = "".join(parsed.text)
    for shown in expected_text:
        assert shown in text, shown
    options = " ".join(re.findall(r"<option[^>]*>(.*?)</option>", dom))
    assert html.escape(f"{SCRIPT} Times", quote=False) in options  # built from the JSON


@browser
def test_markup_in_the_input_stays_text(hostile, tmp_path):
    page = hostile.out / HTML_FILE
    assert hostile.claims.height and hostile.pairs.height
    _assert_inert(page, tmp_path, (f"{SCRIPT} Times", SVG, IMG, f"{SVG}.pdf"))
    text = "".join(_Parsed(_dom(tmp_path, page)).text)
    assert CLOSE in text  # article text with </script> in it, verbatim


@browser
def test_markup_in_speakers_and_story_titles_stays_text(hostile, tmp_path):
    claims = hostile.claims.with_columns(speaker=pl.lit(CLOSE))
    pairs = hostile.pairs.with_columns(speaker_a=pl.lit(SVG), speaker_b=pl.lit(SCRIPT))
    stories = hostile.stories.with_columns(title=pl.lit(f"{IMG}{CLOSE}"))
    page = tmp_path / "speakers" / HTML_FILE
    page.parent.mkdir()
    page.write_text(render_html(claims, pairs, hostile.info, highlight=highlight_spans,
                                stories=stories), encoding="utf-8")
    _assert_inert(page, tmp_path, (f"{IMG}{CLOSE}", SVG, SCRIPT))
