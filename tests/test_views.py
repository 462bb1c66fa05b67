"""HTML views, the displaCy colours and the corpus report, on records built by hand.

The HTML is parsed back with the standard library's parser: the text a reader sees must be the
record's text exactly, quotes must sit on their offsets, and nothing in the text may become markup.
"""

import json
import subprocess
import sys
import warnings
from html.parser import HTMLParser

import pytest

import trnews_nlp
from trnews_nlp.views import render
from trnews_nlp.views.markup import Mark, nest
from trnews_nlp.views.output import write_html
from trnews_nlp.views.palette import displacy_colors, speaker_colors
from trnews_nlp.views.report import Limits, category_of, collect, month_of, page_name


def span(text, part, start_at=0, before=None):
    start = text.rindex(part, 0, before) if before is not None else text.index(part, start_at)
    return {"start": start, "end": start + len(part), "text": part}


def record(text, quotes, entities=(), id="doc-1", **extra):
    """A result record; each quote is (content, speaker name or None, mention, cue, type)."""
    out = []
    for content, name, mention, cue, kind in quotes:
        q = span(text, content)
        speaker = None
        if name:
            speaker = {"name": name, "label": "PER", "title": "Bakan",
                       "mention": span(text, mention, before=q["start"]) if mention else None}
        cue_span = span(text, cue, start_at=q["end"]) if cue else None
        q.update(type=kind, speaker=speaker, cue=cue_span, confidence=0.9)
        out.append(q)
    ents = [dict(span(text, t), label=label, canonical=c) for t, label, c in entities]
    return {"id": id, "text": text, "sentences": [], "entities": ents, "quotes": out, "meta": {}, **extra}


TEXT = ('Bakan Ayşe Kaya, "Hazırız." dedi. Kaya’nın ekonominin büyüyeceğini belirtmesi dikkat çekti. '
        'Murat Er ise "Olmaz." dedi. Toplantının ertelendiği bildirildi.')
QUOTES = [
    ("Hazırız.", "Ayşe Kaya", "Ayşe Kaya", "dedi", "direct"),
    ("ekonominin büyüyeceğini", "Ayşe Kaya", "Kaya", "belirtmesi", "indirect"),
    ("Olmaz.", "Murat Er", "Murat Er", "dedi. Top", "direct"),
    ("Toplantının ertelendiği", None, None, "bildirildi", "indirect"),
]


