"""Shared fixtures: paths to bundled corpora; the seed speech every feature must work on first."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
SEED = CORPORA / "seed" / "speech.txt"
SEED_GOLD = CORPORA / "seed" / "speech.gold.jsonl"
DEV = CORPORA / "dev"
UNLABELED = CORPORA / "unlabeled"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc():
    from pipeline.extract import read_path

    return read_path(SEED)
