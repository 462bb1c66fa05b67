"""The benchmark's bookkeeping (timings are not asserted: figures come from `trnews-nlp bench`)."""

from __future__ import annotations

import json

import pytest

import trnews_nlp
from trnews_nlp.cli import main
from trnews_nlp.evaluation.bench import CORPORA, read_corpus, stage_times


def test_stage_times_count_words_and_time_every_stage():
    nlp = trnews_nlp.blank()
    texts = ["Bakan Kaya, \"Geliyoruz.\" dedi.", "Toplantı yarın Ankara'da yapılacak."]
    result = stage_times(nlp, texts, batch_size=2)
    assert result["words"] == 14
    assert list(result["stages"]) == ["tokenizer", *nlp.pipe_names]
    assert all(v["s"] >= 0 and v["cpu_s"] >= 0 for v in result["stages"].values())


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_every_corpus_reads(shared_data, corpus):
    texts = read_corpus(shared_data, corpus, limit=3)
    assert len(texts) == 3 and all(t.strip() for t in texts)


@pytest.mark.slow
def test_bench_command_reports_every_figure(shared_data, capsys):
    """A tiny run (5 articles, 300 zeyrek words) through the command: every figure is present
    and consistent; the speed-up compares 1 and 2 processes on the same articles."""
    assert main(["bench", "--data", str(shared_data), "--limit", "5", "--zeyrek-words", "300",
                 "--no-build", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["stages"]["documents"] == 5 and result["stages"]["words"] > 100
    assert result["processes"]["1"]["documents"] == result["processes"]["2"]["documents"] == 5
    assert result["processes"]["1"]["words"] == result["stages"]["words"]
    assert result["reference"]["raw_zeyrek"]["words"] == 300
    assert result["cold"]["stems"] in ("CachedStems", "StemTransitionsMapBased")
    ratios = result["ratios"]
    assert ratios["pipeline_first_wps"] > 0 and ratios["first_vs_raw_zeyrek"] > 0
    assert 0 < ratios["peak_rss_mb"] < 10_000 and "speedup_2_processes" in ratios


def test_parallel_timing_hashes_records_instead_of_holding_them(tmp_path):
    # The memory figures are the pipeline's: the harness keeps a digest, not the records.
    import trnews_nlp
    from trnews_nlp.evaluation.parallel import timed_run

    model = tmp_path / "rules"
    trnews_nlp.blank().to_disk(model)
    texts = ["Ali geldi.", "Veli \udc80 gitti.", "Ayşe, \"Tamam\" dedi."]
    first = timed_run(texts, str(model), 1, 2)
    assert "lines" not in first and first["failed"] == 1 and len(first["digest"]) == 64
    assert timed_run(texts, str(model), 1, 2)["digest"] == first["digest"]
    assert timed_run(texts[:2], str(model), 1, 2)["digest"] != first["digest"]
