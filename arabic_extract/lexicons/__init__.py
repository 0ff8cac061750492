"""Lexicons: the data files of ``data/`` beside this package and their loaders, read by every
stage above (tokenizer, NER, quotes). No module here imports another part of the project.

- :mod:`.words`: word counts of 8.9 M words of news and the words never split;
- :mod:`.cues`: reporting cues and the function words of the quote patterns;
- :mod:`.names`: first names and organization names;
- :mod:`.descriptions`: definite descriptions that refer back to a named entity;
- :mod:`.units`: currencies and units of measure.
"""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_list(path: Path) -> list[str]:
    """The entries of a lexicon file: one per line, ``#`` comments and blank lines left out."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w.strip() for w in lines if w.strip() and not w.startswith("#")]
