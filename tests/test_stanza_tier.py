"""The stanza tier's adapter: pieces and entities from stanza output, and (with the `stanza` extra
and the shipped models) the whole pipeline: exact offsets, the same schema, valid CoNLL-U."""

from __future__ import annotations

from types import SimpleNamespace as NS

import pytest
import spacy

from trnews_nlp.document import schema
from trnews_nlp.models import available_models
from trnews_nlp.stanza_tier import _entities, word_pieces


def _token(text, start, words=None, ner="O"):
    words = words or [text]
    return NS(text=text, start_char=start, end_char=start + len(text), words=[NS(text=w) for w in words], ner=ner)


def test_multiword_tokens_split_only_where_their_words_spell_them():
    text = "Hava yakışıklıydı ?eredesin"
    sentence = NS(tokens=[
        _token("Hava", 0), _token("yakışıklıydı", 5, ["yakışıklı", "ydı"]), _token("?eredesin", 18, ["?", "nere", "i"]),
    ])
    pieces, starts = word_pieces(text, NS(sentences=[sentence]))
    assert pieces == ["Hava", "yakışıklı", "ydı", "?eredesin"]
    assert starts == [True, False, False, False]


def test_bioes_tags_become_spans():
    doc = spacy.blank("tr")("Ali Kaya Ankara'ya gitti Ayşe")
    sentence = NS(tokens=[NS(ner=t) for t in ("B-PER", "E-PER", "S-LOC", "O", "I-PER")])
    spans = _entities(doc, list(range(5)), sentence)
    assert [(s.text, s.label_) for s in spans] == [("Ali Kaya", "PER"), ("Ankara'ya", "LOC"), ("Ayşe", "PER")]


def test_a_doc_made_from_words_is_annotated_as_one_sentence():
    # Gold-tokenized evaluation builds Docs from words: they have no sentence boundaries.
    from spacy.tokens import Doc

    from trnews_nlp.stanza_tier import StanzaAnnotator

    nlp = spacy.blank("tr")
    seen = []

    def fake_stanza(sentences):
        seen.extend(sentences)
        tokens = [NS(ner="S-PER" if w == "Ali" else "O") for w in sentences[0]]
        words = [NS(upos="", lemma="", head=None, deprel="") for _ in sentences[0]]
        return NS(sentences=[NS(tokens=tokens, words=words)])

    annotator = StanzaAnnotator(nlp)
    annotator._nlp, annotator.folder = fake_stanza, None
    doc = annotator(Doc(nlp.vocab, words=["Ali", "geldi", "."]))
    assert seen == [["Ali", "geldi", "."]]
    assert doc.ents == ()  # no NER model loaded: entities are left to another component


@pytest.fixture(scope="module")
def stanza_nlp():
    pytest.importorskip("stanza", reason="the stanza tier needs the stanza extra")
    if "trnews_tr_stanza" not in available_models():
        pytest.skip("models/trnews_tr_stanza is not built (trnews-nlp train stanza)")
    import trnews_nlp

    return trnews_nlp.load("trnews_tr_stanza")


TEXT = 'Bakan Ali Kaya, "Yarın Ankara\'ya gideceğiz." dedi.\n\nTürkiye  Merkez Bankası faizi değiştirmedi.'


def test_offsets_are_exact_and_the_schema_is_the_same(stanza_nlp):
    import trnews_nlp

    jsonschema = pytest.importorskip("jsonschema")
    record = trnews_nlp.annotate(TEXT, nlp=stanza_nlp, id="s", tokens=True)
    jsonschema.validate(record, schema())
    for layer in ("tokens", "sentences", "entities", "quotes"):
        for span in record[layer]:
            assert TEXT[span["start"] : span["end"]] == span.get("text", TEXT[span["start"] : span["end"]])
    assert stanza_nlp(TEXT).text == TEXT
    assert record["quotes"] and record["quotes"][0]["speaker"]["name"] == "Ali Kaya"


def test_conllu_output_is_valid(stanza_nlp):
    import io

    import trnews_nlp
    from trnews_nlp import writers

    udtools = pytest.importorskip("udtools")
    from udtools.state import State

    text = writers.to_conllu(trnews_nlp.annotate(TEXT, nlp=stanza_nlp, id="s", tokens=True))
    state, report = State(), io.StringIO()
    validator = udtools.Validator(lang="tr", level=2, output=report)
    validator.validate_file_handle(io.StringIO(text), state)
    validator.validate_end(state)
    assert state.passed(), report.getvalue()


def test_lower_cased_expansions_keep_the_surface_case():
    text = "Milas'lı"
    sentence = NS(tokens=[_token(text, 0, ["milas", "'lı"])])
    assert word_pieces(text, NS(sentences=[sentence]))[0] == ["Milas", "'lı"]


def test_characters_stanza_skips_become_pieces():
    text = "26\x92ıncı yıl"
    sentence = NS(tokens=[_token("26", 0), _token("ıncı", 3), _token("yıl", 8)])
    assert word_pieces(text, NS(sentences=[sentence]))[0] == ["26", "\x92", "ıncı", "yıl"]
