"""CoNLL-U output: valid for the UD validator (udtools), readable by `conllu`, one root per sentence."""

from __future__ import annotations

import io

import pytest

import trnews_nlp
from trnews_nlp import conllu_format, writers

conllu = pytest.importorskip("conllu")
udtools = pytest.importorskip("udtools")

TEXT = (
    "Bakan Ali Kaya, \"Yarın Ankara'ya gideceğiz.\" dedi.\n\n"
    "Türkiye  Cumhuriyet Merkez Bankası faizi değiştirmedi. Ekonomistler şaşırdı!"
)


def _validate(text: str, level: int = 2) -> str:
    """Errors the UD validator reports for `text` ('' when it passes)."""
    from udtools import Validator

    from udtools.state import State

    report = io.StringIO()
    validator = Validator(lang="tr", level=level, output=report)
    state = State()
    validator.validate_file_handle(io.StringIO(text), state)
    validator.validate_end(state)
    return "" if state.passed() else report.getvalue() + str(state)


def _tree_record():
    """A hand-made record whose parse breaks the format three ways: a head outside its sentence,
    two tops in one sentence, and an upper-case `ROOT`."""
    text = "Ali geldi. Veli de gitti."
    words = [("Ali", 0, 3, 1, "nsubj"), ("geldi", 4, 9, 1, "ROOT"), (".", 9, 10, 4, "punct"),
             ("Veli", 11, 15, 5, "nsubj"), ("de", 16, 18, 3, "advmod"), ("gitti", 19, 24, 5, "ROOT"),
             (".", 24, 25, 5, "punct")]
    tokens = [dict(text=w, start=s, end=e, lemma=w.lower(), pos="X", morph="Person=3|Number=Sing", head=h, dep=d)
              for w, s, e, h, d in words]
    tokens[4]["head"] = 4  # `de` a second top of the second sentence
    tokens[4]["dep"] = "ROOT"
    tokens[3]["head"] = 1  # `Veli` pointing into the first sentence
    return {"id": "t", "text": text, "tokens": tokens, "entities": [{"start": 0, "end": 3, "label": "PER"}],
            "quotes": [], "sentences": [{"start": 0, "end": 10}, {"start": 11, "end": 25}]}


def test_one_lower_case_root_per_sentence_and_heads_inside():
    parsed = conllu.parse(conllu_format.to_conllu(_tree_record()))
    assert len(parsed) == 2
    for sentence in parsed:
        roots = [t for t in sentence if t["head"] == 0]
        assert len(roots) == 1 and roots[0]["deprel"] == "root"
        assert all(0 <= t["head"] <= len(sentence) for t in sentence)
    second = parsed[1]
    assert second[2]["deprel"] == "root"  # `gitti` keeps its label; `de` attaches to it
    assert (second[1]["head"], second[1]["deprel"]) == (3, "parataxis")
    assert second[0]["head"] == 3  # `Veli`'s head was outside the sentence
    assert parsed[0][0]["misc"]["NE"] == "B-PER"
    assert parsed[0][0]["feats"] == {"Number": "Sing", "Person": "3"}


def test_hand_made_record_passes_the_validator():
    assert _validate(conllu_format.to_conllu(_tree_record())) == ""


def test_whitespace_is_kept_in_misc():
    record = trnews_nlp.annotate("Ali  geldi.\n\nVeli gitti.", nlp=trnews_nlp.blank(), id="w", tokens=True)
    rows = [line.split("\t") for line in writers.to_conllu(record).splitlines() if line and not line.startswith("#")]
    assert rows[0][9] == "SpacesAfter=\\s\\s"
    assert rows[2][9] == "SpacesAfter=\\n\\n"


def test_records_without_id_get_unique_sentence_ids(tmp_path):
    blank = trnews_nlp.blank()
    records = [trnews_nlp.annotate(t, nlp=blank, tokens=True) for t in ("Ali geldi.", "Veli gitti.")]
    writers.write_conllu(records, tmp_path / "out.conllu")
    ids = [s.metadata["sent_id"] for s in conllu.parse((tmp_path / "out.conllu").read_text(encoding="utf-8"))]
    assert len(set(ids)) == len(ids) == 2


@pytest.mark.slow
def test_model_output_passes_the_validator(nlp):
    record = trnews_nlp.annotate(TEXT, nlp=nlp, id="v", tokens=True)
    text = writers.to_conllu(record)
    assert _validate(text) == ""
    parsed = conllu.parse(text)
    assert all(sum(t["head"] == 0 for t in s) == 1 for s in parsed)
    misc = [t["misc"] or {} for s in parsed for t in s]
    assert any("Quote" in m for m in misc) and any(m.get("NE", "").startswith("B-") for m in misc)
