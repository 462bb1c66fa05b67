"""The four notebooks run top to bottom on a fresh kernel, without `../shared` and with it.

Notebooks 01 and 03 read nothing from `../shared`, so they run once; 02 (corpus study) and 04
(evaluating) run both ways, with `TRNEWS_SHARED` pointing at a missing folder or at the real one.
Outputs are discarded: the saved ones in `notebooks/` come from a run without `../shared`.
"""

import os
from pathlib import Path

import pytest

from conftest import SHARED

nbformat = pytest.importorskip("nbformat", reason="notebook tests need the dev extra (nbformat)")
nbclient = pytest.importorskip("nbclient", reason="notebook tests need the dev extra (nbclient, ipykernel)")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
RUNS = [("01_quickstart", False), ("02_corpus_study", False), ("02_corpus_study", True),
        ("03_extending", False), ("04_evaluating", False), ("04_evaluating", True)]


@pytest.mark.slow
@pytest.mark.parametrize("name,shared", RUNS, ids=[f"{n}-{'shared' if s else 'no-shared'}" for n, s in RUNS])
def test_notebook_runs(name, shared, tmp_path, monkeypatch):
    if shared and not (SHARED / "data").is_dir():
        pytest.skip(f"{SHARED} not found: set TRNEWS_SHARED to run the notebook on the shared data")
    monkeypatch.setenv("TRNEWS_SHARED", str(SHARED if shared else tmp_path / "no-shared"))
    monkeypatch.setenv("TRNEWS_SAMPLE", "8")
    book = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = nbclient.NotebookClient(book, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any failing cell
    errors = [o for c in book.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
