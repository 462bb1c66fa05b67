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
