"""The ``arabic-extract`` command."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator

from .pipeline import __version__

EXAMPLES = """examples:
  arabic-extract annotate seeds/ -o out.jsonl        every .txt below seeds/, one JSON object per line
  arabic-extract annotate news.jsonl                 {"id": ..., "text": ...} per line, to stdout
  cat article.txt | arabic-extract annotate -         one document from stdin
"""


class InputError(Exception):
    """A document that could not be read; carries where it came from."""

    def __init__(self, doc_id: str | None, source: str, line: int | None, message: str):
        super().__init__(message)
        self.doc_id, self.source, self.line = doc_id, source, line

    def to_dict(self) -> dict:
        return {"id": self.doc_id, "source": self.source, "line": self.line, "error": str(self)}


def _decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"invalid UTF-8 at byte {e.start} of {source}") from None


def read_inputs(paths: list[str]) -> Iterator[tuple[str | None, str, str | None, InputError | None]]:
    """Yield ``(id, source, text, error)`` for every document named by ``paths``:
    .txt files (id = file name), folders (their .txt and .jsonl files, recursively),
    .jsonl files (``{"id", "text"}`` per line) and ``-`` (stdin, one document)."""
    for p in paths:
        if p == "-":
            try:
                yield "stdin", "-", _decode(sys.stdin.buffer.read(), "stdin"), None
            except ValueError as e:
                yield "stdin", "-", None, InputError("stdin", "-", None, str(e))
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix in (".txt", ".jsonl"))
        elif path.exists():
            files = [path]
        else:
            yield p, p, None, InputError(p, p, None, "no such file or folder")
            continue
        for f in files:
            yield from (_read_jsonl(f) if f.suffix == ".jsonl" else _read_txt(f))


def _read_txt(f: Path):
    try:
        yield f.name, str(f), _decode(f.read_bytes(), str(f)), None
    except (OSError, ValueError) as e:
        yield f.name, str(f), None, InputError(f.name, str(f), None, str(e))


def _read_jsonl(f: Path):
    with open(f, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            doc_id = f"{f.name}:{n}"
            try:
                record = json.loads(_decode(raw, f"{f} line {n}"))
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise ValueError('expected an object with a string "text" field')
                doc_id = str(record.get("id", doc_id))
                yield doc_id, str(f), record["text"], None
            except ValueError as e:  # json.JSONDecodeError is a ValueError
                yield doc_id, str(f), None, InputError(doc_id, str(f), n, str(e))


def annotate(args: argparse.Namespace) -> int:
    from .pipeline import extract

    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    ok = failed = 0
    try:
        for doc_id, source, text, error in read_inputs(args.paths):
            if error is None:
                try:
                    record = extract(text, id=doc_id).to_dict()
                except Exception as e:  # a failed document is reported, the rest goes on
                    error = InputError(doc_id, source, None, f"{type(e).__name__}: {e}")
                else:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    ok += 1
                    continue
            failed += 1
            print(json.dumps(error.to_dict(), ensure_ascii=False), file=sys.stderr)
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"arabic-extract: {ok} documents annotated, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="arabic-extract", description="Entities, mention clusters and quotes in Arabic news.",
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"arabic-extract {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("annotate", help="annotate files, folders, JSONL or stdin", epilog=EXAMPLES,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, folder, .jsonl or - for stdin")
    p.add_argument("-o", "--output", metavar="OUT.jsonl", help="output file (default: stdout)")
    p.set_defaults(func=annotate)

    p = sub.add_parser("train", help="train the NER model on shared/data/ner (train and dev files only)")
    p.add_argument("--data", required=True, help="folder with anercorp.*.jsonl and aqmar.*.jsonl")
    p.add_argument("--out", default="models/ner", help="where the trained pipeline goes (default: models/ner)")
    p.add_argument("--vectors", required=True, help="spaCy vectors folder made by scripts/build_vectors.py")
    p.set_defaults(func=train)

    p = sub.add_parser("evaluate", help="score the NER model on a gold JSONL file with ner_score.py")
    p.add_argument("--data", required=True, help="gold JSONL, e.g. ../shared/data/ner/anercorp.test.jsonl")
    p.add_argument("--model", default="ner", help="shipped model name or pipeline folder (default: ner)")
    p.add_argument("--scorer", help="path to ner_score.py (default: ../shared/tools/ner_score.py)")
    p.set_defaults(func=evaluate)
    return parser


def train(args: argparse.Namespace) -> int:
    from .training.train import train as run

    print(f"model written to {run(args.data, args.out, vectors=args.vectors)}")
    return 0


def evaluate(args: argparse.Namespace) -> int:
    from .training.evaluate import DEFAULT_SCORER, evaluate as run

    run(args.data, args.model, args.scorer or DEFAULT_SCORER)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
