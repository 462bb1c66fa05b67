"""The corpus report: who is quoted, how, when, where, and next to whom, as one offline HTML page.

Records are read once, streaming; only counts and the quotes a page lists are kept, so a report over
an archive needs little memory. Each document can also get a page of its own (the quotes view), and
the report's quotes link to them.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

from .charts import bar_chart, heatmap
from .document import speaker_key
from .markup import esc
from .palette import ENTITY_COLORS, speaker_colors

Record = Dict[str, Any]
SpeakerKey = Tuple[str, str]
TYPES = ("direct", "indirect", "mixed")
#: Bar colours of the quote types (darker than the text highlights, to stand out on white).
SPAN_COLORS_DARK = {"direct": "#d9902b", "indirect": "#f2c37e", "mixed": "#b8643a"}
_MONTH = re.compile(r"^(\d{4}-\d{2})")
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass
class Limits:
    """How much the report lists: it must stay small for a whole archive."""

    speakers: int = 200
    quotes_per_speaker: int = 20
    quote_chars: int = 280
    chart_rows: int = 25
    entities: int = 20
    heatmap: int = 15


@dataclass
class SpeakerStats:
    name: str
    label: str
    titles: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    documents: set = field(default_factory=set)
    quotes: List[Tuple[str, Optional[str], str, str]] = field(default_factory=list)  # text, href, doc id, type


@dataclass
class Corpus:
    """Everything the report shows, counted over the records."""

    documents: int = 0
    quotes: int = 0
    unattributed: int = 0
    types: Counter = field(default_factory=Counter)
    speakers: Dict[SpeakerKey, SpeakerStats] = field(default_factory=dict)
    categories: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    months: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    entity_mentions: Counter = field(default_factory=Counter)
    entity_documents: Counter = field(default_factory=Counter)
    comentions: Counter = field(default_factory=Counter)


def page_name(doc_id: Optional[str], n: int) -> str:
    """A safe, unique file name for a document's page: readable stem plus a hash of the id."""
    key = doc_id if doc_id is not None else f"#{n}"
    stem = _UNSAFE.sub("_", Path(key).stem)[:60] or "doc"
    return f"{stem}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}.html"


def category_of(record: Record) -> Optional[str]:
    """`category` of the record or its `meta`, else the folder of a file-path id (ttc-3600 style)."""
    meta = record.get("meta") or {}
    value = record.get("category") or meta.get("category")
    if value:
        return str(value)
    doc_id = record.get("id")
    if isinstance(doc_id, str) and "/" in doc_id:
        parent = Path(doc_id.split(":")[0]).parent.name
        return parent or None
    return None


def month_of(record: Record) -> Optional[str]:
    """`YYYY-MM` from a `date` or `published` field of the record or its `meta`, when present."""
    meta = record.get("meta") or {}
    for source in (record, meta):
        for name in ("date", "published", "published_at"):
            match = _MONTH.match(str(source.get(name) or ""))
            if match:
                return match.group(1)
    return None


def collect(records: Iterable[Record], limits: Limits, href: Optional[Callable[[Record, int, int], Optional[str]]] = None) -> Corpus:
    """Count what the report shows; `href(record, n, quote_index)` gives a quote's link, or None."""
    corpus = Corpus()
    for n, record in enumerate(records):
        corpus.documents += 1
        doc_id = str(record.get("id") if record.get("id") is not None else f"#{n}")
        category, month = category_of(record), month_of(record)
        names = {(e["canonical"], e["label"]) for e in record.get("entities", [])}
        corpus.entity_mentions.update((e["canonical"], e["label"]) for e in record.get("entities", []))
        corpus.entity_documents.update(names)
        quoted = set()
        for i, quote in enumerate(record.get("quotes", [])):
            corpus.quotes += 1
            corpus.types[quote["type"]] += 1
            if category:
                corpus.categories[category][quote["type"]] += 1
            if month:
                corpus.months[month][quote["type"]] += 1
            key = speaker_key(quote.get("speaker"))
            if key is None:
                corpus.unattributed += 1
                continue
            quoted.add(key)
            stats = corpus.speakers.setdefault(key, SpeakerStats(*key))
            stats.types[quote["type"]] += 1
            stats.documents.add(doc_id)
            if quote["speaker"].get("title"):
                stats.titles[quote["speaker"]["title"]] += 1
            if len(stats.quotes) < limits.quotes_per_speaker:
                text = quote["text"] if len(quote["text"]) <= limits.quote_chars else quote["text"][: limits.quote_chars] + "…"
                stats.quotes.append((text, href(record, n, i) if href else None, doc_id, quote["type"]))
        corpus.comentions.update((s, e) for s in quoted for e in names if e[0] != s[0])
    return corpus


