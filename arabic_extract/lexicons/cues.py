"""The reporting-cue lexicon of ``data/cues.json``: reporting verbs and their forms by gender,
circumstantial participles, cue nouns, and the function words the quote patterns need
(complementizers, source words, prepositions, negations …), all in normalized spelling.

Reads no ``Doc``; :class:`Cues` looks tokens up by ``token.norm_``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import DATA_DIR

CUES_PATH = DATA_DIR / "cues.json"
MAX_GAP = 16  # tokens allowed between a cue and its anchor (complementizer, colon, quotation)
OBJECT_PRONOUNS = ("هما", "هم", "ها", "ه")  # suffixes of a verb's object (أكده، نقلتها)
WEEKDAYS = frozenset({"الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"})


@dataclass(frozen=True)
class Cue:
    kind: str  # "verb" | "participle" | "noun"
    lemma: str
    gender: str | None  # "m" | "f" | "pl" | None
    strict: bool = False


class Cues:
    """The cue lexicon of ``data/cues.json``, looked up by ``token.norm_``."""

    def __init__(self, data: dict):
        strict = set(data["strict_verbs"])
        self.cues: dict[str, Cue] = {}
        for lemma, genders in data["verbs"].items():
            for gender, forms in genders.items():
                for form in forms:
                    self.cues[form] = Cue("verb", lemma, gender, lemma in strict)
        for gender, forms in data["participles"].items():
            for form in forms:
                self.cues.setdefault(form, Cue("participle", form, gender))
        for form in data["nouns"]:
            self.cues.setdefault(form, Cue("noun", form, None))
        self.object_verbs: dict[str, set[str]] = {k: set(v) for k, v in data["object_verbs"].items()}
        self.object_participles: dict[str, set[str]] = {
            stem + ending: set(preps) for stem, preps in data["object_participles"].items() for ending in ("ا", "ه", "ين")}
        self.transmit = set(data["transmit_verbs"])
        self.relay_nouns = set(data["relay_nouns"])
        self.complementizers = set(data["complementizers"])
        self.not_complementizer_after = set(data["not_complementizer_after"])
        self.sources = set(data["sources"])
        self.source_links = set(data["source_links"])
        self.from_preposition = data["from_preposition"]
        self.anonymous = set(data["anonymous"])
        self.speaker_stop = set(data["speaker_stop"])
        self.prepositions = set(data["prepositions"])
        self.connectors = set(data["clause_connectors"])
        self.conjunctions = tuple(data["conjunctions"])
        self.honorifics = set(data["honorifics"])
        self.plural_sources = set(data["plural_sources"])
        self.documents = set(data["documents"])
        self.close_to = set(data["close_to"])
        self.institutions = set(data["institutions"])
        self.negations = set(data["negations"])
        self.complementizer_only = set(data["complementizer_only"])
        self.time_words = set(data["time_words"])
        self.cue_negations = set(data["cue_negations"])
        self.contrasts = set(data["contrasts"])
        self.copulas = set(data["copulas"])
        self.issue_verbs = set(data["issue_verbs"])
        self.media = set(data["media"])
        self.print_media = set(data["print_media"])
        self.news_words = set(data["news_words"])
        self.found_in = set(data["found_in"])
        self.resumptive = set(data["resumptive"])
        self.audiences = set(data["audiences"])

    def strip_conjunction(self, norm: str) -> str:
        """``norm`` without an attached و/ف (وتابعت → تابعت) when the rest is longer than 2."""
        return norm[1:] if norm[:1] in self.conjunctions and len(norm) > 3 else norm

    def lookup(self, token, table) -> str | None:
        """The key of ``table`` that ``token`` is, with or without an attached و/ف."""
        for form in (token.norm_, self.strip_conjunction(token.norm_)):
            if form in table:
                return form
        return None

    def cue(self, token) -> Cue | None:
        form = self.lookup(token, self.cues)
        return self.cues[form] if form else None

    def is_verb(self, token, with_object: bool = False) -> bool:
        """``token`` is a reporting verb; with ``with_object``, also one with an object pronoun
        (أكده، نقلته: «وفق ما أكده X»)."""
        cue = self.cue(token)
        if cue is None and with_object:
            norm = self.strip_conjunction(token.norm_)
            stem = next((norm[:-len(s)] for s in OBJECT_PRONOUNS if norm.endswith(s) and len(norm) - len(s) >= 3), None)
            cue = self.cues.get(stem) if stem else None
        return cue is not None and cue.kind == "verb"

    def object_preps(self, cue: Cue) -> set[str]:
        """The prepositions that open a noun-phrase content of ``cue`` (``""``: a direct object),
        empty when it takes none."""
        if cue.kind == "verb":
            return self.object_verbs.get(cue.lemma, set())
        return self.object_participles.get(cue.lemma, set()) if cue.kind == "participle" else set()

    def is_plural_noun(self, norm: str) -> bool:
        """``norm`` (normalized) is a plural noun that can head a source: a sound plural in -ون or
        -ات, or one of ``plural_sources`` (مصادر، خبراء، مسؤولين), with or without ال."""
        norm = norm[2:] if norm.startswith("ال") else norm
        return norm in self.plural_sources or (len(norm) > 4 and norm.endswith(("ون", "ات")))

    def source(self, token) -> str | None:
        """The source word (بحسب، وفقا) that ``token`` is, or ``None``."""
        return self.lookup(token, self.sources)


@lru_cache(maxsize=4)
def load_cues(path: str | Path = CUES_PATH) -> Cues:
    return Cues(json.loads(Path(path).read_text(encoding="utf-8")))
