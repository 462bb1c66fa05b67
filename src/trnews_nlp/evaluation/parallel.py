"""`trnews-nlp evaluate parallel --data DIR`: speed-up of `annotate_many(n_process=N)` over one process.

Runs the same ttc-3600 articles through one process and through N, in the same run, as a user
would (the model load is inside the timing), checks that the outputs are identical, and reports
resident memory (RSS) of every process after 500 documents and at the end, and its peak. CPU
seconds are printed too: on a machine shared with other jobs, N processes get N shares of the
cores, so the wall-clock ratio alone overstates the speed-up; CPU time shows the work done.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `trnews-nlp evaluate parallel`."""
    from ..training.cli import DEFAULT_DATA

    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder (../shared/data)")
    parser.add_argument("--model", default=None, help="pipeline path (default: the bundled model)")
    parser.add_argument("--limit", type=int, default=3600, help="number of ttc-3600 articles (default: all)")
    parser.add_argument("--n-process", type=int, default=2, help="processes to compare with one (default 2)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)  # one timed run, in a fresh process


def memory_mib(pid: int) -> Dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of a process, in MiB (Linux /proc)."""
    out = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out["rss" if key == "VmRSS" else "peak"] = int(value.split()[0]) / 1024
    return out


def _worker_memory(n_process: int) -> List[Dict[str, float]]:
    pids = [os.getpid()] if n_process == 1 else [p.pid for p in multiprocessing.active_children()]
    return [memory_mib(pid) for pid in pids]


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the pool's workers, once joined)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed_run(texts: List[str], model, n_process: int, batch_size: int) -> Dict[str, object]:
    """Load the model and annotate `texts`; seconds, memory samples, and a digest of the outputs.

    Records are hashed as they come and then dropped: holding them (tens of MB for ttc-3600) would
    add the harness's own growth to the memory figures it reports."""
    from .. import api

    start, cpu_start = time.perf_counter(), _cpu_seconds()
    nlp = api.load(model)
    loaded = time.perf_counter()
    digest, failed, at_500, at_end = hashlib.sha256(), 0, None, []
    results = api.annotate_many(texts, nlp=nlp, n_process=n_process, batch_size=batch_size, errors="yield")
    for n, record in enumerate(results, 1):
        digest.update(json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
        failed += "error" in record
        if n == 500:
            at_500 = _worker_memory(n_process)
        if n == len(texts):  # the workers are still alive before the generator finishes
            at_end = _worker_memory(n_process)
    end = time.perf_counter()
    return {
        "n_process": n_process, "seconds": end - start, "cpu_seconds": _cpu_seconds() - cpu_start, "load_seconds": loaded - start,
        "docs_per_s": len(texts) / (end - start), "memory_after_500": at_500, "memory_at_end": at_end,
        "digest": digest.hexdigest(), "failed": failed,
    }


def run(args: argparse.Namespace) -> int:
    """Time one process and N processes on the same articles; print speed-up, identity, memory.

    Each configuration runs in a fresh Python process: run in one process, the second configuration
    would find the first one's word-analysis caches warm and look faster than it is."""
    from .speed import read_articles

    texts = read_articles(args.data, args.limit)
    if args.child is not None:
        print(json.dumps(timed_run(texts, args.model, args.child, args.batch_size)))
        return 0
    words = sum(len(t.split()) for t in texts)
    runs = [_child_run(args, n) for n in (1, args.n_process)]
    identical = runs[0]["digest"] == runs[1]["digest"]
    for r in runs:
        r["words_per_s"] = words / r["seconds"]
    result = {"articles": len(texts), "words": words, "cpus": os.cpu_count(), "identical": identical,
              "speedup": runs[0]["seconds"] / runs[1]["seconds"], "runs": runs}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{len(texts)} articles, {words} whitespace words, {os.cpu_count()} CPUs; outputs identical: {identical}; "
          f"failed documents: {runs[0]['failed']} / {runs[1]['failed']}")
    for r in runs:
        mem = ", ".join(f"{m['rss']:.0f}/{e['rss']:.0f} (peak {e['peak']:.0f})"
                        for m, e in zip(r["memory_after_500"] or [], r["memory_at_end"]))
        print(f"n_process={r['n_process']}: {r['seconds']:.1f} s (model load {r['load_seconds']:.1f} s, "
              f"CPU {r['cpu_seconds']:.1f} s), "
              f"{r['docs_per_s']:.1f} docs/s, {r['words_per_s']:.0f} words/s; RSS MiB after 500 / at end: {mem}")
    print(f"speed-up {result['speedup']:.2f}x (wall clock); CPU seconds {runs[0]['cpu_seconds']:.0f} / "
          f"{runs[1]['cpu_seconds']:.0f}")
    return 0


def _child_run(args: argparse.Namespace, n_process: int) -> Dict[str, object]:
    command = [sys.executable, "-m", "trnews_nlp.cli", "evaluate", "parallel", "--data", str(args.data),
               "--limit", str(args.limit), "--batch-size", str(args.batch_size), "--child", str(n_process)]
    if args.model:
        command += ["--model", args.model]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])
