"""How well the ingest stage finds the article in a saved web page, on ``examples/web``.

Each page marks its article paragraphs by hand with a ``data-gold`` attribute (the standfirst and
body; not the title, captions, sign-offs, menus, comments…). For every page this prints:

- recall: the share of the marked sentences that the extracted text holds;
- boilerplate: the share of the extracted text (in characters) that is not in a marked
  sentence, i.e. 1 − precision;
- the same two for trafilatura with its default options (comments and layout tables kept),
  which is what ``read_html`` improves on;
- milliseconds per page (median of ``--repeat`` runs, the libraries already loaded).

    python bench/extraction.py [--pages examples/web] [--repeat 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

from compare.ingest.decode import decode
from compare.ingest.html import read_html, sniff_charset

ROOT = Path(__file__).resolve().parent.parent
_SENTENCE = re.compile(r"(?<=[.!?؟])\s+|\n+")


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences, spaces normalised."""
    return [" ".join(s.split()) for s in _SENTENCE.split(text) if s.strip()]


def gold(data: bytes, where: str) -> list[str]:
    """The sentences of the paragraphs marked ``data-gold`` in the page."""
    import lxml.html

    markup = decode(data, where, declared=sniff_charset(data))
    tree = lxml.html.document_fromstring(markup.encode("utf-8"),
                                         parser=lxml.html.HTMLParser(encoding="utf-8"))
    return [s for p in tree.xpath("//*[@data-gold]") for s in sentences(p.text_content())]


def score(extracted: str, marked: list[str]) -> tuple[float, float]:
    """Recall of the marked sentences and the boilerplate share of ``extracted``."""
    flat = " ".join(extracted.split())
    recall = sum(s in flat for s in marked) / len(marked)
    got = sentences(extracted)
    article = " ".join(marked)
    noise = sum(len(s) for s in got if s not in article)
    return recall, noise / max(sum(len(s) for s in got), 1)


def baseline(data: bytes) -> str:
    """trafilatura with its defaults, as a user would first call it."""
    from trafilatura import bare_extraction

    found = bare_extraction(data, with_metadata=True)
    return found.text if found is not None and found.text else ""


def timed(call, repeat: int) -> tuple[object, float]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=ROOT / "examples" / "web")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    pages = sorted(p for p in args.pages.glob("*.htm*"))
    read_html(pages[0].read_bytes(), str(pages[0]))  # load the libraries outside the timing
    print("| page | encoding | marked sentences | recall | boilerplate | trafilatura defaults: "
          "recall / boilerplate | ms per page |")
    print("|---|---|---:|---:|---:|---:|---:|")
    totals = []
    for path in pages:
        data = path.read_bytes()
        marked = gold(data, str(path))
        found, ms = timed(lambda d=data, p=path: read_html(d, str(p)), args.repeat)
        recall, noise = score(found["text"], marked)
        base_recall, base_noise = score(baseline(data), marked)
        totals.append((recall, noise, base_recall, base_noise, ms))
        print(f"| {path.name} | {sniff_charset(data) or '-'} | {len(marked)} | {recall:.2f} | "
              f"{noise:.2f} | {base_recall:.2f} / {base_noise:.2f} | {ms:.1f} |")
    mean = [statistics.mean(column) for column in zip(*totals, strict=True)]
    print(f"| mean of {len(pages)} | | | {mean[0]:.2f} | {mean[1]:.2f} | "
          f"{mean[2]:.2f} / {mean[3]:.2f} | {mean[4]:.1f} |")
    command = " ".join(["python", "bench/extraction.py", *(argv or sys.argv[1:])])
    print(f"\nReproduce: {command}")


if __name__ == "__main__":
    main()
