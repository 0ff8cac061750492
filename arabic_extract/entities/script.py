"""Entities are names in Arabic text: the ``arabic_script_filter`` component drops every entity
without an Arabic letter that does not stand in Arabic text, that is whose nearest word on both
sides (on its line) is not Arabic either: the taggers, trained on Arabic only, tag Latin text at
random («Bonjour tout le monde», «NATO will»). A Latin name inside an Arabic sentence stays
(«قالت CNN إن», ANERcorp tags such names), and so does Latin inside an Arabic name («قناة CNN»).

Reads and writes ``doc.ents``; runs after the other NER components, before ``arabic_clusters``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..text.tokenizer import has_arabic_letter

MAX_SKIPPED = 3  # punctuation tokens passed over to find an entity's neighbouring word


def neighbour_word(doc: Doc, i: int, step: int) -> str:
    """The text of the first word from token ``i`` in direction ``step`` (±1), passing over at
    most :data:`MAX_SKIPPED` punctuation tokens and stopping at a line break; ``""`` if none."""
    for _ in range(MAX_SKIPPED + 1):
        if not 0 <= i < len(doc) or "\n" in doc[i].text:
            return ""
        if not (doc[i].is_punct or doc[i].is_space):
            return doc[i].text
        i += step
    return ""


def in_arabic_text(ent: Span) -> bool:
    """``ent`` holds an Arabic letter, or the nearest word before or after it does."""
    doc = ent.doc
    return (has_arabic_letter(ent.text) or has_arabic_letter(neighbour_word(doc, ent.start - 1, -1))
            or has_arabic_letter(neighbour_word(doc, ent.end, 1)))


@Language.component("arabic_script_filter")
def keep_entities_in_arabic_text(doc: Doc) -> Doc:
    """Drop the entities of ``doc`` that are not in Arabic text (:func:`in_arabic_text`)."""
    ents = list(doc.ents)
    kept = [e for e in ents if in_arabic_text(e)]
    if len(kept) < len(ents):
        doc.ents = kept
    return doc
