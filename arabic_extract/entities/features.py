"""Lexical features for the NER model, computed on the normalized word.

spaCy's default PREFIX (first letter) and SUFFIX (last three letters) are taken
from the raw text. :func:`lexical_attrs` replaces them, through the pipeline's
``[nlp.after_creation]`` callback, with affixes of the normalized word with its
article removed, which carry the Arabic morphology (ال، ـية، ـيون) a tagger needs.
"""
from __future__ import annotations

from spacy.attrs import PREFIX, SUFFIX
from spacy.util import registry

from ..text.normalize import normalize_text


def prefix(word: str) -> str:
    """:func:`norm_prefix` of the normalized word."""
    return norm_prefix(normalize_text(word))


def norm_prefix(norm: str) -> str:
    """``ال|`` + the first two letters after the article for definite words (longer than
    three letters), else the first two letters."""
    if norm.startswith("ال") and len(norm) > 3:
        return "ال|" + norm[2:4]
    return norm[:2]


def suffix(word: str) -> str:
    """The last three letters of the normalized word."""
    return normalize_text(word)[-3:]


@registry.callbacks("arabic_extract.lexical_attrs.v1")
def lexical_attrs():
    def install(nlp):
        nlp.vocab.lex_attr_getters[PREFIX] = prefix
        nlp.vocab.lex_attr_getters[SUFFIX] = suffix
        return nlp
    return install
