"""The ``arabic_quotes`` component and ``doc._.quotes``.

The component runs after NER and ``arabic_clusters``. It finds the quotes
(:func:`.finder.find_quotes`) and their targets (:mod:`.targets`) and keeps them as plain
token offsets in ``doc.user_data[QUOTES_KEY]``, so docs still serialize; ``doc._.quotes``
builds :class:`Quote` objects (spans of the doc) from them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..entities.clusters import MENTIONS_KEY, doc_clusters
from ..lexicons.cues import CUES_PATH, Cues, load_cues
from ..text.clitics import bare
from .context import Found
from .finder import find_quotes
from .targets import mention_bounds, targets

QUOTES_KEY = "arabic_extract.quotes"


@dataclass
class Quote:
    """A reported statement. All fields are spans of the doc; ``speaker_entity`` is the
    entity the speaker is (``None`` for an anonymous source such as «مصدر حكومي»)."""
    kind: str  # "direct" | "indirect" | "mixed"
    content: Span
    cue: Span | None
    speaker: Span | None
    speaker_entity: Span | None = None
    targets: list[Span] = field(default_factory=list)
    gender: str | None = None  # the speaker's: "m" | "f" | "pl" for a person or people, else None

    def to_dict(self) -> dict:
        """Character offsets into the doc, for JSON."""
        def chars(span: Span | None) -> dict | None:
            return None if span is None else {"text": span.text, "start": span.start_char, "end": span.end_char}

        return {"kind": self.kind, "content": chars(self.content), "cue": chars(self.cue),
                "speaker": chars(self.speaker), "speaker_is_entity": self.speaker_entity is not None,
                "gender": self.gender, "targets": [chars(t) for t in self.targets]}

    toDict = to_dict  # srsly, spaCy's JSON writer, calls toDict: doc.to_json(underscore=["quotes"])

    def __repr__(self) -> str:
        speaker = self.speaker.text if self.speaker is not None else None
        return f"Quote({self.kind}, speaker={speaker!r}, content={self.content.text[:40]!r})"


def doc_quotes(doc: Doc) -> list[Quote]:
    """The quotes stored on ``doc`` by the ``arabic_quotes`` component (empty before it runs)."""
    labels = {(m.start, m.end): m.label_ for m in doc.spans.get(MENTIONS_KEY, [])}
    labels.update({(e.start, e.end): e.label_ for e in doc.ents})

    def span(bounds, label=""):
        return Span(doc, bounds[0], bounds[1], label=label) if bounds else None

    quotes = []
    for kind, content, cue, speaker, is_entity, targets, *gender in doc.user_data.get(QUOTES_KEY, []):
        spk = span(speaker, labels.get(tuple(speaker), "") if speaker else "")
        quotes.append(Quote(kind, span(content), span(cue), spk, spk if is_entity else None,
                            [span(t, labels.get(tuple(t), "")) for t in targets], (gender or [None])[0]))
    return quotes


def speaker_gender(doc: Doc, q: Found, cues: Cues, labels: dict[tuple[int, int], str]) -> str | None:
    """The gender and number of a quote's speaker from its cue's agreement (قال m, قالت f,
    قالوا pl), for a person or an anonymous source only: a verb agrees in the feminine with an
    organization or a place (قالت الوزارة), which has no gender, nor has a source headed by an
    institution noun (الوزارة، الشرطة، البيان); an anonymous source headed by a plural noun
    (مصادر، المحتجون) is plural whatever the verb."""
    if q.speaker is None:
        return None
    if q.speaker_is_entity:  # ``labels``: the labels of entities and clustered descriptions by token bounds
        return q.gender if labels.get(tuple(q.speaker)) == "PER" else None
    if q.gender == "pl":  # an unnamed group (المحتجون، مصادر): :func:`~.speakers.number_speakers`
        return "pl"
    head = doc[q.speaker[0]]
    return None if bare(head.norm_) in cues.institutions else q.gender  # قالت الوزارة: no gender


if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", getter=doc_quotes)


@Language.factory("arabic_quotes", default_config={"cues_path": None})
def make_quote_finder(nlp: Language, name: str, cues_path: str | None):
    """The ``arabic_quotes`` component; ``cues_path`` replaces the shipped cue lexicon."""
    cues = load_cues(cues_path or CUES_PATH)

    def find(doc: Doc) -> Doc:
        clusters = doc_clusters(doc)
        cluster_ids = {(m.start, m.end): c.id for c in clusters for m in c.mentions}
        bounds = mention_bounds(doc)
        # each mention's label: a description (الوزيرة) takes its cluster's
        labels = {(m.start, m.end): c.label for c in clusters for m in c.mentions} | {(e.start, e.end): e.label_ for e in doc.ents}
        doc.user_data[QUOTES_KEY] = [
            [q.kind, list(q.content), list(q.cue) if q.cue else None, list(q.speaker) if q.speaker else None,
             q.speaker_is_entity, [list(t) for t in targets(bounds, q.content, cluster_ids)],
             speaker_gender(doc, q, cues, labels)]
            for q in find_quotes(doc, cues)]
        return doc

    return find