def ranked_speakers(corpus: Corpus) -> List[SpeakerStats]:
    """Speakers by number of quotes, then documents, then name (a stable order)."""
    return sorted(corpus.speakers.values(),
                  key=lambda s: (-sum(s.types.values()), -len(s.documents), s.name))


def report_html(corpus: Corpus, limits: Limits, *, title: str = "trnews-nlp corpus report") -> str:
    """The report's `<main>` element."""
    speakers = ranked_speakers(corpus)
    attributed = corpus.quotes - corpus.unattributed
    parts = [
        f'<main class="trn-report"><h1>{esc(title)}</h1>',
        f'<p>{corpus.documents} documents, {corpus.quotes} quotes ({attributed} with a speaker, '
        f'{corpus.unattributed} without), {len(corpus.speakers)} speakers, '
        f'{len(corpus.entity_documents)} distinct entities.</p>',
        _speakers_chart(speakers, limits),
        _types_section(corpus),
        _breakdown_section("Quotes by category", corpus.categories, "category", min_rows=2),
        _breakdown_section("Quotes by month", corpus.months, "month", min_rows=1, sort_by_label=True),
        _comention_section(corpus, speakers, limits),
        _entities_section(corpus, limits),
        _speakers_table(speakers, limits),
        _quotes_section(speakers, limits),
        "</main>",
    ]
    return "".join(parts)


def _count(n: int, noun: str) -> str:
    """`1 quote`, `2 quotes`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _speaker_anchor(n: int) -> str:
    return f"speaker-{n}"


def _speakers_chart(speakers: List[SpeakerStats], limits: Limits) -> str:
    if not speakers:
        return "<h2>Speakers</h2><p>No quote has a speaker.</p>"
    top = speakers[: limits.chart_rows]
    chart = bar_chart([(s.name, [s.types[t] for t in TYPES]) for s in top], TYPES, SPAN_COLORS_DARK,
                      title="Quotes per speaker", href=[f"#{_speaker_anchor(n)}" for n in range(len(top))])
    return f'<h2 id="top-speakers">Most quoted speakers</h2>{chart}<p class="meta"><a href="#speakers">All speakers</a></p>'


def _speakers_table(speakers: List[SpeakerStats], limits: Limits) -> str:
    if not speakers:
        return ""
    rows = []
    for n, s in enumerate(speakers[: limits.speakers]):
        title = s.titles.most_common(1)[0][0] if s.titles else ""
        rows.append(f'<tr><td class="n">{n + 1}</td><td><a href="#{_speaker_anchor(n)}">{esc(s.name)}</a></td>'
                    f'<td>{esc(s.label)}</td><td>{esc(title)}</td><td class="n">{sum(s.types.values())}</td>'
                    + "".join(f'<td class="n">{s.types[t]}</td>' for t in TYPES)
                    + f'<td class="n">{len(s.documents)}</td></tr>')
    more = len(speakers) - limits.speakers
    note = f'<p class="meta">{more} more speakers not listed.</p>' if more > 0 else ""
    head = "".join(f"<th>{t}</th>" for t in ("#", "speaker", "label", "title", "quotes", *TYPES, "documents"))
    return (f'<h2 id="speakers">Speakers ranked by quotes</h2>'
            f'<table class="trn-speakers"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{note}')


def _types_section(corpus: Corpus) -> str:
    rows = [(t, [corpus.types[t]]) for t in TYPES]
    rows.append(("no speaker", [corpus.unattributed]))
    colors = {"quotes": "#c98a2b"}
    return f'<h2 id="types">Quotes by type</h2>{bar_chart(rows, ["quotes"], colors, title="Quotes by type")}'


def _breakdown_section(heading: str, table: Dict[str, Counter], what: str, *, min_rows: int,
                       sort_by_label: bool = False) -> str:
    if len(table) < min_rows:
        return ""
    keys = sorted(table) if sort_by_label else sorted(table, key=lambda k: (-sum(table[k].values()), k))
    rows = [(k, [table[k][t] for t in TYPES]) for k in keys]
    anchor = what.replace(" ", "-")
    return f'<h2 id="{anchor}">{esc(heading)}</h2>{bar_chart(rows, TYPES, SPAN_COLORS_DARK, title=heading)}'


def _entities_section(corpus: Corpus, limits: Limits) -> str:
    parts = ['<h2 id="entities">Top entities</h2><p class="meta">Mentions of each canonical name; '
             'hover a bar for the count.</p>']
    for label in ("PER", "ORG", "LOC"):
        top = [(name, count) for (name, lab), count in corpus.entity_mentions.most_common() if lab == label]
        if top:
            rows = [(name, [count]) for name, count in top[: limits.entities]]
            parts.append(f"<h3>{label}</h3>"
                         + bar_chart(rows, [label], {label: _darker(ENTITY_COLORS[label])}, title=f"Top {label}"))
    return "".join(parts)


def _darker(color: str) -> str:
    """A darker shade of a `#rrggbb` colour, for bars on white."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % (int(r * 0.7), int(g * 0.7), int(b * 0.7))


