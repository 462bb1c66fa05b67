"""Assemble the shipped pipeline `trnews_tr_core` from the separately trained NER and UD pipelines.

The two statistical pipelines are trained apart (one core each) and joined here behind the
project's tokenizer and sentence splitter, followed by the rule components that other parts of
the project register. Each trained component keeps its own tok2vec (NER embeds it; the UD
components share the sourced `tok2vec`), so sourcing needs no listener surgery.
"""

from __future__ import annotations

import importlib
import logging
import shutil
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import spacy
from spacy.language import Language

from .. import __version__
from . import layers  # noqa: F401  (the trained configs name trnews.AffixHashEmbed.v1)

logger = logging.getLogger("trnews_nlp.training")

MODEL_NAME = "trnews_tr_core"
UD_COMPONENTS = ("tok2vec", "morphologizer", "trainable_lemmatizer", "parser")
RULE_COMPONENTS = ("trnews_morphology", "trnews_entities", "trnews_quotes")
#: Modules whose import registers the project's rule factories (written by other parts of the project).
FACTORY_MODULES = {
    "trnews_sentencizer": "trnews_nlp.sentences",
    "trnews_morphology": "trnews_nlp.morphology.component",
    "trnews_entities": "trnews_nlp.entities",
    "trnews_quotes": "trnews_nlp.quotes.component",
}

SOURCES: List[Dict[str, str]] = [
    {
        "name": "Milliyet NER corpus (Tür, Hakkani-Tür & Oflazer 2003)",
        "url": "https://github.com/hilalbenzer/turkish-ner",
        "license": "none stated; distributed for research only",
    },
    {
        "name": "UD Turkish IMST (train)",
        "url": "https://github.com/UniversalDependencies/UD_Turkish-IMST",
        "license": "CC BY-NC-SA 4.0",
    },
    {
        "name": "UD Turkish BOUN (dev)",
        "url": "https://github.com/UniversalDependencies/UD_Turkish-BOUN",
        "license": "CC BY-SA 4.0",
    },
    {
        "name": "UD Turkish Kenet (dev)",
        "url": "https://github.com/UniversalDependencies/UD_Turkish-Kenet",
        "license": "CC BY-SA 4.0",
    },
    {
        "name": "UD Turkish Penn (dev)",
        "url": "https://github.com/UniversalDependencies/UD_Turkish-Penn",
        "license": "CC BY-SA 4.0",
    },
]

DESCRIPTION = (
    "Turkish news pipeline of trnews-nlp: project tokenizer and sentence splitter; CNN morphologizer "
    "(UPOS + features), edit-tree lemmatizer and dependency parser trained on UD Turkish (IMST train + "
    "BOUN/Kenet/Penn dev); CNN NER (PER/ORG/LOC) trained on the Milliyet corpus; rule components for "
    "morphology, entities and quotes. Research use only: see MODEL_CARD.md for data licenses."
)


def base_pipeline() -> Language:
    """A blank Turkish pipeline with the project's tokenizer and sentence splitter when available.

    Importing `trnews_nlp.tokenizer` registers `trnews.Tokenizer.v1`; if it is missing the default
    spaCy Turkish tokenizer is kept (same apostrophe behaviour) and a warning says so.
    """
    try:
        import trnews_nlp.tokenizer  # noqa: F401

        nlp = spacy.blank("tr", config={"nlp": {"tokenizer": {"@tokenizers": "trnews.Tokenizer.v1"}}})
    except (ImportError, spacy.errors.RegistryError) as err:  # pragma: no cover - depends on checkout
        logger.warning("trnews.Tokenizer.v1 unavailable (%s): keeping spaCy's Turkish tokenizer", err)
        nlp = spacy.blank("tr")
    _add_if_registered(nlp, "trnews_sentencizer")
    return nlp


def register_project_components() -> None:
    """Import the modules that register the project's factories, so a pipeline naming them loads.

    Missing modules are skipped: the caller decides whether a pipeline can do without them.
    """
    for factory, module in FACTORY_MODULES.items():
        try:
            importlib.import_module(module)
        except ImportError as err:
            logger.warning("cannot import %s (factory %r): %s", module, factory, err)


def _add_if_registered(nlp: Language, factory: str) -> bool:
    """Add a rule component whose factory another part of the project provides; warn if it is absent."""
    register_project_components()
    if Language.has_factory(factory):
        nlp.add_pipe(factory)
        return True
    logger.warning("factory %r is not registered: left out of the pipeline", factory)
    return False


def add_form_table(nlp: Language, texts: Iterable[str]) -> None:
    """Give `trnews_morphology` its table of frequent word forms, analysed ahead of time.

    Only word forms and their analyses are stored, never the texts. A pipeline without the
    component is left as it is.
    """
    if "trnews_morphology" in nlp.pipe_names:
        nlp.get_pipe("trnews_morphology").initialize(nlp=nlp, texts=texts)


def assemble(
    ner_model: Path,
    ud_model: Path,
    output: Path,
    version: Optional[str] = None,
    texts: Optional[Iterable[str]] = None,
) -> Language:
    """Build `trnews_tr_core` from two trained pipelines and write it to `output` (replaced if present).

    `texts` (raw news) build the morphology component's frequent-form table.
    """
    nlp = base_pipeline()
    ud = spacy.load(ud_model)
    ner = spacy.load(ner_model)
    for name in UD_COMPONENTS:
        if name in ud.pipe_names:
            nlp.add_pipe(name, source=ud)
    nlp.add_pipe("ner", source=ner)
    for factory in RULE_COMPONENTS:
        _add_if_registered(nlp, factory)
    if texts is not None:
        add_form_table(nlp, texts)
    nlp.meta.update(
        {
            "name": MODEL_NAME,
            "lang": "tr",
            "version": version or __version__,
            "description": DESCRIPTION,
            "author": "trnews-nlp",
            "license": "research only (CC BY-NC-SA 4.0 and unlicensed training data)",
            "sources": SOURCES,
        }
    )
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    card = Path(__file__).resolve().parents[3] / "configs" / "MODEL_CARD.md"
    if card.is_file():  # the card's source lives under version control next to the configs
        shutil.copy(card, output / "MODEL_CARD.md")
    return nlp
