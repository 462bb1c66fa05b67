"""Writers: atomic files, JSONL streaming and resume, CSV, CoNLL-U, pandas."""

import io
import json

import pytest

import trnews_nlp
from trnews_nlp import writers

RECORD = {
    "id": "d1", "text": "Ali “Geldim.” dedi.",
    "sentences": [{"start": 0, "end": 19}],
    "entities": [{"start": 0, "end": 3, "text": "Ali", "label": "PER", "canonical": "Ali Kaya"}],
    "quotes": [{"start": 5, "end": 12, "text": "Geldim.", "type": "direct", "confidence": 0.9,
                "cue": {"start": 14, "end": 18, "text": "dedi"},
                "speaker": {"name": "Ali Kaya", "label": "PER", "title": None,
                            "mention": {"start": 0, "end": 3, "text": "Ali"}}}],
    "meta": {"trnews_nlp": "0", "model": None},
}


def test_write_jsonl_round_trip(tmp_path):
    path = tmp_path / "out.jsonl"
    assert writers.write_jsonl([RECORD, RECORD], path) == 2
    assert list(writers.read_jsonl(path)) == [RECORD, RECORD]


def test_atomic_write_leaves_old_file_on_failure(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("old\n")

    def broken():
        yield RECORD
        raise RuntimeError("stream failed")

    with pytest.raises(RuntimeError):
        writers.write_jsonl(broken(), path)
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_stream_resume_collects_ids_and_cuts_partial_line(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps({"id": "a"}) + "\n" + '{"id": "b", "te', encoding="utf-8")
    with writers.JsonlStream(path, resume=True) as stream:
        assert stream.done_ids == {"a"}
        stream.write({"id": "b"})
    assert [json.loads(l)["id"] for l in path.read_text().splitlines()] == ["a", "b"]


def test_quote_rows_and_csv(tmp_path):
    (row,) = writers.quote_rows([RECORD])
    assert row["speaker"] == "Ali Kaya" and row["cue"] == "dedi" and row["speaker_start"] == 0
    path = tmp_path / "q.csv"
    assert writers.write_csv([RECORD], path) == 1
    assert path.read_text(encoding="utf-8").splitlines()[1].startswith("d1,5,12,Geldim.,direct,Ali Kaya")
    assert writers.write_csv([RECORD], tmp_path / "e.csv", kind="entities") == 1


def test_csv_to_an_open_handle_matches_the_file(tmp_path):
    handle = io.StringIO()
    assert writers.write_csv_to([RECORD], handle) == 1
    writers.write_csv([RECORD], tmp_path / "q.csv")
    assert handle.getvalue() == (tmp_path / "q.csv").read_bytes().decode("utf-8")


def test_dataframe():
    pytest.importorskip("pandas")
    frame = writers.to_dataframe([RECORD])
    assert list(frame["speaker"]) == ["Ali Kaya"]
    assert list(writers.to_dataframe([RECORD], kind="entities")["canonical"]) == ["Ali Kaya"]


def test_conllu_from_token_layer():
    record = trnews_nlp.annotate("Ali geldi. Veli gitti.", nlp=trnews_nlp.blank(), id="c", tokens=True)
    text = writers.to_conllu(record)
    assert text.count("# sent_id") == 2
    rows = [l.split("\t") for l in text.splitlines() if l and not l.startswith("#")]
    assert [r[0] for r in rows] == ["1", "2", "3", "1", "2", "3"]
    assert rows[1][9] == "SpaceAfter=No"
    with pytest.raises(ValueError, match="token layer"):
        writers.to_conllu(RECORD)
