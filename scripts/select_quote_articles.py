"""Draw the real-news articles of the quote development set (issue 12), once.

Reads the ANT corpus by path, keeps articles of 150-800 words, draws 34 from
the multisource file and 14 from JawharaFM with a fixed seed, and assigns a
third of them (16) to the held-out split. Writes a manifest (corpus file,
1-based line number, SHA-256 of the line, split) and, for the annotators, the
article texts into a folder outside the project.

    python scripts/select_quote_articles.py ../shared/data/corpus /tmp/annot
"""

import gzip
import hashlib
import json
import random
import sys
from pathlib import Path

DRAWS = {"ant2.1-multisource.txt.gz": 34, "ant1.1-jawharafm.txt.gz": 14}
HELD_OUT = 16
SEED = 20261202


def eligible(path):
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if 150 <= len(line.split()) <= 800:
                yield number, line


def main(corpus, out):
    rng = random.Random(SEED)
    drawn = []
    for name, count in DRAWS.items():
        articles = list(eligible(Path(corpus) / name))
        drawn += [(name, number, text) for number, text in rng.sample(articles, count)]
    held = set(rng.sample(range(len(drawn)), HELD_OUT))
    out = Path(out)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    manifest = []
    for i, (name, number, text) in enumerate(drawn):
        doc_id = f"news{i + 1:02d}"
        (out / "articles" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        manifest.append({
            "id": doc_id, "corpus": name, "line": number,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "split": "heldout" if i in held else "dev",
        })
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
