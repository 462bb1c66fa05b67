"""Tokenization of Turkish news: quote marks split, apostrophe suffixes kept, text never changed."""

import pytest

import trnews_nlp


@pytest.fixture(scope="module")
def tok():
    return trnews_nlp.blank().tokenizer


@pytest.mark.parametrize(
    "text, expected",
    [
        ('Erdoğan\'ın "hazırız." dedi', ["Erdoğan'ın", '"', "hazırız", ".", '"', "dedi"]),
        ("Kalın’ın “sözü”", ["Kalın’ın", "“", "sözü", "”"]),
        ("«Evet» ve „hayır“", ["«", "Evet", "»", "ve", "„", "hayır", "“"]),
        ("\x93merhaba\x94", ["\x93", "merhaba", "\x94"]),
        ("‘Evet’ dedi", ["‘", "Evet", "’", "dedi"]),
        ("'İstikrar, Türkiye' vizyonu", ["'", "İstikrar", ",", "Türkiye", "'", "vizyonu"]),
        ("dedi\"Biz", ["dedi", '"', "Biz"]),
        ("Gen. St. No. Av. Doç. Dr.", ["Gen.", "St.", "No.", "Av.", "Doç.", "Dr."]),
        ("2025'te ABD'nin", ["2025'te", "ABD'nin"]),
        ("Ankara\x92da", ["Ankara\x92da"]),
        ("bekleniyor...", ["bekleniyor", "..."]),
        ("bekleniyor…", ["bekleniyor", "…"]),
        ("bozacağızBaşkan Erdoğan", ["bozacağız", "Başkan", "Erdoğan"]),
        ("(AA)Başkan", ["(", "AA", ")", "Başkan"]),
        ("(AA)MİT Başkanı", ["(", "AA", ")", "MİT", "Başkanı"]),
        ("bana 'sorun yok' dedi", ["bana", "'", "sorun", "yok", "'", "dedi"]),
        ("2025'te 3'ünde 15.30'da", ["2025'te", "3'ünde", "15.30'da"]),
        ("\u200bÖncel geldi\u200b", ["\u200b", "Öncel", "geldi", "\u200b"]),
        ("DenizBank HaberTürk TürkTelekom iPhone", ["DenizBank", "HaberTürk", "TürkTelekom", "iPhone"]),
        ("RADİKAL- Başbakan", ["RADİKAL", "-", "Başbakan"]),
        ("RADİKAL -MÜSİAD", ["RADİKAL", "-", "MÜSİAD"]),
        ("Ak Parti- MHP", ["Ak", "Parti", "-", "MHP"]),
        ("-5 derece", ["-5", "derece"]),
    ],
)
def test_tokens(tok, text, expected):
    assert [t.text for t in tok(text)] == expected


@pytest.mark.parametrize("text", ["", " ", "\x00\x01 kontrol\x7f", "a\r\nb", "🙂 \"x", "ﬁ İ̇ ß"])
def test_text_round_trips(tok, text):
    assert tok(text).text == text


def test_tokenizer_survives_serialisation(tmp_path):
    nlp = trnews_nlp.blank()
    nlp.to_disk(tmp_path / "m")
    import spacy

    again = spacy.load(tmp_path / "m")
    text = "Kalın’ın «sözü» Gen. Yılmaz"
    assert [t.text for t in again(text)] == [t.text for t in nlp(text)]


def test_bundled_model_tokenizes_as_the_code_does(nlp):
    """The shipped model stores its tokenizer's patterns; a rule changed in `tokenizer.py` must be
    written into `models/` too, or `load()` keeps tokenizing the old way."""
    shipped = nlp.tokenizer.to_bytes(exclude=["vocab"])
    assert shipped == trnews_nlp.blank().tokenizer.to_bytes(exclude=["vocab"])
