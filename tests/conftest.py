"""Shared fixtures: one real model for the whole session, the shipped seeds, scratch dirs."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def encoder():
    """The real default embedding model, loaded once per test session."""
    from compare.embed import load_encoder

    return load_encoder()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
