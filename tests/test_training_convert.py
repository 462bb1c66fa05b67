"""Corpus conversion into the runtime tokenization (tiny inline examples; data tests skip without ../shared)."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import DocBin
from spacy.vocab import Vocab

from trnews_nlp.training.convert import (
    WIKI_LABEL_MAP,
    Sentence,
    add_final_period,
    bio_to_spans,
    merge_apostrophe_suffixes,
    parse_bracket_line,
    read_conll_bio,
    read_conllu,
    read_milliyet,
    read_wikiann_sentences,
    sentence_to_doc,
    ud_sentence_to_doc,
)


def test_bracket_line_parsed_into_words_and_spans():
    sent = parse_bracket_line("[PER Ali Veli ] dün [LOC Bursa ] 'ya gitti")
    assert sent.words == ["Ali", "Veli", "dün", "Bursa", "'ya", "gitti"]
    assert sent.ents == [(0, 2, "PER"), (3, 4, "LOC")]


def test_numeric_only_entities_are_dropped():
    sent = parse_bracket_line("skor 4-4- [ORG 2 ] oldu")
    assert sent.ents == []


def test_apostrophe_suffix_glued_and_entity_grows():
    sent = merge_apostrophe_suffixes(parse_bracket_line("[LOC Bursa ] 'ya [PER O 'Neil ] 'ın evi"))
    assert sent.words == ["Bursa'ya", "O'Neil'ın", "evi"]
    assert sent.ents == [(0, 1, "LOC"), (1, 2, "PER")]


def test_lone_apostrophe_is_a_quote_not_a_suffix():
    sent = merge_apostrophe_suffixes(Sentence(["dedi", "'", "tamam", "'"]))
    assert sent.words == ["dedi", "'", "tamam", "'"]


def test_final_period_added_only_when_missing():
    assert add_final_period(Sentence(["geldi"])).words == ["geldi", "."]
    assert add_final_period(Sentence(["geldi", "?"])).words == ["geldi", "?"]


def test_read_milliyet_handles_bom_and_crlf(tmp_path: Path):
    path = tmp_path / "tiny.txt"
    path.write_bytes("\ufeff[ORG Meclis ] 'te toplandı\r\n\r\nbugün\r\n".encode("utf-8"))
    sents = list(read_milliyet(path, add_period=True))
    assert [s.words for s in sents] == [["Meclis'te", "toplandı", "."], ["bugün", "."]]
    assert sents[0].ents == [(0, 1, "ORG")]


def test_bio_spans_and_label_map():
    tags = ["B-PERSON", "I-PERSON", "O", "B-GPE", "B-DATE", "I-ORG"]
    assert bio_to_spans(tags, WIKI_LABEL_MAP) == [(0, 2, "PER"), (3, 4, "LOC"), (5, 6, "ORG")]


def test_read_conll_bio(tmp_path: Path):
    path = tmp_path / "tiny.conll"
    path.write_text("Adana'da\tB-GPE\ngeçer\tO\n\nAli\tB-PERSON\n", encoding="utf-8")
    sents = list(read_conll_bio(path, WIKI_LABEL_MAP))
    assert [s.ents for s in sents] == [[(0, 1, "LOC")], [(0, 1, "PER")]]


def test_read_conll_bio_drops_wikiann_language_prefix(tmp_path: Path):
    path = tmp_path / "xtreme.conll"
    path.write_text("tr:Avustralya'da\tB-LOC\ntr:25\tO\ntr:\tO\n", encoding="utf-8")
    (sent,) = read_conll_bio(path)
    assert sent.words == ["Avustralya'da", "25", "tr:"] and sent.ents == [(0, 1, "LOC")]


def test_wikiann_keeps_real_sentences_only(tmp_path: Path):
    path = tmp_path / "dev.conll"
    lines = [
        "tr:Ankara\tB-LOC\ntr:,\tO\ntr:Türkiye'nin\tB-LOC\ntr:başkenti\tO\ntr:olarak\tO\ntr:seçildi\tO\ntr:.\tO\n",
        "tr:YÖNLENDİRME\tO\ntr:Mersin\tB-ORG\ntr:Kültür\tI-ORG\ntr:Merkezi\tI-ORG\ntr:binası\tO\ntr:.\tO\n",
        "tr:Lise\tB-PER\ntr:Meitner\tI-PER\ntr:(\tO\ntr:1878\tO\ntr:)\tO\ntr:fizikçi\tO\n",
        "tr:Kısa\tO\ntr:cümle\tO\ntr:.\tO\n",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    (sent,) = read_wikiann_sentences(path)  # redirects, fragments and short lines are left out
    assert sent.words[:3] == ["Ankara", ",", "Türkiye'nin"] and sent.ents == [(0, 1, "LOC"), (2, 3, "LOC")]


CONLLU = """# sent_id = 1
# text = Ev'deki kitap.
1-2\tEv'deki\t_\t_\t_\t_\t_\t_\t_\t_
1\tEv'de\tev\tNOUN\tNoun\tCase=Loc\t3\tnmod\t_\t_
2\tki\tki\tADP\tRel\t_\t1\tcase\t_\t_
3\tkitap\tkitap\tNOUN\tNoun\tCase=Nom\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\tPunc\t_\t3\tpunct\t_\t_

