"""Copies stage: which articles and claims are one text that several outlets printed.

Two outlets that print the same AFP dispatch are one source republished, not two outlets
agreeing independently. This stage finds such copies and names, for every claim, the
independent ``source`` its text comes from:

- Articles: two articles of different outlets are copies when the word 5-gram shingles of their
  normalised texts overlap at Jaccard ≥ ``MIN_JACCARD``. A changed headline, a dropped
  paragraph, an added agency credit or a reworded sentence keep a copy far above it; two
  outlets' own reports of one event share names and a quote, far below (``bench/copies.py``).
  Copies are grouped transitively. A group is named after the agency one of its articles
  credits (a dateline, a closing credit, a credit line), else after the outlet of its earliest
  article (undated last, then input order).
- Claims: an article that shares only some paragraphs with another is not a copy, but the
  shared claims are. Two aligned claims are one text when their articles are copies or their
  normalised texts are near-identical (rapidfuzz ratio ≥ ``CLAIM_RATIO``); such claims take the
  source of the earliest of them (an agency first).

Candidate article pairs come from shared rare shingles (blocking), so the work grows with the
copies found rather than with the square of the articles; ``copy_pairs(..., blocked=False)``
scores every pair and is there to check the blocking against.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
import polars as pl
from rapidfuzz import fuzz

from compare import schema
from compare.text.lexicon.wire import AGENCIES, CREDIT_LEADS
from compare.text.normalize import normalize

SHINGLE_WORDS = 5
MIN_JACCARD = 0.4
MIN_SHINGLES = 12  # fewer shingles (a headline, a one-line brief) are too little to call a copy
MAX_POSTINGS = 64  # blocking: a shingle more articles hold (a wire text printed everywhere,
MIN_SHARED = 3  # boilerplate) proposes a chain of them; a candidate shares at least this many
CLAIM_RATIO = 90.0
MIN_CLAIM_CHARS = 40  # shorter claims ("5 killed in the blast") repeat without copying

COPY_PAIRS = {"i": pl.Int64, "j": pl.Int64, "jaccard": pl.Float64}
ARTICLE_SOURCES = {
    "article_id": pl.String,
    "copy_group": pl.Int64,  # articles that are copies of each other share it
    "source": pl.String,  # the credited agency, else the outlet of the group's first article
    "agency": pl.Boolean,  # whether ``source`` is a credited agency
}

_WORD = re.compile(r"\w+")
_DIGITS = re.compile(r"\d+")
_MIX = np.uint64(1099511628211)  # FNV-1a's prime: spreads word ids over 64 bits


def words(text: str) -> list[str]:
    """The words of ``text`` folded for matching (``compare.text.normalize``)."""
    return _WORD.findall(normalize(text))


def shingle_sets(texts: Sequence[str], k: int = SHINGLE_WORDS) -> list[np.ndarray]:
    """Sorted distinct 64-bit hashes of every word ``k``-gram of each normalised text.

    Words are hashed with CRC-32, not Python's per-process string hash, so shingles compare
    across calls and processes."""
    out = []
    for text in texts:
        ids = np.fromiter((zlib.crc32(w.encode()) for w in words(text)), dtype=np.uint64)
        if len(ids) < k:
            out.append(np.empty(0, dtype=np.uint64))
            continue
        span = len(ids) - k + 1
        hashed = np.zeros(span, dtype=np.uint64)
        for t in range(k):
            hashed = hashed * _MIX + ids[t:t + span]
        out.append(np.unique(hashed))
    return out


def _codes(outlets: Sequence) -> np.ndarray:
    return np.unique(np.asarray(outlets, dtype=object).astype(str), return_inverse=True)[1]


def all_pairs(outlets: Sequence) -> np.ndarray:
    """Every pair (i < j) of rows of different outlets, as an ``(m, 2)`` array."""
    codes = _codes(outlets)
    i, j = np.triu_indices(len(codes), 1)
    other = codes[i] != codes[j]
    return np.stack([i[other], j[other]], axis=1).astype(np.int64)


def candidate_pairs(sets: Sequence[np.ndarray], outlets: Sequence, *,
                    max_postings: int = MAX_POSTINGS, min_shared: int = MIN_SHARED) -> np.ndarray:
    """Pairs (i < j) of rows of different outlets that share at least ``min_shared`` shingles,
    as an ``(m, 2)`` array.

    A shingle held by at most ``max_postings`` rows proposes every pair of them (of different
    outlets). One held by more (a wire text printed by a hundred outlets, a quote everyone
    prints) proposes only a chain through its rows (:func:`_chain_pairs`): enough for copies
    to join into one group, one pair per row, so that memory and work stay linear in the
    shingles plus ``max_postings²/2`` codes per rare shingle.
    """
    n, codes = len(sets), _codes(outlets)
    lens = np.array([len(s) for s in sets], dtype=np.int64)
    if n < 2 or not lens.sum():
        return np.empty((0, 2), dtype=np.int64)
    hashes = np.concatenate(sets)
    rows = np.repeat(np.arange(n, dtype=np.int64), lens)
    order = np.argsort(hashes, kind="stable")  # stable: rows stay ascending within a shingle
    hashes, rows = hashes[order], rows[order]
    _, start, count = np.unique(hashes, return_index=True, return_counts=True)
    found = []
    for c in np.unique(count[(count >= 2) & (count <= max_postings)]):
        post = rows[start[count == c][:, None] + np.arange(c)]
        a, b = np.triu_indices(int(c), 1)
        i, j = post[:, a].ravel(), post[:, b].ravel()
        other = codes[i] != codes[j]
        found.append(i[other] * n + j[other])
    common = count > max_postings
    if common.any():
        found.append(_chain_pairs(rows, codes, start[common], count[common], n))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    pair, shared = np.unique(np.concatenate(found), return_counts=True)
    pair = pair[shared >= min_shared]
    return np.stack([pair // n, pair % n], axis=1)


def _chain_pairs(rows: np.ndarray, codes: np.ndarray, start: np.ndarray, count: np.ndarray,
                 n: int) -> np.ndarray:
    """Pairs (as ``i * n + j``, i < j) that chain the rows of each shingle whose postings are
    ``rows[start:start + count]`` (ascending): each row with the first row of the next run of
    another outlet's rows, the last run's rows with the run before it. Every row of a shingle
    held by two outlets or more is then connected, with ``count`` pairs."""
    group = np.repeat(np.arange(len(start)), count)
    flat = np.repeat(start - np.cumsum(count) + count, count) + np.arange(int(count.sum()))
    post = rows[flat]
    code = codes[post]
    new_run = np.ones(len(post), dtype=bool)
    new_run[1:] = (group[1:] != group[:-1]) | (code[1:] != code[:-1])
    heads = np.flatnonzero(new_run)
    run = np.cumsum(new_run) - 1
    last_run = np.append(group[heads[1:]] != group[heads[:-1]], True)  # the last of its shingle
    first_run = np.insert(group[heads[1:]] != group[heads[:-1]], 0, True)
    nxt = np.minimum(run + 1, len(heads) - 1)
    partner = np.where(last_run[run], heads[run] - 1, heads[nxt])
    keep = ~(last_run[run] & first_run[run])  # a shingle of one outlet links nothing
    a, b = post[keep], post[partner[keep]]
    return np.minimum(a, b) * n + np.maximum(a, b)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted arrays of distinct hashes."""
    inter = np.intersect1d(a, b, assume_unique=True).size
    union = a.size + b.size - inter
    return inter / union if union else 0.0


