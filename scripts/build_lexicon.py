"""Build arabic_extract/lexicons/data/wordfreq.tsv.gz from the ANT news corpus.

    python scripts/build_lexicon.py ../shared/data/corpus/*.txt.gz

Counts normalized Arabic words (no clitic splitting) and keeps those seen at
least ``--min-count`` times.
"""
import argparse
import gzip
from collections import Counter
from pathlib import Path

from arabic_extract.text.normalize import normalize
from arabic_extract.text.tokenizer import ARABIC_WORD_RE

OUT = Path(__file__).resolve().parent.parent / "arabic_extract" / "lexicons" / "data" / "wordfreq.tsv.gz"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args()
    counts: Counter[str] = Counter()
    for path in a.corpus:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                counts.update(ARABIC_WORD_RE.findall(normalize(line).text))
    kept = sorted(((w, n) for w, n in counts.items() if n >= a.min_count), key=lambda x: (-x[1], x[0]))
    # mtime=0 keeps the file byte-identical across rebuilds.
    with open(a.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write("".join(f"{w}\t{n}\n" for w, n in kept).encode("utf-8"))
    print(f"{len(kept):,} words (of {len(counts):,}) -> {a.out}")


if __name__ == "__main__":
    main()
