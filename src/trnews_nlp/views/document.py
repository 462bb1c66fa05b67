"""One result record as HTML: the quotes view and the entities view.

Both read the JSON record (`document.doc_to_dict`), so what a reader sees is exactly what the JSON
says, offsets included: a speaker mention stops before its apostrophe suffix (`Kaya`’nın).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from .markup import Mark, attrs, esc, nest
from .palette import ENTITY_COLORS, speaker_colors

Record = Dict[str, Any]
STYLES = ("quotes", "entities")


def speaker_key(speaker: Optional[Dict[str, Any]]) -> Optional[Tuple[str, str]]:
    """What makes two quotes' speakers the same person: canonical name and label."""
    return None if not speaker else (speaker["name"], speaker["label"])


def speaker_text(speaker: Dict[str, Any]) -> str:
    """`Ayşe Kaya (Dışişleri Bakanı), PER`: canonical name, title when known, label."""
    title = f" ({speaker['title']})" if speaker.get("title") else ""
    return f"{speaker['name']}{title}, {speaker['label']}"


def quote_tooltip(quote: Dict[str, Any]) -> str:
    """The hover text of a quote: who said it, how, and how sure the pipeline is."""
    speaker = quote.get("speaker")
    who = speaker_text(speaker) if speaker else "no speaker (unattributed)"
    cue = f"; cue: {quote['cue']['text']}" if quote.get("cue") else ""
    return f"{who}\n{quote['type']} quote, confidence {quote['confidence']:.2f}{cue}"


def document_html(record: Record, style: str = "quotes", *, prefix: str = "d0") -> str:
    """The `<article>` of one record. `prefix` makes element ids unique on a page of several."""
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, not {style!r}")
    head = f'<header class="trn-head"><h2>{esc(record.get("id") or "document")}</h2>'
    if style == "quotes":
        legend, marks = _quote_layers(record, prefix)
        body = nest(record["text"], marks)
        summary = f"{len(record.get('quotes', []))} quotes"
    else:
        legend, body = _entity_legend(), nest(record["text"], _entity_marks(record))
        summary = f"{len(record.get('entities', []))} entities"
    head += f'<p class="trn-sum">{esc(summary)}</p>{legend}</header>'
    return (f'<article class="trn-doc trn-{style}"{attrs({"id": prefix, "data-doc": record.get("id")})}>'
            f'{head}<div class="trn-text">{body}</div></article>')


def _quote_layers(record: Record, prefix: str) -> Tuple[str, List[Mark]]:
    quotes = record.get("quotes", [])
    keys = [speaker_key(q.get("speaker")) for q in quotes]
    colors = speaker_colors(k for k in keys if k)
    ids = {key: f"{prefix}-s{n}" for n, key in enumerate(colors)}
    marks: List[Mark] = []
    mentions: Dict[Tuple[int, int], List[int]] = {}
    cues: Dict[Tuple[int, int], List[int]] = {}
    for n, (quote, key) in enumerate(zip(quotes, keys)):
        speaker = quote.get("speaker")
        mention = speaker.get("mention") if speaker else None
        if mention:
            mentions.setdefault((mention["start"], mention["end"]), []).append(n)
        if quote.get("cue"):
            cues.setdefault((quote["cue"]["start"], quote["cue"]["end"]), []).append(n)
        marks.append(_quote_mark(quote, n, prefix, key and ids[key], key and colors[key], mention))
    for (start, end), numbers in mentions.items():
        key = keys[numbers[0]]
        marks.append(Mark(start, end, 1, "mark", {
            "class": "trn-spk", "data-speaker": ids[key], "data-quotes": _quote_ids(prefix, numbers),
            "style": _color_style(colors[key]), "title": f"speaker: {speaker_text(quotes[numbers[0]]['speaker'])}",
        }, first_only={"id": f"{prefix}-m{start}-{end}"}))
    for (start, end), numbers in cues.items():
        marks.append(Mark(start, end, 1, "mark", {
            "class": "trn-cue", "data-quotes": _quote_ids(prefix, numbers), "title": "reporting cue",
        }))
    return _speaker_legend(quotes, keys, colors, ids), marks


def _quote_mark(quote: Dict[str, Any], n: int, prefix: str, speaker_id: Optional[str],
                color: Optional[Dict[str, str]], mention: Optional[Dict[str, Any]]) -> Mark:
    qid = f"{prefix}-q{n}"
    speaker = quote.get("speaker")
    if speaker:
        target = f"#{prefix}-m{mention['start']}-{mention['end']}" if mention else f"#{speaker_id}"
        label = (f'<a class="trn-who" href="{esc(target)}" data-quote="{qid}" data-speaker="{speaker_id}"'
                 f' style="{_color_style(color)}" title="{esc(quote_tooltip(quote))}">{esc(speaker["name"])}'
                 f'<span class="trn-type">{esc(quote["type"])}</span></a>')
    else:
        label = (f'<span class="trn-who trn-none" data-quote="{qid}" title="{esc(quote_tooltip(quote))}">'
                 f'no speaker<span class="trn-type">{esc(quote["type"])}</span></span>')
    return Mark(quote["start"], quote["end"], 0, "span", {
        "class": "trn-q" if speaker else "trn-q trn-unattributed", "data-quote": qid,
        "data-speaker": speaker_id, "data-type": quote["type"], "style": color and _color_style(color),
        "title": quote_tooltip(quote),
    }, first_only={"id": qid}, after=label)


def _quote_ids(prefix: str, numbers: List[int]) -> str:
    return " ".join(f"{prefix}-q{n}" for n in numbers)


def _color_style(color: Dict[str, str]) -> str:
    return f"--fill: {color['fill']}; --ink: {color['ink']}"


def _speaker_legend(quotes, keys, colors, ids) -> str:
    items = []
    for key, color in colors.items():
        numbers = [n for n, k in enumerate(keys) if k == key]
        speaker = quotes[numbers[0]]["speaker"]
        items.append(f'<li class="trn-key" id="{ids[key]}" data-speaker="{ids[key]}" style="{_color_style(color)}">'
                     f'<span class="trn-swatch"></span>{esc(speaker_text(speaker))}: {len(numbers)}</li>')
    unattributed = sum(1 for k in keys if k is None)
    if unattributed:
        items.append(f'<li class="trn-key trn-none"><span class="trn-swatch"></span>no speaker: {unattributed}</li>')
    return f'<ul class="trn-legend">{"".join(items)}</ul>' if items else ""


def _entity_marks(record: Record) -> List[Mark]:
    return [
        Mark(e["start"], e["end"], 0, "mark", {
            "class": "trn-ent", "data-label": e["label"], "style": f"--fill: {ENTITY_COLORS.get(e['label'], '#ddd')}",
            "title": f"{e['label']}: {e['canonical']}",
        }, after=f'<span class="trn-lab" data-label="{esc(e["label"])}">{esc(e["label"])}</span>')
        for e in record.get("entities", [])
    ]


def _entity_legend() -> str:
    items = "".join(f'<li class="trn-key" style="--fill: {color}"><span class="trn-swatch"></span>{label}</li>'
                    for label, color in ENTITY_COLORS.items() if label != "OTHER")
    return f'<ul class="trn-legend">{items}</ul>'