class Tree(HTMLParser):
    """Collects the visible text of `.trn-text` (labels left out) and every element's attributes."""

    SKIP = {"trn-who", "trn-lab"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.text, self.elements = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        parent_in = self.stack[-1][1] if self.stack else False
        parent_skip = self.stack[-1][2] if self.stack else False
        self.stack.append((tag, parent_in or "trn-text" in classes, parent_skip or bool(classes & self.SKIP)))
        self.elements.append((tag, attrs, len(self.text)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> does not close {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.text.append(data)


def parse(markup):
    tree = Tree()
    body = markup[markup.index("<article"):markup.rindex("</article>") + len("</article>")]
    tree.feed(body)
    tree.close()
    assert not tree.stack, "unclosed elements"
    return tree


def test_quotes_view_keeps_text_offsets_and_links_speakers():
    rec = record(TEXT, QUOTES)
    html = render(rec)
    tree = parse(html)
    assert "".join(tree.text) == TEXT
    quote_ids = {a["data-quote"] for t, a, _ in tree.elements if "trn-q" in a.get("class", "").split()}
    assert len(quote_ids) == 4
    # Each attributed quote has a label linking to its speaker's mention, which is marked.
    ids = {a["id"] for _, a, _ in tree.elements if "id" in a}
    links = [a for _, a, _ in tree.elements if a.get("class") == "trn-who"]
    assert len(links) == 3 and all(a["href"][1:] in ids for a in links)
    assert "Kaya</mark>’nın" in html  # the mention stops before the apostrophe suffix
    unattributed = [a for _, a, _ in tree.elements if "trn-unattributed" in a.get("class", "") and "id" in a]
    assert len(unattributed) == 1 and "no speaker" in unattributed[0]["title"]
    first = next(a for _, a, _ in tree.elements if a.get("id") == "d0-q0")
    assert "Ayşe Kaya (Bakan), PER" in first["title"] and "confidence 0.90" in first["title"]
    # Two speakers, two colours; both quotes of one speaker share one.
    styles = {a["data-speaker"]: a["style"] for _, a, _ in tree.elements if a.get("class") == "trn-q"}
    assert len(styles) == 2 and len(set(styles.values())) == 2


def test_entities_view():
    text = "Ankara'da Sağlık Bakanlığı açıklama yaptı."
    rec = record(text, [], entities=[("Ankara", "LOC", "Ankara"), ("Sağlık Bakanlığı", "ORG", "Sağlık Bakanlığı")])
    html = render(rec, style="entities")
    assert "".join(parse(html).text) == text
    assert '<mark class="trn-ent" data-label="LOC"' in html and "Ankara</mark>" in html
    with pytest.raises(ValueError, match="style"):
        render(rec, style="deps")


def test_text_can_never_become_markup():
    evil = '<script>alert(1)</script> <img src=x onerror=alert(2)> "&amp;'
    text = f'Ali "{evil}" dedi.'
    rec = record(text, [(evil, 'Ali"><script>x()</script>', "Ali", "dedi", "direct")], id='<b id="x">')
    rec["quotes"][0]["speaker"]["title"] = "</mark><script>y()</script>"
    for style in ("quotes", "entities"):
        html = render(rec, style=style, page=True)
        assert "<script" not in html and "<img" not in html and '<b id="x">' not in html
        assert "".join(parse(html).text) == text


def test_nest_splits_crossing_spans():
    text = "abcdefghij"
    marks = [Mark(0, 6, 0, "span", {"class": "q"}, first_only={"id": "q"}, after="[L]"),
             Mark(4, 9, 1, "mark", {"class": "m"})]
    out = nest(text, marks)
    assert out == ('<span class="q" id="q">abcd<mark class="m">ef</mark></span>[L]'
                   '<mark class="m" data-cont="1">ghi</mark>j')


def test_speaker_colours_distinct():
    colors = speaker_colors(f"s{i}" for i in range(40))
    assert len({c["fill"] for c in colors.values()}) == 40


def test_displacy_uses_our_colours_without_warning(nlp):
    from spacy import displacy

    assert displacy_colors()["DIRECT"] and displacy_colors()["PER"]
    doc = nlp('Sağlık Bakanı Ayşe Kaya, "Aşılar geldi." dedi. Kaya, fiyatların düşeceğini söyledi.')
    assert {s.label_ for s in doc.spans["quotes"]} == {"direct", "indirect"}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        markup = displacy.render(doc, style="span", options={"spans_key": "quotes"})
        ents = displacy.render(doc, style="ent")
    assert displacy_colors()["DIRECT"] in markup and displacy_colors()["INDIRECT"] in markup
    assert displacy_colors()["PER"] in ents
    # render() takes the Doc itself as well as its record.
    assert "".join(parse(trnews_nlp.render(doc)).text) == doc.text


CORPUS = [
    record(TEXT, QUOTES, entities=[("Ayşe Kaya", "PER", "Ayşe Kaya"), ("Murat Er", "PER", "Murat Er")],
           id="news/ekonomi/1.txt", date="2025-03-04"),
    record('Murat Er, "Yine <olmaz>." dedi.', [("Yine <olmaz>.", "Murat Er", "Murat Er", "dedi", "direct")],
           entities=[("Murat Er", "PER", "Murat Er")], id="news/spor/2.txt", meta={"published": "2025-04-01"}),
]


def test_report_counts_and_links(tmp_path):
    from trnews_nlp.views.output import write_report

    out = tmp_path / "r" / "report.html"
    out.parent.mkdir()
    assert write_report(iter(CORPUS[::-1]), out, pages=tmp_path / "r" / "docs", limits=Limits(quotes_per_speaker=1)) == 2
    html = out.read_text(encoding="utf-8")
    assert "2 documents, 5 quotes (4 with a speaker, 1 without), 2 speakers" in html
    assert html.index(">Murat Er</a>") < html.index(">Ayşe Kaya</a>")  # 2 quotes each: more documents first
    assert 'id="category"' in html and ">ekonomi<" in html and 'id="month"' in html and ">2025-04<" in html
    assert "Yine &lt;olmaz&gt;." in html and "<olmaz>" not in html
    assert "1 more quote not listed" in html and "<svg" in html and 'class="trn-heat"' in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html
    for href in {h.split('"')[0] for h in html.split('href="docs/')[1:]}:
        page, anchor = href.split("#")
        assert f'id="{anchor}"' in (tmp_path / "r" / "docs" / page).read_text(encoding="utf-8")


def test_report_fields():
    assert category_of({"id": "ttc/siyaset/9.txt"}) == "siyaset"
    assert category_of({"id": "x", "meta": {"category": "spor"}}) == "spor"
    assert category_of({"id": "x"}) is None
    assert month_of({"date": "2025-09-17T10:00"}) == "2025-09" and month_of({"meta": {}}) is None
    assert page_name("a/b/c d.txt", 0) != page_name("x/c d.txt", 1)
    assert collect([], Limits()).documents == 0


def test_report_command(tmp_path):
    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in CORPUS), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "trnews_nlp.cli", "report", str(results), "-o",
                          str(tmp_path / "rep.html")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "rep.html").exists() and any((tmp_path / "rep_docs").iterdir())
    (tmp_path / "bad.jsonl").write_text('{"id": 1}\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "trnews_nlp.cli", "report", str(tmp_path / "bad.jsonl"),
                          "-o", str(tmp_path / "bad.html")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "bad.jsonl:1" in run.stderr and not (tmp_path / "bad.html").exists()


def test_write_html_page_and_folder(tmp_path):
    assert write_html(CORPUS, str(tmp_path / "all.html")) == 2
    assert (tmp_path / "all.html").read_text(encoding="utf-8").count("<article") == 2
    write_html(CORPUS, str(tmp_path / "pages") + "/")
    names = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert len(names) == 3 and "index.html" in names


def test_annotate_format_html(tmp_path):
    model = tmp_path / "rules"
    trnews_nlp.blank().to_disk(model)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text('Bakan Yılmaz, "<b>Hazırız</b>." dedi.', encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Toplantı yarın.", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "trnews_nlp.cli", "annotate", "--model", str(model), "--quiet",
                          "--format", "html", "-o", str(tmp_path / "page.html"), str(tmp_path / "in")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    assert page.count("<article") == 2 and "&lt;b&gt;Hazırız&lt;/b&gt;" in page and "<b>" not in page
