"""Throughput of `arabic-extract annotate` with --jobs 1 and 2, against a tokenization floor.

    python benchmarks/throughput.py [--docs 1000] [--data ../shared/data/ner] [--fast]

The corpus is the ANERcorp text (every anercorp.*.jsonl sentence, in file order)
cut into --docs documents of consecutive sentences. Each run is the real command
in a subprocess, timed from start to exit (so it includes starting Python, loading
the pipeline and starting the workers), and again less the time of the same command
on one document (the start-up); its peak memory is the largest sum of the
proportional set size (PSS: shared pages split between the processes sharing them)
of the command and its workers, sampled every 50 ms. The floor is
the same corpus through pyarabic's `araby.tokenize` after camel-tools' `dediac_ar`
in this process (both are test-time dependencies: make test installs them).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "ner"


def corpus(data: Path, n_docs: int) -> list[dict]:
    """``n_docs`` documents of consecutive ANERcorp sentences, one paragraph each."""
    sentences = [json.loads(line)["text"] for f in sorted(data.glob("anercorp.*.jsonl")) for line in open(f, encoding="utf-8")]
    per_doc = max(len(sentences) // n_docs, 1)
    return [{"id": f"doc{i}", "text": "\n".join(sentences[i * per_doc:(i + 1) * per_doc])} for i in range(n_docs)]


def pss_kb(pid: int) -> int:
    """The proportional set size of process ``pid`` in KiB, 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0


def tree_pss_kb(root: int) -> int:
    """The PSS of ``root`` and all its descendants, in KiB (from /proc)."""
    parents = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int(open(f"/proc/{entry.name}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, new = {root}, {root}
    while new:
        new = {p for p, pp in parents.items() if pp in new}
        tree |= new
    return sum(map(pss_kb, tree))


def run_cli(src: Path, jobs: int, fast: bool = False) -> tuple[float, int]:
    """Seconds and peak memory (KiB) of ``annotate src --jobs jobs`` (with ``--fast``)."""
    out = src.with_suffix(f".out{jobs}.jsonl")
    cmd = [sys.executable, "-m", "arabic_extract.cli", "annotate", str(src), "-o", str(out), "-j", str(jobs), "-q"]
    cmd += ["--fast"] if fast else []
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_pss_kb(proc.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"annotate --jobs {jobs} failed: {proc.stderr.read().decode()}")
    return seconds, peak


def floor(docs: list[dict]) -> float:
    """Seconds to dediacritize and tokenize every document with camel-tools and pyarabic."""
    from camel_tools.utils.dediac import dediac_ar
    from pyarabic import araby

    t0 = time.perf_counter()
    for d in docs:
        araby.tokenize(dediac_ar(d["text"]))
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--fast", action="store_true", help="time annotate --fast (the CRF alone)")
    args = ap.parse_args()

    docs = corpus(args.data, args.docs)
    words = sum(len(d["text"].split()) for d in docs)
    print(f"corpus: {len(docs)} documents, {words} words, {sum(len(d['text']) for d in docs)} characters")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        src.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        one = Path(tmp) / "one.jsonl"
        one.write_text(json.dumps(docs[0], ensure_ascii=False) + "\n", encoding="utf-8")
        startup = {jobs: run_cli(one, jobs, args.fast)[0] for jobs in (1, 2)}
        runs = {jobs: run_cli(src, jobs, args.fast) for jobs in (1, 2)}
        same = src.with_suffix(".out1.jsonl").read_bytes() == src.with_suffix(".out2.jsonl").read_bytes()
    base = floor(docs)
    rows = [("tokenize + dediac (floor)", base, None)]
    for jobs, (seconds, peak) in runs.items():
        rows += [(f"annotate --jobs {jobs}" + (" --fast" if args.fast else ""), seconds, peak),
                 (f"  less start-up {startup[jobs]:.2f} s", seconds - startup[jobs], None)]
    print(f"{'run':<28}{'seconds':>9}{'docs/s':>10}{'words/s':>11}{'peak MiB':>10}{'x floor time':>14}")
    for name, seconds, peak in rows:
        mib = f"{peak / 1024:.0f}" if peak else ""
        print(f"{name:<28}{seconds:>9.2f}{len(docs) / seconds:>10.1f}{words / seconds:>11.0f}{mib:>10}"
              f"{seconds / base:>14.1f}")
    work = {jobs: runs[jobs][0] - startup[jobs] for jobs in runs}
    print(f"speed-up --jobs 2 over --jobs 1: {runs[1][0] / runs[2][0]:.2f}x end to end, "
          f"{work[1] / work[2]:.2f}x less start-up; outputs identical: {same}")


if __name__ == "__main__":
    main()
