"""`trnews-nlp evaluate soak --data DIR`: kill `annotate` with SIGKILL three times, resume, check.

Builds a JSONL corpus of ttc-3600 articles (all 3,600 by default) with bad documents injected
(invalid JSON, a missing text, a lone surrogate, a binary and a non-UTF-8 file), then runs
`trnews-nlp annotate --resume` and SIGKILLs it when the output holds 15%, 45% and 75% of the
documents (the second run with `--n-process 2`), and finally lets a resumed run finish. Passes when
every good document is in the output exactly once, no line is partial, and every bad document is
named on stderr and absent from the output. A good document that the pipeline itself fails on is
listed under `pipeline_failures` (named, not lost: `resume_ok` still holds) and fails the check.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

#: (fraction of the documents written when the run is killed, --n-process of that run)
KILLS: Tuple[Tuple[float, int], ...] = ((0.15, 1), (0.45, 2), (0.75, 1))
#: Texts with characters that `str.splitlines` would cut a JSONL record at.
SEPARATORS = ("\u2028", "\u2029", "\u0085")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp evaluate soak`."""
    from ..training.cli import DEFAULT_DATA

    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (../shared/data)")
    parser.add_argument("--model", default=None, help="pipeline path (default: the bundled model)")
    parser.add_argument("--limit", type=int, default=3600, help="number of ttc-3600 articles (default: all)")
    parser.add_argument("--workdir", type=Path, required=True, help="folder for the corpus and the output")
    parser.add_argument("--batch-size", type=int, default=16)


def build_corpus(folder: Path, texts: Sequence[str]) -> Tuple[List[str], List[str], List[str]]:
    """Write the corpus into `folder`; returns (inputs, good ids, bad ids as the CLI names them)."""
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    good = [f"good-{i:05d}" for i in range(len(texts))]
    lines = [json.dumps({"id": doc_id, "text": text + SEPARATORS[i % 3] + "Son."}, ensure_ascii=False)
             for i, (doc_id, text) in enumerate(zip(good, texts))]
    bad_lines = {len(lines) // 3: "{not json", len(lines) // 2: json.dumps({"id": "bad-notext"}),
                 2 * len(lines) // 3: json.dumps({"id": "bad-surrogate", "text": "Ali \udc80 geldi."})}
    for at in sorted(bad_lines, reverse=True):
        lines.insert(at, bad_lines[at])
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    bad_ids = []
    for n, line in enumerate(lines, 1):
        if line == "{not json":
            bad_ids.append(f"{corpus.resolve()}:{n}")
        elif line in bad_lines.values():
            bad_ids.append(json.loads(line)["id"])
    (folder / "binary.txt").write_bytes(b"Ali geldi." * 1000 + b"\x00")
    (folder / "latin5.txt").write_bytes("Şişli'de toplantı".encode("iso-8859-9"))
    bad_ids += [str((folder / name).resolve()) for name in ("binary.txt", "latin5.txt")]
    inputs = [str(corpus), str(folder / "binary.txt"), str(folder / "latin5.txt")]
    return inputs, good, bad_ids


def _count_lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except FileNotFoundError:
        return 0


def run_and_kill(command: List[str], out: Path, kill_at: Optional[int], stderr: Path) -> Dict[str, object]:
    """Run `command`; SIGKILL it once `out` holds `kill_at` lines (None: let it finish)."""
    with open(stderr, "ab") as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        killed_at = None
        while proc.poll() is None:
            if kill_at is not None and _count_lines(out) >= kill_at:
                os.kill(proc.pid, signal.SIGKILL)  # the main process only: its workers must notice
                killed_at = _count_lines(out)
                break
            time.sleep(0.02)
        proc.wait()
    _reap_group(proc.pid)
    return {"returncode": proc.returncode, "killed_at_lines": killed_at}


def _reap_group(pgid: int) -> None:
    """Workers orphaned by the kill end themselves within seconds; wait, then make sure."""
    for _ in range(50):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def check(out: Path, good: Sequence[str], bad: Sequence[str], stderr_text: str) -> Dict[str, object]:
    """Every good document exactly once, no partial or bad line, every bad document named."""
    data = out.read_bytes()
    partial = not data.endswith(b"\n")
    ids: List[str] = []
    unreadable = 0
    for line in data.split(b"\n"):
        if line:
            try:
                ids.append(json.loads(line)["id"])
            except (json.JSONDecodeError, KeyError):
                unreadable += 1
    counts: Dict[str, int] = {}
    for doc_id in ids:
        counts[doc_id] = counts.get(doc_id, 0) + 1
    absent = [g for g in good if g not in counts]
    # a good document the pipeline failed on is named on stderr: reported, not lost by the resume
    pipeline_failed = [line.split("error: ", 1)[1] for line in stderr_text.splitlines()
                       if any(line.startswith(f"trnews-nlp: error: {g}:") for g in absent)]
    missing = [g for g in absent if not any(f.startswith(f"{g}:") for f in pipeline_failed)]
    duplicated = [i for i, n in counts.items() if n > 1]
    bad_written = [b for b in bad if b in counts]
    unnamed = [b for b in bad if f"error: {b}:" not in stderr_text]
    resume_ok = not (partial or unreadable or missing or duplicated or bad_written or unnamed)
    return {"ok": resume_ok and not pipeline_failed, "resume_ok": resume_ok, "documents": len(ids),
            "good": len(good), "missing": missing[:10], "duplicated": duplicated[:10],
            "pipeline_failures": pipeline_failed[:10], "partial_last_line": partial, "unreadable_lines": unreadable,
            "bad_written": bad_written, "bad_not_named": unnamed}


def soak(texts: Sequence[str], workdir: Path, model: Optional[str], batch_size: int = 16,
         kills: Sequence[Tuple[float, int]] = KILLS) -> Dict[str, object]:
    """Build the corpus, kill and resume as in `KILLS`, finish, and check the output."""
    inputs, good, bad = build_corpus(workdir / "input", texts)
    out = workdir / "out.jsonl"
    out.unlink(missing_ok=True)
    stderr = workdir / "stderr.log"
    stderr.write_bytes(b"")
    base = [sys.executable, "-m", "trnews_nlp.cli", "annotate", "--resume", "--quiet", "-o", str(out),
            "--batch-size", str(batch_size), *inputs] + (["--model", model] if model else [])
    runs = []
    for fraction, n_process in kills:
        runs.append(run_and_kill(base + ["--n-process", str(n_process)], out, int(fraction * len(good)), stderr))
    final_err = workdir / "final-stderr.log"
    final_err.write_bytes(b"")
    runs.append(run_and_kill(base + ["--n-process", "2"], out, None, final_err))
    result = check(out, good, bad, final_err.read_text(encoding="utf-8", errors="replace"))
    result["runs"] = runs
    result["ok"] = bool(result["ok"]) and all(r["returncode"] == -signal.SIGKILL for r in runs[:-1])
    return result


def run(args: argparse.Namespace) -> int:
    """The soak test on ttc-3600; prints the check as JSON; exit 0 when it passes."""
    from .speed import read_articles

    result = soak(read_articles(args.data, args.limit), args.workdir, args.model, args.batch_size)
    print(json.dumps(result, indent=2))
    return 0 if result["ok"] else 1
