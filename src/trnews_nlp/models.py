"""Where bundled pipelines live, in a source checkout and in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, List, Optional, Union

DEFAULT_MODEL = "trnews_tr_core"
#: Extra folders to search first, separated by os.pathsep (for models kept outside the package).
MODELS_ENV = "TRNEWS_NLP_MODELS"

_PACKAGE = Path(__file__).resolve().parent


def model_dirs() -> List[Path]:
    """Folders searched for named models, in order.

    A wheel carries `models/` as `trnews_nlp/_models/`; an editable install or a plain checkout
    reads the repository's `models/` two levels above the package.
    """
    extra = [Path(p) for p in os.environ.get(MODELS_ENV, "").split(os.pathsep) if p]
    return extra + [_PACKAGE / "_models", _PACKAGE.parents[1] / "models"]


def available_models() -> Dict[str, Path]:
    """Name → path of every pipeline found (a folder holding a spaCy `config.cfg`)."""
    found: Dict[str, Path] = {}
    for folder in model_dirs():
        if folder.is_dir():
            for candidate in sorted(folder.iterdir()):
                if (candidate / "config.cfg").is_file():
                    found.setdefault(candidate.name, candidate)
    return found


def resolve_model(model: Optional[Union[str, Path]] = None) -> Path:
    """The folder of `model`: a path to a pipeline, a bundled model's name, or None for the default."""
    if model is not None and Path(model).is_dir():
        return Path(model)
    name = str(model) if model is not None else DEFAULT_MODEL
    models = available_models()
    if name in models:
        return models[name]
    known = ", ".join(sorted(models)) or "none"
    raise OSError(
        f"trnews-nlp model {name!r} not found (bundled models: {known}; searched "
        f"{', '.join(str(d) for d in model_dirs())}). Pass a path to a pipeline folder, or build the "
        "bundled one with `trnews-nlp train all --data ../shared/data`."
    )
