"""Property-based tests (Hypothesis): no input breaks the pipeline or its invariants.

Texts are generated Turkish-like prose and mutations of the example articles in `seeds/` (written
for the project): quotation marks of every kind, colons, apostrophes, control and separator
characters, line breaks inserted, deleted and duplicated, very long tokens and lines. Every result
must validate against the schema, keep exact offsets, keep sentences in order, and satisfy the
quote invariants (`trnews_nlp.quotes.invariants`).

The budget is fixed and derandomised so that CI is fast and repeatable; a developer runs a longer
campaign with `TRNEWS_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py` (random seeds then).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trnews_nlp
from trnews_nlp.quotes.invariants import violations

from test_schema import check

_EXAMPLES = int(os.environ.get("TRNEWS_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    max_examples=_EXAMPLES or 60,
    derandomize=not _EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PARAGRAPHS = [
    p for f in sorted(SEEDS.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n") if p.strip()
]

MARKS = list("\"“”„«»‘’'‹›\u0091\u0092\u0093\u0094") + ["''", '""', "``"]
SEPARATORS = ["\n", "\n\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "\t", "\xa0", "\u200b", "\x0c", "\x0b"]
CONTROLS = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\ufeff", "\ufffd"]
PUNCT = [":", ": ", " :", ",", ".", "?..", "!..", "...", " - ", " – ", "—", "(", ")", "*", "•"]
APOSTROPHE_SUFFIXES = ["'in", "’ın", "'e", "\u0092da", "'den", " 'daki"]
WORDS = (
    "Bakan Başkan Ayşe Kaya Ali Veli Ankara İstanbul THY CHP dedi söyledi belirtti açıkladı olduğunu "
    "göre ise de ve bir bu şu şöyle konuştu: sorusuna yanıt verdi uzmanlar Prof. Dr. Üniversitesi "
    "Öğretim Üyesi hükmetti istedi çağırdı gerektiğini düşecek faizler belirtildi"
).split()

_insertion = st.sampled_from(MARKS + SEPARATORS + CONTROLS + PUNCT + APOSTROPHE_SUFFIXES)


@st.composite
def turkish_like(draw) -> str:
    """A few sentences of news vocabulary with marks, separators and punctuation between words."""
    pieces = draw(st.lists(st.one_of(st.sampled_from(WORDS), _insertion), min_size=1, max_size=60))
    joiners = draw(st.lists(st.sampled_from([" ", " ", " ", ""]), min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + j for p, j in zip(pieces, joiners))


@st.composite
def mutated_seed(draw) -> str:
    """A run of seed paragraphs with characters inserted, deleted or duplicated at random places."""
    start = draw(st.integers(0, len(PARAGRAPHS) - 1))
    count = draw(st.integers(1, 4))
    text = "\n".join(PARAGRAPHS[start : start + count])
    for _ in range(draw(st.integers(1, 12))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "insert", "delete", "duplicate", "long"]))
        if action == "insert":
            text = text[:pos] + draw(_insertion) + text[pos:]
        elif action == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 5)) :]
        elif action == "duplicate":
            text = text[:pos] + text[pos : pos + 40] + text[pos:]
        else:  # a very long token or line
            text = text[:pos] + draw(st.sampled_from(["a", "İ", "\"", "-", "ş "])) * draw(st.integers(50, 3000)) + text[pos:]
    return text


any_text = st.one_of(turkish_like(), mutated_seed(), st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))


def _check_all(record: dict) -> None:
    check(record)
    assert violations(record["quotes"], record["text"]) == []
    starts = [s["start"] for s in record["sentences"]]
    assert starts == sorted(starts)
    for s in record["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(record["text"])


@FUZZ
@given(text=any_text)
def test_rule_pipeline_never_breaks(text):
    _check_all(trnews_nlp.annotate(text, nlp=RULES, id="fuzz", tokens=True))


@pytest.mark.slow
@FUZZ
@given(text=any_text)
def test_bundled_pipeline_never_breaks(nlp, text):
    _check_all(trnews_nlp.annotate(text, nlp=nlp, id="fuzz", tokens=True))


RULES = trnews_nlp.blank()
