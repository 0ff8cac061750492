"""Write every output the project makes on a fixed set of inputs, and a checksum of each,
so that a change meant to keep behaviour (a refactoring) can be checked byte for byte:

    python scripts/snapshot_outputs.py --out /tmp/before
    ... change the code ...
    python scripts/snapshot_outputs.py --out /tmp/after
    diff /tmp/before/SHA256SUMS /tmp/after/SHA256SUMS

Inputs: the seed article, the texts of ``arabic_extract/training/data/quotes_dev.jsonl``, 1,000 ANERcorp
sentences (``anercorp.dev`` then ``anercorp.test``, read from ``../shared``) one by one and
as 20-sentence documents, and the seed repeated past the 100k-character piece size. Each goes
through ``extract_many`` with the default and the ``fast`` pipeline; the seed also through
``arabic-extract annotate`` in each format, and the quote dev set through ``evaluate-quotes``
with gold and model entities. Only the public API and the command line are used, so the
script runs unchanged on both sides of a refactoring.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NER = ROOT.parent / "shared" / "data" / "ner"
SENTENCES = 1000
DOC_SENTENCES = 20


def read_texts() -> dict[str, list[str]]:
    seed = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    dev = [json.loads(line)["text"] for line in (ROOT / "arabic_extract" / "training" / "data" / "quotes_dev.jsonl").open(encoding="utf-8")
           if line.strip()]
    sentences = [json.loads(line)["text"] for name in ("anercorp.dev.jsonl", "anercorp.test.jsonl")
                 for line in (NER / name).open(encoding="utf-8") if line.strip()][:SENTENCES]
    documents = ["\n".join(sentences[k:k + DOC_SENTENCES]) for k in range(0, len(sentences), DOC_SENTENCES)]
    long = "\n\n".join(seed * (110_000 // len(seed[0]) + 1))
    return {"seed": seed, "quotes_dev": dev, "anercorp_sentences": sentences, "anercorp_documents": documents,
            "long": [long]}


def run_cli(argv: list[str]) -> bytes:
    from arabic_extract.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(argv)
    return out.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, help="folder for the outputs and SHA256SUMS")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    import arabic_extract

    outputs: dict[str, bytes] = {}
    for fast in (False, True):
        nlp = arabic_extract.load(fast=fast)
        for name, texts in read_texts().items():
            docs = arabic_extract.extract_many(texts, nlp=nlp)
            lines = (json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in docs)
            outputs[f"{name}{'.fast' if fast else ''}.jsonl"] = "".join(lines).encode("utf-8")
    seed_dir = str(ROOT / "seeds")
    for fmt in ("jsonl", "conll", "html"):
        path = out / f"annotate.seed.{fmt}"
        run_cli(["annotate", seed_dir, "--format", fmt, "-j", "1", "-q", "-o", str(path)])
        outputs[path.name] = path.read_bytes()
    for entities in ("gold", "model"):
        outputs[f"evaluate_quotes.{entities}.json"] = run_cli(["evaluate-quotes", "--entities", entities])
    sums = []
    for name, data in sorted(outputs.items()):
        (out / name).write_bytes(data)
        sums.append(f"{hashlib.sha256(data).hexdigest()}  {name}\n")
    (out / "SHA256SUMS").write_text("".join(sums), encoding="utf-8")
    sys.stdout.write("".join(sums))


if __name__ == "__main__":
    main()
