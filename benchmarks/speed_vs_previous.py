"""Words per second of this checkout's pipelines next to a previous version's, in one run.

    git worktree add /tmp/previous v0.3.0     # any commit with its models/
    python benchmarks/speed_vs_previous.py --baseline /tmp/previous [--articles 180] [--rounds 3]

Both versions annotate the same real articles (the first ``--articles`` of 150 to 800 words in
the ANT news corpus, ``../shared/data/corpus``) with ``extract_many`` in one process each, default
and ``fast=True``; each configuration runs in its own subprocess, the configurations take turns
for ``--rounds`` rounds (so a slow minute of the machine hits all of them alike) and each one's
median is reported with its ratio to the baseline's. Words are whitespace-separated words of the
text, the same count for both versions. Loading and a warm-up on 20 articles are not timed.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
from itertools import islice
from pathlib import Path

from arabic_extract.training.corpus import corpus_articles

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus"
RUN = """
import json, sys, time
import arabic_extract
texts = json.load(open(sys.argv[1], encoding="utf-8"))
nlp = arabic_extract.load(fast=sys.argv[2] == "fast")
list(arabic_extract.extract_many(texts[:20], nlp=nlp))
t0 = time.perf_counter()
for _ in arabic_extract.extract_many(texts, nlp=nlp):
    pass
print(time.perf_counter() - t0)
"""


def articles(n: int) -> list[str]:
    return [line.strip() for line in islice((a for a in corpus_articles(CORPUS) if 150 <= len(a.split()) <= 800), n)]


def seconds(checkout: Path, texts_path: Path, mode: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    r = subprocess.run([sys.executable, "-c", RUN, str(texts_path), mode], env=env, cwd=checkout,
                       capture_output=True, text=True, check=True)
    return float(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", required=True, type=Path, help="a checkout of the previous version")
    ap.add_argument("--articles", type=int, default=180)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--texts", type=Path, default=Path("/tmp/arabic-extract-speed-texts.json"))
    a = ap.parse_args()
    texts = articles(a.articles)
    a.texts.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    words = sum(len(t.split()) for t in texts)
    configs = [(name, checkout, mode) for name, checkout in (("this", ROOT), ("baseline", a.baseline.resolve()))
               for mode in ("default", "fast")]
    times: dict[tuple[str, str], list[float]] = {(n, m): [] for n, _, m in configs}
    for r in range(a.rounds):
        for name, checkout, mode in configs:
            times[name, mode].append(seconds(checkout, a.texts, mode))
    print(f"{len(texts)} articles, {words:,} words, {a.rounds} rounds (median)")
    speed = {k: words / statistics.median(v) for k, v in times.items()}
    for mode in ("default", "fast"):
        print(f"{mode:8} this {speed['this', mode]:8,.0f} words/s   baseline {speed['baseline', mode]:8,.0f}   "
              f"ratio {speed['this', mode] / speed['baseline', mode]:.2f}x")
    print(f"this default vs baseline default: {speed['this', 'default'] / speed['baseline', 'default']:.2f}x")


if __name__ == "__main__":
    main()
