"""Draw the real-news articles of the quote development set (issue 12), once per batch.

Reads the ANT corpus by path, keeps articles of 150-800 words and draws, with
each batch's fixed seed, articles from the multisource file and from JawharaFM
(batch 1: 34 and 14, news01-news48; batches 2-6: 17 and 7 each, news49-news72,
news73-news96, news97-news120, news121-news144 and news145-news168, none drawn before), and
assigns a third of batches 1-3 and all of batches 4 and 5 (fresh measurements) to the held-out
split (batch 4 was moved to the development part afterwards, in the annotation file only);
batch 6 is development data only. Writes
a manifest (corpus file, 1-based line number, SHA-256 of the line, split) and,
for the annotators, the article texts into a folder outside the project.

    python scripts/select_quote_articles.py ../shared/data/corpus /tmp/annot [batch]
"""

import gzip
import hashlib
import json
import random
import sys
from pathlib import Path

BATCHES = {  # batch -> (seed, articles per corpus file, held out)
    1: (20261202, {"ant2.1-multisource.txt.gz": 34, "ant1.1-jawharafm.txt.gz": 14}, 16),
    2: (20261203, {"ant2.1-multisource.txt.gz": 17, "ant1.1-jawharafm.txt.gz": 7}, 8),
    3: (20261207, {"ant2.1-multisource.txt.gz": 17, "ant1.1-jawharafm.txt.gz": 7}, 8),
    4: (20261208, {"ant2.1-multisource.txt.gz": 17, "ant1.1-jawharafm.txt.gz": 7}, 24),
    5: (20261209, {"ant2.1-multisource.txt.gz": 17, "ant1.1-jawharafm.txt.gz": 7}, 24),
    6: (20261210, {"ant2.1-multisource.txt.gz": 17, "ant1.1-jawharafm.txt.gz": 7}, 0),
}


def eligible(path):
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.rstrip("\n")
            if 150 <= len(line.split()) <= 800:
                yield number, line


def draw(corpus, batch):
    """The articles of ``batch`` as (file, line number, text), and the indexes held out."""
    seed, draws, held_out = BATCHES[batch]
    earlier = {(name, number) for b in range(1, batch) for name, number, _ in draw(corpus, b)[0]}
    rng = random.Random(seed)
    drawn = []
    for name, count in draws.items():
        articles = [(number, text) for number, text in eligible(Path(corpus) / name) if (name, number) not in earlier]
        drawn += [(name, number, text) for number, text in rng.sample(articles, count)]
    return drawn, set(rng.sample(range(len(drawn)), held_out))


def main(corpus, out, batch="1"):
    batch = int(batch)
    drawn, held = draw(corpus, batch)
    first = 1 + sum(sum(BATCHES[b][1].values()) for b in range(1, batch))
    out = Path(out)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    manifest = []
    for i, (name, number, text) in enumerate(drawn):
        doc_id = f"news{first + i:02d}"
        (out / "articles" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        manifest.append({
            "id": doc_id, "corpus": name, "line": number,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "split": "heldout" if i in held else "dev",
        })
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:])
