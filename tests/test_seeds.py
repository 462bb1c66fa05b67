"""The bundled seed articles and their hand annotation stay consistent, and the pipeline reads them."""

import json
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def gold_records():
    return [json.loads(line) for line in (SEEDS / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


def test_gold_is_rebuilt_from_its_spec():
    run = subprocess.run([sys.executable, str(SEEDS / "build_gold.py"), "--check"], capture_output=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_gold_offsets_match_the_article_files():
    for record in gold_records():
        text = (SEEDS / f"{record['id']}.txt").read_text(encoding="utf-8")
        assert record["text"] == text
        spans = list(record["entities"]) + list(record["quotes"])
        spans += [q[k] for q in record["quotes"] for k in ("cue", "speaker_mention") if q.get(k)]
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]


def test_pipeline_finds_the_seed_speakers(nlp):
    """Most gold quotes of the seeds are found with the right speaker (a smoke test, not the benchmark)."""
    import trnews_nlp

    found = total = 0
    for record in gold_records():
        result = trnews_nlp.annotate(record["text"], nlp=nlp)
        predicted = {(q["start"], q["end"]): (q["speaker"] or {}).get("name") for q in result["quotes"]}
        for quote in record["quotes"]:
            total += 1
            overlapping = [name for (s, e), name in predicted.items() if s < quote["end"] and quote["start"] < e]
            found += quote["speaker"] in overlapping if quote["speaker"] else bool(overlapping)
    assert found / total >= 0.8, f"{found}/{total}"
