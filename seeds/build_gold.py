"""Build `seeds/gold.jsonl`, the hand annotation of the bundled seed articles.

The annotation lives below as Python data (exact substrings, never offsets), so a reviewer reads
decisions rather than numbers and the gold file can be rebuilt whenever an article is edited.
Offsets are computed here and every span is checked against the text. The output follows
`GUIDELINES.md` of the shared evaluation set: quote content without its quotation marks, entity
and speaker mentions without titles or apostrophe suffixes, canonical speaker names.

    python seeds/build_gold.py            # rewrite seeds/gold.jsonl
    python seeds/build_gold.py --check    # exit 1 if gold.jsonl is out of date
    python seeds/build_gold.py --show     # print every span in context, for review
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

SEEDS = Path(__file__).resolve().parent
GOLD = SEEDS / "gold.jsonl"


@dataclass(frozen=True)
class Q:
    """One quote as the annotator sees it.

    `mention` and `cue` are surface strings; the script takes the nearest word-bounded occurrence
    before the quote for the mention, and after it for the cue unless `cue_before` says the cue
    comes first (`şunları söyledi:`, `X'e göre`, `dedi ve ekledi:`). `occurrence` picks one of
    several identical quote strings; left as None, the string must occur once.
    """

    text: str
    type: str
    speaker: Optional[str]
    label: str
    mention: Optional[str] = None
    cue: Optional[str] = None
    occurrence: Optional[int] = None
    cue_before: bool = False


@dataclass(frozen=True)
class Article:
    """Quotes and entity surfaces of one seed file; entities are matched at every occurrence."""

    id: str
    quotes: Sequence[Q]
    entities: Sequence[Tuple[str, str]]


DEMIRTAS = "Ayşe Demirtaş"
KOCABAS = "Murat Kocabaş"
ARIKAN = "Selin Arıkan"
ERYILMAZ = "Hakan Eryılmaz"
YAVUZER = "Kemal Yavuzer"
CALISKAN = "Nurten Çalışkan"
TOBB = "Türkiye Odalar ve Borsalar Birliği"
KARACA = "Orhan Karaca"
SARIGUL = "Elif Sarıgül"
OZKAYA = "Tarık Özkaya"

ARTICLES: List[Article] = [
    Article(
        id="01_saglik_grip_asisi",
        quotes=[
            # Headline `Bakan: ...`: direct, no cue; `Bakan` is a title, so no mention.
            Q("Grip aşısında 65 yaş üstüne öncelik verilecek", "direct", DEMIRTAS, "PER"),
            Q("mevsimsel grip aşılamasının bu yıl 3 Kasım'dan itibaren tüm aile sağlığı merkezlerinde "
              "ücretsiz yapılacağını", "indirect", DEMIRTAS, "PER", "Ayşe Demirtaş", "açıkladı"),
            Q("bu yıl 12 milyon doz aşının temin edildiğini",
              "indirect", DEMIRTAS, "PER", "Demirtaş", "belirterek"),
            Q("öncelikli grupların randevularını aile hekimlerinden alabileceğini",
              "indirect", DEMIRTAS, "PER", "Demirtaş", "söyledi"),
            Q("Aşı stoklarımız geçen yılın neredeyse iki katı. Hiçbir vatandaşımız aşısız kalmayacak.",
              "direct", DEMIRTAS, "PER", "Demirtaş", "dedi"),
            Q("geçen kış grip nedeniyle yoğun bakıma yatırılan hastaların büyük bölümünün aşısız olduğunu",
              "indirect", DEMIRTAS, "PER", "Demirtaş", "belirtti"),
            # `X'e göre` with a non-named source: the mention keeps its glued case suffix.
            Q("aşının koruyucu etkisi uygulamadan yaklaşık iki hafta sonra ortaya çıkıyor",
              "indirect", "uzmanlar", "OTHER", "Uzmanlara", "göre", cue_before=True),
            # `şunları söyledi:` then two quoted paragraphs: one quote per paragraph, same cue.
            Q("Aile hekimlerimiz, listelerindeki 65 yaş üstü vatandaşlarımızı, gebeleri ve kronik "
              "hastaları tek tek arayacak. Kimsenin hastane kapılarında sıra beklemesini istemiyoruz.",
              "direct", DEMIRTAS, "PER", "Demirtaş", "söyledi", cue_before=True),
            Q("Sosyal medyada dolaşan asılsız iddialara itibar edilmemeli. Grip aşısı onlarca yıldır "
              "güvenle uygulanıyor ve her yıl binlerce kişinin hastaneye yatmasını önlüyor.",
              "direct", DEMIRTAS, "PER", "Demirtaş", "söyledi", cue_before=True),
        ],
        entities=[
            ("Ayşe Demirtaş", "PER"), ("Demirtaş", "PER"), ("Demirtaşa", "PER"),
            ("Kerem Ilgaz", "PER"), ("Ankara", "LOC"), ("Sağlık Bakanlığı", "ORG"),
        ],
    ),
    Article(
        id="02_ekonomi_enflasyon",
        quotes=[
            # `TÜİK'in açıkladığı verilere göre` names data, not a speaker: no quote.
            Q("enerji ve gıda hariç çekirdek enflasyonun üst üste dördüncü ay gerilediği",
              "indirect", None, "NONE", None, "vurgulandı"),
            Q("Dezenflasyon süreci planladığımız gibi ilerliyor. Gıda fiyatlarındaki geçici "
              "dalgalanmalar ana eğilimi değiştirmiyor",
              "direct", KOCABAS, "PER", "Murat Kocabaş", "ifadelerini kullandı"),
            Q("yıl sonu hedefine ulaşmak için kamu harcamalarındaki tasarruf tedbirlerinin kararlılıkla "
              "süreceğini", "indirect", KOCABAS, "PER", "Kocabaş", "kaydetti"),
            Q("kira ve hizmet fiyatlarındaki katılık, önümüzdeki aylarda düşüşün hızını sınırlayacak",
              "indirect", ARIKAN, "PER", "Selin Arıkan", "göre", cue_before=True),
            Q("Merkez Bankası'nın faiz indirimlerinde temkinli davranmasının yerinde olacağını",
              "indirect", ARIKAN, "PER", "Arıkan", "söyledi"),
            Q("fiyat istikrarı için üretim maliyetlerinin düşürülmesi gerektiğini",
              "indirect", ERYILMAZ, "PER", "Hakan Eryılmaz", "ifade etti"),
            Q("Üreticinin maliyeti gerilemeden raftaki fiyatın kalıcı olarak düşmesini beklemek "
              "gerçekçi değil. Enerjide ve finansmana erişimde destek şart",
              "direct", ERYILMAZ, "PER", "Eryılmaz", "diye konuştu"),
        ],
        entities=[
            ("Türkiye İstatistik Kurumu", "ORG"), ("TÜİK", "ORG"), ("Murat Kocabaş", "PER"),
            ("Kocabaş", "PER"), ("Selin Arıkan", "PER"), ("Arıkan", "PER"),
            ("Merkez Bankası", "ORG"), ("İzmir", "LOC"), ("İzmir Ticaret Odası", "ORG"),
            ("Hakan Eryılmaz", "PER"), ("Eryılmaz", "PER"),
        ],
    ),
    Article(
        id="03_cevre_yesil_donusum",
        quotes=[
            # “yeşil dönüşüm” (headline and body) is a term in marks, not a quote.
            Q("organize sanayi bölgelerindeki fabrikaların çatılarına güneş paneli kurulması için "
              "4 milyar liralık bir destek paketi hazırlandığını",
              "indirect", YAVUZER, "PER", "Kemal Yavuzer", "duyurdu"),
            # `“...”, dedi ve ekledi: “...”`: two quotes, one speaker.
            Q("Sanayicimizin enerji faturası düşerken karbon ayak izi de küçülecek. Bu, hem ekonomimiz "
              "hem doğamız için bir kazanım", "direct", YAVUZER, "PER", "Yavuzer", "dedi"),
            Q("Başvurular ocak ayında başlayacak, ilk ödemeler mart ayında yapılacak.",
              "direct", YAVUZER, "PER", "Yavuzer", "ekledi", cue_before=True),
            # Mixed: the span covers the whole content, quoted fragment and marks included.
            Q("“tasarruf ettikçe kazanacağız” diyerek destek paketinde küçük ve orta ölçekli "
              "işletmelere öncelik verileceğini", "mixed", YAVUZER, "PER", "Yavuzer", "söyledi"),
            # `... kurulacak.` is a plan stated as fact: no quote.
            Q("bölgedeki firmaların yarısından fazlasının programa başvurmaya hazırlandığını",
              "indirect", CALISKAN, "PER", "Nurten Çalışkan", "belirtti"),
            Q("Avrupa'daki alıcıların tedarikçilerinden yeşil enerji belgesi istemeye başladığını",
              "indirect", CALISKAN, "PER", "Çalışkan", "hatırlattı"),
            Q("programın ihracatçıların rekabet gücünü artıracağını",
              "indirect", TOBB, "ORG", TOBB, "bildirdi"),
            Q("başvuru sürecinin sanayicilere ek bürokratik yük getirmemesi gerektiğinin",
              "indirect", TOBB, "ORG", "TOBB", "altını çizdi"),
        ],
        entities=[
            ("Kemal Yavuzer", "PER"), ("Yavuzer", "PER"), ("Bursa", "LOC"),
            ("Avrupa Birliği", "ORG"), ("Bursa Organize Sanayi Bölgesi", "ORG"),
            ("Nurten Çalışkan", "PER"), ("Çalışkan", "PER"), ("Avrupa", "LOC"),
            (TOBB, "ORG"), ("TOBB", "ORG"),
        ],
    ),
    Article(
        id="04_asayis_kacak_akaryakit",
        quotes=[
            # The headline `Mersin'de ...: 14 gözaltı` has a colon but no speaker: no quote.
            Q("Tarsus ilçesindeki depoda yaklaşık 60 ton kaçak akaryakıt ile üretimde kullanılan "
              "kimyasal maddelerin ele geçirildiğini",
              "indirect", "güvenlik kaynakları", "OTHER", "Güvenlik kaynakları", "bildirdi"),
            Q("Operasyonun, Mersin İl Emniyet Müdürlüğü ekiplerinin yaklaşık üç ay süren teknik "
              "takibinin ardından gerçekleştirildiği", "indirect", None, "NONE", None, "belirtildi"),
            Q("Şüphelilerin, ürettikleri akaryakıtı sahte faturalarla bölgedeki bazı istasyonlara sattığı",
              "indirect", None, "NONE", None, "iddia ediliyor"),
            # Speech without quotation marks before `diye konuştu`: indirect.
            Q("vatandaşlarımızın can güvenliğini tehdit eden bu yapılara asla göz yummayacağız",
              "indirect", KARACA, "PER", "Orhan Karaca", "diye konuştu"),
            Q("Depo, yerleşim alanına yalnızca 200 metre uzaklıkta. Olası bir yangın büyük bir faciaya "
              "yol açabilirdi.", "direct", KARACA, "PER", "Karaca", "dedi"),
            Q("Gece geç saatlerde tankerlerin girip çıktığını görüyorduk ama böyle bir şeyi hiç "
              "düşünmemiştik", "direct", "bir vatandaş", "OTHER", "bir vatandaş", "dedi"),
        ],
        entities=[
            ("Mersin", "LOC"), ("Tarsus", "LOC"), ("Mersin Cumhuriyet Başsavcılığı", "ORG"),
            ("Mersin İl Emniyet Müdürlüğü", "ORG"), ("Orhan Karaca", "PER"), ("Karaca", "PER"),
        ],
    ),
    Article(
        id="05_kultur_film_festivali",
        quotes=[
            # Film titles in marks ("Sessiz Liman", 'Son Vapur') are not quotes; the festival is an
            # event, not an entity.
            Q("Bu film, denizden ekmeğini çıkaran ve hikâyesi hiç anlatılmamış insanlara bir teşekkür. "
              "Ödülü Sinop'taki balıkçı arkadaşlarıma armağan ediyorum",
              "direct", SARIGUL, "PER", "Sarıgül", "dedi"),
            Q("filmin çekimlerinin iki yıl sürdüğünü ve oyuncuların büyük bölümünün gerçek "
              "balıkçılardan oluştuğunu", "indirect", SARIGUL, "PER", "Sarıgül", "anlattı"),
            Q("festivalin bölge turizmine önemli katkı sağladığını",
              "indirect", OZKAYA, "PER", "Özkaya", "vurguladı"),
            Q("Kapadokya artık yalnızca balonlarıyla değil, sinemasıyla da anılıyor. Gelecek yıl "
              "festivalin bütçesini iki katına çıkaracağız",
              "direct", OZKAYA, "PER", "Özkaya", "şeklinde konuştu"),
            Q("bu yıl yarışmaya katılan filmlerin yarısından fazlasının kadın yönetmenlerin imzasını "
              "taşıdığını", "indirect", "Meral Taşkın", "PER", "Meral Taşkın", "söyledi"),
        ],
        entities=[
            ("Nevşehir", "LOC"), ("Elif Sarıgül", "PER"), ("Sarıgül", "PER"), ("Karadeniz", "LOC"),
            ("Tarık Özkaya", "PER"), ("Özkaya", "PER"), ("Sinop", "LOC"), ("Kapadokya", "LOC"),
            ("Meral Taşkın", "PER"), ("Sinan Ertem", "PER"),
        ],
    ),
]


def occurrences(text: str, substring: str) -> List[int]:
    """Start offsets of every occurrence of `substring`, overlapping ones included."""
    starts, start = [], text.find(substring)
    while start != -1:
        starts.append(start)
        start = text.find(substring, start + 1)
    return starts


def word_matches(text: str, surface: str) -> Iterator[int]:
    """Start offsets of `surface` as a whole word or phrase.

    A match may be followed by an apostrophe suffix (`Demirtaş’ın`: any apostrophe is not a letter)
    but not by a letter, so `Demirtaş` does not match inside the glued `Demirtaşa`, which the spec
    lists on its own.
    """
    for start in occurrences(text, surface):
        end = start + len(surface)
        before_ok = start == 0 or not text[start - 1].isalnum()
        after_ok = end == len(text) or not text[end].isalnum()
        if before_ok and after_ok:
            yield start


def span(text: str, start: int, surface: str) -> Dict[str, object]:
    """A `{start, end, text}` record, checked against the article."""
    end = start + len(surface)
    assert text[start:end] == surface, (surface, text[start:end])
    return {"start": start, "end": end, "text": surface}


def nearest(text: str, surface: str, pivot: int, before: bool) -> Dict[str, object]:
    """The occurrence of `surface` closest to `pivot` on the requested side."""
    hits = [s for s in word_matches(text, surface) if (s + len(surface) <= pivot if before else s >= pivot)]
    if not hits:
        raise ValueError(f"{surface!r} not found {'before' if before else 'after'} offset {pivot}")
    return span(text, max(hits) if before else min(hits), surface)


def quote_record(text: str, q: Q) -> Dict[str, object]:
    """Locate one quote, its mention and its cue."""
    starts = occurrences(text, q.text)
    if q.occurrence is None and len(starts) != 1:
        raise ValueError(f"quote occurs {len(starts)} times, give its occurrence: {q.text[:60]!r}")
    index = q.occurrence or 0
    if index >= len(starts):
        raise ValueError(f"quote not found: {q.text[:60]!r}")
    start = starts[index]
    content = span(text, start, q.text)
    end = start + len(q.text)
    mention = nearest(text, q.mention, start, before=True) if q.mention is not None else None
    cue = None
    if q.cue is not None:
        cue = nearest(text, q.cue, start if q.cue_before else end, before=q.cue_before)
    return {**content, "type": q.type, "speaker": q.speaker, "speaker_label": q.label,
            "speaker_mention": mention, "cue": cue}


def entity_records(text: str, entities: Sequence[Tuple[str, str]]) -> List[Dict[str, object]]:
    """Every occurrence of every surface, longest first so `İzmir` inside `İzmir Ticaret Odası` is skipped."""
    taken: List[Tuple[int, int]] = []
    records: List[Dict[str, object]] = []
    for surface, label in sorted(entities, key=lambda e: -len(e[0])):
        found = False
        for start in word_matches(text, surface):
            end = start + len(surface)
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            records.append({**span(text, start, surface), "label": label})
            found = True
        if not found:
            raise ValueError(f"entity {surface!r} has no free occurrence")
    return sorted(records, key=lambda r: r["start"])


def check_quotes(quotes: List[Dict[str, object]]) -> None:
    """Quotes must not overlap and must agree on type/speaker conventions."""
    for a, b in zip(quotes, quotes[1:]):
        assert a["end"] <= b["start"], f"overlapping quotes: {a['text'][:40]!r} / {b['text'][:40]!r}"
    for q in quotes:
        assert q["type"] in {"direct", "indirect", "mixed"}
        assert q["speaker_label"] in {"PER", "ORG", "OTHER", "NONE"}
        assert (q["speaker"] is None) == (q["speaker_label"] == "NONE")


def build_record(article: Article) -> Dict[str, object]:
    """The gold record of one article, in the field order of the shared gold files."""
    text = (SEEDS / f"{article.id}.txt").read_text(encoding="utf-8")
    quotes = sorted((quote_record(text, q) for q in article.quotes), key=lambda r: r["start"])
    check_quotes(quotes)
    return {"id": article.id, "text": text,
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "quotes": quotes, "entities": entity_records(text, article.entities)}


def render(records: List[Dict[str, object]]) -> str:
    """JSONL text, one article per line, UTF-8 kept readable."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def show(record: Dict[str, object]) -> None:
    """Print each quote with its cue and mention, then the entities, for a human check."""
    print(f"== {record['id']}  quotes={len(record['quotes'])} entities={len(record['entities'])}")
    for q in record["quotes"]:
        cue = q["cue"]["text"] if q["cue"] else None
        mention = q["speaker_mention"]["text"] if q["speaker_mention"] else None
        print(f"  [{q['type']}] {q['speaker']} ({q['speaker_label']}) mention={mention!r} cue={cue!r}")
        print(f"      {q['text']!r}")
    print("  entities:", ", ".join(f"{e['text']}/{e['label']}" for e in record["entities"]))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if gold.jsonl differs from the spec")
    parser.add_argument("--show", action="store_true", help="print the annotation for review")
    args = parser.parse_args(argv)
    records = [build_record(a) for a in ARTICLES]
    if args.show:
        for record in records:
            show(record)
    output = render(records)
    if args.check:
        current = GOLD.read_text(encoding="utf-8") if GOLD.exists() else ""
        if current != output:
            print(f"{GOLD} is out of date: run python seeds/build_gold.py", file=sys.stderr)
            return 1
        print(f"{GOLD} is up to date ({len(records)} articles)")
        return 0
    GOLD.write_text(output, encoding="utf-8")
    n_quotes = sum(len(r["quotes"]) for r in records)
    n_entities = sum(len(r["entities"]) for r in records)
    print(f"wrote {GOLD}: {len(records)} articles, {n_quotes} quotes, {n_entities} entities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
