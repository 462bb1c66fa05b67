"""`trnews-nlp evaluate speed`: another name for `trnews-nlp bench` (`evaluation/bench.py`)."""

from __future__ import annotations

from .bench import ARCHIVE, add_arguments, read_articles, run  # noqa: F401  (also used by training)
