"""Evaluation commands: `trnews-nlp evaluate {ner,ud,speed,...}`; each module offers `add_arguments` and `run`."""

from __future__ import annotations

from typing import Optional

from spacy.language import Language


def load_model(path: Optional[str]) -> Language:
    """A pipeline path (e.g. `training/ner/model-best`) or bundled model name; None for the default.

    The project's tokenizer, factories and embedding layer are found through its entry points.
    """
    import trnews_nlp

    return trnews_nlp.load(path)
