"""The `trnews_quotes` pipeline component: quotes, cues and speakers for every document.

Runs after NER and `trnews_entities` (speakers use canonical names) and, when present, after the
parser, lemmatizer and `trnews_morphology` (cues match lemmas); without them it falls back on
surface forms and word order, so it also works on `spacy.blank("tr")` with entities set by hand.

Results are stored as plain data in `doc.user_data` (see `model.py`) and exposed as `doc._.quotes`
and as the span groups `doc.spans["quotes"]`, `doc.spans["cues"]` and `doc.spans["speakers"]`.
"""

from __future__ import annotations

from typing import Callable, Iterable, List, Optional, Sequence

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import ensure_path

from .detect import find_quotes
from .lexicon import DEFAULT_CUES, CueLexicon, lexicon_from_config, load_entries, parse_line
from .model import USER_DATA_KEY, get_quotes

Doc.set_extension("quotes", getter=get_quotes, force=True)


class QuoteAttributor:
    """Find direct, indirect and mixed quotes and attribute them to speakers."""

    def __init__(self, nlp: Language, name: str, cues_path: Optional[str], replace_cues: bool) -> None:
        self.name = name
        self.cues_path = cues_path
        self.replace_cues = replace_cues
        self.lexicon: CueLexicon = lexicon_from_config(cues_path, replace_cues)

    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc, self.lexicon)
        doc.user_data[USER_DATA_KEY] = [q.to_plain() for q in quotes]
        doc.spans["quotes"] = [Span(doc, *q.content, label=q.type) for q in quotes]
        doc.spans["cues"] = [Span(doc, *q.cue, label="CUE") for q in quotes if q.cue]
        doc.spans["speakers"] = [
            Span(doc, *q.speaker.mention, label=q.speaker.label)
            for q in quotes
            if q.speaker is not None and q.speaker.mention
        ]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    # Serialisation keeps the user's cues (and whether they replace the bundled ones), not the
    # bundled lexicon: a saved pipeline follows the package's `cues.tsv` when the package is
    # updated, and still carries cues from a user file that is absent where it is loaded.
    def _user_lines(self) -> List[str]:
        bundled = set() if self.replace_cues else set(load_entries([DEFAULT_CUES]))
        return [f"{e.phrase}\t{e.kind}" for e in self.lexicon.entries if e not in bundled]

    def _restore(self, lines: Sequence[str], replace: bool) -> None:
        """The saved user cues, plus those of a `cues_path` the loading config names: a file given
        when the pipeline is loaded must not be dropped by the lexicon saved with it."""
        user = [e for e in (parse_line(line) for line in lines) if e is not None]
        self.replace_cues = replace
        base = list(self.lexicon.entries) if self.cues_path else ([] if replace else load_entries([DEFAULT_CUES]))
        self.lexicon = CueLexicon(base + [e for e in user if e not in base])

    def to_disk(self, path, *, exclude=tuple()) -> None:  # noqa: D102
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "user_cues.tsv").write_text("".join(line + "\n" for line in self._user_lines()), encoding="utf-8")
        srsly.write_json(path / "cfg.json", {"cues_path": self.cues_path, "replace_cues": self.replace_cues})

    def from_disk(self, path, *, exclude=tuple()) -> "QuoteAttributor":  # noqa: D102
        path = ensure_path(path)
        cfg = srsly.read_json(path / "cfg.json") if (path / "cfg.json").exists() else {}
        replace = bool(cfg.get("replace_cues", self.replace_cues))
        for name in ("user_cues.tsv", "cues.tsv"):  # `cues.tsv`: the whole lexicon, older pipelines
            if (path / name).exists():
                self._restore((path / name).read_text(encoding="utf-8").splitlines(), replace)
                break
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:  # noqa: D102
        return srsly.msgpack_dumps({"user_cues": self._user_lines(), "replace_cues": self.replace_cues})

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "QuoteAttributor":  # noqa: D102
        msg = srsly.msgpack_loads(data)
        self._restore(msg.get("user_cues", []), bool(msg.get("replace_cues", False)))
        return self


@Language.factory(
    "trnews_quotes",
    default_config={"cues_path": None, "replace_cues": False},
    assigns=["doc._.quotes", "doc.spans"],
    requires=["doc.ents"],
)
def make_quotes(nlp: Language, name: str, cues_path: Optional[str], replace_cues: bool) -> Callable[[Doc], Doc]:
    """Registered factory (entry point `trnews_quotes`).

    `cues_path`: a TSV file in the format of the bundled `cues.tsv`, added to the bundled lexicon
    (or used alone with `replace_cues = true`).
    """
    return QuoteAttributor(nlp, name, cues_path, replace_cues)


__all__ = ["QuoteAttributor", "make_quotes"]
