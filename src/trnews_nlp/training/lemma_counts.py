"""`python -m trnews_nlp.training.lemma_counts DATA OUT`: how often each (lemma, UPOS) occurs in the
UD training data, the file `trnews_morphology` breaks ties between readings with.

zeyrek gives `biliyorum` the readings `bil` (know) and `bile` (sharpen), and `şeyi` both `şey`
and `şe`, equal in every feature; only how common each lemma is tells them apart. Counted on the
spaCy tier's UD training files (`convert.UD_TRAIN`, BOUN dev without its held-out end, each
file once); lemmas seen once are left out.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from ..text import tr_lower
from .convert import BOUN_DEV, BOUN_DEV_HELDOUT, UD_TRAIN, read_conllu

MIN_COUNT = 2


def count_lemmas(data: Path) -> Counter:
    """(lower-cased lemma, UPOS) → occurrences in the UD training files."""
    counts: Counter = Counter()
    for name, _ in UD_TRAIN:
        sentences = list(read_conllu(data / name))
        if name == BOUN_DEV:
            sentences = sentences[:-BOUN_DEV_HELDOUT]
        counts.update((tr_lower(w.lemma), w.upos) for s in sentences for w in s if w.upos != "PUNCT")
    return counts


def write_counts(data: Path, out: Path) -> int:
    """Write `lemma<TAB>UPOS<TAB>count`, most frequent first; returns the number of rows."""
    rows = [(key, n) for key, n in count_lemmas(data).most_common() if n >= MIN_COUNT]
    header = "# lemma\tUPOS\tcount in the UD training data (trnews_nlp.training.lemma_counts)\n"
    out.write_text(header + "".join(f"{lemma}\t{pos}\t{n}\n" for (lemma, pos), n in rows), encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    print(write_counts(Path(sys.argv[1]), Path(sys.argv[2])))
