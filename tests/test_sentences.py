"""Sentence boundaries never fall inside a quotation or between a quote and its verb."""

import pytest

import trnews_nlp


@pytest.fixture(scope="module")
def nlp():
    return trnews_nlp.blank()


def sents(nlp, text):
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_quote_and_its_verb_stay_together(nlp):
    text = 'Erdoğan, "Hazırız. Mücadele sürecek." ifadelerini kullandı. Sonra ayrıldı.'
    assert sents(nlp, text) == ['Erdoğan, "Hazırız. Mücadele sürecek." ifadelerini kullandı.', "Sonra ayrıldı."]


def test_nested_same_mark(nlp):
    text = 'Bakan, "Oradan "böl, parçala" diyorlar. Biz buradayız." dedi. Bitti.'
    assert sents(nlp, text)[-1] == "Bitti."
    assert len(sents(nlp, text)) == 2


def test_curly_and_guillemets(nlp):
    assert len(sents(nlp, "“Bir. İki.” dedi. «Üç. Dört.» dedi.")) == 2


def test_new_sentence_after_quote_with_capital(nlp):
    assert len(sents(nlp, '"Geldik." Ardından toplantı başladı.')) == 2


def test_line_breaks_end_sentences_and_unclosed_quotes(nlp):
    text = 'BAŞLIK SATIRI\n\n"Kapanmayan alıntı. Devam\n\nYeni paragraf. İkinci cümle.'
    assert sents(nlp, text) == ["BAŞLIK SATIRI", '"Kapanmayan alıntı. Devam', "Yeni paragraf.", "İkinci cümle."]


def test_abbreviations_do_not_split(nlp):
    assert len(sents(nlp, "Doç. Dr. Ali Kaya ve Gen. Yılmaz geldi.")) == 1


def test_no_sentence_starts_inside_an_entity():
    # Tokens as a gold-tokenized corpus gives them: `B .` would end a sentence before `Hakan`.
    from spacy.tokens import Doc, Span

    nlp = trnews_nlp.blank(rules=False)
    words = ["B", ".", "Hakan", "gol", "attı", ".", "Sonra", "çıktı", "."]
    doc = Doc(nlp.vocab, words=words)
    assert len(list(nlp.get_pipe("trnews_sentencizer")(Doc(nlp.vocab, words=words)).sents)) == 3
    doc.ents = [Span(doc, 0, 3, label="PER")]
    doc = nlp.get_pipe("trnews_sentencizer")(doc)
    assert [s.text for s in doc.sents] == ["B . Hakan gol attı .", "Sonra çıktı ."]


def test_a_line_break_inside_an_entity_still_ends_the_sentence():
    from spacy.tokens import Span

    nlp = trnews_nlp.blank(rules=False)
    doc = nlp.make_doc("ÇİĞLİ\nAhmet Kaya geldi.")
    doc.ents = [Span(doc, 0, 4, label="LOC")]
    doc = nlp.get_pipe("trnews_sentencizer")(doc)
    assert [s.text.strip() for s in doc.sents] == ["ÇİĞLİ", "Ahmet Kaya geldi."]


@pytest.mark.parametrize("mark", ["?.", "?..", "!..", "..", "!."])
def test_runs_of_terminal_marks_end_a_sentence(nlp, mark):
    assert sents(nlp, f"Geldin mi{mark} Evet geldim.") == [f"Geldin mi{mark}", "Evet geldim."]


def test_dialogue_dash_starts_a_sentence(nlp):
    text = "Sonra sustu... -Neden? diye sordum. -Bilmiyorum."
    assert sents(nlp, text) == ["Sonra sustu...", "-Neden? diye sordum.", "-Bilmiyorum."]


def test_a_stray_free_standing_mark_opens_no_quote(nlp):
    text = "Mitingde ' Genel Başkan konuştu. Kalabalık dağıldı. Yağmur başladı."
    assert len(sents(nlp, text)) == 3


def test_free_standing_marks_that_pair_still_quote(nlp):
    text = 'Bakan " Hazırız. Geliyoruz " dedi. Sonra gitti.'
    assert sents(nlp, text) == ['Bakan " Hazırız. Geliyoruz " dedi.', "Sonra gitti."]


def test_a_scraped_links_line_breaks_do_not_end_the_sentence(nlp):
    # Scraped pages keep a link's own line, indented deeply, in mid-sentence; a heading line is
    # not indented like that, and a break after a terminal still ends the sentence.
    text = (
        "Oda Başkanı Selim Tuna, ilk tercihlerinin \n                Yeşil Parti \n"
        "               ile ortaklık olduğunu söyledi.\n                Sonra ayrıldı.\n YENİ BÖLÜM \n Bitti."
    )
    assert [" ".join(s.split()) for s in sents(nlp, text)] == [
        "Oda Başkanı Selim Tuna, ilk tercihlerinin Yeşil Parti ile ortaklık olduğunu söyledi.",
        "Sonra ayrıldı.", "YENİ BÖLÜM", "Bitti.",
    ]
