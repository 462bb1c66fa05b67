"""`evaluate ud --raw`: raw documents from a treebank, and the official scorer on the writer's output."""

from __future__ import annotations

from pathlib import Path

import pytest

import trnews_nlp
from trnews_nlp.evaluation import conll18
from trnews_nlp.training.stanza_data import bio_tags
from trnews_nlp.training.convert import Sentence

GOLD = """# newdoc id = a
# sent_id = a-1
# text = Ali geldi.
1	Ali	Ali	PROPN	_	_	2	nsubj	_	_
2	geldi	gel	VERB	_	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	_	_	2	punct	_	_

# sent_id = a-2
# text = Veli gitti.
1	Veli	Veli	PROPN	_	_	2	nsubj	_	_
2	gitti	git	VERB	_	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	_	_	2	punct	_	_

"""


def test_documents_join_their_sentences(tmp_path):
    path = tmp_path / "gold.conllu"
    path.write_text(GOLD, encoding="utf-8")
    assert conll18.raw_documents(path) == ["Ali geldi. Veli gitti."]


def test_blocks_of_ten_without_document_marks():
    blocks = [f"# text = S{i}." for i in range(23)]
    assert [len(g) for g in conll18.group_sentences(blocks)] == [10, 10, 3]


def test_the_official_scorer_reads_gold_and_system(tmp_path):
    pytest.importorskip("udtools")
    path = tmp_path / "gold.conllu"
    path.write_text(GOLD, encoding="utf-8")
    assert conll18.score(path, GOLD)["LAS"]["f1"] == 1.0
    flat = GOLD.replace("2\tnsubj", "3\tnsubj")  # `Ali` attached to the period
    scores = conll18.score(path, flat)
    assert scores["UAS"]["f1"] == pytest.approx(4 / 6) and scores["UPOS"]["f1"] == 1.0


def test_raw_text_run_keeps_the_sentences(tmp_path):
    conllu = pytest.importorskip("conllu")
    path = tmp_path / "gold.conllu"
    path.write_text(GOLD, encoding="utf-8")
    system = conllu.parse(conll18.system_raw(trnews_nlp.blank(), path))
    assert [s.metadata["text"] for s in system] == ["Ali geldi.", "Veli gitti."]


def test_bio_tags_for_stanza_ner_files():
    assert bio_tags(Sentence(["Ali", "Kaya", "geldi"], [(0, 2, "PER")])) == ["B-PER", "I-PER", "O"]
