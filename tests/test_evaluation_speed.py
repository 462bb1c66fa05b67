"""The speed benchmark's bookkeeping (timings are not asserted: figures come from the command)."""

from __future__ import annotations

import trnews_nlp
from trnews_nlp.evaluation.speed import _statistical_words_per_s, benchmark, format_table


def test_benchmark_counts_words_and_times_every_stage():
    nlp = trnews_nlp.blank()
    texts = ["Bakan Kaya, \"Geliyoruz.\" dedi.", "Toplantı yarın Ankara'da yapılacak."]
    result = benchmark(nlp, texts, batch_size=2)
    assert result["articles"] == 2 and result["words"] == 14
    assert list(result["stages"]) == ["tokenizer", *nlp.pipe_names]
    assert _statistical_words_per_s(result) is None  # a blank pipeline has no trained components
    result["statistical_words_per_s"] = None
    table = format_table(result, result)
    assert "whole pipeline" in table and "statistical" not in table
