"""CoNLL-U for result records: one valid UD tree per sentence, entities and quotes in MISC.

A record's sentences come from the sentence splitter and its heads from the parser, which do not
always agree: a token may point outside its sentence, or one sentence may hold two trees. The
writer keeps every word and label it can and repairs only what the format forbids: the sentence's
main root (labelled `root`, lower-case as UD writes it) is the last tree top the parser labelled
root, else its last tree top (Turkish is head-final: the main verb comes last); every other top, and every word whose head lies
outside the sentence, attaches to it (`parataxis` for a second root). MISC carries
`SpaceAfter=No` or `SpacesAfter` (any other whitespace, escaped, so the text can be rebuilt),
`NE=B-PER`/`I-...` for entities, and `Quote`, `Speaker`, `Cue` with the quote's number in the
document for the tokens of each quote's content, speaker mention and cue.
"""

from __future__ import annotations

import io
from typing import Any, Dict, List, Optional, Sequence, Tuple

Record = Dict[str, Any]

#: Label given to a second tree top re-attached to the sentence's main root.
EXTRA_ROOT_LABEL = "parataxis"
_ESCAPES = {"\\": "\\\\", " ": "\\s", "\t": "\\t", "\n": "\\n", "\r": "\\r", "|": "\\p"}


def to_conllu(record: Record, doc_number: Optional[int] = None) -> str:
    """CoNLL-U for one record made with `tokens=True`; `doc_number` names sentences of a record
    without an id (`doc3-1`), so ids stay unique in a file of many records."""
    if "tokens" not in record:
        raise ValueError(f"document {record.get('id')}: CoNLL-U needs the token layer (annotate with tokens=True)")
    doc_id = record.get("id")
    if doc_id is None:
        doc_id = f"doc{doc_number}" if doc_number is not None else "doc"
    tokens = record["tokens"]
    misc, gaps = _misc(record), _gaps(record)
    out = io.StringIO()
    out.write(f"# newdoc id = {doc_id}\n")
    for n, sent in enumerate(record["sentences"], 1):
        index = [i for i, t in enumerate(tokens) if sent["start"] <= t["start"] < sent["end"]]
        if not index:
            continue
        out.write(f"# sent_id = {doc_id}-{n}\n")
        out.write("# text = " + _sentence_text(tokens, index, gaps) + "\n")
        tree = sentence_tree(tokens, index)
        for k, i in enumerate(index, 1):
            out.write("\t".join(_columns(tokens[i], k, tree[k - 1], gaps[i], misc[i])) + "\n")
        out.write("\n")
    return out.getvalue()


def sentence_tree(tokens: Sequence[Dict[str, Any]], index: Sequence[int]) -> List[Optional[Tuple[int, str]]]:
    """(head, relation) per word of the sentence `index`, heads 1-based within it and 0 for the one
    root; None for every word when the record has no parse."""
    if any(tokens[i].get("head") is None for i in index):
        return [None] * len(index)
    local = {i: k for k, i in enumerate(index, 1)}
    heads = [local.get(tokens[i]["head"], 0) for i in index]
    heads = [0 if h == k else h for k, h in enumerate(heads, 1)]
    labels = [(tokens[i].get("dep") or "dep").lower() for i in index]
    tops = [k for k, h in enumerate(heads, 1) if h == 0]
    labelled = [k for k in tops if labels[k - 1] == "root"]
    main = (labelled or tops or [len(index)])[-1]
    tree: List[Optional[Tuple[int, str]]] = []
    for k, (head, label) in enumerate(zip(heads, labels), 1):
        if k == main:
            tree.append((0, "root"))
        elif head == 0:
            tree.append((main, EXTRA_ROOT_LABEL if label == "root" else label))
        else:
            tree.append((head, "dep" if label == "root" else label))
    return tree


def _columns(
    token: Dict[str, Any], k: int, arc: Optional[Tuple[int, str]], gap: Optional[str], misc: List[str]
) -> List[str]:
    space = [] if gap == " " or gap is None else ["SpaceAfter=No"] if gap == "" else [f"SpacesAfter={_escape(gap)}"]
    return [
        str(k),
        token["text"],
        token.get("lemma") or "_",
        token.get("pos") or "_",
        "_",
        _sorted_feats(token.get("morph") or ""),
        str(arc[0]) if arc else "_",
        arc[1] if arc else "_",
        "_",
        "|".join(space + misc) or "_",
    ]


def _gaps(record: Record) -> List[Optional[str]]:
    """The text between each token and the next one; None after the last token."""
    tokens, text = record["tokens"], record["text"]
    return [text[t["end"] : n["start"]] for t, n in zip(tokens, tokens[1:])] + [None]


def _sentence_text(tokens: Sequence[Dict[str, Any]], index: Sequence[int], gaps: Sequence[Optional[str]]) -> str:
    """The sentence as its words and SpaceAfter rebuild it: one space wherever there is whitespace."""
    return "".join(tokens[i]["text"] + (" " if gaps[i] else "") for i in index[:-1]) + tokens[index[-1]]["text"]


def _escape(gap: str) -> str:
    return "".join(_ESCAPES.get(ch, ch) for ch in gap)


def _sorted_feats(feats: str) -> str:
    """Features sorted by name, case-insensitively, as UD requires."""
    if not feats:
        return "_"
    return "|".join(sorted(feats.split("|"), key=lambda f: f.split("=")[0].lower()))


def _misc(record: Record) -> List[List[str]]:
    """Per token: its `NE=`, `Quote=`, `Speaker=` and `Cue=` attributes."""
    tokens = record["tokens"]
    out: List[List[str]] = [[] for _ in tokens]
    for ent in record.get("entities", []):
        inside = _covered(tokens, ent["start"], ent["end"])
        for n, i in enumerate(inside):
            out[i].append(f"NE={'B' if n == 0 else 'I'}-{ent['label']}")
    roles: List[Dict[str, List[str]]] = [{} for _ in tokens]
    for q, quote in enumerate(record.get("quotes", []), 1):
        spans = [("Quote", quote), ("Cue", quote.get("cue"))]
        speaker = quote.get("speaker") or {}
        spans.append(("Speaker", speaker.get("mention")))
        for role, span in spans:
            if span:
                for i in _covered(tokens, span["start"], span["end"]):
                    roles[i].setdefault(role, []).append(str(q))
    for i, found in enumerate(roles):
        out[i] += [f"{role}={','.join(numbers)}" for role, numbers in sorted(found.items())]
    return out


def _covered(tokens: Sequence[Dict[str, Any]], start: int, end: int) -> List[int]:
    return [i for i, t in enumerate(tokens) if t["start"] < end and t["end"] > start]
