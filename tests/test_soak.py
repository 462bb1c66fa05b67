"""Kill -9 then --resume at three points (one run with --n-process 2): every document exactly once.

The fast version of `trnews-nlp evaluate soak` (which runs the same check on the whole of
ttc-3600 with the bundled model): 240 generated articles and the rule-only model.
"""

import json

import trnews_nlp
from trnews_nlp.evaluation import soak

SENTENCES = [
    'Bakan Ayşe Kaya, "Görüşmeler olumlu geçti." dedi.',
    "Uzmanlara göre, faizler yıl sonunda düşecek.",
    "Toplantının ertelendiği bildirildi.",
    "Kaya’nın ziyaretin yıl sonuna kadar süreceğini belirtmesi dikkat çekti.",
]


def test_kill_and_resume_writes_every_document_once(tmp_path):
    model = tmp_path / "rules"
    trnews_nlp.blank().to_disk(model)
    texts = [" ".join(SENTENCES[(i + k) % 4] for k in range(40)) + f" Haber {i}." for i in range(240)]
    result = soak.soak(texts, tmp_path, str(model), batch_size=4)
    assert result["ok"], json.dumps(result)
    assert [r["killed_at_lines"] > 0 for r in result["runs"][:3]] == [True] * 3
