"""`spacy.load("trnews_tr_core")`: spaCy imports this package and calls `load` (as for any model package)."""

from typing import Any


def load(**overrides: Any):
    """The bundled pipeline; `overrides` are spaCy's (`vocab`, `disable`, `enable`, `exclude`, `config`)."""
    from trnews_nlp import load as load_pipeline

    return load_pipeline("trnews_tr_core", **overrides)
