"""`trnews-nlp annotate` inputs, outputs and their errors (issues 19 and 20), on the rule-only model.

Most tests call `cli.main` in this process (fast); those about pipes, signals and exit statuses
seen by a shell run the command as a subprocess.
"""

import io
import json
import os
import stat
import subprocess
import sys

import pytest

import trnews_nlp
from trnews_nlp import cli, inputs, outputs, writers
from trnews_nlp.api import DocumentError


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "rules"
    trnews_nlp.blank().to_disk(path)
    return str(path)


def annotate(model, *args):
    return cli.main(["annotate", "--model", model, "--quiet", *args])


def lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


SEPARATORS = 'Ali geldi.\u2028Veli "Tamam\u0085dedi."\u2029Son.'


def test_jsonl_records_holding_line_separators_are_read_and_resumed_once(tmp_path, model):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"s{i}", "text": SEPARATORS}, ensure_ascii=False) + "\n"
                           for i in range(3)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert annotate(model, str(src), "-o", str(out)) == 0
    assert [r["id"] for r in lines(out)] == ["s0", "s1", "s2"] and lines(out)[0]["text"] == SEPARATORS
    assert annotate(model, "--resume", str(src), "-o", str(out)) == 0
    assert [r["id"] for r in lines(out)] == ["s0", "s1", "s2"]


