"""The `trnews-nlp` command end to end, through a subprocess, on a rule-only model saved to disk."""

import json
import subprocess
import sys

import pytest

import trnews_nlp


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "rules"
    trnews_nlp.blank().to_disk(path)
    return str(path)


def cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "trnews_nlp.cli", *args],
        input=stdin, capture_output=True, timeout=300,
    )


def records(data: bytes):
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "docs" / "sub").mkdir(parents=True)
    (tmp_path / "docs" / "a.txt").write_text('Bakan Yılmaz, "Hazırız." dedi.', encoding="utf-8")
    (tmp_path / "docs" / "sub" / "b.txt").write_text("Kalın’ın açıklaması bekleniyor.", encoding="utf-8")
    (tmp_path / "docs" / "sub" / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "docs" / "notes.md").write_text("not a txt file", encoding="utf-8")
    return tmp_path


def test_directory_input_recursive_txt_only(corpus, model):
    run = cli("annotate", "--model", model, str(corpus / "docs"))
    assert run.returncode == 0, run.stderr
    out = records(run.stdout)
    assert [r["id"].replace("\\", "/").split("docs/")[1] for r in out] == ["a.txt", "sub/b.txt", "sub/empty.txt"]
    assert out[2]["sentences"] == []


def test_stdin_text_and_jsonl(model):
    run = cli("annotate", "--model", model, "-", stdin="Merhaba dünya.".encode())
    assert run.returncode == 0 and records(run.stdout)[0]["id"] == "-"
    lines = b'{"id": "n1", "text": "Bir."}\n{"text": "Iki."}\n'
    run = cli("annotate", "--model", model, "--stdin-format", "jsonl", "-", stdin=lines)
    assert [r["id"] for r in records(run.stdout)] == ["n1", "-:2"]


def test_bad_inputs_reported_and_others_written(corpus, model):
    (corpus / "bad.txt").write_bytes(b"\xff\xfe ge\xe7ersiz")
    (corpus / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (corpus / "in.jsonl").write_text('{"id": "ok", "text": "Tamam."}\n{broken\n{"id": 3}\n', encoding="utf-8")
    out = corpus / "out.jsonl"
    run = cli("annotate", "--model", model, str(corpus / "bad.txt"), str(corpus / "binary.txt"),
              str(corpus / "in.jsonl"), str(corpus / "missing.txt"), str(corpus / "docs" / "a.txt"), "-o", str(out))
    assert run.returncode == 1
    errors = run.stderr.decode().strip().splitlines()
    assert len(errors) == 5
    assert "bad.txt: not valid UTF-8" in errors[0]
    assert "binary.txt: binary file" in errors[1]
    assert "in.jsonl:2: invalid JSON" in errors[2] and "in.jsonl:3" in errors[3]
    assert "missing.txt: cannot read file" in errors[4]
    assert [r["id"] for r in records(out.read_bytes())][0] == "ok"
    assert len(records(out.read_bytes())) == 2


def test_resume_skips_done_and_repairs_partial_line(corpus, model):
    out = corpus / "out.jsonl"
    first = cli("annotate", "--model", model, str(corpus / "docs" / "a.txt"), "-o", str(out))
    assert first.returncode == 0
    with open(out, "ab") as handle:
        handle.write(b'{"id": "half-writ')  # what a killed run can leave behind
    run = cli("annotate", "--model", model, "--resume", str(corpus / "docs"), "-o", str(out))
    assert run.returncode == 0, run.stderr
    ids = [r["id"] for r in records(out.read_bytes())]
    assert len(ids) == 3 and len(set(ids)) == 3


def test_usage_errors_exit_2(model):
    assert cli("annotate", "--resume", "x.txt").returncode == 2
    assert cli("annotate", "--format", "xml", "x.txt").returncode == 2
    assert cli("annotate", "--model", "/no/such/model", "x.txt").returncode == 2
    assert cli("frobnicate").returncode == 2


def test_version_and_info(model):
    version = cli("--version")
    assert version.returncode == 0 and trnews_nlp.__version__ in version.stdout.decode()
    info = cli("info", "--model", model)
    assert info.returncode == 0 and "trnews_sentencizer" in info.stdout.decode()


def test_csv_and_conllu_formats(corpus, model):
    run = cli("annotate", "--model", model, "--format", "conllu", str(corpus / "docs" / "a.txt"))
    assert run.returncode == 0
    assert "# text = Bakan Yılmaz" in run.stdout.decode()
    out = corpus / "q.csv"
    run = cli("annotate", "--model", model, "--format", "csv", str(corpus / "docs"), "-o", str(out))
    assert run.returncode == 0 and out.read_text(encoding="utf-8").startswith("id,start,end,text,type,speaker")


def test_parallel_output_equals_serial(corpus, model):
    serial = cli("annotate", "--model", model, str(corpus / "docs"))
    parallel = cli("annotate", "--model", model, "--n-process", "2", str(corpus / "docs"))
    assert serial.stdout == parallel.stdout


def test_bundled_model_end_to_end(tmp_path):
    """The README's main job: the bundled model on a news article, with a speaker found."""
    article = tmp_path / "haber.txt"
    article.write_text('Sağlık Bakanı Ayşe Demirtaş, "Aşılar hazır." dedi.', encoding="utf-8")
    run = cli("annotate", str(article))
    assert run.returncode == 0, run.stderr.decode()
    (record,) = records(run.stdout)
    assert record["quotes"][0]["text"] == "Aşılar hazır."
    assert record["quotes"][0]["speaker"]["name"] == "Ayşe Demirtaş"
