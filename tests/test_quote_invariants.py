"""The invariants every quote list satisfies (`trnews_nlp.quotes.invariants`), the crashes and
conflicts a fuzzing campaign found (issue 19), each as a regression test, and long documents.

Rule-only pipeline (tokenizer, entities, quotes) with names set by hand, as in `test_quotes.py`.
"""

from __future__ import annotations

import pytest

from trnews_nlp import api
from trnews_nlp.quotes.analysis import Candidate
from trnews_nlp.quotes.invariants import conflict, consistent, violations

from test_quotes import quotes, run


def _cand(span, qtype="direct", cue=None, rule="direct_cue_explicit"):
    return Candidate(span, qtype, cue, None, rule)


def test_conflict_names_each_broken_invariant():
    assert conflict((0, 5), "direct", (6, 7), (0, 5), "direct", None) == "identical spans"
    assert conflict((0, 5), "direct", None, (3, 8), "indirect", None) == "crossing spans"
    assert "nested" in conflict((0, 9), "indirect", (9, 10), (2, 4), "indirect", (4, 5))
    assert "nested" in conflict((0, 9), "direct", (9, 10), (2, 4), "direct", None)
    assert "nested" in conflict((0, 9), "direct", (9, 10), (2, 4), "direct", (9, 10))  # the same cue
    assert conflict((0, 9), "direct", (9, 10), (2, 4), "direct", (4, 5)) is None  # own cue: allowed
    assert conflict((0, 3), "direct", None, (5, 8), "direct", None) is None


def test_consistent_keeps_the_more_reliable_of_a_conflict():
    direct = _cand((6, 10), cue=(2, 3), rule="direct_intro")
    colon = _cand((5, 9), "indirect", cue=(2, 3), rule="indirect_colon")
    nested = _cand((7, 8), cue=(8, 9), rule="direct_nested")
    conf = {"direct_intro": 0.9, "indirect_colon": 0.6, "direct_nested": 0.8}
    kept = consistent([colon, direct, nested], lambda c: conf[c.rule])
    assert kept == [direct, nested]


def test_violations_reads_json_records():
    text = "abcdefghij"
    good = [{"start": 0, "end": 4, "type": "direct", "cue": None}]
    bad = good + [{"start": 2, "end": 6, "type": "direct", "cue": None},
                  {"start": 3, "end": 3, "type": "indirect", "cue": None},
                  {"start": 8, "end": 12, "type": "indirect", "cue": None}]
    assert violations(good, text) == []
    found = violations(bad, text)
    assert any("crossing" in v for v in found)
    assert any("empty span" in v for v in found)
    assert any("outside the text" in v for v in found)


@pytest.mark.parametrize(
    "text,names",
    [
        ("Terim: a b: c", {"Terim": "PER"}),  # IndexError in colon_headlines
        ('"Ali "geldik.\nYeni Başlık\nGittik" dedi.', {}),  # AttributeError in _nested
        ('Kaya: Ne""dedi', {"Kaya": "PER"}),  # the same quote twice
        ('Göksoy: O""na demedim', {"Göksoy": "PER"}),  # a nested quote without a cue
        ("Başkan şöyle değerlendirdi: - \"Bu iş yapılmalı.\"", {}),  # crossing quotes, one cue
        ("Bakan, devletin verdiği sözleri tuttuğunu söyledi.", {}),  # indirect inside indirect
    ],
)
def test_fuzzing_findings_are_valid(text, names):
    found = quotes(text, names)
    assert violations(found, text) == []


def test_colon_inside_a_headline_is_its_content():
    [q] = quotes("Terim: a b: c", {"Terim": "PER"})
    assert q["text"] == "a b: c"


def test_nested_quote_cut_at_a_heading_keeps_its_cue():
    text = '"Ali "geldik.\nYeni Başlık\nGittik" dedi.'
    found = quotes(text)
    assert any(q["text"] == "Gittik" and q["cue"]["text"] == "dedi" for q in found)


def test_quotation_after_a_colon_and_dash_is_one_direct_quote():
    [q] = quotes('Başkan şöyle değerlendirdi: - "Bu iş yapılmalı."')
    assert (q["type"], q["text"], q["cue"]["text"]) == ("direct", "Bu iş yapılmalı.", "değerlendirdi")


def test_relative_clause_before_a_noun_cue_is_not_a_second_quote():
    found = quotes("Bakan, devletin verdiği sözleri tuttuğunu söyledi.")
    assert [q["cue"]["text"] for q in found] == ["söyledi"]


def test_long_document_keeps_the_pieces_that_work(monkeypatch):
    nlp = api.blank()
    paragraph = "Bakan Ayşe Kaya, \"Hazırız.\" dedi.\n\n"
    text = paragraph * 12
    calls = []
    real = nlp.__class__.__call__

    def flaky(self, chunk, *args, **kwargs):
        calls.append(chunk)
        if len(calls) == 2:
            raise RuntimeError("boom")
        return real(self, chunk, *args, **kwargs)

    monkeypatch.setattr(api, "MAX_CHUNK_CHARS", 120)
    monkeypatch.setattr(nlp.__class__, "__call__", flaky)
    record = api.annotate(text, nlp=nlp, id="long")
    assert len(calls) > 2
    [failed] = record["errors"]
    assert failed["error"] == "RuntimeError: boom"
    assert text[failed["start"] : failed["end"]] == calls[1]
    assert record["quotes"] and all(not failed["start"] <= q["start"] < failed["end"] for q in record["quotes"])
    for q in record["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]


def test_long_document_whose_every_piece_fails_is_a_document_error(monkeypatch):
    nlp = api.blank()
    monkeypatch.setattr(api, "MAX_CHUNK_CHARS", 50)
    monkeypatch.setattr(nlp.__class__, "__call__", lambda self, text, **kw: 1 / 0)
    with pytest.raises(api.DocumentError, match="ZeroDivisionError"):
        api.annotate("Bir cümle burada.\n\n" * 10, nlp=nlp, id="x")


def test_mention_lookups_agree_with_a_plain_scan():
    from trnews_nlp.quotes.speakers import all_mentions, entities_in, mention_at, speaker_ending_at, speaker_mentions

    doc = run("Bakan Ayşe Kaya ile THY Genel Müdürü Ali Veli, İzmir'de konuştu. Kaya ve Veli, THY.",
              {"Ayşe Kaya": "PER", "Kaya": "PER", "THY": "ORG", "Ali Veli": "PER", "Veli": "PER", "İzmir": "LOC"})
    mentions = all_mentions(doc)
    speakers = speaker_mentions(doc)
    for i in range(len(doc)):
        for labels in (("PER", "ORG"), ("PER",), ("PER", "ORG", "LOC")):
            expected = next((m for m in mentions if m.start <= i < m.end and m.label_ in labels), None)
            assert mention_at(doc, i, labels) == expected
        assert speaker_ending_at(doc, i) == next((m for m in speakers if m.end == i + 1), None)
        for j in range(i, len(doc) + 1):
            assert entities_in(doc, i, j) == [m for m in speakers if m.start >= i and m.end <= j]