def _comention_section(corpus: Corpus, speakers: List[SpeakerStats], limits: Limits) -> str:
    """Rows: the most quoted speakers; columns: the entities most often named beside those speakers."""
    top_speakers = {(s.name, s.label) for s in speakers[: limits.heatmap]}
    pairs = {(s, e): c for (s, e), c in corpus.comentions.items() if s in top_speakers}
    beside: Counter = Counter()
    for (_, entity), count in pairs.items():
        beside[entity] += count
    columns = [entity for entity, _ in beside.most_common(limits.heatmap)]
    rows = [(s.name, s.label) for s in speakers[: limits.heatmap]
            if any(((s.name, s.label), e) in pairs for e in columns)]
    counts = {(s[0], e[0]): pairs[(s, e)] for s in rows for e in columns if (s, e) in pairs}
    table = heatmap([s[0] for s in rows], [e[0] for e in columns], counts,
                    caption="Documents in which the speaker (row) is quoted and the entity (column) is named")
    if not table:
        return ""
    return f'<h2 id="comention">Speakers and the entities named beside them</h2>{table}'


def _quotes_section(speakers: List[SpeakerStats], limits: Limits) -> str:
    if not speakers:
        return ""
    colors = speaker_colors(s.name for s in speakers[: limits.speakers])
    blocks = []
    for n, s in enumerate(speakers[: limits.speakers]):
        color = colors[s.name]
        items = []
        for text, href, doc_id, kind in s.quotes:
            where = f'<a href="{esc(href)}">{esc(doc_id)}</a>' if href else esc(doc_id)
            items.append(f'<blockquote style="--ink: {color["ink"]}">{esc(text)}'
                         f'<div class="meta">{esc(kind)}, {where}</div></blockquote>')
        total = sum(s.types.values())
        more = f'<p class="meta">{_count(total - len(s.quotes), "more quote")} not listed.</p>' if total > len(s.quotes) else ""
        blocks.append(f'<details id="{_speaker_anchor(n)}"><summary><b>{esc(s.name)}</b> ({esc(s.label)}): '
                      f'{_count(total, "quote")} in {_count(len(s.documents), "document")}</summary>{"".join(items)}{more}</details>')
    return f'<h2 id="quotes">Quotes of each speaker</h2>{"".join(blocks)}'
