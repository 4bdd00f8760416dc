"""A person's verdicts on pairs: the table kept in ``--index-dir`` and the stage that applies it.

``claim-compare verdict PAIR_ID confirm|reject|relabel LABEL`` records who judged a pair, when,
why, and the pair as it was judged (claim ids, texts, languages, outlets, the model's relation),
in ``verdicts.parquet`` beside the index. Every verdict given is kept: the latest one on a pair
is its verdict, the earlier ones say who changed their mind, which a fact-check's audit needs.
The file lives outside the index's generations, so falling back to a previous generation never
loses a person's work.

The stage (:func:`apply_verdicts`, after relate) shows the person's relation instead of the
model's: confirm keeps the relation that was confirmed, ``relabel LABEL`` sets LABEL, reject sets
``related`` (a rejected agreement or contradiction is not one; to say two claims agree or
contradict, relabel). ``model_relation`` keeps the model's relation and the reasons gain a first
line naming the verdict. The same mapping gives the label of an exported training pair.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from compare import schema
from compare.errors import CompareError
from compare.store.atomic import storage, write_text, write_with
from compare.store.lock import lock

FILE = "verdicts.parquet"
# How a verdict reads in a pair's reasons: "person's verdict: rejected by NAME on DATE: NOTE".
_DONE = {"confirm": "confirmed", "reject": "rejected", "relabel": "relabelled"}
VERDICT_REASON = "person's verdict"


class VerdictError(CompareError):
    """A verdict that cannot be recorded: a bad action or label, or no index to keep it."""


def check_verdict(action: str, label: str | None) -> None:
    """Refuse an action other than confirm, reject or relabel, and a relabel without a known
    relation (or a label given to confirm or reject)."""
    if action not in schema.VERDICT_ACTIONS:
        raise VerdictError(f"{action!r} is not a verdict",
                           hint="give confirm, reject or relabel LABEL")
    if action == "relabel" and label is None:
        raise VerdictError("relabel needs a LABEL",
                           hint="give one of agree, contradict, related, e.g. "
                                "`claim-compare verdict PAIR_ID relabel agree`")
    if action != "relabel" and label is not None:
        raise VerdictError(f"{action} takes no LABEL (got {label!r})",
                           hint="to set the relation, give `relabel LABEL`")
    if label is not None and label not in schema.RELATIONS:
        raise VerdictError(f"{label!r} is not a relation",
                           hint="relabel takes agree, contradict or related")


def person_relation(verdict: str, model_relation: str | None, label: str | None) -> str | None:
    """The relation a verdict gives a pair: confirm keeps the model's, relabel sets ``label``,
    reject makes the pair ``related``."""
    if verdict == "relabel":
        return label
    if verdict == "reject":
        return "related"
    return model_relation


def read_verdicts(index_dir: Path | str, *, history: bool = False) -> pl.DataFrame:
    """The verdicts kept in ``index_dir`` (``schema.VERDICTS``): the latest one per pair, in
    the order they were given, or every verdict ever given with ``history``."""
    path = Path(index_dir) / FILE
    if not path.is_file():
        return schema.empty(schema.VERDICTS)
    try:
        table = schema.check(pl.read_parquet(path), schema.VERDICTS, FILE)
    except (OSError, pl.exceptions.PolarsError, schema.SchemaError) as exc:
        raise VerdictError(f"cannot read {FILE}: {exc}", path=path,
                           hint="the file is damaged; restore it from a backup") from None
    table = table.select(list(schema.VERDICTS))
    if history:
        return table
    return table.unique("pair_id", keep="last", maintain_order=True)


def record(index_dir: Path | str, row: dict, *, lock_timeout: float = 600.0) -> pl.DataFrame:
    """Add one verdict (a ``schema.VERDICTS`` row) to the index's table, under the index lock
    and atomically; returns the current verdicts."""
    check_verdict(row["verdict"], row.get("label"))
    root = Path(index_dir)
    with lock(root, lock_timeout):
        table = pl.concat([read_verdicts(root, history=True), schema.frame([row], schema.VERDICTS)])
        write_with(root / FILE, table.write_parquet)
    return read_verdicts(root)


def apply_verdicts(pairs: pl.DataFrame, verdicts: pl.DataFrame) -> pl.DataFrame:
    """The verdicts stage: ``pairs`` with each judged pair's relation set by its verdict, the
    verdict columns filled and the verdict as the first reason; ``model_relation`` keeps what
    the relation step said."""
    schema.check(pairs, schema.PAIRS, "verdicts")
    pairs = pairs.with_columns(model_relation=pl.coalesce("model_relation", "relation"))
    schema.check(verdicts, schema.VERDICTS, "verdicts")
    judged = pairs["pair_id"].is_in(verdicts["pair_id"].to_list())
    if not judged.any():
        return pairs
    given = {r["pair_id"]: r for r in verdicts.iter_rows(named=True)}
    rows = pairs.with_row_index("_row")
    changed = [_judged(p, given[p["pair_id"]]) for p in rows.filter(judged).iter_rows(named=True)]
    changed_frame = pl.DataFrame(changed, schema=rows.schema, orient="row")
    return pl.concat([rows.filter(~judged), changed_frame]).sort("_row").drop("_row")


def _judged(pair: dict, verdict: dict) -> dict:
    relation = person_relation(verdict["verdict"], verdict["model_relation"], verdict["label"])
    reasons = [verdict_line(verdict)]
    if pair["model_relation"] != verdict["model_relation"]:
        reasons.append(f"the model now says {pair['model_relation']} "
                       f"(it said {verdict['model_relation']} when the pair was judged)")
    return {**pair, "relation": relation, "reasons": reasons + list(pair["reasons"] or []),
            "verdict": verdict["verdict"], "verdict_by": verdict["by"],
            "verdict_at": verdict["at"], "verdict_note": verdict["note"]}


def verdict_line(verdict: dict) -> str:
    """One line saying what a person decided: "person's verdict: rejected by ana on
    2026-12-02: not the same figure" (``relabelled agree by …`` for a relabel)."""
    done = _DONE[verdict["verdict"]]
    if verdict["verdict"] == "relabel":
        done += f" {verdict['label']}"
    line = f"{VERDICT_REASON}: {done} by {verdict['by']} on {str(verdict['at'])[:10]}"
    return f"{line}: {verdict['note']}" if verdict.get("note") else line


