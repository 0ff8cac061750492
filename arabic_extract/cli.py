"""The ``arabic-extract`` command: ``annotate`` (batch runs, :mod:`.io`), ``show`` (an HTML page),
``report`` (charts for media monitors), ``schema`` (the JSON Schema of an output line),
``train``, ``evaluate`` and ``evaluate-quotes`` (:mod:`.training`). Parses the arguments,
reports progress and errors, and turns them into an exit status.
"""
from __future__ import annotations

import argparse
import codecs
import contextlib
import importlib.util
import json
import os
import signal
import sys
import time
from collections import Counter
from typing import IO, Iterator

from pydantic import ValidationError
from tqdm import tqdm

from .io.formats import FORMATS, to_json_line
from .io.html import page_end, page_start, render_document
from .io.read import STDIN_FORMATS, Item, count_inputs, open_bytes, read_inputs, same_file
from .io.table import render_table
from .io.workers import Result, annotate_all
from .io.write import OutputError, RecordWriter, skip_done
from .document import Document
from .pipeline import DEFAULT_MODEL, DOMAINS, __version__, model_path

EXAMPLES = """examples:
  arabic-extract annotate seeds/ -o out.jsonl        every .txt below seeds/, one JSON object per line
  arabic-extract annotate news.jsonl                 {"id": ..., "text": ...} per line, to stdout
  cat article.txt | arabic-extract annotate -         one document from stdin
  zcat news.jsonl.gz | arabic-extract annotate - --stdin-format jsonl -o out.jsonl
  arabic-extract annotate archive/ -o out.jsonl -j 8 --errors errors.jsonl --resume
  arabic-extract annotate news.jsonl.gz --id-field url --text-field body -o out.jsonl
  arabic-extract show out.jsonl -o page.html         a right-to-left HTML view of the results
  arabic-extract report out.jsonl -o report.html --input news.jsonl --by outlet --by date
"""


