"""Scoring of the NER and UD evaluators, on tiny inline gold data and a rule-based stand-in model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

import trnews_nlp.entities  # noqa: F401  (registers trnews_entities)
import trnews_nlp.training.layers  # noqa: F401  (the bundled model names trnews.AffixHashEmbed.v1)
from trnews_nlp.evaluation.ner import evaluate_file, score_sentences
from trnews_nlp.evaluation.scoring import PRFCounter, format_prf_table, prf
from trnews_nlp.evaluation.ud import score as ud_score
from trnews_nlp.training.convert import Sentence, UDWord


def test_prf_values_and_empty_sets():
    assert prf(3, 1, 2) == pytest.approx({"p": 0.75, "r": 0.6, "f": 2 * 0.75 * 0.6 / 1.35, "tp": 3, "fp": 1, "fn": 2})
    assert prf(0, 0, 0)["f"] == 0.0


def test_counter_needs_exact_span_and_label():
    counter = PRFCounter()
    counter.add(gold=[(0, 0, 2, "PER"), (0, 3, 4, "LOC")], pred=[(0, 0, 2, "PER"), (0, 3, 4, "ORG")])
    scores = counter.scores()
    assert scores["ALL"]["tp"] == 1 and scores["ALL"]["fp"] == 1 and scores["ALL"]["fn"] == 1
    assert scores["LOC"]["r"] == 0.0 and scores["ORG"]["p"] == 0.0 and scores["PER"]["f"] == 1.0
    assert "PER" in format_prf_table(scores)


@pytest.fixture()
def ruler_nlp():
    """A stand-in for the trained model: an entity ruler registered under the name `ner`."""
    nlp = spacy.blank("tr")
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns(
        [
            {"label": "PER", "pattern": [{"TEXT": "Ali"}, {"TEXT": "Veli'nin"}]},
            {"label": "LOC", "pattern": "Bursa"},
            {"label": "ORG", "pattern": "Meclis"},
        ]
    )
    return nlp


def test_token_level_ner_scores(ruler_nlp):
    gold = [
        Sentence(["Ali", "Veli'nin", "evi", "Bursa"], [(0, 2, "PER"), (3, 4, "LOC")]),
        Sentence(["Meclis", "toplandı"], [(0, 1, "LOC")]),
    ]
    scores = score_sentences(ruler_nlp, gold)
    assert scores["ALL"]["tp"] == 2 and scores["ALL"]["fp"] == 1 and scores["ALL"]["fn"] == 1
    assert scores["PER"]["f"] == 1.0


@Language.component("test_first_word_is_a_place")
def _first_word_is_a_place(doc: Doc) -> Doc:
    doc.ents = [Span(doc, 0, 1, label="LOC")]
    return doc


def test_resolved_scores_see_what_trnews_entities_outputs(tmp_path: Path):
    # The stand-in NER tags only the first `Bursa`; resolving adds the untagged repeat.
    nlp = spacy.blank("tr")
    nlp.add_pipe("test_first_word_is_a_place", name="ner")
    nlp.add_pipe("trnews_entities")
    path = tmp_path / "tiny.jsonl"
    entities = [{"start": 0, "end": 5, "label": "LOC"}, {"start": 14, "end": 19, "label": "LOC"}]
    path.write_text(json.dumps({"text": "Bursa büyüdü. Bursa yakın.", "entities": entities}) + "\n", encoding="utf-8")
    assert evaluate_file(nlp, path)["ALL"]["tp"] == 1
    assert evaluate_file(nlp, path, last="trnews_entities")["ALL"]["tp"] == 2


def test_milliyet_file_is_read_in_runtime_tokenization(ruler_nlp, tmp_path: Path):
    path = tmp_path / "tiny.txt"
    path.write_text("[PER Ali Veli ] 'nin evi [LOC Bursa ]\n", encoding="utf-8")
    assert evaluate_file(ruler_nlp, path)["ALL"]["f"] == 1.0


def test_jsonl_predictions_are_cut_at_the_apostrophe(ruler_nlp, tmp_path: Path):
    text = "Ali Veli'nin evi Bursa'da değil, Bursa yakın."
    entities = [
        {"start": 0, "end": 8, "text": "Ali Veli", "label": "PER"},
        {"start": 33, "end": 38, "text": "Bursa", "label": "LOC"},
    ]
    path = tmp_path / "tiny.jsonl"
    path.write_text(json.dumps({"text": text, "entities": entities}, ensure_ascii=False) + "\n", encoding="utf-8")
    scores = evaluate_file(ruler_nlp, path)
    assert scores["PER"]["tp"] == 1 and scores["LOC"]["tp"] == 1
    assert scores["ALL"]["fp"] == 0


def test_jsonl_doc_mean_weighs_each_article_the_same(ruler_nlp, tmp_path: Path):
    # Article 1: three repeats of a place, all found; article 2: one person, missed.
    first = "Bursa, Bursa ve Bursa."
    records = [
        {"text": first, "entities": [{"start": i, "end": i + 5, "label": "LOC"} for i in (0, 7, 16)]},
        {"text": "Ayşe geldi.", "entities": [{"start": 0, "end": 4, "label": "PER"}]},
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    scores = evaluate_file(ruler_nlp, path)
    assert scores["ALL"]["r"] == pytest.approx(0.75)
    assert scores["doc-mean"]["r"] == pytest.approx(0.5) and scores["doc-mean"]["f"] == pytest.approx(0.5)
    assert "doc-mean" in format_prf_table(scores)


def _word(form, lemma, upos, feats, head, deprel):
    return UDWord(form, lemma, upos, feats, head, deprel, True)


def test_ud_scores_count_heads_labels_lemmas_and_feature_bundles():
    vocab = spacy.blank("tr").vocab
    gold = [[_word("Ali", "Ali", "PROPN", "Case=Nom|Number=Sing", 2, "nsubj"), _word("geldi", "gel", "VERB", "", 0, "root")]]
    pred = Doc(
        vocab,
        words=["Ali", "geldi"],
        pos=["PROPN", "NOUN"],
        lemmas=["Ali", "geldi"],
        morphs=["Number=Sing|Case=Nom", ""],
        heads=[1, 1],
        deps=["obj", "root"],
    )
    scores = ud_score(gold, [pred])
    assert scores["words"] == 2
    assert scores["UPOS"] == 0.5 and scores["Lemma"] == 0.5 and scores["UFeats"] == 1.0
    assert scores["UAS"] == 1.0 and scores["LAS"] == 0.5


def test_trained_model_scores_on_shared_milliyet(nlp, shared_data: Path):
    """With the bundled model: print the Milliyet test scores (accuracy is reported, not asserted tightly)."""
    scores = evaluate_file(nlp, shared_data / "milliyet-ner" / "reyyan.test.txt")
    print(format_prf_table(scores, "Milliyet test"))
    assert scores["ALL"]["f"] > 0.5


def test_entities_are_found_before_sentences_are_split(nlp):
    """spaCy's NER never crosses a sentence start, so it runs before the splitter, which then
    keeps the entity's tokens in one sentence (gold tokens split `B.` as `B .`)."""
    names = nlp.pipe_names
    assert names.index("ner") < names.index("trnews_sentencizer") < names.index("parser")
    doc = nlp(Doc(nlp.vocab, words=["Maçta", "B", ".", "Hakan", "iki", "gol", "attı", "."]))
    assert [(e.text, e.label_) for e in doc.ents] == [("B . Hakan", "PER")]
    assert len(list(doc.sents)) == 1


def test_the_stanza_tiers_ner_is_scored_alone_by_default():
    import spacy

    from trnews_nlp.evaluation.ner import _ner_pipes

    nlp = spacy.blank("tr")
    nlp.add_pipe("trnews_stanza")  # stanza's tagger, parser and NER; no spaCy `ner`
    nlp.add_pipe("trnews_sentencizer")
    assert _ner_pipes(nlp) == ["trnews_stanza"]
    assert _ner_pipes(nlp, "trnews_sentencizer") == ["trnews_stanza", "trnews_sentencizer"]
