"""A real multi-outlet Arabic news corpus for end-to-end runs and benchmarks.

The articles come from the Baly et al. (2018) stance corpus (``claim_article.jsonl``): real
articles from hundreds of outlets, many about the same events, the outlet being the URL's host.
That corpus has no publication dates, so the dates written here are **synthetic**: spread
evenly over ``weeks`` ISO weeks starting with ``first_week``, so that weekly runs have something
to select by. Nothing about an article depends on its synthetic date.

    python bench/corpus.py --n 200 --out /tmp/corpus [--seed 0] [--weeks 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import tempfile
from pathlib import Path
from urllib.parse import urlparse

SOURCE = Path("../shared/data/arabic_fc_stance_baly2018/claim_article.jsonl")
FIRST_WEEK = "2026-W45"
TITLE_CHARS = 120


def load_articles(source: Path = SOURCE) -> list[dict]:
    """Distinct articles of the source (one per text and per url), complete ones preferred.

    Unrelated articles longer than 2,000 characters were cut in the source (``b_truncated``);
    when a url holds several texts the complete, then the longest, one is kept.
    """
    best: dict[str, dict] = {}
    seen_text: set[str] = set()
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text, url = record["b"], record["url"]
            if not text.strip() or not url or text in seen_text:
                continue
            seen_text.add(text)
            rank = (not record["b_truncated"], len(text))
            if url not in best or rank > best[url]["rank"]:
                best[url] = {"text": text, "url": url, "rank": rank}
    return sorted(best.values(), key=lambda a: a["url"])


def outlet_of(url: str) -> str:
    """The outlet behind a url: its host without ``www.``."""
    host = (urlparse(url).hostname or "").lower()
    return host.removeprefix("www.")


def title_of(text: str) -> str:
    """The article's first non-empty line, cut to 120 characters."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return first[:TITLE_CHARS]


def pick(articles: list[dict], n_articles: int, seed: int) -> list[dict]:
    """``n_articles`` articles in a seeded order: every complete article before any cut one."""
    if n_articles > len(articles):
        raise ValueError(f"asked for {n_articles} articles, the source has {len(articles)}")
    rng = random.Random(seed)
    complete = [a for a in articles if a["rank"][0]]
    cut = [a for a in articles if not a["rank"][0]]
    rng.shuffle(complete)
    rng.shuffle(cut)
    return (complete + cut)[:n_articles]


def week_days(week: str) -> list[dt.date]:
    """The seven dates of an ISO week such as ``2026-W45``."""
    year, number = week.split("-W")
    monday = dt.date.fromisocalendar(int(year), int(number), 1)
    return [monday + dt.timedelta(days=d) for d in range(7)]


def build_corpus(n_articles: int, out_dir: Path, seed: int = 0, weeks: int = 1, *,
                 first_week: str = FIRST_WEEK, source: Path = SOURCE) -> list[Path]:
    """Write ``n_articles`` real articles as one JSONL file per ISO week; return the files.

    Each line has ``text``, ``outlet``, ``url``, ``title`` and a synthetic ``date``. The same
    arguments always give the same files.
    """
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    chosen = pick(load_articles(source), n_articles, seed)
    rng = random.Random(f"dates-{seed}")
    first_monday = week_days(first_week)[0]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for w in range(weeks):
        days = week_days(_iso_week(first_monday + dt.timedelta(weeks=w)))
        part = chosen[w * len(chosen) // weeks:(w + 1) * len(chosen) // weeks]
        lines = [_line(a, rng.choice(days)) for a in part]
        path = out_dir / f"{_iso_week(days[0])}.jsonl"
        _write_atomic(path, "".join(lines))
        files.append(path)
    return files


def _line(article: dict, day: dt.date) -> str:
    record = {"text": article["text"], "outlet": outlet_of(article["url"]),
              "url": article["url"], "title": title_of(article["text"]),
              "date": day.isoformat()}
    return json.dumps(record, ensure_ascii=False) + "\n"


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="number of articles")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--weeks", type=int, default=1, help="ISO weeks to spread dates over")
    parser.add_argument("--first-week", default=FIRST_WEEK)
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args(argv)
    files = build_corpus(args.n, args.out, args.seed, args.weeks,
                         first_week=args.first_week, source=args.source)
    for path in files:
        count = sum(1 for _ in path.open(encoding="utf-8"))
        print(f"{path}\t{count} articles")


if __name__ == "__main__":
    main()