"""


def test_conllu_reader_keeps_syntactic_words_and_spacing(tmp_path: Path):
    path = tmp_path / "tiny.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    (sent,) = list(read_conllu(path))
    assert [w.form for w in sent] == ["Ev'de", "ki", "kitap", "."]
    assert [w.space_after for w in sent] == [False, True, False, True]
    doc = ud_sentence_to_doc(Vocab(), sent)
    assert doc.text.startswith("Ev'deki kitap.")
    assert [t.head.i for t in doc] == [2, 0, 2, 2]
    assert doc[2].dep_ == "root" and doc[0].lemma_ == "ev" and str(doc[0].morph) == "Case=Loc"


def test_sentence_to_doc_roundtrips_through_docbin():
    doc = sentence_to_doc(Vocab(), Sentence(["Ali", "Veli'yi", "gördü"], [(0, 2, "PER")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("Ali Veli'yi", "PER")]
    restored = list(DocBin(docs=[doc]).get_docs(Vocab()))
    assert [(e.start, e.end, e.label_) for e in restored[0].ents] == [(0, 2, "PER")]


def test_shared_milliyet_counts(shared_data: Path):
    """The train file keeps its 24,813 sentences and almost no split-off `'xx` suffix is left.

    The few left follow a split-off period (`... . 'nin`), where no word precedes the apostrophe."""
    sents = list(read_milliyet(shared_data / "milliyet-ner" / "reyyan.train.txt"))
    assert len(sents) == 24813
    n_ents = sum(len(s.ents) for s in sents)
    assert 33_000 < n_ents <= 33_610
    left = [w for s in sents for w in s.words if w.startswith("'") and len(w) > 1 and w[1:].isalpha()]
    assert len(left) < 50


def test_shared_wikiann_sentences(shared_data: Path):
    """The WikiANN part of the default recipe: the 3,202 full sentences of wikiann-tr dev and their
    5,325 entities, as the model card counts them (LOC 2,556, ORG 1,424, PER 1,345)."""
    sents = read_wikiann_sentences(shared_data / "wikiann-tr" / "dev.conll")
    assert len(sents) == 3202
    labels = [label for s in sents for _, _, label in s.ents]
    assert (labels.count("LOC"), labels.count("ORG"), labels.count("PER")) == (2556, 1424, 1345)
    assert not any(w.startswith("tr:") for s in sents for w in s.words)


def test_curly_apostrophes_only_inside_words():
    from trnews_nlp.training.convert import curly_apostrophes

    (sent,) = curly_apostrophes([Sentence(["Ali'nin", "'", "O'Neil"], [(0, 1, "PER")])], rate=1.0)
    assert sent.words == ["Ali’nin", "'", "O’Neil"] and sent.ents == [(0, 1, "PER")]
    assert curly_apostrophes([Sentence(["Ali'nin"])], rate=0.0)[0].words == ["Ali'nin"]


def _ud_doc(vocab: Vocab):
    from spacy.tokens import Doc

    return Doc(vocab, words=["Ali", "geldi", "."], heads=[1, 1, 1], deps=["nsubj", "root", "punct"],
               pos=["PROPN", "VERB", "PUNCT"])


def test_joined_corpus_keeps_order_and_repeats(tmp_path: Path):
    from trnews_nlp.training.convert import join_docbins, save_docs

    vocab = Vocab()
    save_docs([_ud_doc(vocab)], tmp_path / "ud.spacy")
    save_docs([sentence_to_doc(vocab, Sentence(["Veli", "gitti"], [(0, 1, "PER")]))], tmp_path / "ner.spacy")
    assert join_docbins([(tmp_path / "ud.spacy", 3), (tmp_path / "ner.spacy", 1)], tmp_path / "core.spacy") == 4
    docs = list(DocBin().from_disk(tmp_path / "core.spacy").get_docs(vocab))
    assert [d.text.strip() for d in docs] == ["Ali geldi ."] * 3 + ["Veli gitti"]
    assert docs[0].has_annotation("DEP") and not docs[0].has_annotation("ENT_IOB")
    assert docs[-1].has_annotation("ENT_IOB") and not docs[-1].has_annotation("DEP")


def test_ud_docs_first_keeps_dependency_scores_whole():
    """Why the joint dev set puts UD docs first: spaCy's scorer remembers missing indices across docs.

    A perfect parse scores UAS 1.0 when the UD doc comes first; after a doc without any dependency
    annotation (an NER sentence at least as long) its tokens are skipped and the score collapses.
    """
    from spacy.scorer import Scorer
    from spacy.training import Example

    vocab = Vocab()
    ud = _ud_doc(vocab)
    ner = sentence_to_doc(vocab, Sentence(["Veli", "bugün", "gitti"], [(0, 1, "PER")]))
    examples = [Example(ud.copy(), ud), Example(ner.copy(), ner)]
    assert Scorer.score_deps(examples, "dep")["dep_uas"] == 1.0
    assert Scorer.score_deps(examples[::-1], "dep")["dep_uas"] < 1.0
