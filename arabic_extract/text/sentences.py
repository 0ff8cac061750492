"""Sentence boundaries for news text: after . ؟ ? ! … and at line breaks, never
inside a number or an abbreviation (those are single tokens) nor inside quotation
marks opened on the same line."""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

FINAL = frozenset(".؟?!…")
OPENING = {"«": "»", "“": "”", "„": "“", '"': '"'}
CLOSING = frozenset("»”)]")  # marks that stay with the sentence they end


@Language.component("arabic_sentences")
def set_sentence_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on every token of ``doc`` (in one array write: setting
    tokens one by one rechecks the whole doc each time, which is quadratic)."""
    starts = numpy.full(len(doc), -1, dtype="int32")  # -1: not a sentence start
    open_quotes: list[str] = []
    pending = False  # a sentence ended; the next token that is not a closing mark starts one
    previous = ""
    for i, token in enumerate(doc):
        text = token.text
        if i == 0:
            starts[i] = 1
        if token.is_space:
            if "\n" in text:
                open_quotes.clear()
                pending = True
            continue
        if pending and text not in CLOSING:
            starts[i] = 1
            pending = False
        if open_quotes and text == open_quotes[-1]:
            open_quotes.pop()
            pending = previous in FINAL and not open_quotes
        elif text in OPENING:
            open_quotes.append(OPENING[text])
        elif text in FINAL and not open_quotes:
            pending = True
        previous = text
    if len(doc):
        doc.from_array([SENT_START], starts.reshape(-1, 1).astype("uint64"))
    return doc
