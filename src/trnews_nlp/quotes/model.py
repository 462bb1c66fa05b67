"""The quote objects `doc._.quotes` returns, and the plain data they are rebuilt from.

Only plain data (token indices, strings, floats) lives in `doc.user_data`, so a `Doc` keeps its
quotes through `to_bytes`, `DocBin` and multiprocessing; `Quote`/`Speaker` objects with `Span`s are
built on access by the getter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

from spacy.tokens import Doc, Span

USER_DATA_KEY = "trnews_quotes"

TokenRange = Tuple[int, int]


@dataclass(frozen=True)
class Speaker:
    """Who said it: canonical `name`, `label` (PER/ORG/OTHER), `title`, and the naming mention."""

    name: str
    label: str
    title: Optional[str]
    mention: Optional[Span]


@dataclass(frozen=True)
class Quote:
    """One reported statement: its content span, type, cue, speaker and confidence in [0, 1]."""

    content: Span
    type: str
    cue: Optional[Span]
    speaker: Optional[Speaker]
    confidence: float
    rule: Optional[str] = None  # the rule that found it (`direct_cue_explicit`, `indirect_gore`, ...)

    def toDict(self) -> Dict[str, Any]:  # noqa: N802 (the name srsly's ujson looks for)
        """The quote as in the result schema (character offsets), which makes `doc._.quotes`
        JSON-serialisable: `doc.to_json(underscore=["quotes"])` and `srsly.json_dumps` use it."""
        from ..document import quote_record

        return quote_record(self)


@dataclass(frozen=True)
class SpeakerData:
    """A speaker as plain data (token range of the mention, or None for a dropped subject)."""

    name: str
    label: str
    title: Optional[str]
    mention: Optional[TokenRange]

    def to_plain(self) -> Dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "title": self.title,
            "mention": list(self.mention) if self.mention else None,
        }


@dataclass(frozen=True)
class QuoteData:
    """A quote as plain data: token ranges instead of spans."""

    content: TokenRange
    type: str
    cue: Optional[TokenRange]
    speaker: Optional[SpeakerData]
    confidence: float
    rule: Optional[str] = None

    def to_plain(self) -> Dict[str, Any]:
        return {
            "content": list(self.content),
            "type": self.type,
            "cue": list(self.cue) if self.cue else None,
            "speaker": self.speaker.to_plain() if self.speaker else None,
            "confidence": float(self.confidence),
            "rule": self.rule,
        }


def _span(doc: Doc, bounds: Optional[List[int]]) -> Optional[Span]:
    return None if not bounds else doc[bounds[0] : bounds[1]]


def quote_from_plain(doc: Doc, data: Dict[str, Any]) -> Quote:
    """Rebuild a `Quote` from its stored plain form."""
    speaker = data.get("speaker")
    return Quote(
        content=doc[data["content"][0] : data["content"][1]],
        type=data["type"],
        cue=_span(doc, data.get("cue")),
        speaker=None
        if speaker is None
        else Speaker(
            name=speaker["name"],
            label=speaker["label"],
            title=speaker.get("title"),
            mention=_span(doc, speaker.get("mention")),
        ),
        confidence=float(data["confidence"]),
        rule=data.get("rule"),
    )


def get_quotes(doc: Doc) -> List[Quote]:
    """Getter of `Doc._.quotes`."""
    return [quote_from_plain(doc, item) for item in doc.user_data.get(USER_DATA_KEY, [])]
