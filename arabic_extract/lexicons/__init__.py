"""Lexicons: the data files of ``data/`` beside this package and their loaders, read by every
stage above (tokenizer, NER, quotes). No module here imports another part of the project.

- :mod:`.words`: word counts of 8.9 M words of news and the words never split;
- :mod:`.cues`: reporting cues and the function words of the quote patterns;
- :mod:`.names`: first names;
- :mod:`.descriptions`: definite descriptions that refer back to a named entity.
"""
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
