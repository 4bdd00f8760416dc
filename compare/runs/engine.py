"""How a run maps its heavy per-item work: reading files, extracting claims, embedding texts and
relating pairs.

The pipeline has one flow; an :class:`Engine` only swaps how those four steps are mapped over
their items. :class:`LocalEngine` calls the library's functions in this process.
``compare.runs.engine_ray.RayEngine`` runs them as Ray Data stages (``--engine ray``) and
gives the same frames. The caches stay in front of either: only texts and pairs the index has
not seen reach an engine, and everything an engine returns is written by the pipeline as
usual.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import polars as pl

from compare.config import Settings
from compare.embed import Encoder
from compare.embed.cache import encode_batches
from compare.errors import CompareError
from compare.ingest.gather import read_all
from compare.relate import relate_pairs

ENGINES = ("local", "ray")
RAY_INSTALL = 'pip install -e ".[ray]"'

Advance = Callable[[int], None]


class EngineError(CompareError):
    """The run engine is unknown, not installed or cannot be reached."""


class Engine(Protocol):
    """What a run asks of an engine; :class:`LocalEngine` documents each step."""

    name: str

    def read(self, inputs: Sequence[Path | str], **kwargs) -> pl.DataFrame: ...

    def extract(self, articles: pl.DataFrame, settings: Settings,
                on_progress: Advance | None = None) -> pl.DataFrame: ...

    def encode(self, encoder: Encoder, texts: list[str], batch_size: int,
               on_batch: Callable[[list[str]], None]) -> np.ndarray: ...

    def relate(self, pairs: pl.DataFrame, claims: pl.DataFrame, encoder: Encoder,
               settings: Settings, on_progress: Advance | None = None) -> pl.DataFrame: ...

    def close(self) -> None: ...


class LocalEngine:
    """Every step in this process, one item after another: the library's own functions."""

    name = "local"

    def read(self, inputs: Sequence[Path | str], **kwargs) -> pl.DataFrame:
        """The articles of ``inputs``: :func:`compare.ingest.gather.read_all`, same keywords."""
        return read_all(inputs, **kwargs)

    def extract(self, articles: pl.DataFrame, settings: Settings,
                on_progress: Advance | None = None) -> pl.DataFrame:
        """The claims of ``articles`` (a CLAIMS frame, article order kept)."""
        from compare.runs.stages import extract_in_batches

        return extract_in_batches(articles, settings, on_progress)

    def encode(self, encoder: Encoder, texts: list[str], batch_size: int,
               on_batch: Callable[[list[str]], None]) -> np.ndarray:
        """Unit vectors of ``texts``, in order; ``on_batch`` hears of each batch encoded."""
        return encode_batches(encoder, texts, batch_size, on_batch)

    def relate(self, pairs: pl.DataFrame, claims: pl.DataFrame, encoder: Encoder,
               settings: Settings, on_progress: Advance | None = None) -> pl.DataFrame:
        """``pairs`` with their relations: :func:`compare.relate.relate_pairs`."""
        return relate_pairs(pairs, claims, encoder, settings, on_progress)

    def close(self) -> None:
        """Release what the engine started (nothing, here)."""


LOCAL = LocalEngine()


@dataclass(frozen=True)
class RaySettings:
    """How ``--engine ray`` uses Ray; :meth:`from_env` reads them from the environment.

    ``address`` names a running cluster (``ray start --head`` prints it; ``auto`` finds the one
    on this machine, ``ray://host:10001`` is a remote one through Ray Client); without it a
    local Ray instance is started with ``num_cpus`` CPUs (default: every core) and
    ``object_store_mb`` of object store (default: Ray's). ``actors`` is how many copies of each
    model (embedding, pair classifier) work at once (default: one per ``cpus_per_actor`` CPUs
    of the cluster); ``relate_block`` is how many pairs one classifier actor relates per call
    (a multiple of the batch size keeps the classifier's batches full).
    """

    address: str | None = None
    num_cpus: int | None = None
    object_store_mb: int | None = None
    actors: int | None = None
    cpus_per_actor: float = 1.0
    relate_block: int = 512

    # Environment variable of each setting.
    ENV = {"address": "RAY_ADDRESS", "num_cpus": "CLAIM_COMPARE_RAY_CPUS",
           "object_store_mb": "CLAIM_COMPARE_RAY_OBJECT_STORE_MB",
           "actors": "CLAIM_COMPARE_RAY_ACTORS", "cpus_per_actor": "CLAIM_COMPARE_RAY_ACTOR_CPUS",
           "relate_block": "CLAIM_COMPARE_RAY_RELATE_BLOCK"}

    @classmethod
    def from_env(cls) -> RaySettings:
        """The settings named in ``ENV`` that the environment sets, the defaults otherwise."""
        found = {}
        for name, var in cls.ENV.items():
            value = os.environ.get(var, "").strip()
            if value:
                found[name] = value if name == "address" else _positive(var, value, name)
        return cls(**found)

    def local_cpus(self) -> int:
        return self.num_cpus or os.cpu_count() or 1


def _positive(var: str, value: str, name: str) -> float | int:
    kind = float if name == "cpus_per_actor" else int
    try:
        number = kind(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise EngineError(f"{var}={value!r} is not a positive number",
                          hint=f"set {var} to a number above 0, or unset it")
    return number


def open_engine(engine: str | Engine | None = "local", *, settings: Settings | None = None,
                options: RaySettings | None = None, ray_address: str | None = None,
                ) -> Engine:
    """The engine a run uses: ``"local"``, ``"ray"`` or an engine object (returned as is).

    For ``"ray"`` this connects to the cluster at ``ray_address`` (else ``options.address``, else
    ``$RAY_ADDRESS``) or starts a local Ray instance; a missing Ray installation is an
    :class:`EngineError` naming the install command.
    """
    if engine is None or engine == "local":
        return LOCAL
    if not isinstance(engine, str):
        return engine
    if engine != "ray":
        raise EngineError(f"unknown engine {engine!r}", hint=f"use --engine {' or '.join(ENGINES)}")
    try:
        import ray  # noqa: F401  (to say what is missing before anything starts)
    except ImportError:
        raise EngineError("--engine ray needs Ray, which is not installed",
                          hint=f"install it with: {RAY_INSTALL}") from None
    from compare.runs.engine_ray import RayEngine

    options = options or RaySettings.from_env()
    if ray_address:
        options = dataclasses.replace(options, address=ray_address)
    return RayEngine(settings or Settings(), options)
