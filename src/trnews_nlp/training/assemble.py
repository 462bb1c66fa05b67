"""Assemble the shipped pipeline `trnews_tr_core` from the separately trained NER and UD pipelines.

The two statistical pipelines are trained apart (one core each) and joined here behind the
project's tokenizer and sentence splitter, followed by the rule components. Each trained component keeps its own tok2vec (NER embeds it; the UD
components share the sourced `tok2vec`), so sourcing needs no listener surgery.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import spacy
from spacy.language import Language

from .. import __version__
from ..api import RULE_COMPONENTS, blank

MODEL_NAME = "trnews_tr_core"
UD_COMPONENTS = ("tok2vec", "morphologizer", "trainable_lemmatizer", "parser")
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
    nlp = blank(rules=False)
    ud = spacy.load(ud_model)
    ner = spacy.load(ner_model)
    for name in UD_COMPONENTS:
        if name in ud.pipe_names:
            nlp.add_pipe(name, source=ud)
    nlp.add_pipe("ner", source=ner)
    for factory in RULE_COMPONENTS:
        nlp.add_pipe(factory)
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
