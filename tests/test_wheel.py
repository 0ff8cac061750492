"""The wheel is complete: built from a copy of the source, installed into a fresh virtual
environment, every subcommand runs from a folder outside the source tree.

The new environment takes its dependencies (spaCy …) from the test environment's
site-packages through a ``.pth`` line, which adds that folder to the path without running its
``.pth`` files, so the editable install of the source is not seen: arabic_extract, its data
and its model come from the wheel alone.
"""
import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, SHARED

LOCAL = {".git", ".venv", "out", "build", "dist", "training", ".pytest_cache", ".hypothesis", ".import_linter_cache"}


def ignore(folder, names):
    """What the copy leaves out: the checkout's local folders (top level) and caches."""
    top = Path(folder) == ROOT
    return [n for n in names if (top and n in LOCAL) or n == "__pycache__" or n.endswith(".egg-info")]


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=ignore)
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(source)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    wheel, = (tmp / "dist").glob("arabic_extract_news-*.whl")
    env = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site, = (env / "lib").glob("python*/site-packages")
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "-q",
                        "--no-deps", str(wheel)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    work = tmp / "work"
    work.mkdir()
    return env, work, site


def run(venv, *args, **kw):
    env, work, _ = venv
    return subprocess.run([str(env / "bin" / "arabic-extract"), *map(str, args)], capture_output=True, text=True,
                          cwd=work, **kw)


def test_the_package_comes_from_the_wheel(venv):
    env, work, site = venv
    r = subprocess.run([str(env / "bin" / "python"), "-c", "import arabic_extract, spacy; print(arabic_extract.__file__)"],
                       capture_output=True, text=True, cwd=work)
    assert r.returncode == 0, r.stderr
    assert Path(r.stdout.strip()).is_relative_to(site)
    for packaged in ("models/ner/meta.json", "document.schema.json", "py.typed", "training/ner.cfg",
                     "training/data/quotes_dev.jsonl", "lexicons/data/cues.json"):
        assert (site / "arabic_extract" / packaged).is_file(), packaged


def test_every_subcommand_runs_from_the_wheel(venv, tmp_path):
    env, work, site = venv
    assert run(venv, "--version").stdout.strip().startswith("arabic-extract ")
    out = tmp_path / "seed.jsonl"
    r = run(venv, "annotate", *SEEDS, "-o", out, "-j", "1")
    assert r.returncode == 0, r.stderr
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert record["quotes"] and record["meta"]["model"].startswith("arabic_extract_news-")
    r = run(venv, "annotate", *SEEDS, "--format", "conll", "--fast", "-j", "1")
    assert r.returncode == 0 and r.stdout.startswith("-DOCSTART-"), r.stderr
    for args in (["show", out, "-o", tmp_path / "page.html"], ["show", out, "--format", "table"],
                 ["report", out, "-o", tmp_path / "report.html"], ["schema"]):
        r = run(venv, *args)
        assert r.returncode == 0, (args, r.stderr)
    assert "<svg" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert json.loads(run(venv, "schema").stdout)["title"] == "Document"
    r = run(venv, "evaluate-quotes")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["quotes"] > 100
    # train: the module and its config are in the wheel; a missing folder is one line, no traceback
    corpus = SHARED / "data" / "corpus"
    for corpus, missing in ((tmp_path / "nocorpus", "nocorpus"), (corpus, "nosuch" if corpus.is_dir() else "corpus")):
        r = run(venv, "train", "--data", tmp_path / "nosuch", "--vectors", tmp_path / "nosuch", "--corpus", corpus,
                "--out", tmp_path / "m")
        assert r.returncode == 2 and "Traceback" not in r.stderr and missing in r.stderr, r.stderr


def test_evaluate_runs_from_the_wheel(venv, tmp_path):
    scorer, gold = SHARED / "tools" / "ner_score.py", SHARED / "data" / "ner" / "anercorp.dev.jsonl"
    if not gold.exists():
        pytest.skip("../shared is absent")
    sample = tmp_path / "dev20.jsonl"
    sample.write_text("".join(gold.read_text(encoding="utf-8").splitlines(keepends=True)[:20]), encoding="utf-8")
    r = run(venv, "evaluate", "--data", sample, "--scorer", scorer, "--fast")
    assert r.returncode == 0, r.stderr
    assert "PER" in r.stdout


def test_spacy_loads_the_packaged_model(venv):
    env, work, site = venv
    script = ("import spacy; nlp = spacy.load(%r); doc = nlp('قال الرئيس ماكرون إن فرنسا ستعمل مع مصر.'); "
              "print(nlp.pipe_names[-1], len(doc._.quotes))" % str(site / "arabic_extract" / "models" / "ner"))
    r = subprocess.run([str(env / "bin" / "python"), "-c", script], capture_output=True, text=True, cwd=work)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["arabic_quotes", "1"]
