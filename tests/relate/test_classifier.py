"""The committed pair classifier: offline loading, errors, determinism and obvious cases."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from compare.errors import ModelError
from compare.relate.classifier import (
    FEATURE_NAMES,
    LABELS,
    META_FILE,
    WEIGHTS_DIR,
    WEIGHTS_FILE,
    PairClassifier,
    dequantize_deltas,
    pair_similarity,
    quantize_delta,
)
from compare.relate.features import lexical_features

# Hand-written Arabic pairs (not from any training or test set).
PARAPHRASES = [
    ("مقتل 40 شخصا في انفجار سيارة مفخخة وسط بغداد",
     "انفجار سيارة مفخخة يقتل 40 شخصا في وسط بغداد"),
    ("وزير الخارجية السعودي يصل إلى القاهرة في زيارة رسمية",
     "وصول وزير الخارجية السعودي إلى القاهرة في زيارة رسمية"),
]
CONTRADICTIONS = [
    ("ارتفاع أسعار النفط في الأسواق العالمية", "انخفاض أسعار النفط في الأسواق العالمية"),
    ("الحكومة المصرية تعلن رفع أسعار الوقود", "الحكومة المصرية تنفي رفع أسعار الوقود"),
]


@pytest.fixture(scope="module")
def clf() -> PairClassifier:
    return PairClassifier.load()


def test_committed_weights_are_small_and_described():
    weights = WEIGHTS_DIR / WEIGHTS_FILE
    assert weights.stat().st_size < 20_000_000
    meta = json.loads((WEIGHTS_DIR / META_FILE).read_text(encoding="utf-8"))
    assert meta["labels"] == list(LABELS)
    assert meta["base_model"] == "multilingual-e5-small"
    assert {"torch", "transformers"} <= set(meta["versions"])
    assert meta["feature_names"] == list(FEATURE_NAMES)
    assert meta["training_data"]["files"] and meta["dev"]["relation_step"]["ans_dev"]
    assert set(meta["relation"]) >= {"bias", "detectors_decide"}


def test_loads_offline_from_the_package(clf, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert clf.path == WEIGHTS_DIR
    assert len(clf.feature_names) == clf.tensors["stack.coef"].shape[1]


def test_missing_weights_name_the_file_and_the_rebuild_command(tmp_path):
    with pytest.raises(ModelError) as info:
        PairClassifier.load(tmp_path)
    assert info.value.path in (str(tmp_path / META_FILE), str(tmp_path / WEIGHTS_FILE))
    assert "claim-compare train" in str(info.value)


def test_corrupt_weights_are_a_model_error(tmp_path):
    shutil.copy(WEIGHTS_DIR / META_FILE, tmp_path / META_FILE)
    (tmp_path / WEIGHTS_FILE).write_bytes(b"\x00" * 64)
    with pytest.raises(ModelError, match="unreadable") as info:
        PairClassifier.load(tmp_path)
    assert info.value.path == str(tmp_path / WEIGHTS_FILE)
    assert "claim-compare train" in str(info.value)


def test_corrupt_or_foreign_description_is_a_model_error(tmp_path):
    shutil.copy(WEIGHTS_DIR / WEIGHTS_FILE, tmp_path / WEIGHTS_FILE)
    (tmp_path / META_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelError, match="unreadable") as info:
        PairClassifier.load(tmp_path)
    assert info.value.path == str(tmp_path / META_FILE)
    meta = json.loads((WEIGHTS_DIR / META_FILE).read_text(encoding="utf-8"))
    (tmp_path / META_FILE).write_text(json.dumps({**meta, "format": 0}), encoding="utf-8")
    with pytest.raises(ModelError, match="another version"):
        PairClassifier.load(tmp_path)


def test_probabilities_shape_and_order(clf, encoder):
    a, b = zip(*PARAPHRASES, *CONTRADICTIONS, strict=True)
    p = clf.predict_proba(list(a), list(b), encoder)
    assert p.shape == (4, 3)
    np.testing.assert_allclose(p.sum(1), 1.0, atol=1e-6)
    assert clf.predict_proba([], [], encoder).shape == (0, 3)
    with pytest.raises(ValueError, match="text_a has 1"):
        clf.predict_proba(["x"], [], encoder)


def test_same_input_twice_gives_identical_probabilities(clf, encoder):
    a, b = zip(*PARAPHRASES, *CONTRADICTIONS, strict=True)
    first = clf.predict_proba(list(a), list(b), encoder)
    second = clf.predict_proba(list(a), list(b), encoder)
    assert np.array_equal(first, second)


def test_batch_size_does_not_change_the_answer(clf, encoder):
    from compare.learn.data import EVAL_DIR, read_eval_set

    rows = read_eval_set(EVAL_DIR / "ans_test.jsonl.gz")[:40]
    a, b = [r["a"] for r in rows], [r["b"] for r in rows]
    by_size = [clf.predict_proba(a, b, encoder, batch_size=s) for s in (1, 7, 32)]
    for p in by_size[1:]:
        assert np.array_equal(p.argmax(1), by_size[0].argmax(1))
        np.testing.assert_allclose(p, by_size[0], atol=0.03)


@pytest.mark.parametrize(("a", "b"), PARAPHRASES)
def test_a_paraphrase_is_agree(clf, encoder, a, b):
    p = clf.predict_proba([a], [b], encoder)[0]
    assert LABELS[int(p.argmax())] == "agree", p


@pytest.mark.parametrize(("a", "b"), CONTRADICTIONS)
def test_an_obvious_contradiction_is_contradict(clf, encoder, a, b):
    p = clf.predict_proba([a], [b], encoder)[0]
    assert LABELS[int(p.argmax())] == "contradict", p


def test_lexical_features_see_the_detectors_evidence():
    a, b = CONTRADICTIONS[1]
    x = lexical_features([a, a], [b, a])
    names = list(PairClassifier.load().feature_names[6:])
    assert x[0, names.index("denial:contradict")] == 1.0
    assert x[1, names.index("token_set_ratio")] == 1.0
    assert x[1, names.index("only_a")] == 0.0


def test_weight_differences_survive_storage_within_a_hundredth_of_their_range():
    import torch

    gen = torch.Generator().manual_seed(0)
    delta = {"encoder.layer.3.output.dense.weight": torch.randn(6, 40, generator=gen) * 1e-3,
             "encoder.layer.3.output.dense.bias": torch.randn(6, generator=gen) * 1e-3}
    stored = {k: v for name, d in delta.items() for k, v in quantize_delta(name, d).items()}
    assert stored["delta.encoder.layer.3.output.dense.weight.q"].dtype == torch.int8
    back = dequantize_deltas(stored)
    assert set(back) == set(delta)
    for name, d in delta.items():
        err = (back[name] - d).abs().max() / d.abs().max()
        assert err <= 0.5 / 127 + 1e-6, (name, float(err))
    assert torch.equal(back["encoder.layer.3.output.dense.bias"],
                       delta["encoder.layer.3.output.dense.bias"])


def test_committed_deltas_fit_the_tuned_layers_only(clf):
    from compare.relate.classifier import layer_of

    deltas = dequantize_deltas(clf.tensors)
    layers = clf.meta["encoder"]["layers"]
    assert deltas and {layer_of(name) for name in deltas} == set(layers)
    assert not any("embeddings" in name for name in deltas)


def test_similarity_feature_is_the_cosine_and_is_taken_when_given(clf, encoder):
    a, b = PARAPHRASES[0]
    sim = pair_similarity([a, a], [b, a], encoder)
    assert sim[1] == pytest.approx(1.0, abs=1e-5)
    assert 0.8 < sim[0] < 1.0
    col = list(FEATURE_NAMES).index("similarity")
    assert clf.features([a], [b], encoder)[0, col] == pytest.approx(sim[0], abs=1e-5)
    assert clf.features([a], [b], encoder, similarity=[0.25])[0, col] == pytest.approx(0.25)


@pytest.mark.parametrize(("a", "b"), PARAPHRASES + CONTRADICTIONS)
def test_reading_the_pair_the_other_way_round_gives_the_same_label(clf, encoder, a, b):
    forward = clf.predict_proba([a], [b], encoder)[0]
    backward = clf.predict_proba([b], [a], encoder)[0]
    assert forward.argmax() == backward.argmax(), (forward, backward)
