import json
import subprocess
import sys

from conftest import ROOT, SEEDS

CLI = [sys.executable, "-m", "arabic_extract.cli"]


def run(*args, input=None):
    return subprocess.run(CLI + list(args), input=input, capture_output=True, cwd=ROOT)


def test_annotate_seeds_writes_valid_jsonl(tmp_path):
    out = tmp_path / "out.jsonl"
    r = run("annotate", "seeds/", "-o", str(out))
    assert r.returncode == 0, r.stderr.decode()
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(SEEDS)
    for line in lines:
        d = json.loads(line)
        assert set(d) == {"id", "text", "entities", "clusters", "quotes", "meta"}
        assert d["text"] == (ROOT / "seeds" / d["id"]).read_text(encoding="utf-8")
        for e in d["entities"]:
            assert d["text"][e["start"]:e["end"]] == e["text"]


def test_annotate_jsonl_and_stdin_report_bad_lines_and_go_on(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes('{"id": "a", "text": "قال الوزير"}\n{broken\n{"id": "c"}\n'.encode()
                    + b'{"id": "d", "text": "\xff"}\n' + '{"id": "e", "text": "والعراق"}\n'.encode())
    r = run("annotate", str(src))
    out = [json.loads(x) for x in r.stdout.decode().splitlines()]
    assert [d["id"] for d in out] == ["a", "e"]
    errors = [json.loads(x) for x in r.stderr.decode().splitlines() if x.startswith("{")]
    assert [e["line"] for e in errors] == [2, 3, 4]
    assert "invalid UTF-8" in errors[2]["error"]
    assert r.returncode == 1

    r = run("annotate", "-", input="قال الوزير إن".encode())
    assert r.returncode == 0 and json.loads(r.stdout)["id"] == "stdin"


def test_version_and_help():
    assert run("--version").stdout.decode().startswith("arabic-extract ")
    assert "examples:" in run("annotate", "--help").stdout.decode()


def test_evaluate_quotes_reports_attribution():
    r = run("evaluate-quotes")
    assert r.returncode == 0, r.stderr.decode()
    scores = json.loads(r.stdout)
    assert scores["attribution"] >= 0.9


def test_annotate_fast_uses_the_crf_alone(tmp_path):
    out = tmp_path / "out.jsonl"
    r = run("annotate", "seeds/", "-o", str(out), "--fast", "-q")
    assert r.returncode == 0, r.stderr.decode()
    d = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert d["meta"]["model"].endswith("-fast") and d["entities"]
    assert all(d["text"][e["start"]:e["end"]] == e["text"] for e in d["entities"])


def test_show_reports_a_line_that_is_not_an_object_and_goes_on(tmp_path):
    good = {"id": "d1", "text": "قال", "entities": [], "clusters": [], "quotes": [], "meta": {}}
    src = tmp_path / "mixed.jsonl"
    src.write_text("[1, 2]\nnull\n42\n" + json.dumps(good, ensure_ascii=False) + "\n", encoding="utf-8")
    r = subprocess.run(CLI + ["show", str(src)], capture_output=True, cwd=ROOT)
    assert r.returncode == 1
    assert [json.loads(x)["line"] for x in r.stderr.decode().splitlines()] == [1, 2, 3]
    assert 'data-id="d1"' in r.stdout.decode() and r.stdout.decode().rstrip().endswith("</html>")


def test_a_file_that_cannot_be_read_is_one_line_not_a_traceback(tmp_path):
    for args in (["show", "nosuch.jsonl"], ["evaluate", "--data", "nosuch.jsonl", "--scorer", "nosuch.py"],
                 ["evaluate-quotes", "--data", "nosuch.jsonl"], ["show", str(SEEDS[0])], ["report", "nosuch.jsonl"],
                 ["report", str(SEEDS[0])]):
        r = run(*args)
        lines = r.stderr.decode().strip().splitlines()
        assert r.returncode == 2 and len(lines) == 1 and "Traceback" not in lines[0], (args, lines)
    assert "annotate" in run("show", str(SEEDS[0])).stderr.decode()  # says what show expects


def test_python_m_runs_the_command():
    r = subprocess.run([sys.executable, "-m", "arabic_extract", "--version"], capture_output=True, cwd=ROOT)
    assert r.returncode == 0 and r.stdout.decode().startswith("arabic-extract ")



def test_annotate_with_a_saved_pipeline(tmp_path):
    import arabic_extract

    saved = tmp_path / "pipeline"
    arabic_extract.blank().to_disk(saved)
    r = run("annotate", "seeds/", "--model", str(saved), "-j", "1")
    assert r.returncode == 0, r.stderr.decode()
    d = json.loads(r.stdout)
    expected = arabic_extract.extract(SEEDS[0].read_text(encoding="utf-8"), nlp=arabic_extract.blank())
    assert d["meta"]["model"] == "blank"  # no CNN or CRF: the rule-based names alone
    assert d["entities"] == [e.to_dict() for e in expected.entities] != json.loads(run("annotate", "seeds/").stdout)[
        "entities"]
    r = run("annotate", "seeds/", "--model", str(tmp_path / "nosuch"))
    assert r.returncode == 2 and b"no spaCy pipeline at" in r.stderr and b"Traceback" not in r.stderr


def test_show_keeps_the_page_when_an_input_is_missing(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html>earlier page</html>", encoding="utf-8")
    r = run("show", str(tmp_path / "missing.jsonl"), "-o", str(page))
    assert r.returncode == 2 and b"missing.jsonl" in r.stderr
    assert page.read_text(encoding="utf-8") == "<html>earlier page</html>"


def test_show_and_report_refuse_lines_that_are_not_annotated(tmp_path):
    src = tmp_path / "news.jsonl"
    src.write_text('{"id": "n1", "text": "قال الوزير"}\n'
                   '{"id": "n2", "text": "x", "entities": "bad", "clusters": [], "quotes": [], "meta": {}}\n',
                   encoding="utf-8")
    for command in ("show", "report"):
        r = run(command, str(src), "-o", str(tmp_path / f"{command}.html"))
        errors = [json.loads(line) for line in r.stderr.decode().splitlines()]
        assert r.returncode == 1 and [e["line"] for e in errors] == [1, 2], r.stderr.decode()
        assert "annotated document" in errors[0]["error"] and "entities" in errors[1]["error"]
        assert errors[1]["source"] == str(src) and errors[1]["id"] == "n2"


def test_report_by_a_field_no_input_line_has(tmp_path):
    out = tmp_path / "out.jsonl"
    run("annotate", "seeds/", "-o", str(out), "-j", "1")
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "x", "outlet": "BBC"}\n', encoding="utf-8")
    r = run("report", str(out), "--input", str(src), "--by", "outlett")
    assert r.returncode == 2 and b"outlett" in r.stderr


def test_output_and_errors_cannot_be_one_file(tmp_path):
    same = tmp_path / "o.jsonl"
    r = run("annotate", "seeds/", "-o", str(same), "--errors", str(same))
    assert r.returncode == 2 and b"the same file" in r.stderr and not same.exists()


def test_dask_engine_without_dask_is_one_line(monkeypatch):
    import importlib.util

    from arabic_extract import cli

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    args = cli.build_parser().parse_args(["annotate", "x.txt", "--engine", "dask", "-o", "o.jsonl"])
    assert "pip install 'arabic-extract-news[dask]'" in cli.check_annotate_args(args)


def test_show_and_report_draw_validated_documents(tmp_path):
    """A line that from_dict accepts with a default filled in (an entity without a label) or a
    converted value ("start": "4") is drawn from the validated document, not the raw line."""
    record = json.loads(run("annotate", "seeds/", "-j", "1").stdout)
    speaker = next(q["speaker"] for q in record["quotes"] if q["speaker"] and q["speaker"]["entity"])
    odd = json.loads(json.dumps(record))
    for e in odd["entities"]:
        if e["id"] == speaker["entity"]:
            del e["label"]
    odd["entities"][0]["start"] = str(odd["entities"][0]["start"])
    src = tmp_path / "odd.jsonl"
    src.write_text(json.dumps(odd, ensure_ascii=False) + "\n" + json.dumps(record, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    for args in (["show", str(src)], ["show", str(src), "--format", "table"], ["report", str(src)]):
        r = run(*args)
        assert r.returncode == 0, (args, r.stderr.decode())
    r = run("report", str(src), "--top", "0")
    assert r.returncode == 2 and b"at least 1" in r.stderr
