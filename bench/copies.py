"""Wire copies: how well and how fast each method finds one text that several outlets printed.

Real articles are republished synthetically with light edits — the headline changed, a
paragraph dropped, an agency credit added, a sentence reworded (a random non-empty mix, one to
three copies of every other article, each copy under its own outlet) — and set against
independent reports of the same story: the other outlets' articles about the same claim in
Baly et al. 2018 (Arabic), the other documents of one ECB+ sub-topic (English), and the two
seeds. A method is scored on article pairs of different outlets: a pair is a copy when both
texts come from one original. Thresholds are chosen on one half of the stories (dev) and
scored on the other (test).

Scorers, on the normalised text (``compare.text.normalize``):
- shingle Jaccard / containment: word 5-grams (and 3-grams), ``compare.copies``;
- MinHash: 128 permutations of the 5-gram hashes, Jaccard estimated (numpy);
- rapidfuzz: ``fuzz.ratio`` and ``fuzz.token_set_ratio`` on the whole text.

Then the time to find the copies among 1,000 articles, and the same scorers on claims:
light edits of real sentences against the corpus's pairs of one assertion told by two outlets.

    python bench/copies.py [--data ../shared/data] [--n 300] [--seed 0]

Without ``../shared/data`` only the seeds are there: the script says so and stops.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
from rapidfuzz import fuzz, process

from compare.copies import (
    MIN_JACCARD,
    candidate_pairs,
    copy_pairs,
    jaccard,
    same_claim_text,
    shingle_sets,
)
from compare.text.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
MIN_CHARS = 600
CREDITS = {"ar": ("بيروت (أ ف ب) - ", "\n(أ ف ب)"), "en": ("PARIS (AFP) - ", "\n(AFP)")}
FILLER = {"ar": "كذلك", "en": "also"}


# --- stories ---------------------------------------------------------------------------------

def baly(data: Path) -> list[list[dict]]:
    """Articles about one claim from different outlets, one list per claim."""
    path = data / "arabic_fc_stance_baly2018" / "claim_article.jsonl"
    by_claim: dict[str, dict[str, dict]] = defaultdict(dict)
    seen: set[str] = set()
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        text, outlet = r["b"], (urlparse(r["url"] or "").hostname or "").removeprefix("www.")
        if len(text) < MIN_CHARS or text in seen or not outlet:
            continue
        seen.add(text)
        by_claim[r["claim_id"]].setdefault(outlet, {"text": text, "outlet": outlet,
                                                    "lang": "ar"})
    return [list(v.values()) for _, v in sorted(by_claim.items())]


def ecb(data: Path) -> list[list[dict]]:
    """The documents of one ECB+ sub-topic: one real event, reported by several outlets."""
    root = data / "ecbplus" / "original" / "ECB+"
    stories: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(root.glob("*/*.xml")):
        sentences: dict[str, list[str]] = defaultdict(list)
        for m in re.finditer(r'<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>',
                             path.read_text(encoding="utf-8")):
            sentences[m.group(1)].append(m.group(2))
        text = "\n".join(" ".join(ws) for ws in sentences.values())
        if len(text) >= MIN_CHARS:
            sub = path.stem.split("_")[0] + ("+" if path.stem.endswith("plus") else "")
            stories[sub].append({"text": text, "outlet": f"ecb:{path.stem}", "lang": "en"})
    return list(stories.values())


def seeds() -> list[list[dict]]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    return [[{"text": f.read_text(encoding="utf-8"), "outlet": f"seed:{f.stem}", "lang": "ar"}
             for f in files]]


# --- light edits -----------------------------------------------------------------------------

def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?؟])\s+|\n+", text) if s.strip()]


def edit(article: dict, kinds: set[str], rng: random.Random, headline: str) -> str:
    """The article republished with the ``kinds`` of edits."""
    parts = _sentences(article["text"])
    lang = article["lang"]
    if "headline" in kinds:
        parts[0] = headline
    if "drop" in kinds and len(parts) > 3:  # a paragraph: about a fifth of the text, in one run
        size = max(1, len(parts) // 5)
        start = rng.randrange(1, len(parts) - size + 1)
        del parts[start:start + size]
    if "reword" in kinds:
        long = [n for n, s in enumerate(parts) if len(s.split()) >= 8] or [0]
        n = rng.choice(long)
        ws = parts[n].split()
        k = rng.randrange(1, max(2, len(ws) - 3))
        ws[k], ws[k + 1] = ws[k + 1], ws[k]
        del ws[k + 2]
        ws.insert(rng.randrange(len(ws)), FILLER[lang])
        parts[n] = " ".join(ws)
    text = "\n".join(parts)
    if "credit" in kinds:
        before, after = CREDITS[lang]
        text = before + text if rng.random() < 0.5 else text + after
    return text


KINDS = ("headline", "drop", "credit", "reword")


def build(stories: list[list[dict]], n: int, rng: random.Random) -> list[dict]:
    """About ``n`` originals from whole stories, with copies of every other original. Each
    text has its story, its origin (the original it comes from) and an outlet."""
    texts: list[dict] = []
    headlines = [_sentences(a["text"])[0] for s in stories for a in s]
    for story_no, story in enumerate(stories):
        if sum(t["copy_of"] is None for t in texts) >= n:
            break
        for article in story:
            origin = len(texts)
            texts.append({**article, "story": story_no, "origin": origin, "copy_of": None,
                          "edits": ()})
            if origin % 2:
                continue
            for m in range(rng.randint(1, 3)):
                kinds = {k for k in KINDS if rng.random() < 0.5} or {rng.choice(KINDS)}
                text = edit(article, kinds, rng, rng.choice(headlines)[:120])
                texts.append({"text": text, "outlet": f"copy:{origin}:{m}",
                              "lang": article["lang"], "story": story_no, "origin": origin,
                              "copy_of": origin, "edits": tuple(sorted(kinds))})
    return texts


# --- scorers ---------------------------------------------------------------------------------

def minhash(sets: list[np.ndarray], perms: int = 128, seed: int = 0) -> np.ndarray:
    """MinHash signatures (rows × perms) of hash sets: xor with a random mask, multiply by a
    random odd number (mod 2⁶⁴), keep the minimum."""
    rng = np.random.default_rng(seed)
    masks = rng.integers(0, 2**63, perms, dtype=np.uint64)
    mults = rng.integers(0, 2**63, perms, dtype=np.uint64) | np.uint64(1)
    sig = np.full((len(sets), perms), np.iinfo(np.uint64).max, dtype=np.uint64)
    for row, s in enumerate(sets):
        if s.size:
            sig[row] = ((s[:, None] ^ masks) * mults).min(axis=0)
    return sig


def containment(a: np.ndarray, b: np.ndarray) -> float:
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / min(a.size, b.size) if min(a.size, b.size) else 0.0


def scorers(texts: list[dict]) -> dict:
    norm = [normalize(t["text"]) for t in texts]
    s5 = shingle_sets([t["text"] for t in texts], 5)
    s3 = shingle_sets([t["text"] for t in texts], 3)
    sig = minhash(s5)
    return {
        "shingle Jaccard (5 words)": lambda i, j: jaccard(s5[i], s5[j]),
        "shingle containment (5 words)": lambda i, j: containment(s5[i], s5[j]),
        "shingle Jaccard (3 words)": lambda i, j: jaccard(s3[i], s3[j]),
        "MinHash 128, Jaccard est. (5 words)": lambda i, j: float(np.mean(sig[i] == sig[j])),
        "rapidfuzz ratio": lambda i, j: fuzz.ratio(norm[i], norm[j]) / 100,
        "rapidfuzz token_set_ratio": lambda i, j: fuzz.token_set_ratio(norm[i], norm[j]) / 100,
    }


def labelled_pairs(texts: list[dict], rng: random.Random, others: int) -> list[tuple]:
    """(i, j, is_copy, same_story) for every pair of one story, and ``others`` random pairs of
    two stories (those are never copies)."""
    by_story: dict[int, list[int]] = defaultdict(list)
    for n, t in enumerate(texts):
        by_story[t["story"]].append(n)
    out = []
    for rows in by_story.values():
        for x, i in enumerate(rows):
            for j in rows[x + 1:]:
                if texts[i]["outlet"] != texts[j]["outlet"]:
                    out.append((i, j, texts[i]["origin"] == texts[j]["origin"], True))
    while others > 0:
        i, j = sorted(rng.sample(range(len(texts)), 2))
        if texts[i]["story"] != texts[j]["story"]:
            out.append((i, j, False, False))
            others -= 1
    return out


def prf(scores: np.ndarray, truth: np.ndarray, threshold: float) -> tuple[float, float, float]:
    got = scores >= threshold
    tp = int((got & truth).sum())
    p = tp / got.sum() if got.sum() else 1.0
    r = tp / truth.sum() if truth.sum() else 1.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def best_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    grid = np.round(np.arange(0.05, 1.0, 0.01), 2)
    return float(max(grid, key=lambda t: (prf(scores, truth, t)[2], -t)))


# --- report ----------------------------------------------------------------------------------

def quality(texts: list[dict], rng: random.Random, others: int) -> dict:
    pairs = labelled_pairs(texts, rng, others)
    dev = np.array([texts[i]["story"] % 2 == 0 for i, _, _, _ in pairs])
    truth = np.array([c for _, _, c, _ in pairs])
    story = np.array([s for _, _, _, s in pairs])
    print(f"\n{len(texts)} texts ({sum(t['copy_of'] is not None for t in texts)} copies), "
          f"{len(pairs)} pairs: {truth.sum()} copies, {(story & ~truth).sum()} independent "
          f"reports of one story, {(~story).sum()} pairs of two stories")
    print("\n| scorer | threshold (dev) | precision | recall | F1 | false copies among "
          "same-story reports |\n|---|---:|---:|---:|---:|---:|")
    results = {}
    for name, score in scorers(texts).items():
        s = np.array([score(i, j) for i, j, _, _ in pairs])
        t = best_threshold(s[dev], truth[dev])
        p, r, f = prf(s[~dev], truth[~dev], t)
        false = int(((s >= t) & ~truth & story & ~dev).sum())
        print(f"| {name} | {t:.2f} | {p:.3f} | {r:.3f} | {f:.3f} | {false} |")
        results[name] = (s, t)
    s = results["shingle Jaccard (5 words)"][0]
    p, r, f = prf(s[~dev], truth[~dev], MIN_JACCARD)
    false = int(((s >= MIN_JACCARD) & ~truth & story & ~dev).sum())
    print(f"| compare.copies: shingle Jaccard (5 words), its threshold | {MIN_JACCARD:.2f} | "
          f"{p:.3f} | {r:.3f} | {f:.3f} | {false} |")
    return {"pairs": pairs, "truth": truth, "results": results}


def recall_by_edit(texts: list[dict], q: dict, name: str, threshold: float) -> None:
    s = q["results"][name][0]
    per: dict[str, list[bool]] = defaultdict(list)
    for (i, j, copy, _), score in zip(q["pairs"], s, strict=True):
        if copy and (texts[i]["copy_of"] is None or texts[j]["copy_of"] is None):
            for kind in texts[max(i, j)]["edits"]:
                per[kind].append(score >= threshold)
    print(f"\nRecall of {name} ≥ {threshold} by edit (original vs copy): " + ", ".join(
        f"{k} {np.mean(v):.3f} ({len(v)})" for k, v in sorted(per.items())))


def blocking_recall(texts: list[dict]) -> None:
    sets = shingle_sets([t["text"] for t in texts])
    outlets = [t["outlet"] for t in texts]
    found = {tuple(p) for p in candidate_pairs(sets, outlets).tolist()}
    truth = {(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))
             if texts[i]["origin"] == texts[j]["origin"]}
    print(f"\nBlocking (shared rare shingles): {len(found)} candidate pairs of "
          f"{len(texts) * (len(texts) - 1) // 2}; {len(truth & found)} of {len(truth)} copy "
          f"pairs among them")


def timing(texts: list[dict], size: int = 1000, fuzz_sample: int = 150) -> None:
    corpus, outlets = [t["text"] for t in texts[:size]], [t["outlet"] for t in texts[:size]]
    size = len(corpus)
    rows = []
    start = time.perf_counter()
    found = copy_pairs(corpus, outlets).height
    rows.append((f"shingle Jaccard ≥ {MIN_JACCARD}, blocked (compare.copies)",
                 time.perf_counter() - start, found))
    start = time.perf_counter()
    found = copy_pairs(corpus, outlets, blocked=False).height
    rows.append((f"shingle Jaccard ≥ {MIN_JACCARD}, every pair", time.perf_counter() - start,
                 found))
    start = time.perf_counter()
    cand = candidate_pairs(shingle_sets(corpus), outlets).tolist()
    norm = {n: normalize(corpus[n]) for pair in cand for n in pair}
    found = sum(fuzz.ratio(norm[i], norm[j], score_cutoff=69) > 0 for i, j in cand)
    rows.append(("rapidfuzz ratio ≥ 0.69 on the same blocked candidates",
                 time.perf_counter() - start, found))
    start = time.perf_counter()
    sig = minhash(shingle_sets(corpus))
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for row in range(size):
        for band in range(32):
            buckets[(band, sig[row, band * 4:band * 4 + 4].tobytes())].append(row)
    cand = {(a, b) for rows_ in buckets.values()
            for x, a in enumerate(rows_) for b in rows_[x + 1:]}
    found = sum(outlets[a] != outlets[b] and np.mean(sig[a] == sig[b]) >= MIN_JACCARD
                for a, b in cand)
    rows.append((f"MinHash 128 + LSH 32×4, est. ≥ {MIN_JACCARD}", time.perf_counter() - start,
                 found))
    start = time.perf_counter()
    norm = [normalize(t) for t in corpus[:fuzz_sample]]
    process.cdist(norm, norm, scorer=fuzz.ratio, workers=1, dtype=np.uint8)
    pair_seconds = (time.perf_counter() - start) / fuzz_sample**2
    rows.append((f"rapidfuzz ratio, every pair (timed on {fuzz_sample}, scaled)",
                 pair_seconds * size * (size - 1) / 2, None))
    print(f"\nTime to find the copies among {size} articles (1 core, niced, a training job "
          "running beside):\n\n| method | seconds | pairs found |\n|---|---:|---:|")
    for name, seconds, got in rows:
        print(f"| {name} | {seconds:.1f} | {'' if got is None else got} |")


def claim_level(data: Path, texts: list[dict], rng: random.Random) -> None:
    """Claims: a real sentence and its light edit against two outlets' wordings of one
    assertion (the corpus's ar/ar and en/en pairs)."""
    pos = []
    for t in texts:
        for s in _sentences(t["text"]):
            if 60 <= len(s) <= 400 and rng.random() < 0.05:
                ws = s.split()
                k = rng.randrange(len(ws))
                kind = rng.choice(("credit", "drop word", "punctuation", "filler"))
                if kind == "credit":
                    ws.append("(أ ف ب)" if t["lang"] == "ar" else "(AFP)")
                elif kind == "drop word":
                    del ws[k]
                elif kind == "punctuation":
                    ws[k] = ws[k] + ","
                else:
                    ws.insert(k, FILLER[t["lang"]])
                pos.append((s, " ".join(ws)))
    corpus = ROOT / "compare" / "data" / "corpus" / "pairs.jsonl"
    rows = [r for r in map(json.loads, corpus.open(encoding="utf-8"))
            if r["lang_a"] == r["lang_b"]]
    neg, types = [(r["a"], r["b"]) for r in rows], [r["type"] for r in rows]
    a = [normalize(x) for x, _ in pos + neg]
    b = [normalize(y) for _, y in pos + neg]
    truth = np.array([True] * len(pos) + [False] * len(neg))
    sa, sb = shingle_sets(a, 3), shingle_sets(b, 3)
    ratio = np.array([fuzz.ratio(x, y) for x, y in zip(a, b, strict=True)])
    jac = np.array([jaccard(x, y) for x, y in zip(sa, sb, strict=True)])
    same = np.array([same_claim_text(x, y) for x, y in zip(a, b, strict=True)])
    methods = {"compare.copies: ratio ≥ 90 and the same figures": same,
               "rapidfuzz ratio ≥ 90": ratio >= 90,
               "rapidfuzz ratio ≥ 95": ratio >= 95,
               "shingle Jaccard (3 words) ≥ 0.5": jac >= 0.5,
               "shingle Jaccard (3 words) ≥ 0.7": jac >= 0.7}
    print(f"\nClaims: {len(pos)} light edits of real sentences vs {len(neg)} corpus pairs of one "
          "assertion in two outlets' words\n\n| method | precision | recall | corpus pairs "
          "taken for one text, by type |\n|---|---:|---:|---|")
    for name, got in methods.items():
        tp = int((got & truth).sum())
        kinds = Counter(t for t, g in zip([""] * len(pos) + types, got[:], strict=True)
                        if g and t)
        print(f"| {name} | {tp / max(1, got.sum()):.3f} | {tp / truth.sum():.3f} | "
              f"{', '.join(f'{k} {v}' for k, v in kinds.most_common())} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--n", type=int, default=300, help="originals to republish from")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--others", type=int, default=20000, help="pairs of two stories")
    args = parser.parse_args()
    print(f"python bench/copies.py --data {args.data} --n {args.n} --seed {args.seed} "
          f"--others {args.others}")
    if not (args.data / "arabic_fc_stance_baly2018").is_dir():
        print(f"skipped: {args.data} has no arabic_fc_stance_baly2018/ (the shared data is not "
              "here); only the two seeds would be left, too few to measure")
        return
    rng = random.Random(args.seed)
    stories = baly(args.data) + (ecb(args.data) if (args.data / "ecbplus").is_dir() else [])
    stories = [s for s in stories if len(s) >= 2]
    rng.shuffle(stories)
    texts = build(seeds() + stories, args.n, rng)
    q = quality(texts, rng, args.others)
    name = "shingle Jaccard (5 words)"
    recall_by_edit(texts, q, name, MIN_JACCARD)
    blocking_recall(texts)
    show_false_copies(texts, q, name)
    timing(build(seeds() + stories, 700, random.Random(args.seed)))
    claim_level(args.data, texts, rng)


def show_false_copies(texts: list[dict], q: dict, name: str, top: int = 5) -> None:
    s, t = q["results"][name]
    wrong = sorted(((score, i, j) for (i, j, copy, _), score in zip(q["pairs"], s, strict=True)
                    if score >= 0.3 and not copy), reverse=True)[:top]
    print(f"\nIndependent reports with the highest {name} (≥ 0.3) — read them: the same text "
          "under two hosts is a real republication that the labels count as independent:")
    for score, i, j in wrong:
        print(f"  {score:.2f} {texts[i]['outlet']} / {texts[j]['outlet']}: "
              f"{texts[i]['text'][:70]!r} / {texts[j]['text'][:70]!r}")


if __name__ == "__main__":
    main()
