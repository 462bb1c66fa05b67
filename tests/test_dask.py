"""`trnews_nlp.dask` on a real `LocalCluster` of two worker processes, against one process."""

import json
import subprocess
import sys

import pytest

import trnews_nlp

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")

TEXTS = [
    'Bakan Yılmaz, "Hazırız." dedi.',
    "Kalın’ın açıklaması bekleniyor.",
    "",
    'Ali Kaya: "Geldik." Sonra gittiler.',
    "Ali \udc80 geldi.",  # a lone surrogate: an error record, not a failed partition
    "Ankara'da toplantı yapıldı. Vali, toplantının olumlu geçtiğini söyledi.",
]


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    path = tmp_path_factory.mktemp("model") / "rules"
    trnews_nlp.blank().to_disk(path)
    return str(path)


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def pairs():
    return [(f"d{i}", t) for i, t in enumerate(TEXTS)]


def test_bag_equals_single_process_and_pipeline_loads_once_per_worker(client, model):
    import dask.bag as db

    from trnews_nlp import dask as tnd

    expected = list(trnews_nlp.annotate_many(pairs(), nlp=trnews_nlp.load(model), errors="yield"))
    bag = db.from_sequence(pairs(), npartitions=3)
    got = tnd.annotate_bag(bag, model=model).compute()
    assert got == expected
    assert got[4] == {"id": "d4", "error": got[4]["error"]} and "surrogate" in got[4]["error"]
    tnd.annotate_bag(bag, model=model).compute()  # more tasks on the same workers
    loads = client.run(lambda: __import__("trnews_nlp.dask", fromlist=["LOADS"]).LOADS)
    assert sorted(loads.values()) and all(n == 1 for n in loads.values()), loads


def test_dataframe_in_typed_tables_out(client, model):
    import dask.dataframe as dd
    import pandas as pd

    from trnews_nlp import dask as tnd

    texts = TEXTS[:4] + [None] + TEXTS[5:]  # a missing text (arrow strings cannot hold a surrogate)
    frame = dd.from_pandas(pd.DataFrame({"id": [p[0] for p in pairs()], "text": texts}), npartitions=2)
    records = tnd.annotate_dataframe(frame, model=model)
    sentences = tnd.table_frame(records, "sentences").compute()
    single = trnews_nlp.writers.to_dataframe(
        trnews_nlp.annotate_many([p for p in pairs() if p[0] != "d4"], nlp=trnews_nlp.load(model)), "sentences"
    )
    pd.testing.assert_frame_equal(sentences.reset_index(drop=True), single)
    assert str(sentences["start"].dtype) == "Int64"
    quotes = tnd.quotes_frame(records).compute()
    assert list(quotes.columns) == list(trnews_nlp.writers.QUOTE_COLUMNS)
    assert list(tnd.errors_frame(records).compute()["id"]) == ["d4"]


def test_cli_local_cluster_writes_shards_and_resumes(tmp_path, model):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, text in enumerate(TEXTS[:4]):
        (docs / f"{i}.txt").write_text(text, encoding="utf-8")
    (docs / "bad.txt").write_bytes(b"ok\x00binary")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "trnews_nlp.cli", "annotate", "--model", model, str(docs), "-o", str(out),
           "--dask-workers", "2", "--partition-size", "2"]
    run = subprocess.run(cmd, capture_output=True, timeout=600)
    assert run.returncode == 1, run.stderr.decode()
    assert "bad.txt: binary file" in run.stderr.decode()
    shards = sorted(out.glob("part-*.jsonl"))
    assert [s.name for s in shards] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    ids = [json.loads(line)["id"] for s in shards for line in s.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(str((docs / f"{i}.txt").resolve()) for i in range(4))
    again = subprocess.run(cmd + ["--resume"], capture_output=True, timeout=600)
    assert again.returncode == 0 and b"error" not in again.stderr  # every shard there: nothing redone


def test_each_parquet_part_is_a_partition(tmp_path):
    from trnews_nlp.dask import partitions

    for name in ("b.txt", "a.txt", "c.txt", "p-1.parquet", "p-0.parquet", "x.jsonl"):
        (tmp_path / name).write_text("", encoding="utf-8")
    parts = partitions([str(tmp_path), str(tmp_path / "x.jsonl")], size=2)
    names = [[p.rsplit("/", 1)[1] for p in part] for part in parts]
    assert names == [["a.txt", "b.txt"], ["c.txt"], ["p-0.parquet"], ["p-1.parquet"], ["x.jsonl"]]
