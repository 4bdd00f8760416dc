"""``--engine ray`` on a small local Ray instance gives the local engine's outputs, file for file.

Each engine writes its own index, so that no cache hides the Ray path: run.json must show that
the Ray run embedded and related everything itself.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from compare.cli import app
from compare.ingest.gather import read_all

ROOT = Path(__file__).resolve().parent.parent.parent
FLOAT = (pl.Float32, pl.Float64)


@pytest.fixture(scope="session")
def ray_instance():
    """One small local Ray instance for the session: 2 CPUs, a 300 MB object store."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, object_store_memory=300 * 2**20, include_dashboard=False,
             logging_level=logging.ERROR, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture
def one_actor(monkeypatch, ray_instance):
    """One actor per model stage: one model copy at a time, small in memory and CPU."""
    monkeypatch.setenv("CLAIM_COMPARE_RAY_ACTORS", "1")
    return ray_instance


def _run(tmp_path: Path, inputs: Path, engine: str) -> Path:
    out = tmp_path / engine
    result = CliRunner().invoke(app, ["run", str(inputs), "--out", str(out), "--index-dir",
                                      str(tmp_path / f"idx-{engine}"), "--engine", engine, "-q"])
    assert result.exit_code == 0, result.output
    return out


def _same(local: Path, ray: Path, name: str, ids: list[str]) -> None:
    a, b = (pl.read_parquet(d / name).sort(ids) for d in (local, ray))
    assert a.columns == b.columns
    assert_frame_equal(a, b, check_exact=False, rel_tol=0, abs_tol=1e-5)
    exact = [c for c, t in a.schema.items() if t not in FLOAT]
    assert a.select(exact).equals(b.select(exact)), name


@pytest.mark.parametrize("inputs", ["seeds", "examples/aleppo"])
def test_ray_engine_writes_what_the_local_engine_writes(tmp_path, encoder, one_actor, inputs):
    local = _run(tmp_path, ROOT / inputs, "local")
    ray = _run(tmp_path, ROOT / inputs, "ray")
    _same(local, ray, "claims.parquet", ["claim_id"])
    _same(local, ray, "pairs.parquet", ["pair_id"])
    _same(local, ray, "articles.parquet", ["article_id"])
    counts = [json.loads((d / "run.json").read_text())["counts"] for d in (local, ray)]
    assert counts[0] == counts[1]
    assert counts[1]["embedded_texts"] > 0 and counts[1]["related_pairs"] > 0
    assert counts[1]["embedded_texts"] == len(set(pl.read_parquet(ray / "claims.parquet")["text"]))
    assert counts[1]["related_pairs"] == counts[1]["pairs"]


def test_ray_reading_keeps_the_skipped_files_and_the_order(tmp_path, ray_instance):
    from compare.runs.engine import RaySettings, open_engine

    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("b.md", "a.md"):
        (folder / name).write_text(
            f"---\noutlet: {name[0]}\n---\nقال المتحدث إن {name} وصل إلى المدينة صباح اليوم.\n",
            encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK")
    engine = open_engine("ray", options=RaySettings(actors=1))
    local_skips, ray_skips = [], []
    local = read_all([folder], skipped=local_skips)
    ray = engine.read([folder], skipped=ray_skips)
    assert_frame_equal(local, ray)
    assert ray_skips == local_skips and len(ray_skips) == 1


def test_ray_reading_names_a_bad_file_as_the_local_engine_does(tmp_path, ray_instance):
    from compare.errors import InputError
    from compare.runs.engine import open_engine

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"outlet": "x", "text": "fine"}\n{"outlet": "y", "text": 3}\n',
                   encoding="utf-8")
    with pytest.raises(InputError) as local:
        read_all([bad])
    with pytest.raises(InputError) as ray:
        open_engine("ray").read([bad])
    assert str(ray.value) == str(local.value) and ray.value.line == 2


def test_engine_ray_without_ray_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # what `import ray` meets when it is missing
    result = CliRunner().invoke(app, ["run", str(ROOT / "seeds"), "--engine", "ray", "--out",
                                      str(tmp_path / "out"), "--index-dir", str(tmp_path / "i")])
    assert result.exit_code == 2
    assert result.stderr.strip() == ('claim-compare: error: --engine ray needs Ray, which is not '
                                     'installed (install it with: pip install -e ".[ray]")')
    assert not (tmp_path / "out").exists()


def test_an_unknown_engine_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["run", str(ROOT / "seeds"), "--engine", "spark", "--out",
                                      str(tmp_path / "out"), "--index-dir", str(tmp_path / "i")])
    assert result.exit_code == 2
    assert "unknown engine 'spark' (use --engine local or ray)" in result.stderr
