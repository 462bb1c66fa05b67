"""What an installed trnews-nlp offers other tools: spaCy model name, licence, type hints, JSON."""

from pathlib import Path

import pytest
import srsly

import trnews_nlp

PACKAGE = Path(trnews_nlp.__file__).parent


def test_license_and_py_typed_ship():
    assert (PACKAGE / "py.typed").is_file()
    assert "MIT License" in (PACKAGE.parents[1] / "LICENSE").read_text(encoding="utf-8")


def test_spacy_loads_the_bundled_model_by_name():
    pytest.importorskip("trnews_tr_core", reason="install ./packages/trnews_tr_core (the README's command does)")
    import spacy

    nlp = spacy.load("trnews_tr_core", exclude=["parser"])
    assert nlp.meta["name"] == "trnews_tr_core" and "trnews_quotes" in nlp.pipe_names
    assert "parser" not in nlp.pipe_names  # spaCy's own arguments reach the pipeline


def test_doc_to_json_with_quotes(nlp):
    doc = nlp('Bakan Kaya, "Hazırız." dedi.')
    data = srsly.json_loads(srsly.json_dumps(doc.to_json(underscore=["quotes"])))
    expected = trnews_nlp.annotate(doc.text, nlp=nlp)["quotes"]
    confidences = [q.pop("confidence") for q in data["_"]["quotes"]]  # ujson prints floats to 16 digits
    assert confidences == pytest.approx([q.pop("confidence") for q in expected]) and data["_"]["quotes"] == expected
    assert data["_"]["quotes"][0]["text"] == "Hazırız."


def test_docbin_keeps_quotes_and_names(nlp):
    from spacy.tokens import DocBin

    docs = list(trnews_nlp.api.annotate_docs(['Sağlık Bakanı Ayşe Demirtaş, "Aşılar hazır." dedi.'], nlp=nlp))
    data = DocBin(store_user_data=True, docs=docs).to_bytes()
    (doc,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    assert doc._.quotes[0].speaker.name == "Ayşe Demirtaş"
    assert [e._.canonical for e in doc.ents if e.label_ == "PER"][0] == "Ayşe Demirtaş"
    assert [s.text for s in doc.spans["quotes"]] == ["Aşılar hazır."]
