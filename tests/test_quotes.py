"""Quote detection and attribution (`trnews_quotes`) on sentences written for these tests.

Entities are set by hand (names listed per test), so the rules are tested without a trained NER;
the pipeline is the project tokenizer plus `trnews_entities` and `trnews_quotes`.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional

import pytest
import spacy
from spacy.tokens import Doc
from spacy.util import filter_spans

import trnews_nlp.entities  # noqa: F401  (registers trnews_entities)
import trnews_nlp.quotes.component  # noqa: F401  (registers trnews_quotes and Doc._.quotes)
from trnews_nlp.document import doc_to_dict
from trnews_nlp.quotes.lexicon import CueLexicon, DEFAULT_CUES, load_entries, verb_form
from trnews_nlp.quotes.marks import find_quoted


def _pipeline(**config):
    nlp = spacy.blank("tr")
    try:
        from trnews_nlp.tokenizer import create_tokenizer

        nlp.tokenizer = create_tokenizer()(nlp)
    except ImportError:
        pass
    nlp.add_pipe("trnews_entities")
    nlp.add_pipe("trnews_quotes", config=config)
    return nlp


NLP = _pipeline()


def run(text: str, names: Optional[Dict[str, str]] = None, nlp=NLP) -> Doc:
    """Tag every occurrence of each name (whole tokens) and run the quote pipeline."""
    doc = nlp.make_doc(text)
    spans = []
    for surface, label in (names or {}).items():
        for m in re.finditer(re.escape(surface), text):
            span = doc.char_span(m.start(), m.end(), label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    doc.ents = filter_spans(spans)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def quotes(text: str, names: Optional[Dict[str, str]] = None, nlp=NLP) -> List[dict]:
    return doc_to_dict(run(text, names, nlp))["quotes"]


def speaker(q: dict) -> Optional[str]:
    return q["speaker"]["name"] if q["speaker"] else None


# ---------------------------------------------------------------------------------------------
# Direct quotes

MARKS = [('"', '"'), ("“", "”"), ("«", "»"), ("‘", "’"), ("''", "''"), ("„", "“"), ("\u0093", "\u0094"), ("'", "'")]


@pytest.mark.parametrize("open_mark,close_mark", MARKS)
def test_direct_quote_in_every_quote_character(open_mark, close_mark):
    text = f"Bakan Ayşe Demir, {open_mark}Yarın yeni paketi açıklayacağız.{close_mark} dedi."
    found = quotes(text, {"Ayşe Demir": "PER"})
    assert len(found) == 1
    q = found[0]
    assert q["type"] == "direct"
    assert q["text"].startswith("Yarın yeni paketi açıklayacağız")
    assert q["cue"]["text"] == "dedi"
    assert speaker(q) == "Ayşe Demir"
    assert q["speaker"]["title"] == "Bakan"
    assert q["speaker"]["mention"]["text"] == "Ayşe Demir"


def test_same_mark_nested_inside_a_quote_stays_inside():
    text = 'Demir, "Bazıları "önce kriz, sonra çözüm" mantığıyla hareket ediyor. Biz bunu kabul etmiyoruz." dedi.'
    found = quotes(text, {"Demir": "PER"})
    assert len(found) == 1
    assert found[0]["text"].startswith("Bazıları") and found[0]["text"].endswith("etmiyoruz.")
    assert speaker(found[0]) == "Demir"


def test_nested_quote_with_its_own_cue_is_a_separate_quote():
    text = "Demir, \"Görüşmede Kaya bana 'sorun yok' dedi. Biz de buna güvendik.\" ifadelerini kullandı."
    found = quotes(text, {"Demir": "PER", "Kaya": "PER"})
    # The tokenizer may keep an ASCII mark glued to the word (`'sorun`); marks are not content.
    by_text = {q["text"].strip("'"): q for q in found}
    assert "sorun yok" in by_text
    assert speaker(by_text["sorun yok"]) == "Kaya"
    outer = [q for q in found if q["text"].startswith("Görüşmede")]
    assert len(outer) == 1 and speaker(outer[0]) == "Demir"
    assert outer[0]["cue"]["text"] == "ifadelerini kullandı"


def test_unclosed_quote_ends_at_its_paragraph():
    text = 'Demir şunları söyledi: "Bütçe hazır. Meclis onaylayacak.\n\nToplantı iki saat sürdü.'
    found = quotes(text, {"Demir": "PER"})
    assert [q["text"] for q in found] == ["Bütçe hazır. Meclis onaylayacak."]
    assert speaker(found[0]) == "Demir"
    assert found[0]["cue"]["text"] == "söyledi"


def test_multi_paragraph_quote_is_one_quote():
    text = 'Vali Ali Kurt şöyle konuştu:\n"Birinci paragrafta yolları anlattık.\nİkinci paragrafta köprüleri anlatıyoruz."\n'
    found = quotes(text, {"Ali Kurt": "PER"})
    assert len(found) == 1
    assert "Birinci" in found[0]["text"] and "köprüleri" in found[0]["text"]
    assert found[0]["cue"]["text"] == "konuştu"
    assert speaker(found[0]) == "Ali Kurt"


def test_heading_inside_a_running_quote_splits_it():
    text = (
        'Kurt şunları söyledi:\n"Yollar bitti. Köprüler de bitmek üzere.\n'
        "Kurt'tan yeni proje\n"
        'Gelecek yıl tünellere başlıyoruz."\n'
    )
    found = quotes(text, {"Kurt": "PER"})
    assert [q["text"] for q in found] == ["Yollar bitti. Köprüler de bitmek üzere.", "Gelecek yıl tünellere başlıyoruz."]
    assert {speaker(q) for q in found} == {"Kurt"}


def test_quote_split_by_narration_gives_two_quotes_with_one_speaker():
    text = 'Ekonomi Bakanı Can Aksoy, "Hedefimiz büyümek" dedi ve ekledi: "Yatırımlar sürecek."'
    found = quotes(text, {"Can Aksoy": "PER"})
    assert [q["text"] for q in found] == ["Hedefimiz büyümek", "Yatırımlar sürecek."]
    assert [speaker(q) for q in found] == ["Can Aksoy", "Can Aksoy"]
    assert found[1]["cue"]["text"] == "ekledi"


def test_scare_quotes_and_titles_are_not_quotes():
    assert quotes('Şirket "yeşil dönüşüm" kapsamında yeni bir fabrika açtı.') == []
    assert quotes("Yönetmen Ali Can'ın 'Sessiz Deniz' filmi dün ödül aldı.", {"Ali Can'ın": "PER"}) == []


def test_multiword_cue_across_doubled_spaces():
    found = quotes("Demir, vergilerin düşeceğini ifade    etti.", {"Demir": "PER"})
    assert found[0]["cue"]["text"] == "ifade    etti"


def test_diye_konustu_cue():
    found = quotes('Demir, "Kimse endişe etmesin" diye konuştu.', {"Demir": "PER"})
    assert found[0]["cue"]["text"] == "diye konuştu" and speaker(found[0]) == "Demir"


def test_participle_cue_takes_the_speaker_after_it():
    found = quotes('"Süreç iyi gidiyor" diyen Vali Ali Kurt, yeni yatırımları anlattı.', {"Ali Kurt": "PER"})
    assert found[0]["cue"]["text"] == "diyen"
    assert speaker(found[0]) == "Ali Kurt"


def test_dropped_subject_takes_the_previous_speaker():
    text = 'Bakan Ayşe Demir dün Ankara\'da konuştu. "Süreç iyi gidiyor" dedi.'
    found = quotes(text, {"Ayşe Demir": "PER", "Ankara'da": "LOC"})
    assert len(found) == 1
    assert speaker(found[0]) == "Ayşe Demir"
    assert found[0]["speaker"]["mention"]["text"] == "Ayşe Demir"


def test_speaker_after_a_finite_cue():
    found = quotes('"Hazırız," dedi Bakan Ali Kurt.', {"Ali Kurt": "PER"})
    assert speaker(found[0]) == "Ali Kurt" and found[0]["speaker"]["title"] == "Bakan"


def test_name_after_a_reporting_participle_that_ner_took_for_a_place():
    text = ("Aşının önemli olduğunu söyleyen Ceyhan, yeni takvimi anlattı. "
            "Ceyhan, aşının ücretsiz olacağını belirtti.")
    found = quotes(text, {"Ceyhan": "LOC"})
    assert [speaker(q) for q in found] == ["Ceyhan", "Ceyhan"]
    assert found[1]["text"] == "aşının ücretsiz olacağını"


def test_untagged_name_after_a_title():
    text = "Ekonomist Selin Arıkan'a göre faizler gelecek ay düşecek. Arıkan, enflasyonun gerileyeceğini söyledi."
    found = quotes(text)
    assert [speaker(q) for q in found] == ["Selin Arıkan", "Selin Arıkan"]
    assert found[0]["speaker"]["title"] == "Ekonomist"
    assert quotes("Yönetim Kurulu Başkanı Ticaret Odası adına konuştu.") == []


def test_plural_dropped_subject_prefers_a_group():
    text = ("Uzmanlar, faizlerin düşeceğini söyledi. Bakan Demir, bütçenin hazır olduğunu belirtti. "
            "Enflasyonun da gerileyeceğini açıkladılar.")
    found = quotes(text, {"Demir": "PER"})
    assert [speaker(q) for q in found] == ["uzmanlar", "Demir", "uzmanlar"]


def test_quoted_subheading_inside_an_introduced_speech_has_no_mention():
    text = 'Kurt şöyle devam etti:\n"YOLLAR BİTTİ"\n"Köprüler de gelecek yıl bitecek."\n'
    found = quotes(text, {"Kurt": "PER"})
    assert [q["text"] for q in found] == ["YOLLAR BİTTİ", "Köprüler de gelecek yıl bitecek."]
    assert found[0]["cue"] is None and found[0]["speaker"]["mention"] is None and speaker(found[0]) == "Kurt"
    assert found[1]["cue"]["text"] == "devam etti" and found[1]["speaker"]["mention"]["text"] == "Kurt"


def test_cp1252_marks_and_flattened_headlines():
    text = 'Demir konuştu. \u0093HEDEF BÜYÜME\u0094 Demir, \u0093Büyüme sürecek.\u0094 dedi.'
    found = quotes(text, {"Demir": "PER"})
    assert [q["text"] for q in found] == ["HEDEF BÜYÜME", "Büyüme sürecek."]
    assert found[0]["cue"] is None and speaker(found[0]) == "Demir"


def test_colon_headline():
    found = quotes("Demir: Bütçe hazır\n\nBakan Demir açıklama yaptı.", {"Demir": "PER"})
    assert found[0]["text"] == "Bütçe hazır"
    assert found[0]["cue"] is None and speaker(found[0]) == "Demir"


def test_colon_headline_with_a_source_in_the_ablative():
    text = "Bakan Cem Yurt geldi.\n\nBakan Yurttan enerji açıklaması: Kışa hazırız"
    found = quotes(text, {"Cem Yurt": "PER"})
    assert [q["text"] for q in found] == ["Kışa hazırız"]
    assert speaker(found[0]) == "Cem Yurt"


# ---------------------------------------------------------------------------------------------
# Indirect quotes


@pytest.mark.parametrize(
    "sentence,content,cue",
    [
        ("Bakan Demir, bütçenin hazır olduğunu belirtti.", "bütçenin hazır olduğunu", "belirtti"),
        ("Demir, vergilerin düşeceğini söyledi.", "vergilerin düşeceğini", "söyledi"),
        ("Demir, herkesin sakin olmasını istedi.", "herkesin sakin olmasını", "istedi"),
        ("Demir, yatırımların süreceğini ifade etti.", "yatırımların süreceğini", "ifade etti"),
        ("Demir, sorunun çözüleceğinin altını çizdi.", "sorunun çözüleceğinin", "altını çizdi"),
        ("Demir, firmaların bu alana yatırım yaptığına değindi.", "firmaların bu alana yatırım yaptığına", "değindi"),
    ],
)
def test_indirect_with_nominalised_complement(sentence, content, cue):
    found = quotes(sentence, {"Demir": "PER"})
    assert len(found) == 1
    q = found[0]
    assert (q["type"], q["text"], q["cue"]["text"], speaker(q)) == ("indirect", content, cue, "Demir")


def test_two_clauses_in_one_sentence():
    text = "Demir, ihracatın arttığını belirterek yeni pazarların açılacağını söyledi."
    found = quotes(text, {"Demir": "PER"})
    assert [q["text"] for q in found] == ["ihracatın arttığını", "yeni pazarların açılacağını"]
    assert [speaker(q) for q in found] == ["Demir", "Demir"]


def test_participle_indirect():
    found = quotes("Vergilerin düşeceğini söyleyen Demir, yeni adımlar açıkladı.", {"Demir": "PER"})
    assert found[0]["text"] == "Vergilerin düşeceğini" and speaker(found[0]) == "Demir"


def test_gore_with_a_source_and_not_with_data():
    found = quotes("Uzmanlara göre, faizler gelecek ay düşecek.")
    assert len(found) == 1
    assert found[0]["text"] == "faizler gelecek ay düşecek"
    assert found[0]["speaker"]["name"] == "uzmanlar" and found[0]["speaker"]["label"] == "OTHER"
    assert quotes("Verilere göre, enflasyon geçen ay geriledi.") == []
    assert quotes("Satışlar geçen yıla göre yüzde beş arttı.") == []


def test_gore_with_a_two_word_report():
    (found,) = quotes("Uzmanlara göre, faizler düşecek.")
    assert found["text"] == "faizler düşecek" and speaker(found) == "uzmanlar"
    (found,) = quotes("Bakan Kaya'ya göre, faizler düşecek.", {"Kaya'ya": "PER"})
    assert speaker(found) == "Kaya"


def test_gore_with_the_owner_of_a_statement():
    found = quotes("Kurt'un açıklamasına göre, köprü yıl sonunda açılacak.", {"Kurt'un": "PER"})
    assert found[0]["text"] == "köprü yıl sonunda açılacak"
    assert speaker(found[0]) == "Kurt" and found[0]["cue"]["text"] == "göre"


def test_cues_match_on_lemmas_where_the_surface_is_irregular():
    doc = NLP.make_doc("Demir, bütçenin hazır olduğunu söyleyiverdi.")
    doc[5].lemma_ = "söyle"
    doc.ents = [spacy.tokens.Span(doc, 0, 1, label="PER")]
    for _, proc in NLP.pipeline:
        doc = proc(doc)
    assert [q.cue.text for q in doc._.quotes] == ["söyleyiverdi"]
    doc = NLP.make_doc("Demir, bütçenin hazır olduğunu söylemedi.")
    doc[5].lemma_ = "söyle"
    for _, proc in NLP.pipeline:
        doc = proc(doc)
    assert doc._.quotes == []  # a negative verb does not report


def test_dateline_is_not_content_and_first_person_is_not_a_report():
    found = quotes("RADİKAL - Çocukların sağlıklı beslenmesinin önemli olduğunu söyledi.", {"RADİKAL": "ORG"})
    assert found[0]["text"] == "Çocukların sağlıklı beslenmesinin önemli olduğunu"
    assert found[0]["speaker"] is None
    assert quotes("Herkesin dans etmesini öneriyorum.") == []


def test_passive_reporting_has_no_speaker():
    found = quotes("Toplantıda, bütçenin hazır olduğu belirtildi. Fiyatların artacağı iddia ediliyor.")
    assert [(q["text"], q["cue"]["text"], q["speaker"]) for q in found] == [
        ("bütçenin hazır olduğu", "belirtildi", None),
        ("Fiyatların artacağı", "iddia ediliyor", None),
    ]


def test_nominal_report():
    found = quotes("Demir'in ekonominin güçlü olduğunu hatırlatması dikkat çekti.", {"Demir": "PER"})
    assert found[0]["text"] == "ekonominin güçlü olduğunu"
    assert found[0]["cue"]["text"] == "hatırlatması" and speaker(found[0]) == "Demir"
    assert found[0]["speaker"]["mention"]["text"] == "Demir"


def test_mixed_quote():
    found = quotes('Bakan Demir, sürecin "tarihi bir adım" olduğunu söyledi.', {"Demir": "PER"})
    assert len(found) == 1 and found[0]["type"] == "mixed"
    assert found[0]["text"].startswith("sürecin") and speaker(found[0]) == "Demir"


def test_mixed_quote_joined_by_diyerek():
    found = quotes('Demir, "tuzakları bozduk" diyerek sürecin sürdüğünü söyledi.', {"Demir": "PER"})
    assert len(found) == 1 and found[0]["type"] == "mixed"
    assert "tuzakları bozduk" in found[0]["text"] and found[0]["text"].endswith("sürdüğünü")


def test_unmarked_speech_before_diye_konustu():
    found = quotes("Demir, bu yapılara asla göz yummayacağız diye konuştu.", {"Demir": "PER"})
    assert found[0]["type"] == "indirect" and found[0]["cue"]["text"] == "diye konuştu"


def test_colon_introduction_without_marks():
    text = "Ali Kurt'un haberinde şu iddialar ortaya atılmıştı:\n\nTörenin yarın yapılacağı konuşuluyor."
    found = quotes(text, {"Ali Kurt'un": "PER"})
    assert found[0]["text"].startswith("Törenin") and speaker(found[0]) == "Ali Kurt"


# ---------------------------------------------------------------------------------------------
# Speakers


def test_question_speaker_is_the_asker():
    text = 'Bakan Demir, bir basın mensubunun sorduğu "Süreç ne zaman biter?" sorusuna yanıt verdi.'
    found = quotes(text, {"Demir": "PER"})
    q = found[0]
    assert q["text"].startswith("Süreç ne zaman biter")
    assert q["speaker"]["name"] == "bir basın mensubu" and q["speaker"]["label"] == "OTHER"


def test_one_canonical_name_across_mentions():
    text = (
        'Başbakan Ali Veli Kaya, "Büyüyoruz." dedi. Kaya\'nın açıklaması ilgi gördü. '
        'Kaya, "Yatırımlar artacak." dedi.\nBaşbakan Kayadan yeni mesaj: Sabırlı olun'
    )
    found = quotes(text, {"Ali Veli Kaya": "PER", "Kaya": "PER"})
    assert [speaker(q) for q in found] == ["Ali Veli Kaya"] * 3
    assert [q["speaker"]["mention"]["text"] for q in found] == ["Ali Veli Kaya", "Kaya", "Kayadan"]


def test_untagged_repeat_of_a_name_is_still_the_speaker():
    text = 'Genel Müdür Selin Arıkan konuştu. Arıkan, "Kâr arttı." dedi.'
    found = quotes(text, {"Selin Arıkan": "PER"})
    assert speaker(found[0]) == "Selin Arıkan"
    assert found[0]["speaker"]["mention"]["text"] == "Arıkan"


def test_title_and_acronym():
    text = 'Milli İstihbarat Teşkilatı (MİT) Başkanı Ahmet Kaya, "Hazırız." dedi. MİT, "Görev sürüyor." açıklamasını yaptı.'
    found = quotes(text, {"Milli İstihbarat Teşkilatı": "ORG", "MİT,": "ORG", "Ahmet Kaya": "PER"})
    assert found[0]["speaker"]["title"].endswith("Başkanı")
    assert speaker(found[0]) == "Ahmet Kaya"


def test_clause_opening_subject_beats_names_in_a_list():
    text = "Kaya, CHP, MHP ve HDP'nin bildirgelerindeki vaatlerin benzer olduğunu kaydetti."
    found = quotes(text, {"Kaya": "PER", "CHP": "ORG", "MHP": "ORG", "HDP'nin": "ORG"})
    assert speaker(found[0]) == "Kaya"
    assert found[0]["text"].startswith("CHP")


def test_source_phrase_subject_beats_a_later_name():
    text = 'İklim kampanyacıları, Biden yönetimini suçlayarak "bu bir utanç" diye bağırdı.'
    found = quotes(text, {"Biden": "PER"})
    assert found[-1]["text"] == "bu bir utanç"
    assert found[-1]["speaker"]["name"] == "iklim kampanyacıları"


def test_repeated_headline_glued_into_the_body():
    text = "BMD: Satışlar düştü\n\nHaberler BMD: Satışlar düştü Birleşmiş Markalar Derneği yeni raporu yayımladı."
    found = quotes(text, {"BMD": "ORG", "Birleşmiş Markalar Derneği": "ORG"})
    assert [q["text"] for q in found] == ["Satışlar düştü", "Satışlar düştü"]
    assert {speaker(q) for q in found} == {"Birleşmiş Markalar Derneği"}


def test_source_phrase_subject_without_a_comma():
    found = quotes("Gelişmekte olan ülkeler anlaşmayı çok geç olarak değerlendirdi.")
    assert found[0]["text"] == "anlaşmayı çok geç olarak"
    assert found[0]["speaker"]["name"] == "gelişmekte olan ülkeler"


def test_setting_and_discourse_adverbs_are_not_content():
    found = quotes("Daha sonra Demir, açılış konuşmasında suyun önemli olduğunu belirtti.", {"Demir": "PER"})
    assert found[0]["text"] == "suyun önemli olduğunu"
    found = quotes("Daha sonra sürecin uzayacağı belirtildi.")
    assert found[0]["text"] == "sürecin uzayacağı"


def test_name_that_goes_on_is_not_a_bare_subject():
    found = quotes("MEB Stratejik Planı'nda payın artırılmasının amaçlandığını söyleyen Demir konuştu.",
                   {"MEB": "ORG", "Demir": "PER"})
    assert found[0]["text"].startswith("MEB Stratejik") and speaker(found[0]) == "Demir"


def test_title_in_marks_followed_by_a_noun_is_not_a_quote():
    assert quotes("'Sessiz Deniz' yazar Ali Can'ın son romanı.", {"Ali Can'ın": "PER"}) == []


def test_title_comes_from_another_mention_of_the_person():
    text = "MİT Başkanı İbrahim Kalın Şam'a gitti. Kalın'ın sürecin iyi gittiğini hatırlatması dikkat çekti."
    found = quotes(text, {"MİT": "ORG", "İbrahim Kalın": "PER", "Kalın'ın": "PER"})
    assert speaker(found[0]) == "İbrahim Kalın" and found[0]["speaker"]["title"] == "MİT Başkanı"
    assert found[0]["speaker"]["mention"]["text"] == "Kalın"


def test_long_titles_keep_brackets_and_ve():
    text = 'Birleşmiş Markalar Derneği (BMD) Başkanı Sinan Öncel, "Hazırız." dedi.'
    found = quotes(text, {"Birleşmiş Markalar Derneği": "ORG", "BMD": "ORG", "Sinan Öncel": "PER"})
    assert found[0]["speaker"]["title"] == "Birleşmiş Markalar Derneği (BMD) Başkanı"
    text = 'UNDP Türkiye İklim Değişikliği ve Çevre Portföy Yöneticisi Meral Arda, "Hazırız." dedi.'
    found = quotes(text, {"UNDP": "ORG", "Meral Arda": "PER"})
    assert found[0]["speaker"]["title"] == "UNDP Türkiye İklim Değişikliği ve Çevre Portföy Yöneticisi"


def test_sentence_opener_is_not_part_of_the_title():
    found = quotes('Dün Bakan Ali Kurt, "Hazırız." dedi.', {"Ali Kurt": "PER"})
    assert found[0]["speaker"]["title"] == "Bakan"


def test_subject_before_a_body_in_the_title():
    text = 'AK Parti Genel Başkanı Ahmet Kaya, seçimin yapılacağını söyledi.'
    found = quotes(text, {"AK Parti": "ORG", "Ahmet Kaya": "PER"})
    assert speaker(found[0]) == "Ahmet Kaya"


def test_dependency_parse_gives_the_subject_of_an_inverted_sentence():
    words = ['"', "Hazırız", ".", '"', "dedi", "Demir", "."]
    heads = [1, 4, 1, 1, 4, 4, 4]
    deps = ["punct", "ccomp", "punct", "punct", "ROOT", "nsubj", "punct"]
    spaces = [False, False, False, True, True, False, False]
    doc = Doc(NLP.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    doc.ents = [spacy.tokens.Span(doc, 5, 6, label="PER")]
    for _, proc in NLP.pipeline:
        doc = proc(doc)
    (quote,) = doc._.quotes
    assert quote.content.text == "Hazırız."
    assert quote.speaker.name == "Demir" and quote.speaker.mention.text == "Demir"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", '"', '""', "'' '' ''", '" dedi.', 'dedi "', "şunları söyledi:", ":", "göre", "\u0093\u0094 \u0094"],
)
def test_degenerate_texts_do_not_fail(text):
    doc = run(text)
    assert all(q.content.text for q in doc._.quotes)


# ---------------------------------------------------------------------------------------------
# Component, storage, lexicon


def test_doc_attributes_span_groups_and_to_bytes():
    doc = run('Bakan Demir, "Hazırız." dedi.', {"Demir": "PER"})
    assert len(doc._.quotes) == 1
    quote = doc._.quotes[0]
    assert quote.content.text == "Hazırız." and quote.cue.text == "dedi"
    assert quote.speaker.name == "Demir" and quote.speaker.mention.text == "Demir"
    assert 0.0 <= quote.confidence <= 1.0
    assert [s.text for s in doc.spans["quotes"]] == ["Hazırız."]
    assert [s.text for s in doc.spans["cues"]] == ["dedi"]
    assert [s.text for s in doc.spans["speakers"]] == ["Demir"]
    restored = Doc(doc.vocab).from_bytes(doc.to_bytes())
    assert restored._.quotes == [
        type(quote)(restored[quote.content.start : quote.content.end], quote.type,
                    restored[quote.cue.start : quote.cue.end],
                    type(quote.speaker)("Demir", "PER", "Bakan", restored[quote.speaker.mention.start : quote.speaker.mention.end]),
                    quote.confidence, "direct_cue_explicit")
    ]


def test_offsets_index_the_original_text():
    text = "Bakan Demir’in ekonominin güçlü olduğunu hatırlatması dikkat çekti. Demir, “Hazırız.” dedi."
    record = doc_to_dict(run(text, {"Demir": "PER"}))
    for q in record["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
        assert text[q["cue"]["start"] : q["cue"]["end"]] == q["cue"]["text"]
        mention = q["speaker"]["mention"]
        assert text[mention["start"] : mention["end"]] == mention["text"] == "Demir"


def test_users_extend_the_cue_lexicon(tmp_path):
    extra = tmp_path / "cues.tsv"
    extra.write_text("fısılda-\tverb\twhisper\n", encoding="utf-8")
    sentence = "Demir, sürecin bittiğini fısıldadı."
    assert quotes(sentence, {"Demir": "PER"}) == []
    nlp = _pipeline(cues_path=str(extra))
    found = quotes(sentence, {"Demir": "PER"}, nlp=nlp)
    assert found[0]["cue"]["text"] == "fısıldadı"


def test_component_to_disk_keeps_user_cues_and_follows_the_bundled_lexicon(tmp_path):
    extra = tmp_path / "cues.tsv"
    extra.write_text("fısılda-\tverb\n", encoding="utf-8")
    nlp = _pipeline(cues_path=str(extra))
    nlp.to_disk(tmp_path / "model")
    saved = (tmp_path / "model" / "trnews_quotes" / "user_cues.tsv").read_text(encoding="utf-8")
    assert saved == "fısılda-\tverb\n"  # only the user's cues: the bundled ones come from the package
    extra.unlink()  # the pipeline carries its user cues: the file is not needed to load it
    with pytest.warns(UserWarning):
        loaded = spacy.load(tmp_path / "model")
    phrases = [e.phrase for e in loaded.get_pipe("trnews_quotes").lexicon.entries]
    assert "fısılda-" in phrases and "söyle-" in phrases
    restored = _pipeline().get_pipe("trnews_quotes").from_bytes(nlp.get_pipe("trnews_quotes").to_bytes())
    assert "fısılda-" in [e.phrase for e in restored.lexicon.entries]


@pytest.mark.parametrize(
    "stem,word,expected",
    [
        ("söyle", "söyledi", ("finite", False)),
        ("söyle", "söyleyen", ("participle", False)),
        ("söyle", "söylüyor", ("finite", False)),
        ("söyle", "söylem", None),
        ("de", "diyerek", ("converb", False)),
        ("de", "dedikodu", None),
        ("de", "diyeceksiniz", None),
        ("belirt", "belirtildi", ("finite", True)),
        ("belirt", "belirti", None),
        ("bekle", "beklenti", None),
        ("bekle", "bekleniyor", ("finite", True)),
        ("ifade et", "ifade ed".split()[-1] + "erek", None),
        ("et", "ederek", ("converb", False)),
        ("kaydet", "kaydedildi", ("finite", True)),
        ("açıkla", "açıklama", None),
        ("hatırlat", "hatırlatması", ("nominal", False)),
        ("yaz", "yazar", None),
        ("yaz", "yazdı", ("finite", False)),
    ],
)
def test_verb_forms(stem, word, expected):
    assert verb_form(stem, word) == expected


def test_bundled_lexicon_parses_and_has_every_kind():
    entries = load_entries([DEFAULT_CUES])
    assert {e.kind for e in entries} == {"verb", "frame", "noun", "question"}
    assert CueLexicon(entries).entries


def test_marks_skip_apostrophes_and_spaced_suffixes():
    text = "Kalın’ın sözleri. Ege 'de ve Akdeniz 'de 'bırakın gitsinler' diyenler var."
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["bırakın gitsinler"]


# ---------------------------------------------------------------------------------------------
# Shared data (skipped without ../shared)


def test_dev_set_with_gold_entities_meets_the_targets(quotes_dev):
    from trnews_nlp.evaluation.quotes import predict, read_gold, score

    records = list(read_gold(quotes_dev))
    nlp = _pipeline()
    predictions = [predict(nlp, r, gold_entities=True) for r in records]
    scores, _ = score(records, predictions)
    assert scores["overlap"]["f"] >= 0.90
    assert scores["speaker_accuracy"] >= 0.92
    assert scores["end_to_end"]["f"] >= 0.85


@pytest.mark.slow
def test_user_article(user_article, request):
    try:
        nlp = request.getfixturevalue("nlp")
    except OSError as error:  # the bundled pipeline is not built yet
        pytest.skip(str(error))
    record = doc_to_dict(nlp(user_article))
    found = record["quotes"]

    def find(fragment: str) -> dict:
        hits = [q for q in found if fragment in q["text"]]
        assert hits, f"no quote contains {fragment!r}"
        return hits[0]

    assert speaker(find("durduracak güce sahibiz")) == "Recep Tayyip Erdoğan"
    assert speaker(find("yalnız bırakamayız")) == "Recep Tayyip Erdoğan"
    long_answer = find("birlik ve beraberliğin")
    assert speaker(long_answer) == "Recep Tayyip Erdoğan" and "olacaktır" in long_answer["text"]
    question = find("entegrasyon süreci ne durumda")
    assert question["speaker"]["name"] == "bir basın mensubu" and question["speaker"]["label"] == "OTHER"
    assert speaker(find("desteğinin Suriye ile olduğunu")) == "İbrahim Kalın"
    passive = [q for q in found if q["cue"] and q["cue"]["text"] in ("belirtildi", "vurgulandı")]
    assert passive and all(q["speaker"] is None for q in passive)
    sources = find("ikili ve bölgesel güvenlik")
    assert sources["speaker"]["label"] == "OTHER" and "kaynakları" in sources["speaker"]["name"]
    assert speaker(find("Kurulan tuzakları bozduk")) == "Recep Tayyip Erdoğan"
    assert not any(q["text"].startswith("böl, parçala") for q in found)


# Issue 18: rules for news outside politics (each with a sentence written for it).

def test_person_after_a_long_title_phrase_is_the_speaker_not_the_body_in_it():
    text = ("Yörüngelerin değiştiğini belirten ODTÜ Fen Fakültesi öğretim üyesi ve Kandilli Gözlemevi "
            "Müdürü Prof. Dr. Ayla Deniz, yeni bir çalışma başlattı.")
    [q] = quotes(text, {"ODTÜ Fen Fakültesi": "ORG", "Kandilli Gözlemevi": "ORG", "Ayla Deniz": "PER"})
    assert speaker(q) == "Ayla Deniz"


def test_an_acting_officer_is_a_title_and_the_person_after_it_speaks():
    # `Vekili` (acting, deputy) ends a title like `Müdürü`; the body inside the title does not speak.
    text = "Sonuçların valiliğe iletildiğini belirten İl Milli Eğitim Müdür Vekili Ahmet Kaya, süreci anlattı."
    [q] = quotes(text, {"İl Milli Eğitim": "ORG", "Ahmet Kaya": "PER"})
    assert speaker(q) == "Ahmet Kaya" and q["speaker"]["title"] == "İl Milli Eğitim Müdür Vekili"


def test_title_inside_the_entity_is_not_part_of_the_speaker_name():
    text = "Prof. Dr. Cenk Arslan törende konuştu. Dekan Arslan, projeler yapmak istediklerini söyledi."
    found = quotes(text, {"Cenk Arslan": "PER", "Dekan Arslan": "PER"})
    assert [speaker(q) for q in found] == ["Cenk Arslan"]


@pytest.mark.parametrize(
    "sentence,content,cue",
    [
        ("Vali Ayşe Kaya, vatandaşları sakin olmaya çağırdı.", "vatandaşları sakin olmaya", "çağırdı"),
        ("Başkan Ali Veli, sezonun hayırlı olmasını dileyerek oyunculara teşekkür etti.", "sezonun hayırlı olmasını", "dileyerek"),
        ("Doktor Ayşe Kaya, hastalara ilaçlarını aksatmamaları tavsiyesinde bulundu.", "hastalara ilaçlarını aksatmamaları", "tavsiyesinde bulundu"),
        ("Mahkeme, işlemin hukuka aykırı olduğuna hükmetti.", "işlemin hukuka aykırı olduğuna", "hükmetti"),
        ("Kurul, toplantının ertelenmesine karar verdi.", "toplantının ertelenmesine", "karar verdi"),
        ("Uzmanlar, faizlerin düşeceğine inanıyor.", "faizlerin düşeceğine", "inanıyor"),
    ],
)
def test_requests_wishes_beliefs_and_rulings_are_indirect_quotes(sentence, content, cue):
    [q] = quotes(sentence, {"Ayşe Kaya": "PER", "Ali Veli": "PER"})
    assert (q["type"], q["text"], q["cue"]["text"]) == ("indirect", content, cue)
    assert q["speaker"] is not None


def test_bodies_and_groups_named_by_common_nouns_speak():
    [q] = quotes("Köydeki çocuklar, okulun açılmasını istediklerini söyledi.")
    assert (speaker(q), q["speaker"]["label"]) == ("köydeki çocuklar", "OTHER")
    [q] = quotes("Mahkeme, işlemin hukuka aykırı olduğuna hükmetti.")
    assert speaker(q) == "mahkeme"


def test_reported_question_with_a_finite_verb_has_its_subject_as_asker():
    [q] = quotes("Gazeteci Ali Veli, bakanın istifa edip etmeyeceğini sordu.", {"Ali Veli": "PER"})
    assert (q["text"], speaker(q)) == ("bakanın istifa edip etmeyeceğini", "Ali Veli")


def test_two_people_who_speak_together_are_one_speaker():
    [q] = quotes("Eda Genç ve Tuğçe Köse, sergiden çok memnun olduklarını söylediler.",
                 {"Eda Genç": "PER", "Tuğçe Köse": "PER"})
    assert (q["text"], speaker(q)) == ("sergiden çok memnun olduklarını", "Eda Genç ve Tuğçe Köse")
    assert q["speaker"]["mention"]["text"] == "Eda Genç ve Tuğçe Köse"


def test_dative_infinitive_without_a_call_verb_is_not_a_quote():
    assert quotes("Öğrenciler yarın okula gitmeye başladı.") == []


def test_subheading_in_capitals_quotes_the_person_it_names():
    text = ("Teknik direktör Şenol Güneş maç sonrası açıklama yaptı.\n\nŞENOL GÜNEŞ: BU SEZON ŞAMPİYON OLACAĞIZ\n\n"
            "Güneş, takımın iyi oynadığını söyledi.")
    found = quotes(text, {"Şenol Güneş": "PER", "Güneş": "PER"})
    heading = next(q for q in found if q["text"] == "BU SEZON ŞAMPİYON OLACAĞIZ")
    assert speaker(heading) == "Şenol Güneş" and heading["speaker"]["mention"]["text"] in ("ŞENOL GÜNEŞ", "GÜNEŞ")
    # capitals that are not a person of the article do not speak
    assert not any(q["text"].startswith("YENİ") for q in quotes("Hava güzel.\n\nSON DAKİKA: YENİ KARAR ÇIKTI\n\nHava güzel."))


def test_apostrophe_suffix_after_a_closing_mark_opens_nothing():
    text = 'Yazar, "Cumhuriyet"\'e verdiği röportajda konuştu. "Hazırız" dedi.'
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["Cumhuriyet", "Hazırız"]
    text = "Başkan “Zafer”’in ardından, ‘güzel’ dedi."
    assert [text[q.start : q.end] for q in find_quoted(text)] == ["Zafer", "güzel"]


def test_semicolon_typed_for_the_colon_after_an_announcing_cue():
    [q] = quotes("Uzman Ayşe Kaya, daha sonra şunları kaydetti; “Güneşten korunmak en iyi tedavidir.”", {"Ayşe Kaya": "PER"})
    assert (q["type"], q["text"], speaker(q)) == ("direct", "Güneşten korunmak en iyi tedavidir.", "Ayşe Kaya")
    assert q["cue"]["text"] == "kaydetti"


def test_cues_path_given_when_loading_a_saved_pipeline_is_used(tmp_path):
    _pipeline().to_disk(tmp_path / "model")
    extra = tmp_path / "cues.tsv"
    extra.write_text("fısılda-\tverb\n", encoding="utf-8")
    loaded = spacy.load(tmp_path / "model", config={"components": {"trnews_quotes": {"cues_path": str(extra)}}})
    phrases = [e.phrase for e in loaded.get_pipe("trnews_quotes").lexicon.entries]
    assert "fısılda-" in phrases and "söyle-" in phrases


def test_a_decision_to_do_something_is_not_a_report():
    assert quotes("Ayşe Kaya, bu sürede bebek sahibi olmaya karar verdi.", {"Ayşe Kaya": "PER"}) == []


def test_gore_does_not_swallow_a_quote_with_its_own_speaker():
    found = quotes("AFP'ye göre Putin, gülümseyerek, \"Tüm Avrupa'yı aday ülke Türkiye temsil etti\" karşılığını verdi.",
                   {"AFP": "ORG", "Putin": "PER"})
    assert [(q["text"], speaker(q)) for q in found] == [("Tüm Avrupa'yı aday ülke Türkiye temsil etti", "Putin")]


def test_a_scraped_links_line_breaks_stay_inside_the_report(nlp):
    text = "Oda Başkanı Selim Tuna, ilk tercihlerinin \n                Yeşil Parti \n               ile ortaklık olduğunu söyledi."
    (quote,) = nlp(text)._.quotes
    assert quote.speaker.name == "Selim Tuna"
    assert " ".join(quote.content.text.split()) == "ilk tercihlerinin Yeşil Parti ile ortaklık olduğunu"


def test_a_person_with_the_clitic_written_as_a_suffix_still_speaks():
    text = "Spor Bilimleri Fakültesi Dekan Yardımcısı Doç. Dr. Ayşe Korkmaz’da yaptığı açıklamada, takımın bu yıl ligde şampiyon olduğunu hatırlattı."
    [q] = quotes(text, {"Spor Bilimleri Fakültesi": "ORG", "Ayşe Korkmaz’da": "PER"})
    assert speaker(q) == "Ayşe Korkmaz"


def test_a_source_noun_spoken_to_is_not_the_speaker(nlp):
    from trnews_nlp.quotes.speakers import is_oblique

    doc = Doc(nlp.vocab, words=["gazeteciye", "gazeteciler", "yetkililerden", "uzmanı"],
              lemmas=["gazeteci", "gazeteci", "yetkili", "uzman"])
    assert [is_oblique(t) for t in doc] == [True, False, True, False]
    text = 'Milletvekili Ahmet Kaya bu gazeteciye, "Hemen çıkın buradan" sözleriyle tepki gösterdi.'
    [q] = nlp(text)._.quotes
    assert q.speaker.name == "Ahmet Kaya"


def test_a_source_phrase_starts_where_its_written_word_starts():
    [q] = quotes('Dün 3D-TEK firması yetkilisi, "Ürün gelecek yıl satışta olacak" diyerek açıklama yaptı.')
    assert speaker(q) == "3d-tek firması yetkilisi"


def test_a_noun_that_ends_like_an_infinitive_is_no_complement(nlp):
    assert nlp("Genel Müdür Ahmet Kaya, yeni otobüs hatlarının şemalarını anlattı.")._.quotes == []
    [q] = nlp("Genel Müdür Ahmet Kaya, yeni hatların hızla açılmasını istedi.")._.quotes
    assert q.content.text == "yeni hatların hızla açılmasını"


def test_a_conditional_cue_supposes_a_saying_and_reports_none():
    for cue in ("diyorsanız", "derse", "söylerse", "açıkladıysa"):
        assert verb_form("de" if cue[0] == "d" else ("söyle" if cue[0] == "s" else "açıkla"), cue) is None
    text = 'Başkan Ali Kaya, "Baskı var" diyorsanız bunu kanıtlayın diye seslendi.'
    assert [speaker(q) for q in quotes(text, {"Ali Kaya": "PER"}) if q["text"] == "Baskı var"] == []


def test_a_claim_in_a_relative_clause_ends_at_a_comma_or_an_earlier_participle():
    [q] = quotes("Bölgede, kısa sürede zayıflattığı iddia edilen iki ürün toplatıldı.")
    assert (q["type"], q["text"], speaker(q), q["cue"]["text"]) == ("indirect", "kısa sürede zayıflattığı", None, "iddia edilen")
    [q] = quotes("Reklamla satışa sunulan ve kısa sürede zayıflattığı iddia edilen ürünler toplatıldı.")
    assert q["text"] == "kısa sürede zayıflattığı"


def test_a_group_after_a_participle_cue_is_the_subject_of_the_main_clause():
    # `... ifade eden kursiyerler ise, ... belirttiler`: the group the participle describes speaks
    # the main clause too; the content starts after `ise,`, not at the group.
    text = ("Sergiyi anlatan Ayşe Kaya, resimlerin yağlı boya olduğunu söyledi. İlk defa Van'a geldiklerini "
            "ifade eden kursiyerler ise, her resmin bir aylık emeğin ürünü olduğunu belirttiler.")
    found = quotes(text, {"Ayşe Kaya": "PER"})
    last = found[-1]
    assert last["text"] == "her resmin bir aylık emeğin ürünü olduğunu" and speaker(last) == "kursiyerler"


def test_a_compound_title_joined_by_a_hyphen_still_ends_in_a_title_word():
    # `Modacı-öğretim görevlisi Ayşe Kaya`: the hyphen joins two titles; the person after them speaks.
    [q] = quotes("Derslerin iyi geçtiğini söyleyen Moda-öğretim görevlisi Ayşe Kaya, yeni bir proje hazırladı.",
                 {"Ayşe Kaya": "PER"})
    assert speaker(q) == "Ayşe Kaya"
