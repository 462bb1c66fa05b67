"""Speaker passes over all candidates: dropped subjects take the most recent speaker, quoted
headings the speaker of their section, questions their asker; titles come from any mention of the
person; confidence comes from the rule that found the quote.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from ..datafiles import data_lines
from .analysis import Analysis, Candidate, title_start
from .model import QuoteData, SpeakerData
from .speakers import (
    entities_in,
    is_dateline,
    is_nominative,
    mentions_of,
    speaker_from_entity,
    speaker_mentions,
)


#: Measured precision (span and speaker right) of each kind of evidence, fitted on development
#: data by `trnews-nlp evaluate quotes --fit-confidence` (see `confidence.tsv` for the counts).
CONFIDENCE_TABLE = Path(__file__).with_name("confidence.tsv")


def load_confidence(path: Path) -> Dict[str, float]:
    """`evidence -> confidence` from a TSV file (`EVIDENCE<TAB>CONFIDENCE<TAB>...`, `#` comments)."""
    return {key: float(value) for key, value, *_ in (line.split("\t") for line in data_lines(path))}


CONFIDENCE = load_confidence(CONFIDENCE_TABLE)
#: What a speaker that had to be inferred but was not found costs, where the table has no figure.
UNRESOLVED_PENALTY = 0.15


def evidence(c: Candidate) -> str:
    """What a quote's confidence rests on: the rule that found it and, where the speaker had to be
    inferred (a dropped subject, a section heading, an earlier asker), whether one was found."""
    if c.resolve in ("dropped", "section", "asker"):
        return f"{c.rule}:{'inferred' if c.speaker is not None else 'unresolved'}"
    return c.rule


def rule_confidence(c: Candidate) -> float:
    """The confidence of the rule alone, before speakers are resolved (ranks conflicting candidates)."""
    return CONFIDENCE[c.rule]


def _subject_events(a: Analysis) -> List[Tuple[int, SpeakerData]]:
    """Sentences that open with a named subject (`Erdoğan, ...`): candidates for dropped subjects."""
    events = []
    seen = set()
    for i in range(len(a.doc)):
        start = a.sent_start[i]
        if start in seen:
            continue
        seen.add(start)
        speaker = None
        for ent in entities_in(a.doc, start, min(a.sent_end[i], start + 8)):
            if title_start(a, ent) == start and is_nominative(ent) and not is_dateline(a.doc, ent):
                speaker = speaker_from_entity(ent)
            break
        if speaker is not None:
            events.append((start, speaker))
    return events


def resolve(a: Analysis, candidates: List[Candidate]) -> List[QuoteData]:
    """Fill dropped, asker and section speakers; attach nearest mentions; compute confidence."""
    candidates.sort(key=lambda c: (c.content[0], c.content[1]))
    events = _subject_events(a)
    for c in candidates:
        if c.speaker is not None and c.speaker.mention is not None:
            events.append((c.speaker.mention[0], c.speaker))
    events.sort(key=lambda e: e[0])
    askers = [(c.speaker.mention[0] if c.speaker.mention else c.content[0], c.speaker) for c in candidates if c.cue_match is not None and c.cue_match.kind == "question" and c.speaker]
    for c in candidates:
        anchor = min(c.content[0], c.cue[0] if c.cue else c.content[0])
        if c.resolve == "dropped":
            previous = [s for pos, s in events if pos < anchor]
            if _plural_cue(a, c):
                # `... duyurdular`: a plural verb wants a group or a body, not the last person
                previous = [s for s in previous if s.label != "PER"] or previous
            if previous:
                c.speaker = _with_nearest_mention(a, previous[-1], anchor)
        elif c.resolve == "asker":
            previous = [s for pos, s in askers if pos < anchor]
            c.speaker = replace(previous[-1], mention=None) if previous else None
    for n, c in enumerate(candidates):
        if c.resolve != "section":
            continue
        later = [o.speaker for o in candidates[n + 1 :] if o.speaker is not None and o.resolve != "section"]
        earlier = [o.speaker for o in candidates[:n] if o.speaker is not None and o.resolve != "section"]
        chosen = later[0] if later else (earlier[-1] if earlier else None)
        c.speaker = replace(chosen, mention=None) if chosen else None
    titles = _titles_by_name(a)
    for c in candidates:
        if c.speaker is not None and c.speaker.title is None and titles.get(c.speaker.name):
            anchor = c.content[0]
            known = titles[c.speaker.name]
            before = [t for pos, t in known if pos <= anchor]
            c.speaker = replace(c.speaker, title=before[-1] if before else known[0][1])
    return [_finish(a, c) for c in candidates]


def _titles_by_name(a: Analysis) -> Dict[str, List[Tuple[int, str]]]:
    """Titles the article gives each person (`MİT Başkanı İbrahim Kalın`), for mentions without one
    (`Kalın'ın ... hatırlatması`)."""
    titles: Dict[str, List[Tuple[int, str]]] = {}
    for mention in speaker_mentions(a.doc):
        if mention.label_ != "PER":
            continue
        speaker = speaker_from_entity(mention)
        if speaker.title:
            titles.setdefault(speaker.name, []).append((mention.start, speaker.title))
    return titles


def _plural_cue(a: Analysis, c: Candidate) -> bool:
    """The cue verb is third person plural (`açıkladılar`, `belirttiler`, `diyorlar`)."""
    if c.cue_match is None or c.cue_match.form != "finite":
        return False
    return bool(re.search(r"l[ae]r(?:d[ıi]|m[ıi]ş)?$", a.word(c.cue_match.end - 1)))


def _with_nearest_mention(a: Analysis, speaker: SpeakerData, anchor: int) -> SpeakerData:
    """A dropped subject's mention: the nearest one in this or the previous sentence, else none."""
    sent = a.sent_start[anchor]
    prev_sent = a.sent_start[sent - 1] if sent > 0 else sent
    if speaker.label == "OTHER":
        mention = speaker.mention if speaker.mention and speaker.mention[0] >= prev_sent else None
        return replace(speaker, mention=mention)
    mentions = [m for m in mentions_of(a.doc, speaker.name, prev_sent, anchor)]
    if not mentions:
        return replace(speaker, mention=None)
    last = mentions[-1]
    return replace(speaker, mention=(last.start, last.end))


def _finish(a: Analysis, c: Candidate) -> QuoteData:
    key = evidence(c)
    # Evidence never seen in the fitting data falls back on its rule, less a missing speaker's cost.
    fallback = CONFIDENCE[c.rule] - (UNRESOLVED_PENALTY if key.endswith(":unresolved") else 0.0)
    confidence = CONFIDENCE.get(key, fallback)
    return QuoteData(c.content, c.type, c.cue, c.speaker, round(confidence, 3), rule=key)
