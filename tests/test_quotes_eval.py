"""Scoring of `trnews-nlp evaluate quotes`: trimming, overlap matching, speakers, buckets."""

from __future__ import annotations

import json

import trnews_nlp
from trnews_nlp.evaluation.quotes import iou, match, same_speaker, score, trimmed

TEXT = 'Demir, "Bütçe hazır." dedi. Kaya, vergilerin düşeceğini söyledi.'


def _quote(fragment: str, speaker=None, confidence=0.9, type_="direct"):
    start = TEXT.index(fragment)
    return {"start": start, "end": start + len(fragment), "text": fragment, "type": type_,
            "speaker": speaker, "cue": None, "confidence": confidence}


def test_trimming_drops_marks_spaces_and_end_punctuation():
    start = TEXT.index('"Bütçe')
    assert TEXT[slice(*trimmed(TEXT, start, start + len('"Bütçe hazır."')))] == "Bütçe hazır"


def test_iou():
    assert iou((0, 10), (0, 10)) == 1.0
    assert iou((0, 10), (5, 15)) == 5 / 15
    assert iou((0, 5), (5, 10)) == 0.0


def test_matching_is_one_to_one_and_needs_half_overlap():
    gold = [_quote("Bütçe hazır."), _quote("vergilerin düşeceğini")]
    pred = [_quote('"Bütçe hazır."'), _quote("Bütçe"), _quote("düşeceğini")]
    pairs = match(TEXT, gold, pred)
    assert [(g, p) for g, p, _ in pairs] == [(0, 0)]  # `düşeceğini` covers less than half


def test_speaker_names_compare_without_case_and_apostrophe_variants():
    assert same_speaker("İbrahim Kalın", "i̇brahim kalın".replace("i̇", "i"))
    assert same_speaker("güvenlik kaynakları", "Güvenlik kaynakları")
    assert same_speaker(None, None)
    assert not same_speaker("Kaya", None)


def test_scores_end_to_end_and_buckets():
    record = {"id": "x", "text": TEXT, "quotes": [
        {**_quote("Bütçe hazır."), "speaker": "Demir"},
        {**_quote("vergilerin düşeceğini", type_="indirect"), "speaker": "Kaya"},
    ]}
    pred = [
        _quote("Bütçe hazır.", {"name": "Demir"}, 0.95),
        _quote("vergilerin düşeceğini", {"name": "Demir"}, 0.6, "indirect"),
        _quote("dedi", None, 0.3),
    ]
    scores, details = score([record], [pred])
    assert scores["overlap"]["tp"] == 2 and scores["overlap"]["fp"] == 1
    assert scores["speaker_accuracy"] == 0.5
    assert scores["end_to_end"]["tp"] == 1
    assert scores["recall_by_type"]["indirect"]["recall"] == 1.0
    buckets = {tuple(b["range"]): b for b in scores["confidence_buckets"]}
    assert buckets[(0.0, 0.5)]["precision"] == 0.0
    assert buckets[(0.85, 1.0)]["end_to_end_precision"] == 1.0
    assert details[0]["spurious"][0]["text"] == "dedi"
    assert details[0]["wrong_speaker"][0]["pred"]["speaker"] == "Demir"
    json.dumps(scores)


def test_run_prints_json_scores(tmp_path, capsys):
    import argparse

    from trnews_nlp.evaluation import quotes as evaluate_quotes

    text = 'Bakan Demir, "Bütçe hazır." dedi.'
    start = text.index("Bütçe")
    record = {
        "id": "written", "text": text,
        "quotes": [{"start": start, "end": start + len("Bütçe hazır."), "text": "Bütçe hazır.",
                    "type": "direct", "speaker": "Demir", "speaker_label": "PER",
                    "speaker_mention": {"start": 6, "end": 11, "text": "Demir"},
                    "cue": {"start": text.index("dedi"), "end": text.index("dedi") + 4, "text": "dedi"}}],
        "entities": [{"start": 6, "end": 11, "text": "Demir", "label": "PER"}],
    }
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    parser = argparse.ArgumentParser()
    evaluate_quotes.add_arguments(parser)
    nlp = trnews_nlp.blank()
    model = tmp_path / "model"
    nlp.to_disk(model)
    args = parser.parse_args([str(gold), "--gold-entities", "--json", "--model", str(model)])
    assert evaluate_quotes.run(args) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["end_to_end"]["f"] == 1.0 and scores["setup"]["entities"] == "gold"
