"""Build ``arabic_extract/lexicons/data/first_names.tsv``: words that begin person names in news.

    python scripts/build_first_names.py [--limit N]

Runs the shipped NER model (without the rule components) over the ANT news corpus and counts,
for each normalized word, how often it is the first word of a PER entity of two words or more.
A word is kept when it begins such names at least ``--min-count`` times and in at least
``--min-share`` of all its corpus occurrences (محمد yes; علي, which is also the preposition على
once normalized, no). Columns: word, share (3 decimals), count as a first name.
"""
import argparse
from collections import Counter
from pathlib import Path

from arabic_extract.lexicons.words import load_lexicon
from arabic_extract.pipeline import load
from arabic_extract.training.corpus import corpus_articles

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus"
OUT = ROOT / "arabic_extract" / "lexicons" / "data" / "first_names.tsv"


def articles(limit: int | None):
    return (line.strip()[:20000] for line in corpus_articles(CORPUS, limit))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="articles to read (default: all)")
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--min-share", type=float, default=0.2)
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args()
    nlp = load()
    firsts: Counter = Counter()
    disable = [p for p in nlp.pipe_names if p not in ("tok2vec", "ner")]
    for doc in nlp.pipe(articles(a.limit), batch_size=64, disable=disable):
        for e in doc.ents:
            if e.label_ == "PER" and len(e) > 1 and e[0].is_alpha:
                firsts[e[0].norm_] += 1
    lexicon = load_lexicon()
    rows = []
    for word, n in firsts.items():
        share = n / max(lexicon.count(word), n)
        if n >= a.min_count and share >= a.min_share:
            rows.append((word, share, n))
    rows.sort(key=lambda r: (-r[2], r[0]))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# word\tshare\tcount: first words of PER names in the ANT news corpus "
                "(scripts/build_first_names.py)\n")
        for word, share, n in rows:
            f.write(f"{word}\t{share:.3f}\t{n}\n")
    print(f"{len(rows)} first names written to {a.out}")


if __name__ == "__main__":
    main()
