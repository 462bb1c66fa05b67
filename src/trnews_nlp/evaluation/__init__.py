"""Evaluation commands: `trnews-nlp evaluate {ner,ud,speed,...}`; each module offers `add_arguments` and `run`."""

from __future__ import annotations

from typing import Optional

from spacy.language import Language


def load_model(path: Optional[str]) -> Language:
    """`spacy.load(path)` when a path is given (e.g. `training/ner/model-best`), else `trnews_nlp.load()`.

    Importing the project first registers its tokenizer, factories and the affix embedding layer,
    so a trained pipeline that names them loads too.
    """
    import spacy

    import trnews_nlp
    from trnews_nlp.training.assemble import register_project_components

    register_project_components()

    if path:
        return spacy.load(path)
    return trnews_nlp.load()
