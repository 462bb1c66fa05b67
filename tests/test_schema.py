"""Results validate against the shipped JSON Schema and keep exact offsets."""

import pytest

import trnews_nlp
from trnews_nlp.document import schema

jsonschema = pytest.importorskip("jsonschema")

ODD_INPUTS = [
    "",
    "Bakan Yılmaz, “Hazırız.” dedi.",
    'Kapanmayan "alıntı burada başlar ve bitmez.',
    "Kontrol \x93karakterleri\x94 ve \x00 \x07 \u200b sıfır genişlik.",
    "The minister said the talks were productive, according to officials.",
    "Министр заявил: «Мы готовы».",
    "«« »» \"\" '' “”",
]


def check(record):
    jsonschema.validate(record, schema())
    text = record["text"]
    spans = list(record["entities"]) + list(record["quotes"]) + list(record.get("tokens", []))
    for quote in record["quotes"]:
        spans += [s for s in (quote["cue"], (quote["speaker"] or {}).get("mention")) if s]
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_rule_pipeline_results_validate(text):
    check(trnews_nlp.annotate(text, nlp=trnews_nlp.blank(), id="x", tokens=True))


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_bundled_pipeline_results_validate(nlp, text):
    check(trnews_nlp.annotate(text, nlp=nlp, id="x", tokens=True))


def test_seed_articles_validate(nlp):
    from pathlib import Path

    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    assert len(seeds) >= 4
    for record in trnews_nlp.annotate_many(((p.name, p.read_text(encoding="utf-8")) for p in seeds), nlp=nlp, errors="raise"):
        check(record)
        assert record["quotes"], f"{record['id']}: no quotes found"


def test_user_article_validates(nlp, user_article):
    check(trnews_nlp.annotate(user_article, nlp=nlp, id="user"))
