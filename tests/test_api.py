"""Public API: results, offsets, batches, bad inputs (on the rule-only pipeline); loading."""

import pytest

import trnews_nlp
from trnews_nlp.api import DocumentError, merge_records, split_long_text


@pytest.fixture(scope="module")
def blank():
    return trnews_nlp.blank()


def test_annotate_returns_exact_offsets(blank):
    text = "Bakan Yılmaz, “Hazırız.” dedi.\n\nİkinci paragraf."
    result = trnews_nlp.annotate(text, nlp=blank, id="a1", tokens=True)
    assert result["id"] == "a1" and result["text"] == text
    for sent in result["sentences"]:
        assert text[sent["start"] : sent["end"]].strip() == text[sent["start"] : sent["end"]]
    for token in result["tokens"]:
        assert text[token["start"] : token["end"]] == token["text"]
    assert result["meta"]["trnews_nlp"] == trnews_nlp.__version__


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_documents_are_valid_results(blank, text):
    result = trnews_nlp.annotate(text, nlp=blank, id="e")
    assert result["sentences"] == [] and result["quotes"] == [] and result["text"] == text


def test_bytes_are_rejected_with_the_document_named(blank):
    with pytest.raises(DocumentError, match="doc-7.*decode"):
        trnews_nlp.annotate(b"metin", nlp=blank, id="doc-7")


def test_batch_keeps_good_documents_and_order(blank):
    items = ["Bir.", ("b", b"bytes"), {"id": "c", "text": "Üç."}, ("d", None), "Beş."]
    out = list(trnews_nlp.annotate_many(items, nlp=blank, errors="yield", batch_size=2))
    assert [r["id"] for r in out] == ["#0", "b", "c", "d", "#4"]
    assert [("error" in r) for r in out] == [False, True, False, True, False]


def test_batch_warns_by_default(blank, caplog):
    out = list(trnews_nlp.annotate_many([("x", 3), ("y", "Tamam.")], nlp=blank))
    assert [r["id"] for r in out] == ["y"]
    assert "document x" in caplog.text


def test_batch_raise_mode(blank):
    with pytest.raises(DocumentError):
        list(trnews_nlp.annotate_many([("x", 3)], nlp=blank, errors="raise"))


def test_failing_component_loses_only_its_document():
    from spacy.language import Language

    nlp = trnews_nlp.blank()

    @Language.component("test_fail_on_boom")
    def fail_on_boom(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("component exploded")
        return doc

    nlp.add_pipe("test_fail_on_boom")
    out = list(trnews_nlp.annotate_many(["iyi.", ("bad", "BOOM"), "yine iyi."], nlp=nlp, errors="yield"))
    assert [("error" in r) for r in out] == [False, True, False]
    assert "component exploded" in out[1]["error"]


def test_multiprocess_matches_single(blank):
    texts = [f"Belge {i}. Ali “geldim” dedi." for i in range(12)]
    single = list(trnews_nlp.annotate_many(texts, nlp=blank))
    multi = list(trnews_nlp.annotate_many(texts, nlp=blank, n_process=2, batch_size=4))
    assert single == multi


def test_five_megabyte_document_is_split_and_stitched():
    # Tokenizer and sentences only: the test is about cutting and joining, not about the models.
    nlp = trnews_nlp.blank(rules=False)
    paragraph = "Bakan “Geldik.” dedi. Kalın’ın sözleri önemli.\n\n"
    text = paragraph * (5_000_000 // len(paragraph))
    result = trnews_nlp.annotate(text, nlp=nlp, id="long")
    assert result["text"] == text
    assert len(result["sentences"]) == 2 * (5_000_000 // len(paragraph))
    assert {text[s["start"] : s["end"]] for s in result["sentences"]} == {"Bakan “Geldik.” dedi.", "Kalın’ın sözleri önemli."}


def test_split_long_text_concatenates_back():
    text = ("kelime " * 50 + "\n") * 40 + "x" * 500
    pieces = split_long_text(text, 1000)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 1000 for _, p in pieces)
    assert [o for o, _ in pieces] == [sum(len(p) for _, p in pieces[:i]) for i in range(len(pieces))]


def test_merge_records_shifts_nested_spans():
    part = {
        "sentences": [{"start": 0, "end": 3}],
        "entities": [{"start": 0, "end": 3, "text": "Ali", "label": "PER", "canonical": "Ali"}],
        "quotes": [{"start": 1, "end": 2, "text": "l", "type": "direct", "confidence": 0.5,
                    "cue": {"start": 0, "end": 1, "text": "A"},
                    "speaker": {"name": "Ali", "label": "PER", "title": None,
                                "mention": {"start": 0, "end": 3, "text": "Ali"}}}],
        "meta": {"trnews_nlp": "x", "model": None},
    }
    merged = merge_records("Ali Ali", [(0, part), (4, part)], id="m")
    assert merged["entities"][1]["start"] == 4
    assert merged["quotes"][1]["speaker"]["mention"] == {"start": 4, "end": 7, "text": "Ali"}
    assert merged["quotes"][1]["cue"]["start"] == 4


def test_load_unknown_model_names_what_exists():
    with pytest.raises(OSError, match="not found"):
        trnews_nlp.load("no_such_model")


def test_load_builds_models_on_numpy_blas(nlp):
    """The trained components multiply through numpy's BLAS, not blis (see `api.cpu_ops`)."""
    ops = {type(node.ops).__name__: getattr(node.ops, "use_blis", None)
           for _, pipe in nlp.pipeline if hasattr(pipe, "model") for node in pipe.model.walk()}
    assert ops == {"NumpyOps": False}


def test_load_keeps_ops_the_user_chose():
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    class UserOps(NumpyOps):
        name = "user"

    before = get_current_ops()
    set_current_ops(UserOps())
    try:
        nlp = trnews_nlp.load()
    finally:
        set_current_ops(before)
    assert {type(node.ops) for node in nlp.get_pipe("tok2vec").model.walk()} == {UserOps}


def test_batches_free_the_strings_of_their_words(blank):
    # A corpus-long run must not grow the vocabulary by every new word it meets.
    list(trnews_nlp.annotate_many(["Ali Kaya geldi."], nlp=blank))
    before = len(blank.vocab.strings)
    texts = [f"Kelime{n} ve sözcük{n}xyz yazıldı." for n in range(50)]
    records = list(trnews_nlp.annotate_many(texts, nlp=blank, batch_size=8))
    assert [r["text"] for r in records] == texts
    assert len(blank.vocab.strings) == before