# --- export ---------------------------------------------------------------------------------

def training_rows(verdicts: pl.DataFrame) -> list[dict]:
    """Each verdict as a training pair in the record format of the project's corpus
    (``compare/data/corpus/pairs.jsonl``: id, split, lang_a, lang_b, label, type, a, b, note),
    plus who judged it, when, and the model's relation. Every verdict is a train pair."""
    rows = []
    for v in verdicts.iter_rows(named=True):
        rows.append({
            "id": f"verdict-{v['pair_id']}", "split": "train",
            "lang_a": v["lang_a"], "lang_b": v["lang_b"],
            "label": person_relation(v["verdict"], v["model_relation"], v["label"]),
            "type": f"verdict_{v['verdict']}", "a": v["text_a"], "b": v["text_b"],
            "note": v["note"] or "", "pair_id": v["pair_id"], "verdict": v["verdict"],
            "model_relation": v["model_relation"], "by": v["by"], "at": v["at"],
            "outlet_a": v["outlet_a"], "outlet_b": v["outlet_b"],
        })
    return rows


def export(verdicts: pl.DataFrame, path: Path | str) -> int:
    """Write the verdicts as training pairs (JSONL, one per line) to ``path`` atomically;
    returns how many."""
    rows = training_rows(verdicts)
    with storage(path, "write the export"):
        write_text(Path(path), "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    return len(rows)