def test_resume_matches_documents_however_the_path_is_spelled(tmp_path, model, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Ali geldi.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.jsonl"
    assert annotate(model, "docs/a.txt", "-o", str(out)) == 0
    assert annotate(model, "--resume", "./docs/../docs", str(tmp_path / "docs" / "a.txt"), "-o", str(out)) == 0
    assert [r["id"] for r in lines(out)] == [str(tmp_path / "docs" / "a.txt")]


def test_missing_output_folder_is_created(tmp_path, model):
    (tmp_path / "a.txt").write_text("Ali geldi.", encoding="utf-8")
    out = tmp_path / "new" / "deeper" / "out.csv"
    assert annotate(model, str(tmp_path / "a.txt"), "-o", str(out)) == 0
    assert out.read_text(encoding="utf-8").startswith("id,start,end")


def test_output_errors_have_their_own_exit_status(tmp_path, model, capsys):
    (tmp_path / "a.txt").write_text("Ali geldi.", encoding="utf-8")
    assert annotate(model, str(tmp_path / "a.txt"), "-o", "/dev/full") == outputs.EXIT_DISK_FULL
    # the output is opened before the model is loaded: a bad folder is reported, not the bad model
    assert cli.main(["annotate", "--model", "/no/such/model", str(tmp_path / "a.txt"),
                     "-o", str(tmp_path / "a.txt" / "out.csv")]) == outputs.EXIT_NO_FOLDER
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "no space left" in err[0] and "Traceback" not in "".join(err)
    assert outputs.output_error(PermissionError(13, "Permission denied"), "x")[0] == outputs.EXIT_PERMISSION
    assert outputs.output_error(OSError(5, "Input/output error"), "x")[0] == outputs.EXIT_IO


def test_pipe_into_head_ends_quietly(tmp_path, model):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "Ali geldi. " * 20}) + "\n" for i in range(800)))
    proc = subprocess.Popen([sys.executable, "-m", "trnews_nlp.cli", "annotate", "--model", model, str(src)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == outputs.EXIT_BROKEN_PIPE and err == b""


def test_output_onto_symlink_or_device_writes_through(tmp_path, model):
    (tmp_path / "a.txt").write_text("Ali geldi.", encoding="utf-8")
    target = tmp_path / "real.csv"
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert annotate(model, str(tmp_path / "a.txt"), "-o", str(link)) == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("id,")
    for fmt in ("csv", "jsonl", "parquet"):
        assert annotate(model, str(tmp_path / "a.txt"), "--format", fmt, "-o", os.devnull) == 0
        assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    with writers.atomic_write(os.devnull) as handle:
        handle.write("x")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_fifo_input_is_reported_not_waited_on(tmp_path, model, capsys):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "a.txt").write_text("Ali geldi.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert annotate(model, str(fifo), str(tmp_path / "a.txt"), "-o", str(out)) == 1
    assert "pipe.txt: not a regular file (a FIFO)" in capsys.readouterr().err
    assert len(lines(out)) == 1


def test_nul_byte_anywhere_marks_binary_and_surrogates_are_document_errors():
    assert isinstance(inputs.decode(b"a" * 20000 + b"\x00"), inputs.InputError)
    assert inputs.decode("İstanbul".encode("utf-8")) == "İstanbul"
    with pytest.raises(DocumentError, match="surrogate"):
        trnews_nlp.annotate("Ali \udc80 geldi.", nlp=trnews_nlp.blank())


def test_legacy_encodings(tmp_path, model, capsys):
    (tmp_path / "eski.txt").write_bytes("Şişli'de İş".encode("cp1254"))
    (tmp_path / "bozuk.txt").write_bytes(b"ok \x81")  # 0x81 is not a cp1254 character
    out = tmp_path / "out.jsonl"
    assert annotate(model, "--encoding", "cp1254", str(tmp_path / "eski.txt"), str(tmp_path / "bozuk.txt"),
                    "-o", str(out)) == 1
    assert [r["text"] for r in lines(out)] == ["Şişli'de İş"]
    assert "bozuk.txt: not valid CP1254 (byte 0x81 at offset 3)" in capsys.readouterr().err
    assert annotate(model, "--encoding", "iso-8859-9", str(tmp_path / "eski.txt"), "-o", str(out)) == 0
    assert annotate(model, "--encoding", "klingon", str(tmp_path / "eski.txt")) == 2


def test_inputs_naming_no_document_are_a_usage_error(tmp_path, model, capsys):
    (tmp_path / "empty").mkdir()
    assert annotate(model, str(tmp_path / "empty")) == 2
    assert "no documents" in capsys.readouterr().err


def test_stdin_jsonl_is_recognised(model, monkeypatch, capsys):
    data = b'{"id": "n1", "text": "Bir."}\n{"text": "Iki\xe2\x80\xa8."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert annotate(model, "-") == 0
    assert [json.loads(l)["id"] for l in capsys.readouterr().out.split("\n") if l] == ["n1", "-:2"]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"not": "a document"}\n')))
    assert annotate(model, "-") == 0
    assert json.loads(capsys.readouterr().out)["id"] == "-"  # plain text that happens to be JSON


def test_format_from_extension_and_conflicts(tmp_path, model):
    (tmp_path / "a.txt").write_text('Ali Kaya, "Geldim." dedi. Ankara güzel.', encoding="utf-8")
    doc = str(tmp_path / "a.txt")
    assert annotate(model, doc, "--format", "jsonl", "-o", str(tmp_path / "x.csv")) == 2
    assert not (tmp_path / "x.csv").exists()
    assert annotate(model, doc, "--table", "sentences", "-o", str(tmp_path / "s.csv")) == 0
    assert (tmp_path / "s.csv").read_text(encoding="utf-8").splitlines()[0] == "id,sentence,start,end,text"
    assert annotate(model, doc, "--table", "entities", "-o", str(tmp_path / "x.jsonl")) == 2
    assert annotate(model, doc, "-o", str(tmp_path / "x.conllu")) == 0
    assert (tmp_path / "x.conllu").read_text(encoding="utf-8").startswith("# newdoc id")


def test_parquet_tables_are_typed(tmp_path, model):
    pq = pytest.importorskip("pyarrow.parquet")
    (tmp_path / "a.txt").write_text("Ali geldi. Veli gitti.", encoding="utf-8")
    out = tmp_path / "s.parquet"
    assert annotate(model, str(tmp_path / "a.txt"), "--table", "sentences", "-o", str(out)) == 0
    table = pq.read_table(out)
    assert str(table.schema.field("start").type) == "int64" and table.column("sentence").to_pylist() == [0, 1]


def test_docbin_output_round_trips(tmp_path, model):
    from spacy.tokens import DocBin

    (tmp_path / "a.txt").write_text("Ali geldi.", encoding="utf-8")
    out = tmp_path / "a.spacy"
    assert annotate(model, str(tmp_path / "a.txt"), "-o", str(out)) == 0
    (doc,) = DocBin().from_disk(out).get_docs(trnews_nlp.load(model).vocab)
    assert doc.text == "Ali geldi." and doc.user_data["trnews_id"] == str(tmp_path / "a.txt")


def test_dataframe_offsets_are_nullable_integers():
    pd = pytest.importorskip("pandas")
    record = {"id": "d", "text": "Toplantı ertelendi.", "sentences": [], "entities": [],
              "quotes": [{"start": 0, "end": 9, "text": "Toplantı ", "type": "indirect", "confidence": 0.6,
                          "speaker": None, "cue": {"start": 9, "end": 18, "text": "ertelendi"}}]}
    frame = writers.to_dataframe([record])
    assert str(frame["start"].dtype) == "Int64" and str(frame["speaker_start"].dtype) == "Int64"
    assert frame["speaker_start"].isna().all() and frame["cue_start"][0] == 9
    assert pd.api.types.is_float_dtype(frame["confidence"])


def test_progress_shows_words_per_second_only_when_enabled(monkeypatch):
    from trnews_nlp import batch

    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(batch.Progress, "REFRESH_S", 0.0)
    shown = batch.Progress(total=2, enabled=True)
    shown.update(1, 120)
    shown.update(1, 80)
    shown.close()
    assert "2/2" in err.getvalue() and "words/s" in err.getvalue()
    err.truncate(0)
    silent = batch.Progress(total=2, enabled=False)
    silent.update(2, 200)
    silent.close()
    assert err.getvalue().strip("\x00") == ""


def test_parquet_inputs_are_read_row_by_row(tmp_path, model, capsys):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    dataset = tmp_path / "articles"
    dataset.mkdir()
    pq.write_table(pa.table({"id": ["a1", "a2"], "text": ["Ali geldi.", "Veli gitti."]}), dataset / "part-0.parquet")
    pq.write_table(pa.table({"text": ["Bir.", None]}), dataset / "part-1.parquet")  # no id column; a null text
    pq.write_table(pa.table({"body": ["Metin."]}), tmp_path / "wrong.parquet")
    out = tmp_path / "out.jsonl"
    assert inputs.count_documents([str(dataset)]) == 4
    assert annotate(model, str(dataset), str(tmp_path / "wrong.parquet"), "-o", str(out)) == 1
    part1 = str((dataset / "part-1.parquet").resolve())
    assert [r["id"] for r in lines(out)] == ["a1", "a2", f"{part1}:1"]
    err = capsys.readouterr().err
    assert f"{part1}:2" in err and "text is missing" in err
    assert "wrong.parquet" in err and "needs a text column (it has: body)" in err
