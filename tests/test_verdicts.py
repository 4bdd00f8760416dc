"""A person's verdicts: recorded through the CLI, kept in the index, shown by the next run and
its diff instead of the model's relation, exported as training pairs the mixture takes."""

from __future__ import annotations

import datetime as dt
import getpass
import json

import polars as pl
import pytest
from typer.testing import CliRunner

import compare
from compare import schema
from compare.cli import app
from compare.errors import InputError
from compare.learn.data import LABELS, VERDICT_REPEAT, training_sets, verdict_pairs
from compare.runs.history import load_run
from compare.runs.show import resolve_run

runner = CliRunner()
TODAY = dt.datetime.now(dt.timezone.utc).date().isoformat()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def run_seeds(root, name, seeds_dir):
    result = invoke("run", seeds_dir, "--name", name, "--reports-dir", root / "reports",
                    "--index-dir", root / "idx")
    assert result.exit_code == 0, result.output
    return root / "reports" / name


@pytest.fixture(scope="module")
def judged(tmp_path_factory, encoder, seeds_dir):
    """The seeds run, one agreement rejected and one related pair confirmed, run again, and
    the two runs diffed."""
    root = tmp_path_factory.mktemp("verdicts")
    first = run_seeds(root, "first", seeds_dir)
    pairs = pl.read_parquet(first / "pairs.parquet")
    agree = pairs.filter(pl.col("relation") == "agree")["pair_id"][0]
    related = pairs.filter(pl.col("relation") == "related")["pair_id"][0]
    common = ("--reports-dir", root / "reports", "--index-dir", root / "idx")
    rejected = invoke("verdict", agree, "reject", "--note", "two different claims", "--by", "ana",
                      *common)
    confirmed = invoke("verdict", related[:8], "confirm", *common)
    second = run_seeds(root, "second", seeds_dir)
    diffed = invoke("diff", first, second)
    assert diffed.exit_code == 0, diffed.output
    return {"root": root, "first": first, "second": second, "agree": agree,
            "related": related, "rejected": rejected, "confirmed": confirmed, "common": common}


def _pair(folder, pair_id) -> dict:
    pairs = pl.read_parquet(folder / "pairs.parquet")
    return pairs.filter(pl.col("pair_id") == pair_id).row(0, named=True)


def test_a_verdict_says_what_later_runs_will_show(judged):
    assert judged["rejected"].exit_code == 0
    row = _pair(judged["first"], judged["agree"])
    assert judged["rejected"].output == (
        f"{judged['agree']} ({row['outlet_a']} ↔ {row['outlet_b']}): reject by ana; the model "
        "said agree, later runs say related\n")
    assert judged["confirmed"].output.endswith(
        f"confirm by {getpass.getuser()}; the model said related, later runs say related\n")


def test_the_rerun_shows_the_persons_verdict_marked(judged):
    rejected = _pair(judged["second"], judged["agree"])
    assert (rejected["relation"], rejected["model_relation"]) == ("related", "agree")
    assert (rejected["verdict"], rejected["verdict_by"], rejected["verdict_note"]) == (
        "reject", "ana", "two different claims")
    assert rejected["reasons"][0] == (
        f"person's verdict: rejected by ana on {TODAY}: two different claims")
    confirmed = _pair(judged["second"], judged["related"])
    assert (confirmed["relation"], confirmed["verdict"]) == ("related", "confirm")
    assert confirmed["reasons"][0] == (
        f"person's verdict: confirmed by {getpass.getuser()} on {TODAY}")
    # The first run, written before the verdicts, is left as the model saw it.
    before = _pair(judged["first"], judged["agree"])
    assert (before["relation"], before["verdict"]) == ("agree", None)


def test_counts_follow_the_verdicts(judged):
    def counts(folder):
        return json.loads((folder / "run.json").read_text())["counts"]

    first, second = counts(judged["first"]), counts(judged["second"])
    assert (second["agree"], second["related"]) == (first["agree"] - 1, first["related"] + 1)
    assert "person's verdict" in (judged["second"] / "report.md").read_text(encoding="utf-8")


def test_the_diff_marks_a_change_made_by_a_verdict(judged):
    frame = pl.read_parquet(judged["second"] / "diff.parquet")
    assert frame.select("change", "relation_old", "relation_new").rows() == [
        ("changed", "agree", "related")]
    assert frame["reasons"][0][0] == "changed by a person's verdict (the model says agree)"
    text = (judged["second"] / "diff.md").read_text(encoding="utf-8")
    assert "agree → related (a person's verdict)" in text


def test_a_later_verdict_replaces_the_earlier_one_and_history_keeps_both(judged, seeds_dir):
    root, common = judged["root"], judged["common"]
    result = invoke("verdict", judged["agree"], "relabel", "contradict", "--by", "ben", *common)
    assert result.exit_code == 0, result.output
    current = compare.verdicts(index_dir=root / "idx")
    assert current.height == 2
    assert current.filter(pl.col("pair_id") == judged["agree"])["verdict"].to_list() == [
        "relabel"]
    history = compare.verdicts(index_dir=root / "idx", history=True)
    assert history.filter(pl.col("pair_id") == judged["agree"])["verdict"].to_list() == [
        "reject", "relabel"]
    listed = invoke("verdicts", "--index-dir", root / "idx").output.splitlines()
    assert listed[0].split() == ["pair", "verdict", "model", "said", "by", "at", "(UTC)",
                                 "outlets"]
    assert [line.split()[:3] for line in listed[1:]] == [
        [judged["related"], "confirm", "related"], [judged["agree"], "relabel", "contradict"]]
    third = run_seeds(root, "third", seeds_dir)
    relabelled = _pair(third, judged["agree"])
    assert (relabelled["relation"], relabelled["model_relation"]) == ("contradict", "agree")
    assert relabelled["reasons"][0] == f"person's verdict: relabelled contradict by ben on {TODAY}"