def codec_name(name: str) -> str:
    """``name`` if Python knows the codec (for ``--encoding``)."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown encoding: {name}") from None
    return name


def positive_int(value: str) -> int:
    """An integer of at least 1 (for ``--top``)."""
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Report:
    """Counts results, writes errors (to ``--errors`` or stderr as JSON lines), drives
    the progress bar and prints the summary line."""

    def __init__(self, args: argparse.Namespace, errors: RecordWriter | None, total: int | None, skipped: int = 0):
        self.ok = self.failed = 0
        self.skipped, self.started = skipped, time.perf_counter()
        self.errors = errors
        show = not args.quiet and sys.stderr.isatty()
        tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
        self.bar = tqdm(total=total, unit="doc", disable=not show, file=sys.stderr, dynamic_ncols=True)
        self.bar.set_postfix(errors=0, refresh=False)

    def add(self, result: Result) -> None:
        if result.error is None:
            self.ok += 1
        else:
            self.failed += 1
            line = to_json_line(result.error_record())
            if self.errors:
                self.errors.write(line)
            else:
                tqdm.write(line.decode("utf-8").rstrip("\n"), file=sys.stderr)
            self.bar.set_postfix(errors=self.failed, refresh=False)
        self.bar.update(1)

    def close(self, allow_errors: bool, stopped: str = "") -> int:
        """Print the summary line (``stopped``: why the run ended early); the exit status for
        a run that was not stopped."""
        self.bar.close()
        seconds = time.perf_counter() - self.started
        skipped = f", {self.skipped} already done" if self.skipped else ""
        stopped = f"; stopped ({stopped}), --resume continues" if stopped else ""
        docs = "document" if self.ok == 1 else "documents"
        print(f"arabic-extract: {self.ok} {docs} annotated, {self.failed} failed{skipped} "
              f"in {seconds:.1f} s ({(self.ok + self.failed) / max(seconds, 1e-9):.1f} docs/s){stopped}",
              file=sys.stderr)
        return 1 if self.failed and not allow_errors else 0


class Stopped(BaseException):
    """SIGTERM arrived: the run stops as on Ctrl-C (a BaseException like KeyboardInterrupt, so
    that no handler of document errors takes it for one)."""


def stop_on_sigterm(signum, frame):
    raise Stopped


def check_annotate_args(args: argparse.Namespace) -> str | None:
    """Why these options cannot go together, or None."""
    if args.resume and not args.output:
        return "--resume needs -o OUT"
    if args.resume and args.format != "jsonl":
        return "--resume works with --format jsonl only"
    if args.engine == "dask" and not args.output:
        return "--engine dask needs -o OUT"
    if args.jobs < 1:
        return "--jobs must be at least 1"
    if args.engine == "dask" and importlib.util.find_spec("distributed") is None:
        return "--engine dask needs dask and distributed: pip install 'arabic-extract-news[dask]'"
    if args.output and args.errors and (os.path.abspath(args.output) == os.path.abspath(args.errors)
                                        or same_file([args.output], [args.errors])):
        return "-o and --errors name the same file"
    return None


def run_engine(items: Iterator[Item], out: RecordWriter, args: argparse.Namespace) -> Iterator[Result]:
    """One result per item, in order, from local worker processes or a dask cluster
    (which writes its output to ``out`` itself and yields results without payload)."""
    if args.engine == "local":
        yield from annotate_all(items, jobs=args.jobs, model=args.model, fmt=args.format, fast=args.fast,
                                domain=args.domain)
        return
    from .io.dask import annotate_dask, connect

    with connect(args.scheduler, args.jobs) as client:
        yield from annotate_dask(items, out, os.path.dirname(os.path.abspath(args.output)), client=client,
                                 fmt=args.format, model=args.model, fast=args.fast,
                                 domain=args.domain, prefix=os.path.basename(args.output))


def annotate(args: argparse.Namespace) -> int:
    problem = check_annotate_args(args)
    if problem:
        print(f"arabic-extract annotate: {problem}", file=sys.stderr)
        return 2
    if args.model != DEFAULT_MODEL:
        args.model = str(model_path(args.model))  # a missing pipeline: one line and exit 2 (main)
    written = [p for p in (args.output, args.errors) if p]
    clash = same_file(args.paths, written)
    if clash:
        print(f"arabic-extract annotate: {clash} is an input and an output; writing would destroy it", file=sys.stderr)
        return 2
    items = read_inputs(args.paths, id_field=args.id_field, text_field=args.text_field, encoding=args.encoding,
                        encoding_errors=args.encoding_errors, stdin_format=args.stdin_format, skip=written)
    previous = signal.signal(signal.SIGTERM, stop_on_sigterm)
    try:
        with (RecordWriter(args.output) as out,
              RecordWriter(args.errors) if args.errors else contextlib.nullcontext() as errors):
            # Both files are locked before either is changed or anything is read.
            done = out.resume() if args.resume else Counter()
            if not args.resume:
                out.empty()
            if errors:
                errors.empty()
            skipped = sum(done.values())
            shown = not args.quiet and sys.stderr.isatty() and "-" not in args.paths
            total = max(count_inputs(args.paths, written) - skipped, 0) if shown else None
            report = Report(args, errors, total, skipped)
            return write_results(run_engine(skip_done(items, done), out, args), out, report, args)
    except OutputError as e:
        print(f"arabic-extract annotate: {e}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Stopped) as e:  # before the first document
        print("arabic-extract annotate: stopped before annotating anything", file=sys.stderr)
        return 143 if isinstance(e, Stopped) else 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_results(results: Iterator[Result], out: RecordWriter, report: Report, args: argparse.Namespace) -> int:
    """Write each result and report it; the exit status. Ctrl-C (130) and SIGTERM (143) stop the
    run with whole lines written and the workers killed; a full disk stops it with 1."""
    stopped, status, shown = "", 0, []
    try:
        with contextlib.closing(results):
            if args.format == "html":
                out.write(page_start().encode())
            for result in results:
                if result.payload is not None:
                    out.write(result.payload)
                    if args.format == "html":
                        shown.append(result.item.id)
                report.add(result)
    except KeyboardInterrupt:
        stopped, status = "Ctrl-C", 130
    except Stopped:
        stopped, status = "SIGTERM", 143
    except OutputError as e:
        stopped, status = str(e), 1
    finally:
        with contextlib.suppress(OutputError):
            if args.format == "html":
                out.write(page_end(shown).encode())
    if stopped:
        report.close(True, stopped)
        return status
    return report.close(args.allow_errors)


def open_jsonl(path: str) -> IO[bytes]:
    """``path`` for reading bytes: stdin for ``-``, decompressed for ``.gz``."""
    return sys.stdin.buffer if path == "-" else open_bytes(path)


def annotated_records(paths: list[str], problems: Counter) -> Iterator[dict]:
    """The documents of annotated JSONL files (``annotate``'s output); a line that is not one
    is reported on stderr, counted in ``problems`` and skipped."""
    for path in paths:
        with open_jsonl(path) as fh:
            for n, raw in enumerate(fh, 1):
                record = None
                try:
                    if raw.strip():
                        record = json.loads(raw)
                        if not isinstance(record, dict) or not {"text", "entities", "quotes"} <= set(record):
                            raise ValueError("expected an annotated document (a line of annotate's output: "
                                             "text, entities, clusters, quotes)")
                        # Rendered from the validated document: a ValidationError (a ValueError) names the
                        # wrong field, and what is drawn has every field with its type.
                        yield Document.from_dict(record).to_dict()
                except ValueError as e:
                    problems["lines"] += 1
                    reason = str(e)
                    if isinstance(e, ValidationError):
                        reason = reason.splitlines()[0] + ": " + "; ".join(
                            f"{'.'.join(map(str, x['loc']))}: {x['msg']}" for x in e.errors()[:3])
                    error = {"id": record.get("id") if isinstance(record, dict) else None, "source": path, "line": n,
                             "error": reason}
                    print(json.dumps(error, ensure_ascii=False, default=str), file=sys.stderr)


def not_annotated(command: str, paths: list[str]) -> int | None:
    """Exit status 2 with a hint when a path is plain text, which must be annotated first."""
    texts = [p for p in paths if p.endswith(".txt")]
    if not texts:
        return None
    print(f"arabic-extract {command}: {texts[0]} is text; {command} reads what annotate writes: "
          f"arabic-extract annotate {texts[0]} | arabic-extract {command} -", file=sys.stderr)
    return 2


def show(args: argparse.Namespace) -> int:
    """Write the HTML page (or the quote tables) of annotated JSONL (the output of ``annotate``);
    a line that is not an annotated document is reported on stderr and skipped."""
    status = not_annotated("show", args.paths)
    if status is not None:
        return status
    for path in args.paths:  # a missing input is one line, and the page already there stays
        if path != "-":
            os.stat(path)
    problems, shown = Counter(), []
    with RecordWriter(args.output) as out:
        out.empty()
        if args.format == "html":
            out.write(page_start(args.title).encode())
        for record in annotated_records(args.paths, problems):  # validated: every field there, typed
            view = render_document(record) if args.format == "html" else render_table(record)
            out.write(view.encode("utf-8", "backslashreplace"))
            shown.append(record["id"])
        if args.format == "html":
            out.write(page_end(shown).encode())
    return 1 if problems else 0


def report(args: argparse.Namespace) -> int:
    """Write the report page (:mod:`.io.report`) of annotated JSONL."""
    from .io.read import read_fields
    from .io.report import render_report, tally

    status = not_annotated("report", args.paths)
    if status is not None:
        return status
    if args.by and not args.input:
        print("arabic-extract report: --by needs --input (the JSONL that was annotated)", file=sys.stderr)
        return 2
    fields = read_fields(args.input, args.by, args.id_field) if args.by else None
    missing = [f for f, values in (fields or {}).items() if not values]
    if missing:
        print(f"arabic-extract report: no line of --input has the field {missing[0]!r}", file=sys.stderr)
        return 2
    problems = Counter()
    counts = tally(annotated_records(args.paths, problems), fields)  # validated documents only
    with RecordWriter(args.output) as out:
        out.empty()
        out.write(render_report(counts, args.title, args.top).encode("utf-8", "backslashreplace"))
    return 1 if problems else 0


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
    p.add_argument("-j", "--jobs", type=int, default=default_jobs(),
                   help="worker processes (default: all cores); the output keeps the input order")
    p.add_argument("--format", choices=FORMATS, default="jsonl",
                   help="jsonl (the schema, default), conll (token TAB BIO tag) or html (one page)")
    p.add_argument("--errors", metavar="ERRORS.jsonl",
                   help='write {"id", "source", "line", "error"} of failed documents here (default: stderr)')
    p.add_argument("--allow-errors", action="store_true", help="exit 0 even when some documents failed")
    p.add_argument("--resume", action="store_true",
                   help="skip documents already complete in OUT and append the rest (jsonl only)")
    p.add_argument("--id-field", default="id", help="JSONL field holding the id (default: id)")
    p.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    p.add_argument("--encoding", default="utf-8", type=codec_name,
                   help="the inputs' encoding, e.g. cp1256 for old Arabic archives (default: utf-8; a .txt file "
                        "that opens with a UTF-16 byte-order mark is read as UTF-16)")
    p.add_argument("--encoding-errors", choices=("strict", "replace"), default="strict",
                   help="bytes the encoding cannot decode: report the document (strict, default) or decode with U+FFFD")
    p.add_argument("--stdin-format", choices=STDIN_FORMATS, default="text",
                   help="what - reads: one text document (default) or JSON lines, read as they come")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--fast", action="store_true",
                   help="entities from the CRF alone, without the CNN: 2-2.5x faster, a little less accurate")
    p.add_argument("--domain", choices=DOMAINS, default="news",
                   help="the kind of text: news (default) or wikipedia (encyclopedic articles)")
    p.add_argument("--model", default=DEFAULT_MODEL, metavar="PATH",
                   help="a saved spaCy pipeline (nlp.to_disk) or a shipped model's name (default: ner)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local worker processes (default) or a dask.distributed cluster")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="dask scheduler, e.g. tcp://SCHEDULER-HOST:8786 (default: a local cluster of --jobs workers)")
    p.set_defaults(func=annotate)

    p = sub.add_parser("show", help="an HTML page of annotated JSONL (right to left, entities highlighted), "
                       "or a table of its quotes")
    p.add_argument("paths", nargs="+", metavar="INPUT", help="annotated .jsonl, .jsonl.gz or - for stdin")
    p.add_argument("-o", "--output", metavar="PAGE.html", help="output file (default: stdout)")
    p.add_argument("--title", default="arabic-extract", help="the page title")
    p.add_argument("--format", choices=("html", "table"), default="html",
                   help="html (one page, default) or table (each document's quotes as plain text)")
    p.set_defaults(func=show)

    p = sub.add_parser("report", help="an HTML report: who is quoted most, who speaks about whom, by speaker "
                       "type and by a field of the input (outlet, date)")
    p.add_argument("paths", nargs="+", metavar="INPUT", help="annotated .jsonl, .jsonl.gz or - for stdin")
    p.add_argument("-o", "--output", metavar="REPORT.html", help="output file (default: stdout)")
    p.add_argument("--input", action="append", default=[], metavar="IN.jsonl",
                   help="the JSONL that was annotated, whose fields --by groups quotes by (repeatable)")
    p.add_argument("--by", action="append", default=[], metavar="FIELD",
                   help="group quotes by this field of --input, e.g. outlet or date (ISO dates by month; repeatable)")
    p.add_argument("--id-field", default="id", help="the id field of --input (default: id, as annotate)")
    p.add_argument("--top", type=positive_int, default=20, help="bars per chart (default: 20)")
    p.add_argument("--title", default="arabic-extract: تقرير", help="the page title")
    p.set_defaults(func=report)

    p = sub.add_parser("schema", help="print the JSON Schema of an output line (document.schema.json)")
    p.set_defaults(func=schema)

    p = sub.add_parser("train", help="train the NER model on shared/data/ner (train and dev files only)")
    p.add_argument("--data", required=True, help="folder with anercorp.*.jsonl and aqmar.*.jsonl")
    p.add_argument("--out", default="models/ner", help="where the trained pipeline goes (default: models/ner)")
    p.add_argument("--vectors", required=True, help="spaCy vectors folder made by scripts/build_vectors.py")
    p.add_argument("--corpus", required=True, help="the ANT news corpus folder (silver words for the CRF), "
                   "e.g. ../shared/data/corpus")
    p.set_defaults(func=train)

    p = sub.add_parser("evaluate", help="score the NER model on a gold JSONL file with ner_score.py")
    p.add_argument("--data", required=True, help="gold JSONL, e.g. ../shared/data/ner/anercorp.test.jsonl")
    p.add_argument("--model", default="ner", help="shipped model name or pipeline folder (default: ner)")
    p.add_argument("--scorer", help="path to ner_score.py (default: ../shared/tools/ner_score.py)")
    p.add_argument("--fast", action="store_true", help="score the CRF alone (annotate --fast)")
    p.add_argument("--domain", choices=DOMAINS, default="news", help="the kind of text (annotate --domain)")
    p.set_defaults(func=evaluate)

    p = sub.add_parser("evaluate-quotes", help="quote recall/precision, attribution and targets on the synthetic "
                       "dev set or on real articles annotated exhaustively (end to end)")
    p.add_argument("--data", help="quote JSONL (default: the synthetic dev set shipped in arabic_extract/training/data)")
    p.add_argument("--entities", choices=["gold", "model"], default="gold",
                   help="synthetic set: gold (default) gives the passages' entities in place of NER; model runs the "
                        "shipped pipeline end to end (real-news annotations always run end to end)")
    p.add_argument("--fast", action="store_true", help="with --entities model: the CRF alone (annotate --fast)")
    p.add_argument("--split", choices=("dev", "heldout", "all"), default="dev",
                   help="real-news annotations (tests/data/quotes_news.jsonl): which part to score (default: dev; "
                        "score heldout only when a piece of work is finished)")
    p.add_argument("--batch", type=int, help="real-news annotations: the articles of this annotation batch only "
                                             "(default: every batch)")
    p.add_argument("--corpus", help="the ANT corpus folder for real-news annotations (default: ../shared/data/corpus)")
    p.add_argument("--details", action="store_true", help="real-news annotations: list each error by article")
    p.set_defaults(func=evaluate_quotes)
    return parser


def schema(args: argparse.Namespace) -> int:
    from .document import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=1))
    return 0


def train(args: argparse.Namespace) -> int:
    from .training.train import train as run

    print(f"model written to {run(args.data, args.out, vectors=args.vectors, corpus=args.corpus)}")
    return 0


def evaluate(args: argparse.Namespace) -> int:
    from .training.evaluate import DEFAULT_SCORER, evaluate as run

    run(args.data, args.model, args.scorer or DEFAULT_SCORER, fast=args.fast, domain=args.domain)
    return 0


def evaluate_quotes(args: argparse.Namespace) -> int:
    from .training.evaluate_quotes import CORPUS, DEV_SET, evaluate, evaluate_news, is_news
    from .pipeline import load

    if args.fast and args.entities != "model":
        print("arabic-extract: --fast needs --entities model", file=sys.stderr)
        return 2
    nlp = load(fast=True) if args.fast else None
    data = args.data or DEV_SET
    if is_news(data):
        split = None if args.split == "all" else args.split
        result = evaluate_news(data, args.corpus or CORPUS, split, nlp=nlp, details=args.details, batch=args.batch)
    else:
        result = evaluate(data, nlp=nlp, details=True, gold_entities=args.entities == "gold")
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command; a file the user named that cannot be read or written is one line on
    stderr and exit status 2, not a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # «arabic-extract schema | head»: the reader has gone, as with SIGPIPE
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except (OSError, OutputError) as e:
        what = f"{e.filename}: {e.strerror}" if isinstance(e, OSError) and e.filename else str(e)
        print(f"arabic-extract {args.command}: {what}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
