"""`trnews-nlp evaluate quotes GOLD.jsonl`: quote detection and speaker attribution scores.

Gold files follow `../shared/eval/GUIDELINES.md` (one article per line: `text`, `quotes`,
`entities`). Figures:

- quote P/R/F1 with overlap matching (IoU ≥ 0.5 of the character spans after trimming quotation
  marks, spaces and end punctuation; one-to-one, best overlap first) and with exact matching;
- speaker accuracy among overlap-matched quotes (canonical names compared after Turkish
  lower-casing; a null speaker matches a null speaker), and among those, how often the speaker
  mention has the gold offsets (both null counts as right);
- end-to-end P/R/F1: the span matched and the speaker right;
- recall per gold type, and precision per confidence bucket (does the confidence mean something);
- precision per evidence (the rule that found a quote and whether its speaker had to be
  inferred): `--by-rule` prints it, `--fit-confidence FILE` writes it as the confidence table of
  `trnews_quotes` (`quotes/confidence.tsv`), smoothed towards the overall precision;
- `--gold-entities` feeds the gold entities instead of the NER's, which separates NER errors from
  attribution errors; `-v` lists misses, spurious quotes and wrong speakers.

Several gold files may be given; they are scored as one corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..text import QUOTE_CHARS, normalize_apostrophes, tr_lower
from .scoring import prf

IOU_THRESHOLD = 0.5
BUCKETS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))
_TRIM = QUOTE_CHARS + " \t\n\r\xa0.,;:!?…-–—*•"
COMPONENTS = ("trnews_entities", "trnews_quotes")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp evaluate quotes`."""
    parser.add_argument("gold", type=Path, nargs="+", help="gold JSONL file(s) (e.g. ../shared/eval/quotes-dev.jsonl)")
    parser.add_argument("--model", default=None, help="pipeline path or name (default: the bundled pipeline)")
    parser.add_argument("--gold-entities", action="store_true", help="use the gold entities instead of the NER's")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses, spurious quotes, wrong speakers")
    parser.add_argument("--by-rule", action="store_true", help="print precision per rule and evidence")
    parser.add_argument("--fit-confidence", type=Path, metavar="FILE",
                        help="write the measured precision per evidence as a confidence table (TSV)")