def test_export_writes_training_pairs_the_mixture_takes(judged, tmp_path):
    out = tmp_path / "verdicts.jsonl"
    result = invoke("verdicts", "--export", out, "--index-dir", judged["root"] / "idx")
    assert result.output == f"2 training pairs written to {out}\n"
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {r["pair_id"]: r for r in rows}
    pair = _pair(judged["second"], judged["related"])
    assert by_id[judged["related"]]["label"] == "related"  # confirm: the model's relation
    assert (by_id[judged["related"]]["a"], by_id[judged["related"]]["b"]) == (
        pair["text_a"], pair["text_b"])
    assert by_id[judged["related"]]["lang_a"] == "ar" and by_id[judged["related"]]["split"] == \
        "train"
    fit, _ = training_sets(tmp_path, mixture={"corpus": ("train", None, True)}, verdicts=out)
    corpus, verdicts = fit
    assert verdicts.task == corpus.task == "ans"
    assert len(verdicts) == 2 * 2 * VERDICT_REPEAT
    seen = set(zip(verdicts.a, verdicts.b, verdicts.y.tolist(), strict=True))
    for r in rows:
        label = LABELS.index(r["label"])
        assert (r["a"], r["b"], label) in seen and (r["b"], r["a"], label) in seen


def test_export_labels_follow_the_verdict(tmp_path):
    from compare.verdicts import training_rows

    base = {c: "x" for c in schema.VERDICTS} | {"note": None, "label": None}
    table = schema.frame([base | {"pair_id": "1", "verdict": "confirm", "model_relation": "agree"},
                          base | {"pair_id": "2", "verdict": "reject",
                                  "model_relation": "contradict"},
                          base | {"pair_id": "3", "verdict": "relabel", "label": "agree",
                                  "model_relation": "related"}], schema.VERDICTS)
    assert [r["label"] for r in training_rows(table)] == ["agree", "related", "agree"]


def test_a_bad_export_line_names_the_file_and_line(tmp_path):
    path = tmp_path / "v.jsonl"
    path.write_text('{"a": "x", "b": "y", "label": "agree"}\n{"a": "x", "label": "agreed"}\n')
    with pytest.raises(InputError) as error:
        verdict_pairs(path)
    assert error.value.format() == (
        f"{path}:2: not a training pair: each line needs a, b and a label (agree, contradict or "
        "related) (write the file with `claim-compare verdicts --export FILE`)")


@pytest.mark.parametrize("args, message", [
    (("0123456789ab", "confirm"),
     "no pair 0123456789ab in {run} (pair ids are in report.md and pairs.parquet)"),
    (("{agree}", "relabel", "agreed"),
     "'agreed' is not a relation (relabel takes agree, contradict or related)"),
    (("{agree}", "approve"), "'approve' is not a verdict (give confirm, reject or relabel LABEL)"),
    (("{agree}", "relabel"), "relabel needs a LABEL (give one of agree, contradict, related, "
                             "e.g. `claim-compare verdict PAIR_ID relabel agree`)"),
    (("{agree}", "reject", "related"),
     "reject takes no LABEL (got 'related') (to set the relation, give `relabel LABEL`)"),
])
def test_user_mistakes_are_one_line_and_exit_2(judged, args, message):
    before = compare.verdicts(index_dir=judged["root"] / "idx", history=True).height
    args = [a.format(agree=judged["agree"]) for a in args]
    result = runner.invoke(app, ["verdict", *args, *map(str, judged["common"])])
    assert result.exit_code == 2
    run = resolve_run(None, judged["root"] / "reports")
    assert result.output == f"claim-compare: error: {message.format(run=run)}\n"
    assert compare.verdicts(index_dir=judged["root"] / "idx", history=True).height == before


def test_a_verdict_needs_the_runs_index(judged, tmp_path):
    result = runner.invoke(app, ["verdict", judged["agree"], "confirm", "--reports-dir",
                                 str(judged["root"] / "reports"), "--index-dir",
                                 str(tmp_path / "other")])
    assert result.exit_code == 2
    used = judged["root"] / "idx"
    assert result.output == (f"claim-compare: error: {tmp_path / 'other'}: no index here to keep "
                             f"the verdict in (the run used --index-dir {used})\n")


def test_runs_written_before_verdicts_read_as_the_models(judged, tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    for f in judged["first"].iterdir():
        (old / f.name).write_bytes(f.read_bytes())
    pairs = pl.read_parquet(old / "pairs.parquet").drop(*schema.VERDICT_COLUMNS)
    pairs.write_parquet(old / "pairs.parquet")
    upgraded = load_run(old).pairs
    assert upgraded["model_relation"].to_list() == upgraded["relation"].to_list()
    assert upgraded["verdict"].null_count() == upgraded.height
