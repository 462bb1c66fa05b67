"""Turkish casing and apostrophe helpers."""

from trnews_nlp.spans import trimmed_offsets
from trnews_nlp.text import normalize_apostrophes, split_apostrophe, stem_length, tr_lower, tr_title, tr_upper


def test_turkish_lower_keeps_length_and_dotted_i():
    assert tr_lower("İSTANBUL IĞDIR") == "istanbul ığdır"
    assert len(tr_lower("İİİ")) == 3  # str.lower() would give 6 code points
    assert tr_upper("istanbul ılık") == "İSTANBUL ILIK"
    assert tr_title("İSTANBUL") == "İstanbul"


def test_apostrophe_variants_normalised_without_shifting():
    text = "Kalın’ın İzmit´te Ankara\u0092da"
    normal = normalize_apostrophes(text)
    assert normal == "Kalın'ın İzmit'te Ankara'da"
    assert len(normal) == len(text)


def test_split_apostrophe():
    assert split_apostrophe("Erdoğan'ın") == ("Erdoğan", "'ın")
    assert split_apostrophe("Kalın’ın") == ("Kalın", "’ın")
    assert split_apostrophe("2025'te") == ("2025", "'te")
    assert split_apostrophe("Erdoğandan") == ("Erdoğandan", "")
    assert split_apostrophe("'Merhaba") == ("'Merhaba", "")
    assert stem_length("Türkiye'nin") == 7


def test_trimmed_offsets_cut_suffix_of_last_token():
    import trnews_nlp

    doc = trnews_nlp.blank()("Başkan Recep Tayyip Erdoğan'ın sözleri")
    span = doc[1:4]
    start, end = trimmed_offsets(span)
    assert doc.text[start:end] == "Recep Tayyip Erdoğan"