def run(args: argparse.Namespace) -> int:
    """Evaluate and print; returns the process exit status."""
    missing = [str(path) for path in args.gold if not path.exists()]
    if missing:
        print(f"gold file not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    nlp = load_pipeline(args.model)
    records = [r for path in args.gold for r in read_gold(path)]
    predictions = [predict(nlp, r, gold_entities=args.gold_entities) for r in records]
    scores, details = score(records, predictions)
    scores["setup"] = {
        "gold": [str(path) for path in args.gold],
        "pipeline": nlp.pipe_names,
        "entities": "gold" if args.gold_entities else "pipeline",
    }
    if args.json:
        print(json.dumps(scores, ensure_ascii=False, indent=2))
    else:
        print(format_report(scores))
    if args.by_rule and not args.json:
        print(format_by_rule(scores["by_rule"]))
    if args.verbose:
        print(format_details(details))
    if args.fit_confidence:
        write_confidence(args.fit_confidence, scores, [str(path) for path in args.gold])
    return 0


def read_gold(path: Path) -> Iterator[Dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def load_pipeline(model: Optional[str]) -> Language:
    """The pipeline to test, with `trnews_entities` and `trnews_quotes` added when it lacks them."""
    import importlib

    # Register the project's factories even where the package's entry points are not installed.
    for module in ("tokenizer", "sentences", "morphology.component", "entities", "quotes.component"):
        try:
            importlib.import_module(f"trnews_nlp.{module}")
        except ImportError:
            pass

    import trnews_nlp

    if model:
        nlp = trnews_nlp.load(model)
    else:
        try:
            nlp = trnews_nlp.load()
        except Exception as error:  # no bundled model yet: tokenizer and rules only
            print(f"[evaluate quotes] bundled pipeline unavailable ({error}); using a blank one", file=sys.stderr)
            nlp = trnews_nlp.blank(rules=False)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def predict(nlp: Language, record: Dict[str, Any], *, gold_entities: bool) -> List[Dict[str, Any]]:
    """Run the pipeline on one gold text; with `gold_entities`, NER is replaced by the gold spans."""
    from ..document import doc_to_dict

    doc = nlp.make_doc(record["text"])
    for name, proc in nlp.pipeline:
        if gold_entities and name == "ner":
            continue
        if gold_entities and name == "trnews_entities":
            doc.ents = _gold_spans(doc, record.get("entities", []))
        doc = proc(doc)
    quotes = doc_to_dict(doc)["quotes"]
    for quote, found in zip(quotes, doc._.quotes):
        quote["rule"] = found.rule
    return quotes


def _gold_spans(doc: Doc, entities: Sequence[Dict[str, Any]]):
    spans = []
    for ent in entities:
        span = doc.char_span(ent["start"], ent["end"], label=ent["label"], alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return filter_spans(spans)


def trimmed(text: str, start: int, end: int) -> Tuple[int, int]:
    """Span without surrounding quotation marks, spaces and end punctuation."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def iou(a: Tuple[int, int], b: Tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def same_speaker(gold: Optional[str], pred: Optional[str]) -> bool:
    def norm(name: Optional[str]) -> Optional[str]:
        return None if not name else " ".join(tr_lower(normalize_apostrophes(name)).split())

    return norm(gold) == norm(pred)


def match(text: str, gold: Sequence[Dict[str, Any]], pred: Sequence[Dict[str, Any]]) -> List[Tuple[int, int, float]]:
    """One-to-one (gold index, predicted index, IoU) pairs with IoU ≥ 0.5, best overlaps first."""
    pairs = []
    for gi, g in enumerate(gold):
        gs = trimmed(text, g["start"], g["end"])
        for pi, p in enumerate(pred):
            overlap = iou(gs, trimmed(text, p["start"], p["end"]))
            if overlap >= IOU_THRESHOLD:
                pairs.append((overlap, gi, pi))
    used_g, used_p, result = set(), set(), []
    for overlap, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            result.append((gi, pi, overlap))
    return result


def _speaker_name(quote: Dict[str, Any]) -> Optional[str]:
    speaker = quote.get("speaker")
    return speaker.get("name") if isinstance(speaker, dict) else speaker


def score(records: Sequence[Dict[str, Any]], predictions: Sequence[Sequence[Dict[str, Any]]]):
    """Corpus-level scores and per-document error lists."""
    n_gold = n_pred = matched = exact = speaker_ok = e2e = mention_ok = 0
    by_type: Dict[str, List[int]] = {}
    buckets = {b: [0, 0, 0] for b in BUCKETS}  # predictions, matched, matched with right speaker
    by_rule: Dict[str, List[int]] = {}  # the same three counts per rule and per evidence
    details = []
    for record, pred in zip(records, predictions):
        text, gold = record["text"], record["quotes"]
        n_gold += len(gold)
        n_pred += len(pred)
        pairs = match(text, gold, pred)
        matched_pred = {pi: gi for gi, pi, _ in pairs}
        doc_errors: Dict[str, list] = {"id": record.get("id"), "missed": [], "spurious": [], "wrong_speaker": []}
        for gi, g in enumerate(gold):
            counts = by_type.setdefault(g["type"], [0, 0])
            counts[0] += 1
            if gi in {x for x, _, _ in pairs}:
                counts[1] += 1
            else:
                doc_errors["missed"].append(_brief(g))
        for gi, pi, _ in pairs:
            g, p = gold[gi], pred[pi]
            if trimmed(text, g["start"], g["end"]) == trimmed(text, p["start"], p["end"]):
                exact += 1
            if same_speaker(_speaker_name(g), _speaker_name(p)):
                speaker_ok += 1
                e2e += 1
                mention_ok += _mention_span(g) == _mention_span(p)
            else:
                doc_errors["wrong_speaker"].append({"gold": _brief(g), "pred": _brief(p)})
        matched += len(pairs)
        for pi, p in enumerate(pred):
            right = pi in matched_pred and same_speaker(_speaker_name(gold[matched_pred[pi]]), _speaker_name(p))
            for key in _evidence_keys(p.get("rule")):
                counts = by_rule.setdefault(key, [0, 0, 0])
                counts[0] += 1
                counts[1] += pi in matched_pred
                counts[2] += right
            bucket = next(b for b in BUCKETS if b[0] <= p["confidence"] < b[1])
            buckets[bucket][0] += 1
            if pi in matched_pred:
                buckets[bucket][1] += 1
                buckets[bucket][2] += same_speaker(_speaker_name(gold[matched_pred[pi]]), _speaker_name(p))
            else:
                doc_errors["spurious"].append(_brief(p))
        details.append(doc_errors)
    scores = {
        "documents": len(records),
        "gold_quotes": n_gold,
        "predicted_quotes": n_pred,
        "overlap": prf(matched, n_pred - matched, n_gold - matched),
        "exact": prf(exact, n_pred - exact, n_gold - exact),
        "speaker_accuracy": speaker_ok / matched if matched else 0.0,
        "mention_accuracy": mention_ok / speaker_ok if speaker_ok else 0.0,
        "end_to_end": prf(e2e, n_pred - e2e, n_gold - e2e),
        "recall_by_type": {t: {"gold": c[0], "recall": c[1] / c[0] if c[0] else 0.0} for t, c in sorted(by_type.items())},
        "confidence_buckets": [
            {
                "range": [lo, min(hi, 1.0)],
                "predicted": n,
                "precision": m / n if n else None,
                "end_to_end_precision": s / n if n else None,
            }
            for (lo, hi), (n, m, s) in buckets.items()
        ],
        "by_rule": {
            key: {"predicted": n, "precision": m / n, "end_to_end_precision": s / n, "end_to_end": s}
            for key, (n, m, s) in sorted(by_rule.items())
        },
    }
    return scores, details


def _evidence_keys(rule: Optional[str]) -> List[str]:
    """`direct_cue_explicit:inferred` counts for itself and for its rule `direct_cue_explicit`."""
    if not rule:
        return []
    base = rule.split(":")[0]
    return [rule] if base == rule else [base, rule]


#: Pseudo-counts that pull a rarely seen evidence towards the overall precision when fitting.
SMOOTHING = 3.0


def fitted_confidence(scores: Dict[str, Any]) -> Dict[str, Tuple[float, int, int]]:
    """`evidence -> (confidence, predicted, right)`: end-to-end precision, smoothed."""
    prior = scores["end_to_end"]["p"]
    return {
        key: ((v["end_to_end"] + SMOOTHING * prior) / (v["predicted"] + SMOOTHING), v["predicted"], v["end_to_end"])
        for key, v in scores["by_rule"].items()
    }


def write_confidence(path: Path, scores: Dict[str, Any], sources: Sequence[str]) -> None:
    """Write the confidence table that `trnews_quotes` reads (`quotes/confidence.tsv`)."""
    lines = [
        "# Confidence of each kind of evidence for a quote: the precision (span and speaker right) it",
        "# had on hand-annotated development data, smoothed towards the overall precision with "
        f"{SMOOTHING:g} pseudo-counts.",
        "# Written by `trnews-nlp evaluate quotes --fit-confidence` on: " + ", ".join(Path(s).name for s in sources),
        "# EVIDENCE\tCONFIDENCE\tPREDICTED\tRIGHT",
    ]
    for key, (value, n, right) in sorted(fitted_confidence(scores).items()):
        lines.append(f"{key}\t{value:.3f}\t{n}\t{right}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def format_by_rule(by_rule: Dict[str, Dict[str, Any]]) -> str:
    lines = ["precision by rule and evidence:"]
    for key, v in by_rule.items():
        lines.append(f"  {key:<42} n={v['predicted']:<4} span {v['precision']:.3f}  span+speaker {v['end_to_end_precision']:.3f}")
    return "\n".join(lines)


def _mention_span(quote: Dict[str, Any]) -> Optional[Tuple[int, int]]:
    """The speaker mention's offsets, from gold (`speaker_mention`) or predicted (`speaker.mention`)."""
    mention = quote.get("speaker_mention")
    if mention is None and isinstance(quote.get("speaker"), dict):
        mention = quote["speaker"].get("mention")
    return (mention["start"], mention["end"]) if mention else None


def _brief(quote: Dict[str, Any]) -> Dict[str, Any]:
    speaker = _speaker_name(quote)
    cue = quote.get("cue")
    return {
        "type": quote.get("type"),
        "text": quote["text"][:90] + ("…" if len(quote["text"]) > 90 else ""),
        "speaker": speaker,
        "cue": cue.get("text") if isinstance(cue, dict) else cue,
        "start": quote["start"],
    }


def format_report(scores: Dict[str, Any]) -> str:
    lines = [
        f"documents {scores['documents']}  gold quotes {scores['gold_quotes']}  predicted {scores['predicted_quotes']}"
        f"  entities: {scores['setup']['entities']}",
        f"{'':<12} {'P':>7} {'R':>7} {'F1':>7} {'tp':>5} {'fp':>5} {'fn':>5}",
    ]
    for key in ("overlap", "exact", "end_to_end"):
        s = scores[key]
        lines.append(f"{key:<12} {s['p']:>7.4f} {s['r']:>7.4f} {s['f']:>7.4f} {s['tp']:>5} {s['fp']:>5} {s['fn']:>5}")
    lines.append(f"speaker accuracy (matched quotes): {scores['speaker_accuracy']:.4f}")
    lines.append(f"speaker mention accuracy (right speaker): {scores['mention_accuracy']:.4f}")
    lines.append("recall by type: " + ", ".join(f"{t} {v['recall']:.3f} ({v['gold']})" for t, v in scores["recall_by_type"].items()))
    lines.append("precision by confidence:")
    for b in scores["confidence_buckets"]:
        p = "-" if b["precision"] is None else f"{b['precision']:.3f}"
        e = "-" if b["end_to_end_precision"] is None else f"{b['end_to_end_precision']:.3f}"
        lines.append(f"  [{b['range'][0]:.2f}, {b['range'][1]:.2f})  n={b['predicted']:<4} span {p}  span+speaker {e}")
    return "\n".join(lines)


def format_details(details: Sequence[Dict[str, Any]]) -> str:
    lines = []
    for d in details:
        if not (d["missed"] or d["spurious"] or d["wrong_speaker"]):
            continue
        lines.append(f"== {d['id']}")
        for q in d["missed"]:
            lines.append(f"  MISS  [{q['type']}] {q['text']!r} | {q['speaker']} | cue {q['cue']!r}")
        for q in d["spurious"]:
            lines.append(f"  SPUR  [{q['type']}] {q['text']!r} | {q['speaker']} | cue {q['cue']!r}")
        for w in d["wrong_speaker"]:
            lines.append(f"  SPKR  {w['gold']['text'][:60]!r}: gold {w['gold']['speaker']!r} pred {w['pred']['speaker']!r} (cue {w['pred']['cue']!r})")
    return "\n".join(lines)
