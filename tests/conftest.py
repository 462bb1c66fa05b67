"""Shared fixtures: paths to the optional `../shared` data, skipped cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRNEWS_SHARED", REPO.parent / "shared"))


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not found: set TRNEWS_SHARED to the shared data folder to run this test")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """`../shared/data` (training and evaluation corpora)."""
    return _require(SHARED / "data")


@pytest.fixture(scope="session")
def quotes_dev() -> Path:
    """`../shared/eval/quotes-dev.jsonl` (hand-annotated quotes and entities)."""
    return _require(SHARED / "eval" / "quotes-dev.jsonl")


@pytest.fixture(scope="session")
def user_article() -> str:
    """The user's own example article from `../shared/seeds/`."""
    return _require(SHARED / "seeds" / "000_b6c912df4ad564e9.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    """The full bundled pipeline, loaded once per test session."""
    import trnews_nlp

    return trnews_nlp.load()
