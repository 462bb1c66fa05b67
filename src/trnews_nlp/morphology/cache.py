"""The per-form cache shared by every document and component instance in a process.

A token's analyses depend on its text alone, so they are computed once per distinct form: a
bounded LRU cache for whatever appears, plus an optional read-only table of frequent forms loaded
from the model folder (it spares a fresh process zeyrek's cold analyses). Both hold exactly what
`analyze_form` returns, so results do not depend on which one answered, and documents analysed
lazily after `Doc.from_bytes` get the same analyses. The table keeps each form's rows as read
from the model and makes its `Analysis` values on first use: converting all 30,000 forms up front
was half of `load()`'s time, and a batch meets only some of them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

from ..text import normalize_apostrophes
from .analysis import Analysis, analyze_form

#: Bumped whenever `analyze_form` changes its output, so stale frequent-form tables are ignored.
TABLE_VERSION = 7

Analyses = Tuple[Analysis, ...]


class FormTable(Mapping):
    """form → analyses, holding either `Analysis` tuples or the rows `table_to_data` wrote, which
    become tuples on first access (a row list is never a tuple, so the two cannot be confused)."""

    def __init__(self, values: Optional[Mapping[str, Union[Analyses, List[list]]]] = None) -> None:
        self._values: Dict[str, Union[Analyses, List[list]]] = dict(values or {})

    def get(self, form: str, default: Optional[Analyses] = None) -> Optional[Analyses]:
        found = self._values.get(form)
        if found is None:
            return default
        if type(found) is not tuple:
            found = self._values[form] = tuple(_analysis(row) for row in found)
        return found

    def __getitem__(self, form: str) -> Analyses:
        found = self.get(form)
        if found is None:
            raise KeyError(form)
        return found

    def __contains__(self, form: object) -> bool:
        return form in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def update(self, other: Mapping[str, Analyses]) -> None:
        """Add another table's forms (its unconverted rows stay unconverted)."""
        self._values.update(other._values if isinstance(other, FormTable) else other)

    def clear(self) -> None:
        self._values.clear()


class FormCache:
    """Bounded LRU cache of `analyze_form` results, keyed by the apostrophe-normalised form."""

    def __init__(self, maxsize: int = 20_000) -> None:
        self.maxsize = maxsize
        self._sized = False
        self._lru: "OrderedDict[str, Analyses]" = OrderedDict()
        self._table = FormTable()
        self._lock = threading.Lock()

    def get(self, text: str) -> Analyses:
        key = normalize_apostrophes(text)
        found = self._table.get(key)
        if found is not None:
            return found
        with self._lock:
            found = self._lru.get(key)
            if found is not None:
                self._lru.move_to_end(key)
                return found
        found = analyze_form(key)
        with self._lock:
            self._lru[key] = found
            while len(self._lru) > self.maxsize:
                self._lru.popitem(last=False)
        return found

    def resize(self, maxsize: int) -> None:
        """Take the size the first caller asks for, then grow to the largest any later one asks
        for (component instances share one cache); the default stands until someone asks."""
        self.maxsize = max(self.maxsize, maxsize) if self._sized else maxsize
        self._sized = True
        with self._lock:
            while len(self._lru) > self.maxsize:
                self._lru.popitem(last=False)

    def add_table(self, table: Mapping[str, Analyses]) -> None:
        self._table.update(table)

    def clear(self) -> None:
        with self._lock:
            self._lru.clear()
        self._table.clear()

    def __len__(self) -> int:
        return len(self._lru) + len(self._table)


SHARED_CACHE = FormCache()


def build_table(forms: Iterable[str]) -> Dict[str, Analyses]:
    """Analyses of the given forms, for shipping as a frequent-form table."""
    return {normalize_apostrophes(f): analyze_form(f) for f in forms}


def table_to_data(table: Mapping[str, Analyses]) -> dict:
    """Compact plain data: one list of analyses per form, morphemes joined with `+`."""
    forms = {
        form: [[a.lemma, a.pos, "+".join(a.morphemes), a.feats, int(a.guess), a.dict_lemma]
               for a in analyses]
        for form, analyses in table.items()
    }
    return {"version": TABLE_VERSION, "forms": forms}


def table_from_data(data: dict) -> FormTable:
    """The table back from `table_to_data` (analyses made on first use); empty if it was
    written by another version."""
    if data.get("version") != TABLE_VERSION:
        return FormTable()
    return FormTable(data["forms"])


def _analysis(row: List) -> Analysis:
    lemma, pos, morphemes, feats, guess, dict_lemma = row
    return Analysis(lemma, pos, tuple(morphemes.split("+")) if morphemes else (), feats,
                    bool(guess), dict_lemma)
