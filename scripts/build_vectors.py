"""Train floret word vectors on the ANT news corpus and the NER training sentences.

    python scripts/build_vectors.py --out training/vectors

Text is tokenized by our tokenizer and written as token norms (the NER model's
lexical feature), then floret (skipgram, subwords 3-5, hashed into a small table)
is trained and converted with ``spacy init vectors --mode floret``. Needs the
``floret`` package (the ``train`` extra).
"""
import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

from arabic_extract.pipeline import blank

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def norms(tokenizer, text: str) -> str:
    return " ".join(norm for start, end, norm in tokenizer.spans(text) if not norm.isspace())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default="training/vectors")
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--bucket", type=int, default=50000)
    ap.add_argument("--epoch", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    import floret

    out = Path(a.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    text_path = out.with_suffix(".txt")
    tok = blank().tokenizer
    with open(text_path, "w", encoding="utf-8") as f:
        for path in sorted((SHARED / "corpus").glob("*.txt.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as src:
                for line in src:
                    f.write(norms(tok, line) + "\n")
        for path in sorted((SHARED / "ner").glob("*.train.jsonl")):
            for line in open(path, encoding="utf-8"):
                f.write(norms(tok, json.loads(line)["text"]) + "\n")
    model = floret.train_unsupervised(
        str(text_path), model="skipgram", mode="floret", hashCount=2, bucket=a.bucket,
        minn=3, maxn=5, minCount=3, dim=a.dim, epoch=a.epoch, thread=a.threads)
    vec_path = out.with_suffix(".floret")
    model.save_floret_vectors(str(vec_path))
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "ar", str(vec_path), str(out),
                    "--mode", "floret"], check=True)


if __name__ == "__main__":
    main()
