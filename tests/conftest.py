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


# tests/classify/conftest.py is imported under the same module name "conftest" (pytest's default
# "prepend" import mode), which replaces this module in sys.modules; test modules that do
# `from conftest import SEED` would then fail to collect. Put this module back before each file.
_THIS_CONFTEST = __import__("sys").modules[__name__]


def pytest_collectstart(collector):
    __import__("sys").modules["conftest"] = _THIS_CONFTEST
