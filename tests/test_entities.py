"""Canonical entity names per document (`trnews_entities`)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

import trnews_nlp.entities  # noqa: F401  (registers the factory and `Span._.canonical`)
from trnews_nlp.entities import acronym_of, canonical_names, strip_glued_suffix


def _doc(words_labels):
    """Build a Doc from (word, label-or-None, begins-entity) triples without any trained model."""
    nlp = spacy.blank("tr")
    words = [w for w, _, _ in words_labels]
    doc = Doc(nlp.vocab, words=words)
    ents, start = [], None
    for i, (_, label, begins) in enumerate(words_labels + [("", None, True)]):
        if start is not None and (label is None or begins or label != words_labels[start][1]):
            ents.append(Span(doc, start, i, label=words_labels[start][1]))
            start = None
        if label is not None and start is None and i < len(words_labels):
            start = i
    doc.ents = ents
    return nlp, doc


def test_person_mentions_share_the_fullest_name():
    nlp, doc = _doc(
        [("Cumhurbaşkanı", None, False), ("Recep", "PER", True), ("Tayyip", "PER", False),
         ("Erdoğan", "PER", False), ("geldi", None, False), (".", None, False),
         ("Erdoğan'ın", "PER", True), ("sözleri", None, False), ("Başkan", None, False),
         ("Erdoğandan", "PER", True), ("açıklama", None, False)]
    )
    nlp.add_pipe("trnews_entities")(doc)
    assert [e._.canonical for e in doc.ents] == ["Recep Tayyip Erdoğan"] * 3


def test_acronym_and_long_form_agree():
    nlp, doc = _doc(
        [("Milli", "ORG", True), ("İstihbarat", "ORG", False), ("Teşkilatı", "ORG", False),
         ("(", None, False), ("MİT", "ORG", True), (")", None, False), ("Başkanı", None, False),
         ("konuştu", None, False), (".", None, False), ("MİT'in", "ORG", True), ("açıklaması", None, False)]
    )
    nlp.add_pipe("trnews_entities")(doc)
    assert {e._.canonical for e in doc.ents} == {"Milli İstihbarat Teşkilatı"}


def test_body_short_form_takes_the_longer_prefix_form():
    _, doc = _doc([("ZEW", "ORG", True), ("Enstitüsü", "ORG", False), ("dedi", None, False),
                   ("ZEW", "ORG", True), ("ekledi", None, False)])
    assert [name for _, _, name in canonical_names(doc)] == ["ZEW Enstitüsü", "ZEW Enstitüsü"]


def test_surnames_of_two_people_pick_the_nearest_preceding_full_name():
    _, doc = _doc([("Ahmet", "PER", True), ("Yılmaz", "PER", False), ("ve", None, False),
                   ("Mehmet", "PER", True), ("Yılmaz", "PER", False), ("geldi", None, False),
                   ("Yılmaz", "PER", True), ("konuştu", None, False)])
    assert canonical_names(doc)[-1][2] == "Mehmet Yılmaz"


def test_places_are_not_merged_with_people():
    _, doc = _doc([("Ali", "PER", True), ("Ankara", "PER", False), ("dedi", None, False),
                   ("Ankara'da", "LOC", True)])
    assert canonical_names(doc)[-1][2] == "Ankara"


def test_a_lone_surname_tagged_as_a_place_joins_the_person():
    # `kalın` is also an adjective: NER may call `Kalın'ın` a place; the full name claims it.
    _, doc = _doc([("İbrahim", "PER", True), ("Kalın", "PER", False), ("geldi", None, False),
                   ("Kalın'ın", "LOC", True), ("sözleri", None, False)])
    assert canonical_names(doc)[-1][2] == "İbrahim Kalın"


def _olpak_doc():
    # NER: the full name is a person, one lone surname a place, the last repeat untagged; and a
    # date from some other component.
    return _doc([("Hüseyin", "PER", True), ("Olpak", "PER", False), ("konuştu", None, False), (".", None, False),
                 ("Olpak", "LOC", True), (",", None, False), ("dün", "DATE", True), ("Olpak'ın", None, False),
                 ("sözleri", None, False)])


def test_resolved_ents_take_the_name_label_and_the_untagged_repeats():
    nlp, doc = _olpak_doc()
    nlp.add_pipe("trnews_entities")(doc)
    assert [(e.text, e.label_, e._.canonical) for e in doc.ents] == [
        ("Hüseyin Olpak", "PER", "Hüseyin Olpak"), ("Olpak", "PER", "Hüseyin Olpak"),
        ("dün", "DATE", "dün"), ("Olpak'ın", "PER", "Hüseyin Olpak"),
    ]


def test_a_head_noun_decides_the_label_of_a_multiword_name():
    nlp, doc = _doc([("Azerbaycan", "LOC", True), ("Cumhurbaşkanlığı", "LOC", False), ("ile", None, False),
                     ("Kasım", "PER", True), ("Altunkaya", "PER", False), ("Camisi'nin", "PER", False),
                     ("yanında", None, False), ("Azerbaycan", "LOC", True)])
    nlp.add_pipe("trnews_entities")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Azerbaycan Cumhurbaşkanlığı", "ORG"), ("Kasım Altunkaya Camisi'nin", "LOC"), ("Azerbaycan", "LOC"),
    ]


def test_a_compound_head_makes_a_one_word_name_a_body():
    nlp, doc = _doc([("Marmarabirlik", "PER", True), ("ve", None, False), ("Toprakbank'ın", "LOC", True),
                     ("yanında", None, False), ("Bank", "PER", True), ("Dışbank", "PER", True)])
    nlp.add_pipe("trnews_entities")(doc)
    # `Bank` alone has nothing before the head, so NER's label stands
    assert [e.label_ for e in doc.ents] == ["ORG", "ORG", "PER", "ORG"]


def test_an_untagged_acronym_owning_a_role_is_a_body_and_so_are_its_repeats():
    nlp, doc = _doc([("İSMMMO", None, False), ("Başkanı", None, False), ("Yahya", "PER", True),
                     ("Arıkan", "PER", False), ("ve", None, False), ("İSMMMO", None, False), ("ile", None, False),
                     ("YENİ", None, False), ("BAŞKANI", None, False), ("TL", None, False), ("Başkanı", None, False)])
    nlp.add_pipe("trnews_entities")(doc)
    # a role in capitals is a headline, and a currency owns no role
    assert [(e.start, e.label_) for e in doc.ents] == [(0, "ORG"), (2, "PER"), (5, "ORG")]


def test_resolved_ents_never_begin_or_end_on_whitespace():
    nlp, doc = _doc([("Angelina", "PER", True), ("  ", "PER", False), ("ve", None, False), ("\n", "LOC", True),
                     ("Midyat", "LOC", False), ("Türkiye", "LOC", True), ("  ", "LOC", False),
                     ("Ankara", "LOC", False)])
    nlp.add_pipe("trnews_entities")(doc)
    # inner whitespace stays: a double space inside a name is still one name
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(0, 1, "PER"), (4, 5, "LOC"), (5, 8, "LOC")]


def test_resolved_ents_drop_a_lone_currency_or_price_index():
    nlp, doc = _doc([("5", None, False), ("milyar", None, False), ("TL’ye", "ORG", True), ("ulaşan", None, False),
                     ("TÜFE", "ORG", True), ("ve", None, False), ("TL", "ORG", True), ("Bank", "ORG", False),
                     ("Dogecoin", "PER", True), ("TLK", "ORG", True)])
    nlp.add_pipe("trnews_entities")(doc)
    # a currency inside a longer name stays, and so does a name that only starts like one
    assert [(e.text, e.label_) for e in doc.ents] == [("TL Bank", "ORG"), ("TLK", "ORG")]


def test_resolved_ents_drop_a_person_that_is_a_model_code():
    nlp, doc = _doc([("Mitsubishi", "ORG", True), ("L200", "PER", True), ("ve", None, False), ("X5’in", "PER", True),
                     ("ile", None, False), ("2Pac", "PER", True), ("ve", None, False), ("A321", "ORG", True),
                     ("III.", "PER", True), ("Selim", "PER", False)])
    nlp.add_pipe("trnews_entities")(doc)
    # a stage name starting with a digit, a code NER calls a body, and a regnal number stay
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Mitsubishi", "ORG"), ("2Pac", "PER"), ("A321", "ORG"), ("III. Selim", "PER")
    ]


def test_resolved_ents_drop_a_bare_organ_and_the_constitution():
    nlp, doc = _doc([("Genel", "ORG", True), ("Kurulu'nda", "ORG", False), ("TİM", "ORG", True), ("Genel", "ORG", False),
                     ("Kurulu", "ORG", False), ("Anayasa'nın", "LOC", True), ("Anayasa", "ORG", True),
                     ("Mahkemesi", "ORG", False), ("Yüksek", "ORG", True), ("Seçim", "ORG", False), ("Kurulu", "ORG", False)])
    nlp.add_pipe("trnews_entities")(doc)
    # an organ with its owner, the constitutional court and a board with a name of its own stay
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("TİM Genel Kurulu", "ORG"), ("Anayasa Mahkemesi", "ORG"), ("Yüksek Seçim Kurulu", "ORG")
    ]


def test_resolved_persons_lose_an_honorific_after_the_name():
    nlp, doc = _doc([("Şevket", "PER", True), ("beye", "PER", False), ("ve", None, False), ("Meltem", "PER", True),
                     ("Hanım’ın", "PER", False), ("ile", None, False), ("Mithat", "PER", True), ("Paşa", "PER", False),
                     ("ve", None, False), ("Ali", "PER", True), ("Beyaz", "PER", False), ("Bey", "PER", True)])
    nlp.add_pipe("trnews_entities")(doc)
    # `Paşa` is part of historic names in the training data; `Beyaz` is a surname; a lone `Bey` stays
    assert [e.text for e in doc.ents] == ["Şevket", "Meltem", "Mithat Paşa", "Ali Beyaz", "Bey"]


def test_a_person_run_into_a_place_the_document_names_is_split():
    # a headline without the comma: the NER read the person and the place as one place
    nlp, doc = _doc([("İbrahim", "LOC", True), ("Kalın", "LOC", False), ("Şam'da", "LOC", False), ("!", None, False),
                     ("İbrahim", "PER", True), ("Kalın", "PER", False), ("Şam'a", "LOC", True), ("gitti", None, False)])
    nlp.add_pipe("trnews_entities")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("İbrahim Kalın", "PER"), ("Şam'da", "LOC"), ("İbrahim Kalın", "PER"), ("Şam'a", "LOC")
    ]
    assert [e._.canonical for e in doc.ents] == ["İbrahim Kalın", "Şam"] * 2


def test_names_that_contain_a_person_stay_whole():
    # the head noun of a body named after a person is no name of its own; a full name keeps its surname
    nlp, doc = _doc([("Recep", "ORG", True), ("Tayyip", "ORG", False), ("Erdoğan", "ORG", False),
                     ("Üniversitesi", "ORG", False), ("ve", None, False), ("Recep", "PER", True), ("Tayyip", "PER", False),
                     ("Erdoğan", "PER", False), ("ile", None, False), ("Mustafa", "PER", True), ("Kemal", "PER", False),
                     ("Atatürk", "PER", False), ("ve", None, False), ("Mustafa", "PER", True), ("Kemal", "PER", False),
                     ("ve", None, False), ("Atatürk", "PER", True)])
    nlp.add_pipe("trnews_entities")(doc)
    assert ("Recep Tayyip Erdoğan Üniversitesi", "ORG") in [(e.text, e.label_) for e in doc.ents]
    assert ("Mustafa Kemal Atatürk", "PER") in [(e.text, e.label_) for e in doc.ents]


def test_an_outlet_signing_a_line_is_a_body():
    nlp, doc = _doc([("RADİKAL", "ORG", True), ("-", "ORG", False), ("Yale", "ORG", False), ("Üniversitesi", "ORG", False),
                     ("açıkladı", None, False), (".", None, False), ("\n", None, False), ("Sabah", None, False),
                     ("erken", None, False), ("\n", None, False), ("İstanbul", "LOC", True), ("DHA", None, False),
                     ("\n", None, False), ("TRT", "ORG", True), ("\n", "ORG", False), ("Spor", "ORG", False),
                     ("\n", None, False), ("(", None, False), ("Cihan", "PER", True), (")", None, False)])
    nlp.add_pipe("trnews_entities")(doc)
    # a dateline splits the entity it began; `Sabah` on a line with lower-case words is the
    # morning; `TRT` broken over two lines is part of a longer name
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("RADİKAL", "ORG"), ("Yale Üniversitesi", "ORG"), ("İstanbul", "LOC"), ("DHA", "ORG"),
        ("TRT \n Spor", "ORG"), ("Cihan", "ORG"),
    ]


def test_unresolved_ents_stay_as_ner_left_them():
    nlp, doc = _olpak_doc()
    before = [(e.start, e.end, e.label_) for e in doc.ents]
    nlp.add_pipe("trnews_entities", config={"resolve_ents": False})(doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == before
    assert [m[2] for m in doc.user_data[trnews_nlp.entities.MENTIONS_KEY]] == ["PER", "PER", "PER"]


def test_helpers():
    assert acronym_of(["Milli", "İstihbarat", "Teşkilatı"]) == "MİT"
    assert acronym_of(["Türkiye", "Odalar", "ve", "Borsalar", "Birliği"]) == "TOBB"
    assert strip_glued_suffix("Erdoğandan", ["Erdoğan"]) == "Erdoğan"
    assert strip_glued_suffix("Erdoğandan", []) == "Erdoğandan"
    assert strip_glued_suffix("Kalın", ["Kal"]) == "Kalın"


def test_canonical_survives_to_bytes():
    nlp, doc = _doc([("Ahmet", "PER", True), ("Davutoğlu", "PER", False), ("dedi", None, False),
                     ("Davutoğlu", "PER", True)])
    nlp.add_pipe("trnews_entities")(doc)
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [e._.canonical for e in restored.ents] == ["Ahmet Davutoğlu", "Ahmet Davutoğlu"]


def test_headline_capitals_take_the_article_spelling():
    _, doc = _doc([("TÜRKİYE", "LOC", True), ("kazandı", None, False), ("Türkiye", "LOC", True),
                   ("MİT", "ORG", True)])
    assert [name for _, _, name in canonical_names(doc)] == ["Türkiye", "Türkiye", "MİT"]


def test_acronym_tagged_as_a_person_still_joins_its_body():
    _, doc = _doc([("BMD", "PER", True), ("açıkladı", None, False), ("Birleşmiş", "ORG", True),
                   ("Markalar", "ORG", False), ("Derneği", "ORG", False)])
    assert canonical_names(doc)[0][2] == "Birleşmiş Markalar Derneği"


def test_surname_in_capitals_is_not_an_acronym():
    _, doc = _doc([("ERDOĞAN", "PER", True), (":", None, False), ("Recep", "PER", True),
                   ("Tayyip", "PER", False), ("Erdoğan", "PER", False)])
    assert canonical_names(doc)[0][2] == "Recep Tayyip Erdoğan"


def test_headline_word_glued_before_a_name_is_dropped():
    _, doc = _doc([("EĞİTİM", "PER", True), ("Şimşek", "PER", False), ("dedi", None, False),
                   ("Mehmet", "PER", True), ("Şimşek", "PER", False)])
    assert [name for _, _, name in canonical_names(doc)] == ["Mehmet Şimşek", "Mehmet Şimşek"]


def test_untagged_acronym_of_a_body_is_a_mention():
    from trnews_nlp.entities import MENTIONS_KEY

    nlp, doc = _doc([("BMD", None, False), (":", None, False), ("Birleşmiş", "ORG", True),
                     ("Markalar", "ORG", False), ("Derneği", "ORG", False), ("açıkladı", None, False)])
    nlp.add_pipe("trnews_entities")(doc)
    assert [0, 1, "ORG", "Birleşmiş Markalar Derneği"] in doc.user_data[MENTIONS_KEY]


def test_acronym_in_brackets_names_a_long_form_ner_cut_short():
    """`[Türkiye Odalar] ve Borsalar Birliği (TOBB)`: the initials before the bracket spell TOBB."""
    nlp, doc = _doc(
        [("Türkiye", "ORG", True), ("Odalar", "ORG", False), ("ve", None, False), ("Borsalar", None, False),
         ("Birliği", None, False), ("(", None, False), ("TOBB", "ORG", True), (")", None, False),
         ("açıkladı", None, False), (".", None, False), ("TOBB", "ORG", True), ("ekledi", None, False)]
    )
    nlp.add_pipe("trnews_entities")(doc)
    assert [e._.canonical for e in doc.ents][1:] == ["Türkiye Odalar ve Borsalar Birliği"] * 2


def test_bracketed_acronym_needs_matching_initials():
    nlp, doc = _doc(
        [("Yeni", None, False), ("Program", None, False), ("(", None, False), ("TOBB", "ORG", True),
         (")", None, False), ("açıkladı", None, False)]
    )
    nlp.add_pipe("trnews_entities")(doc)
    assert [e._.canonical for e in doc.ents] == ["TOBB"]


@pytest.mark.slow
def test_user_article_headline_names(nlp, user_article):
    # `MİT Başkanı İbrahim Kalın Şam'da!`: the NER reads one place; resolving splits person and city
    doc = nlp(user_article)
    headline = [(e.text, e.label_) for e in doc.ents if e.end_char < user_article.index("Son dakika")]
    assert ("İbrahim Kalın", "PER") in headline and ("Şam'da", "LOC") in headline
    assert not any("Kalın Şam" in text for text, _ in headline)


# --- Bodies read from their structure (`trnews_nlp.organisations`) and the name lists ---------------


def _resolved(words_labels, **config):
    nlp, doc = _doc(words_labels)
    nlp.add_pipe("trnews_entities", config=config)(doc)
    return [(e.text, e.label_) for e in doc.ents]


def _words(text, tags=None):
    """(word, label, begins) triples from a sentence; `tags` maps a word index to (label, begins)."""
    tags = tags or {}
    return [(w, *tags.get(i, (None, False))) for i, w in enumerate(text.split())]


def test_untagged_compound_bodies_are_read_back_from_their_head_noun():
    words = _words("bugün Tarım ve Orman Bakanlığı ile İstanbul Ticaret Odası ve Ankara 10. İş Mahkemesi açıklama yaptı .")
    assert _resolved(words) == [
        ("Tarım ve Orman Bakanlığı", "ORG"), ("İstanbul Ticaret Odası", "ORG"), ("Ankara 10. İş Mahkemesi", "ORG"),
    ]


def test_a_name_cut_before_the_rest_of_its_body_joins_it():
    words = _words(
        "Yargıtay 22. Hukuk Dairesi ile Kültür ve Turizm Bakanlığı Güzel Sanatlar Genel Müdürlüğü ve İzmir İl Seçim Kurulu",
        {0: ("ORG", True), 5: ("ORG", True), 6: ("ORG", False), 7: ("ORG", False), 8: ("ORG", False), 14: ("LOC", True)},
    )
    assert _resolved(words) == [
        ("Yargıtay 22. Hukuk Dairesi", "ORG"),
        ("Kültür ve Turizm Bakanlığı Güzel Sanatlar Genel Müdürlüğü", "ORG"),
        ("İzmir İl Seçim Kurulu", "ORG"),
    ]


def test_a_list_of_two_bodies_is_not_joined():
    words = _words("IMF ve Dünya Bankası ile Rend Francke ve Washington Enstitüsü", {
        0: ("ORG", True), 2: ("ORG", True), 3: ("ORG", False), 5: ("PER", True), 6: ("PER", False),
        8: ("ORG", True), 9: ("ORG", False)})
    assert _resolved(words) == [
        ("IMF", "ORG"), ("Dünya Bankası", "ORG"), ("Rend Francke", "PER"), ("Washington Enstitüsü", "ORG"),
    ]


def test_two_bodies_stay_two():
    # `ve` after a head noun, a title before a body and an untagged word before NER's own name end them
    words = _words(
        "Tarım Bakanlığı ve Orman Bakanlığı , Yönetim Kurulu Üyesi ve Letonya Merkez Bankası , Alman Mannheim Üniversitesi",
        {0: ("ORG", True), 1: ("ORG", False), 15: ("ORG", True), 16: ("ORG", False)},
    )
    assert _resolved(words) == [
        ("Tarım Bakanlığı", "ORG"), ("Orman Bakanlığı", "ORG"), ("Letonya Merkez Bankası", "ORG"),
        ("Mannheim Üniversitesi", "ORG"),
    ]


def test_an_office_after_a_one_word_body_is_no_body():
    words = _words("Meclis Başkanlığı seçimi yapıldı", {0: ("ORG", True)})
    assert _resolved(words) == [("Meclis", "ORG")]


def test_an_organ_without_an_owner_or_its_own_name_is_not_read_as_a_body():
    words = _words("Genel Kurulu'nda konuştu , Sermaye Piyasası Kurulu karar verdi")
    assert _resolved(words) == [("Sermaye Piyasası Kurulu", "ORG")]


def test_a_country_code_after_a_club_is_no_short_name():
    words = _words("Dundalk FC ( IRL ) ile oynayacak", {0: ("ORG", True), 1: ("ORG", False)})
    assert _resolved(words) == [("Dundalk FC", "ORG")]


def test_a_bracketed_acronym_after_a_body_is_its_short_name():
    words = _words("Türkiye İstatistik Kurumu ( TÜİK ) verilerine göre TÜİK yeni rakamlar açıkladı")
    nlp, doc = _doc(words)
    nlp.add_pipe("trnews_entities")(doc)
    assert [(e.text, e.label_, e._.canonical) for e in doc.ents] == [
        ("Türkiye İstatistik Kurumu", "ORG", "Türkiye İstatistik Kurumu"),
        ("TÜİK", "ORG", "Türkiye İstatistik Kurumu"),
        ("TÜİK", "ORG", "Türkiye İstatistik Kurumu"),
    ]


def test_a_body_inside_a_persons_title_becomes_a_body_and_a_person():
    words = _words(
        "Gazi Üniversitesi Öğretim Üyesi Ayşe Kaya ile Dekan Cenk Aydın ve Opr. Dr. Ali Can",
        {0: ("ORG", True), **{i: ("ORG", False) for i in range(1, 6)}, 7: ("PER", True), 8: ("PER", False),
         9: ("PER", False), 11: ("PER", True), 12: ("PER", False), 13: ("PER", False), 14: ("PER", False)},
    )
    assert _resolved(words) == [
        ("Gazi Üniversitesi", "ORG"), ("Ayşe Kaya", "PER"), ("Cenk Aydın", "PER"), ("Ali Can", "PER"),
    ]


def test_a_body_and_its_board_is_the_body():
    words = _words("Avrupa Merkez Bankası Yönetim Kurulu toplandı", {0: ("ORG", True), 1: ("ORG", False),
                                                                  2: ("ORG", False), 3: ("ORG", False), 4: ("ORG", False)})
    assert _resolved(words) == [("Avrupa Merkez Bankası", "ORG")]


def _gazetteer_doc(words_labels, lists):
    """Resolve with a small hand-made gazetteer instead of the shipped one."""
    from trnews_nlp.entities import EntityCanonicalizer
    from trnews_nlp.gazetteer import Gazetteer

    nlp, doc = _doc(words_labels)
    component = EntityCanonicalizer(nlp, gazetteer=False)
    component.gazetteer = Gazetteer(lists)
    component(doc)
    return [(e.text, e.label_) for e in doc.ents]


def test_companies_with_a_sector_noun_or_legal_form():
    lists = {"org": ["kervan gıda"], "first": ["ayşe"], "last": ["kaya"]}
    words = _words(
        "Dün Kervan Gıda A.Ş. ile Süper Lig A.Ş. ve Koç Holding anlaştı ; A.Ş. payları",
        {1: ("PER", True), 5: ("ORG", True), 6: ("ORG", False), 7: ("LOC", True), 9: ("PER", True), 13: ("LOC", True)},
    )
    assert _gazetteer_doc(words, lists) == [
        ("Kervan Gıda A.Ş.", "ORG"), ("Süper Lig A.Ş.", "ORG"), ("Koç Holding", "ORG"),
    ]


def test_a_sector_noun_after_an_untagged_common_word_makes_no_company():
    # no tagger here: an untagged word before a sector noun needs the list (or a PROPN tag); a
    # sector noun that modifies a following name makes no company either
    assert _gazetteer_doc(_words("yeni Sanatsal Tekstil ürünleri"), {"org": []}) == []
    words = _words("Filistin Enerji Bakanı geldi", {0: ("LOC", True)})
    assert _gazetteer_doc(words, {"org": []}) == [("Filistin", "LOC")]
    assert _gazetteer_doc(_words("yeni Kervan Gıda ürünleri"), {"org": ["kervan gıda"]}) == [("Kervan Gıda", "ORG")]


def test_listed_names_are_bodies():
    lists = {"org": ["ford otosan", "yasemin akat", "bilgi teknolojileri"], "first": ["yasemin"], "last": ["akat"]}
    words = _words(
        "satın alan Ford Otosan ve Yasemin Akat ile ford otosan ; Bilgi Teknolojileri ve İletişim Kurumu",
        {5: ("PER", True), 6: ("PER", False)},
    )
    # the untagged run in the list becomes a body; a person's name the list also holds stays a
    # person; lower-case words are never read as a name; a listed run inside a longer name is no body
    assert _gazetteer_doc(words, lists) == [
        ("Ford Otosan", "ORG"), ("Yasemin Akat", "PER"), ("Bilgi Teknolojileri ve İletişim Kurumu", "ORG"),
    ]


def test_the_lists_vote_a_label_for_names_no_mention_calls_a_body():
    lists = {
        "org": ["tesla", "taksim"], "region": ["yemen"], "loc": ["yemen", "bahçeli"], "place_names": ["taksim"],
        "first": ["ahmet"], "last": ["yılmaz"],
    }
    words = _words(
        "Tesla ve Yemen ile Ahmet Yılmaz , Bahçeli ve Taksim",
        {0: ("PER", True), 2: ("PER", True), 4: ("PER", True), 5: ("PER", False), 7: ("PER", True), 9: ("PER", True)},
    )
    # a district (`Bahçeli`, also a party leader) is no evidence of a place; a place is never a body
    assert _gazetteer_doc(words, lists) == [
        ("Tesla", "ORG"), ("Yemen", "LOC"), ("Ahmet Yılmaz", "PER"), ("Bahçeli", "PER"), ("Taksim", "PER"),
    ]
    # without the lists NER's labels stand
    assert _resolved(words, gazetteer=False)[:3] == [("Tesla", "PER"), ("Yemen", "PER"), ("Ahmet Yılmaz", "PER")]


def test_a_listed_surname_the_ner_left_out_joins_the_person():
    from trnews_nlp.entities import with_listed_surnames
    from trnews_nlp.gazetteer import Gazetteer

    lists = Gazetteer({"first": ["nilgün", "serap"], "last": ["üstün", "kaya"], "loc": ["kaya"]})
    _, doc = _doc(_words("Nilgün Serap Üstün de konuştu", {0: ("PER", True), 1: ("PER", False)}))
    assert [e.text for e in with_listed_surnames(doc, doc.ents, lists)] == ["Nilgün Serap Üstün"]
    # not when the word continues a capitalised run, is a listed place, or the person ends in a suffix
    for text in ("Nilgün Serap Üstün Holding açıkladı", "Nilgün Serap Kaya yolunda", "Nilgün Serap'ın Üstün yanı"):
        _, doc = _doc(_words(text, {0: ("PER", True), 1: ("PER", False)}))
        assert [e.text for e in with_listed_surnames(doc, doc.ents, lists)] == [doc[0:2].text]


def _with_canonical(words_labels):
    nlp, doc = _doc(words_labels)
    doc = nlp.add_pipe("trnews_entities")(doc)
    return [(e.text, e.label_, e._.canonical) for e in doc.ents]


def test_a_person_run_across_the_clitic_into_the_next_name_is_split():
    # `Mustafa Semerci de Özil'in ...`: the clitic "too" is no part of a name; both sides are names
    # the article uses on their own, so each `Özil` keeps its own canonical name.
    ents = _with_canonical(
        [("Başkan", None, False), ("Mustafa", "PER", True), ("Semerci", "PER", False), ("de", "PER", False),
         ("Özil'in", "PER", False), ("adını", None, False), ("andı", None, False), (".", None, False),
         ("Özil", "PER", True), ("geldi", None, False), (".", None, False), ("Semerci", "PER", True),
         ("konuştu", None, False)]
    )
    assert ents == [("Mustafa Semerci", "PER", "Mustafa Semerci"), ("Özil'in", "PER", "Özil"),
                    ("Özil", "PER", "Özil"), ("Semerci", "PER", "Mustafa Semerci")]


def test_a_name_with_a_particle_stays_whole():
    # `Nigel de Jong` is later `Jong`, but a lone first name before the particle is no person alone.
    ents = _with_canonical(
        [("Nigel", "PER", True), ("de", "PER", False), ("Jong", "PER", False), ("geldi", None, False),
         (".", None, False), ("Jong", "PER", True), ("konuştu", None, False)]
    )
    assert [name for _, _, name in ents] == ["Nigel de Jong", "Nigel de Jong"]


def test_a_surname_in_capitals_is_the_person_and_votes_for_that_label():
    # Headings write the speaker's surname in capitals and NER calls it a body; two such headings
    # must not outvote the person's one mention in running text.
    ents = _with_canonical(
        [("AKGÜL", "ORG", True), (":", None, False), ("Kazandık", None, False), ("AKGÜL", "ORG", True),
         (":", None, False), ("Söz", None, False), ("verdim", None, False), ("Güreşçi", None, False),
         ("Taha", "PER", True), ("Akgül", "PER", False), ("konuştu", None, False)]
    )
    assert ents == [("AKGÜL", "PER", "Taha Akgül"), ("AKGÜL", "PER", "Taha Akgül"), ("Taha Akgül", "PER", "Taha Akgül")]
