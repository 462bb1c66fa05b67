"""Silver NER data: which articles are read, and what each silver sentence carries."""

from __future__ import annotations

import io
import json
import tarfile

import pytest
import spacy

import trnews_nlp
from trnews_nlp.training.silver import convert_silver, gold_ids, news_articles, silver_docs


def _tar(path, files):
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as archive:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


@pytest.fixture()
def shared(tmp_path):
    """A `shared/` folder in miniature: both raw news archives and one gold set."""
    data = tmp_path / "data"
    _tar(data / "ttc-3600" / "TTC-3600_Orj.tar.gz", {
        "TTC-3600_Orj/siyaset/c (1).txt": "Bakan Ayşe Kaya dün Ankara'da konuştu. Kısa.",
        "TTC-3600_Orj/siyaset/c (2).txt": "Bu makale altın sette var.",
    })
    record = {"title": "Başlık", "content": "Şirket yeni yatırım planını açıkladı."}
    _tar(data / "tr-financial-news-2025" / "raw.tar.gz", {"raw/a.json": json.dumps(record)})
    (tmp_path / "eval").mkdir()
    (tmp_path / "eval" / "gold.jsonl").write_text(json.dumps({"id": "ttc3600/siyaset/c (2).txt"}) + "\n")
    return tmp_path


def test_gold_articles_are_left_out(shared):
    skip = gold_ids(shared / "eval")
    assert skip == {"ttc3600/siyaset/c (2).txt"}
    articles = dict(news_articles(shared / "data", skip))
    assert sorted(articles) == ["finnews2025/a.json", "ttc3600/siyaset/c (1).txt"]
    assert articles["finnews2025/a.json"] == "Başlık\n\nŞirket yeni yatırım planını açıkladı."
    assert gold_ids(shared / "missing") == set()


def _ruled():
    """The rule pipeline with an entity ruler in place of the trained NER."""
    nlp = trnews_nlp.blank()
    ruler = nlp.add_pipe("entity_ruler", before="trnews_sentencizer")
    ruler.add_patterns([
        {"label": "PER", "pattern": [{"TEXT": "Ayşe"}, {"TEXT": "Kaya"}]},
        {"label": "LOC", "pattern": "Ankara'da"},
        {"label": "MISC", "pattern": "dün"},
    ])
    return nlp


def test_a_silver_sentence_carries_the_resolved_entities_alone():
    text = "Kısa başlık.\n\nBakan Ayşe Kaya dün Ankara'da konuştu. Kaya yarın da konuşacak."
    docs = list(silver_docs(_ruled(), [text]))
    # the two-word heading is left out; offsets start afresh in each sentence; the untagged
    # repeat `Kaya` is a mention after resolution; labels other than PER/ORG/LOC are dropped
    assert [d.text for d in docs] == ["Bakan Ayşe Kaya dün Ankara'da konuştu. ", "Kaya yarın da konuşacak."]
    assert [[(e.text, e.label_) for e in d.ents] for d in docs] == [
        [("Ayşe Kaya", "PER"), ("Ankara'da", "LOC")], [("Kaya", "PER")]
    ]
    for doc in docs:
        assert not doc.has_annotation("TAG") and not doc.has_annotation("DEP") and not doc.has_annotation("LEMMA")


def test_convert_silver_writes_a_seeded_sample(shared, tmp_path):
    out = tmp_path / "silver.spacy"
    count = convert_silver(_ruled(), shared / "data", shared / "eval", out, n_sents=2, seed=3)
    docs = list(spacy.tokens.DocBin().from_disk(out).get_docs(spacy.blank("tr").vocab))
    assert count == len(docs) == 2
    assert all("altın" not in d.text for d in docs)
    again = tmp_path / "again.spacy"
    convert_silver(_ruled(), shared / "data", shared / "eval", again, n_sents=2, seed=3)
    assert again.read_bytes() == out.read_bytes()


def test_finetune_config_starts_from_the_shipped_weights():
    from spacy.util import load_model_from_config

    from trnews_nlp.models import resolve_model
    from trnews_nlp.training.cli import FINETUNE_LEARN_RATE, FINETUNE_STEPS, REPO, finetune_config

    base = resolve_model()
    config = finetune_config(REPO / "configs" / "core.cfg", base)
    assert config["training"]["max_steps"] == FINETUNE_STEPS
    assert config["training"]["optimizer"]["learn_rate"] == FINETUNE_LEARN_RATE
    nlp = load_model_from_config(config, auto_fill=True)
    shipped = trnews_nlp.load(base)
    assert nlp.pipe_names == ["tok2vec", "morphologizer", "parser", "ner"]
    for name in nlp.pipe_names:
        assert nlp.get_pipe(name).to_bytes(exclude=["vocab"]) == shipped.get_pipe(name).to_bytes(exclude=["vocab"])
