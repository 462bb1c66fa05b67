"""The views and the report as a person sees them: opened in headless Chromium (Debian's package).

The page under test gets a small script (`browser_check.js`) that reads the rendered DOM, computed
colours included, and writes it out as JSON; Chromium's `--dump-dom` returns it. Skipped, with the
reason, where no Chromium is installed; `.ci/run` installs it.
"""

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from trnews_nlp.views import html_page
from trnews_nlp.views.output import write_report

HERE = Path(__file__).parent
REPO = HERE.parent
BROWSER = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason="Chromium not installed (apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars"]


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    run = subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def seen(tmp_path: Path, page: Path) -> dict:
    """What the browser shows on `page`, as reported by `browser_check.js` (run on a copy)."""
    probe = page.with_name(page.stem + ".probe.html")
    script = (HERE / "browser_check.js").read_text(encoding="utf-8")
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", f"<script>{script}</script></body>"),
                     encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", probe.as_uri())
    found = re.search(r'<pre id="trn-check">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    return json.loads(html.unescape(found.group(1)))


@pytest.fixture(scope="module")
def records(nlp, request):
    """The seed articles and, when ../shared is there, the user's example article."""
    import trnews_nlp

    items = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((REPO / "seeds").glob("*.txt"))]
    try:
        items.insert(0, ("000_b6c912df4ad564e9", request.getfixturevalue("user_article")))
    except pytest.skip.Exception:
        pass
    return list(trnews_nlp.annotate_many(items, nlp=nlp))


def test_quotes_view_in_browser(records, tmp_path):
    page = tmp_path / "quotes.html"
    page.write_text(html_page(records), encoding="utf-8")
    shown = seen(tmp_path, page)
    assert shown["scripts"] == 1  # only the probe: the view itself runs no script
    for n, record in enumerate(records):
        fills = {}
        for i, quote in enumerate(record["quotes"]):
            q = shown["quotes"][f"d{n}-q{i}"]
            assert q["text"] == quote["text"] and q["shown"], (record["id"], i)
            if quote["speaker"] is None:
                assert q["label"].startswith("no speaker") and q["speaker"] is None
                continue
            assert q["label"].startswith(quote["speaker"]["name"])
            if quote["speaker"]["mention"]:
                # The label links to the speaker's marked mention, drawn in the speaker's colour.
                assert q["target"]["cls"] == "trn-spk" and q["target"]["speaker"] == q["speaker"]
                assert q["target"]["text"] == quote["speaker"]["mention"]["text"]
                assert q["target"]["border"] == q["labelInk"]
            fills.setdefault(q["speaker"], set()).add(q["fill"])
        assert all(len(f) == 1 for f in fills.values()), record["id"]
        colours = [next(iter(f)) for f in fills.values()]
        assert len(set(colours)) == len(colours), f"{record['id']}: two speakers share a colour"
    assert shown["report"]["brokenAnchors"] == 0


def test_screenshot_of_the_example_article(records, tmp_path):
    page = tmp_path / "example.html"
    page.write_text(html_page(records[:1]), encoding="utf-8")
    shot = tmp_path / "example.png"
    chromium(tmp_path, "--window-size=1100,1400", f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_report_in_browser(records, tmp_path):
    out = tmp_path / "report.html"
    write_report(records, out, pages=tmp_path / "report_docs")
    shown = seen(tmp_path, out)
    speakers = {(q["speaker"]["name"], q["speaker"]["label"]) for r in records for q in r["quotes"] if q["speaker"]}
    assert shown["report"]["speakers"] == len(speakers)
    assert shown["report"]["svgs"] and all(h > 0 for h in shown["report"]["svgs"])
    assert shown["report"]["heatCells"] > 0 and shown["report"]["brokenAnchors"] == 0
    linked = next((tmp_path / "report_docs").glob("*.html"))
    assert seen(tmp_path, linked)["quotes"], "a linked document page shows its quotes"
