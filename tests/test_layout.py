"""The package tree is the pipeline: the import-linter contracts of pyproject.toml hold (and
break on a forbidden import), every module says its job, and every subpackage ships."""
import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "arabic_extract"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
needs_linter = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter is not installed (the test extra)")


def lint(folder: Path) -> subprocess.CompletedProcess:
    """lint-imports with the project's contracts on the ``arabic_extract`` package in ``folder``."""
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          cwd=folder, env=env, capture_output=True, text=True)


@needs_linter
def test_the_layer_contracts_hold():
    r = lint(ROOT)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


@needs_linter
@pytest.mark.parametrize("module, line", [
    ("text/normalize.py", "from ..pipeline import load"),  # a lower stage importing a higher one
    ("lexicons/words.py", "from ..text.normalize import normalize"),  # lexicons import nothing of the project
    ("entities/crf.py", "from .names import load_first_names"),  # NER before names in the pipeline
    ("quotes/speakers.py", "from .patterns import cue_quote"),
])
def test_a_forbidden_import_breaks_a_contract(tmp_path, module, line):
    copy = tmp_path / "arabic_extract"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("data", "__pycache__"))
    path = copy / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    r = lint(tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "BROKEN" in r.stdout


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_every_module_opens_with_a_docstring(path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc and len(doc.split()) >= 5, "a module's docstring says its one job"


def test_every_subpackage_is_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in PACKAGE.rglob("__init__.py")}
    assert on_disk | {"arabic_extract.models"} == listed


def test_the_old_normalize_path_is_the_same_module():
    import arabic_extract
    from arabic_extract.normalize import dediac, normalize
    from arabic_extract.text import normalize as module

    assert dediac is module.dediac and normalize is module.normalize is arabic_extract.normalize
    assert sys.modules["arabic_extract.normalize"] is module