def copy_pairs(texts: Sequence[str], outlets: Sequence, *, blocked: bool = True,
               k: int = SHINGLE_WORDS, threshold: float = MIN_JACCARD,
               min_shingles: int = MIN_SHINGLES, max_postings: int = MAX_POSTINGS,
               min_shared: int = MIN_SHARED) -> pl.DataFrame:
    """Pairs of texts of different outlets that are copies: shingle Jaccard ≥ ``threshold``.

    ``blocked`` scores only :func:`candidate_pairs`; without it every pair is scored. Returns
    a ``COPY_PAIRS`` frame sorted by (i, j)."""
    sets = shingle_sets(texts, k)
    if blocked:
        candidates = candidate_pairs(sets, outlets, max_postings=max_postings,
                                     min_shared=min_shared)
    else:
        candidates = all_pairs(outlets)
    rows = []
    for i, j in candidates.tolist():
        if min(sets[i].size, sets[j].size) < min_shingles:
            continue
        score = jaccard(sets[i], sets[j])
        if score >= threshold:
            rows.append((i, j, score))
    return pl.DataFrame(sorted(rows), schema=COPY_PAIRS, orient="row")


def components(n: int, edges: Sequence[tuple[int, int]]) -> np.ndarray:
    """Connected component of each of ``n`` rows over ``edges``, numbered 0, 1, … in the order
    of each component's first row; a row without edges is a component of its own."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = find(int(i)), find(int(j))
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    numbering: dict[int, int] = {}
    return np.array([numbering.setdefault(find(x), len(numbering)) for x in range(n)],
                    dtype=np.int64)


# --- wire credits ---------------------------------------------------------------------------

def _key(alias: str) -> str:
    return re.sub(r"[\s.]+", "", alias)


_NAMES = {_key(normalize(alias)): name for name, aliases in AGENCIES for alias in aliases}
_ALIAS = "(?:{})".format("|".join(
    r"[\s.]*".join(re.escape(p) for p in re.split(r"[\s.]+", normalize(alias)) if p)
    for alias in sorted({a for _, aliases in AGENCIES for a in aliases}, key=len, reverse=True)))
_AGENCY = rf"(?<!\w)(?P<agency>{_ALIAS})\.?(?!\w)"
_LEADS = "|".join(re.escape(normalize(w)) for w in CREDIT_LEADS)
# "بيروت (أ ف ب) -", "MOSCOW, May 5. /TASS/.", "دمشق 18 نوفمبر 2017 (شينخوا)", "دمشق-سانا",
# "أنقرة/ الأناضول": a dateline credit, within the first 40 characters of an opening line. A
# bare "(رويترز)" there is not one: "وذكرت وكالة (رويترز) أن" is an attribution.
_HEAD = tuple(re.compile(p) for p in (
    rf"^[^()\[\]/]{{0,40}}?[(\[/]\s*{_AGENCY}\s*[)\]/]\s*[-–—:.]",
    rf"^[^()\[\]/]{{0,40}}?\d\s*[(\[]\s*{_AGENCY}\s*[)\]]",
    rf"^[^()\[\]/]{{0,40}}?[-–—/:|]\s*{_AGENCY}(?=\s*(?:[-–—:.,)]|$))",
    rf"^\W*{_AGENCY}\s*[-–—:|]",
))
# "… الأسبوع الماضي. (رويترز)", "… said. — AFP": a credit after the last sentence, not an
# attribution closing it ("… حسب وكالة الأنباء السورية (سانا).").
_CLOSING = tuple(re.compile(p) for p in (
    rf"(?:^|[.!?»\"”]\s*)[(\[/]\s*{_AGENCY}\s*[)\]/]\W*$",
    rf"(?:^|[.!?»\"”]\s*)[-–—]\s*{_AGENCY}\W*$",
))
# "المصدر: سانا", "Source: Reuters", "أ ف ب" on a line of its own.
_CREDIT_LINE = re.compile(rf"^\W*(?:(?:{_LEADS})\W+)?{_AGENCY}\W*$")
_EDGE_LINES = 3


def wire_credit(text: str) -> str | None:
    """The agency ``text`` credits as its source (a name of ``AGENCIES``), or None.

    Only credit positions count: a dateline in one of the first lines, a credit closing the
    text, a credit on a line of its own among the first or last lines. An agency merely
    quoted inside a sentence is not the article's source."""
    lines = [normalize(line) for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    head, tail = lines[:_EDGE_LINES], lines[-_EDGE_LINES:]
    found = [p.search(line) for line in head for p in _HEAD]
    found += [p.search(tail[-1]) for p in _CLOSING] if tail else []
    found += [_CREDIT_LINE.search(line) for line in head + tail]
    hit = next((m for m in found if m), None)
    return _NAMES.get(_key(hit.group("agency"))) if hit else None


# --- the stage ------------------------------------------------------------------------------

def _first_rows(dates: Sequence[str | None]) -> list[int]:
    """Rows from earliest to latest: dated before undated, then in input order."""
    return sorted(range(len(dates)), key=lambda r: (dates[r] is None, dates[r] or "", r))


def article_sources(articles: pl.DataFrame, *, blocked: bool = True) -> pl.DataFrame:
    """The copy group and ``source`` of every article (an ``ARTICLE_SOURCES`` frame, in the
    articles' order)."""
    texts, outlets = articles["text"].to_list(), articles["outlet"].to_list()
    pairs = copy_pairs(texts, outlets, blocked=blocked)
    group = components(articles.height, pairs.select("i", "j").rows())
    names: dict[int, tuple[str, bool]] = {}
    ordered = _first_rows(articles["date"].to_list())
    for row in ordered:  # a credited agency names the group, whichever copy credits it
        agency = wire_credit(texts[row])
        if agency and group[row] not in names:
            names[int(group[row])] = (agency, True)
    for row in ordered:
        names.setdefault(int(group[row]), (outlets[row], False))
    return pl.DataFrame({
        "article_id": articles["article_id"],
        "copy_group": group,
        "source": [names[int(g)][0] for g in group],
        "agency": [names[int(g)][1] for g in group],
    }, schema=ARTICLE_SOURCES)


def same_claim_text(a: str | None, b: str | None, *, min_ratio: float = CLAIM_RATIO,
                    min_chars: int = MIN_CLAIM_CHARS) -> bool:
    """Whether two normalised claims are one text: both at least ``min_chars`` long, rapidfuzz
    ratio ≥ ``min_ratio`` and the same figures.

    Figures decide because one sentence with another figure ("48 ألف جندي" / "38 ألف جندي")
    is what contradictions look like, not a copy; the ratio alone would take most of them."""
    if not a or not b or min(len(a), len(b)) < min_chars:
        return False
    return fuzz.ratio(a, b, score_cutoff=min_ratio) >= min_ratio and (
        _DIGITS.findall(a) == _DIGITS.findall(b))


def claim_copies(claims: pl.DataFrame, pairs: pl.DataFrame,
                 sources: pl.DataFrame) -> tuple[np.ndarray, list[str]]:
    """The copy component of every claim and its source.

    Only aligned pairs are candidates: a claim and its copy are each other's nearest
    neighbours, so alignment has already paired them. A component's source is the first
    credited agency among its claims' articles, else its earliest claim's article source."""
    art = claims.select("article_id").join(sources, on="article_id", how="left",
                                           maintain_order="left")
    group, source = art["copy_group"].to_list(), art["source"].to_list()
    source = [s if s is not None else o for s, o in zip(source, claims["outlet"], strict=True)]
    agency = art["agency"].fill_null(False).to_list()
    row = {cid: r for r, cid in enumerate(claims["claim_id"].to_list())}
    norm = claims["norm"].to_list()
    edges = []
    for a, b in pairs.select("claim_id_a", "claim_id_b").iter_rows():
        i, j = row.get(a), row.get(b)
        if i is None or j is None:
            continue
        if (group[i] is not None and group[i] == group[j]) or same_claim_text(norm[i], norm[j]):
            edges.append((i, j))
    comp = components(claims.height, edges)
    names: dict[int, str] = {}
    ordered = _first_rows(claims["date"].to_list())
    for r in ordered:
        if agency[r]:
            names.setdefault(int(comp[r]), source[r])
    for r in ordered:
        names.setdefault(int(comp[r]), source[r])
    return comp, [names[int(c)] for c in comp]


def copy_reason(source: str, outlets: Sequence[str], pair: Sequence[str]) -> str:
    """Why a pair is one text: ``outlets`` carry ``source``'s text (first outlet first);
    ``pair`` is the pair's two outlets."""
    if source in outlets:
        by = [o for o in dict.fromkeys(pair) if o != source] or list(pair)
        return f"same text: {source} republished by {', '.join(by)}"
    return f"same wire text: {source} → {len(set(outlets))} outlets"


def mark_copies(articles: pl.DataFrame, claims: pl.DataFrame,
                pairs: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The copies stage: ``claims`` with ``source`` and ``unique`` judged per source, and
    ``pairs`` with ``same_text`` and, for pairs that are not independent, a reason.

    ``unique`` becomes true when every outlet that carries the claim's assertion carries it
    from one source. A pair of one text republished is ``same_text``; its relation stays as the
    relation step decided it, with "same wire text: AFP → 3 outlets" (or "same text: X
    republished by Y") among its reasons; a pair of two texts of one agency gets "same source"."""
    schema.check(articles, schema.ARTICLES, "copies")
    schema.check(claims, schema.CLAIMS, "copies")
    schema.check(pairs, schema.PAIRS, "copies")
    comp, source = claim_copies(claims, pairs, article_sources(articles))
    claims = claims.with_columns(source=pl.Series(source, dtype=pl.String)).with_columns(
        unique=pl.col("group_id").is_null()
        | (pl.col("source").n_unique().over("group_id") == 1))
    return claims, _mark_pairs(claims, pairs, comp)


def _mark_pairs(claims: pl.DataFrame, pairs: pl.DataFrame, comp: np.ndarray) -> pl.DataFrame:
    row = {cid: r for r, cid in enumerate(claims["claim_id"].to_list())}
    source, outlet = claims["source"].to_list(), claims["outlet"].to_list()
    carriers: dict[int, list[str]] = {}
    for r in _first_rows(claims["date"].to_list()):
        carriers.setdefault(int(comp[r]), []).append(outlet[r])
    same, reasons = [], []
    for p in pairs.select("claim_id_a", "claim_id_b", "outlet_a", "outlet_b",
                          "reasons").iter_rows(named=True):
        i, j = row.get(p["claim_id_a"]), row.get(p["claim_id_b"])
        known = i is not None and j is not None
        one_text = known and comp[i] == comp[j]
        why = list(p["reasons"] or [])
        if one_text:
            why.append(copy_reason(source[i], carriers[int(comp[i])],
                                   (p["outlet_a"], p["outlet_b"])))
        elif known and source[i] == source[j]:
            why.append(f"same source: {source[i]}")
        same.append(one_text)
        reasons.append(why)
    return pairs.with_columns(same_text=pl.Series(same, dtype=pl.Boolean),
                              reasons=pl.Series(reasons, dtype=pl.List(pl.String)))
