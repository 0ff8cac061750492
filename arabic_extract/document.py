"""The result of :func:`arabic_extract.extract`: plain dataclasses with offsets into
the caller's text, ``to_dict()`` in the project's JSON schema and ``Document.from_dict()`` back,
the schema itself (:func:`json_schema`, generated from these classes and shipped as
``document.schema.json``), and :func:`to_schema`, which reads them off a processed ``Doc``
(``doc.ents``, ``doc._.clusters``, ``doc._.quotes``).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import ConfigDict, TypeAdapter
from spacy import tokens

from .entities.clusters import doc_clusters
from .quotes import doc_quotes
from .text.clitics import strip_clitics

Label = Literal["PER", "ORG", "LOC", "MISC"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Gender = Literal["m", "f", "pl"]
LABELS: tuple[Label, ...] = ("PER", "ORG", "LOC", "MISC")
SCHEMA_PATH = Path(__file__).with_name("document.schema.json")


@dataclass(frozen=True)
class Span:
    """A piece of the original text: ``text == document.text[start:end]``."""
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Entity(Span):
    """A named entity: ``id`` is ``e1``, ``e2``, … in text order, ``cluster`` the id of its
    mention cluster (``None`` when it is in none)."""
    id: str = ""
    label: Label = "MISC"
    cluster: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "label": self.label,
                "start": self.start, "end": self.end, "cluster": self.cluster}


@dataclass(frozen=True)
class Cluster:
    """The mentions of one entity (``c1``, ``c2``, …): ``name`` is its fullest mention,
    ``mentions`` the ids of its entities in text order (spelling variants and acronyms included)."""
    id: str
    label: Label
    name: str
    mentions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "name": self.name, "mentions": list(self.mentions)}


@dataclass(frozen=True)
class Speaker(Span):
    """Who made a statement: the span of its source in the text (for a dropped subject, the
    earlier mention it resolves to), the ``entity`` that span is and its ``cluster``; both are
    ``None`` for an anonymous source («مصدر حكومي»). ``gender``: ``m``, ``f`` or ``pl`` (people)
    for a person or an anonymous source, from the cue's agreement (قال، قالت، قالوا); ``None``
    for an organization or a place, or when no cue says it."""
    entity: str | None = None
    cluster: str | None = None
    gender: Gender | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "entity": self.entity, "cluster": self.cluster, "gender": self.gender}


@dataclass(frozen=True)
class Quote:
    """A reported statement (``q1``, ``q2``, …): ``kind`` is ``direct`` (in quotation marks),
    ``indirect`` (أن/إن clause) or ``mixed``; ``content`` is what was said, ``cue`` the reporting
    word (قال، أكد، …; ``None`` for a quotation without one), ``speaker`` its source, and
    ``targets`` the ids of the entities the content mentions."""
    id: str
    kind: QuoteKind
    content: Span
    cue: Span | None
    speaker: Speaker | None
    targets: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "content": self.content.to_dict(),
                "cue": self.cue.to_dict() if self.cue else None,
                "speaker": self.speaker.to_dict() if self.speaker else None,
                "targets": list(self.targets)}


@dataclass
class Document:
    """One text and what was found in it; every span's offsets index ``text``, the caller's
    original string. ``meta`` says which version and model made it."""
    text: str
    id: str | None = None
    entities: list[Entity] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text,
                "entities": [e.to_dict() for e in self.entities],
                "clusters": [c.to_dict() for c in self.clusters],
                "quotes": [q.to_dict() for q in self.quotes],
                "meta": dict(self.meta)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """The document of ``data``, a dict in the JSON schema (a line of ``annotate``'s
        output, parsed); raises ``pydantic.ValidationError`` naming the field that is wrong or
        unknown. Like pydantic's default (lax) mode it converts what it safely can ("4" → 4) and
        fills a missing field that has a default; the JSON Schema is the strict contract."""
        return _adapter().validate_python(data)


for _cls in (Span, Entity, Cluster, Speaker, Quote, Document):  # from_dict: an unknown key is an error
    _cls.__pydantic_config__ = ConfigDict(extra="forbid")


@lru_cache(maxsize=1)
def _adapter() -> TypeAdapter[Document]:
    return TypeAdapter(Document)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a document in the output (``Document.to_dict()``, a line of
    ``annotate``), generated from the classes of this module; shipped as ``document.schema.json``."""
    schema = _adapter().json_schema(mode="serialization")
    for definition in [schema, *schema.get("$defs", {}).values()]:
        if "properties" in definition:  # to_dict() writes every field (extra="forbid": and only those)
            definition["required"] = list(definition["properties"])
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def shipped_schema() -> dict[str, Any]:
    """The JSON Schema as shipped in the package (equal to :func:`json_schema`; a test checks)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def to_schema(doc: tokens.Doc, text: str | None = None, offset: int = 0, start: tuple[int, int, int] = (0, 0, 0)
              ) -> tuple[list[Entity], list[Cluster], list[Quote]]:
    """The entities, clusters and quotes of ``doc`` as the objects of this module.

    ``text`` is the caller's original text and ``offset`` where ``doc`` starts in it (a piece
    of a long text); ``start`` is how many entities, clusters and quotes earlier pieces made,
    so ids go on (e{n}, c{n}, q{n}). Clusters list their entity mentions only (definite
    descriptions are not entities); a quote's target that is a description stands for its
    cluster's first entity.
    """
    text = doc.text if text is None else text
    n_ent, n_clu, n_quo = start

    def piece(span: tokens.Span) -> tuple[str, int, int]:
        s, e = offset + span.start_char, offset + span.end_char
        return text[s:e], s, e

    entity_ids: dict[tuple[int, int], str] = {}
    cluster_of: dict[tuple[int, int], str] = {}
    clusters: list[Cluster] = []
    for cluster in doc_clusters(doc):
        ents = [m for m in cluster.entities if m.label_ in LABELS]
        if not ents:
            continue
        cid = f"c{n_clu + len(clusters) + 1}"
        for m in cluster.mentions:
            cluster_of[(m.start, m.end)] = cid
        clusters.append(Cluster(cid, cluster.label, cluster.name,
                                       tuple((m.start, m.end) for m in ents)))  # ids filled below
    entities: list[Entity] = []
    for ent in map(strip_clitics, doc.ents):
        if ent.label_ in LABELS:
            eid = f"e{n_ent + len(entities) + 1}"
            entity_ids[(ent.start, ent.end)] = eid
            entities.append(Entity(*piece(ent), id=eid, label=ent.label_,
                                          cluster=cluster_of.get((ent.start, ent.end))))
    clusters = [Cluster(c.id, c.label, c.name, tuple(entity_ids[b] for b in c.mentions if b in entity_ids))
                for c in clusters]
    first_entity = {c.id: c.mentions[0] for c in clusters if c.mentions}

    def entity_id(span: tokens.Span) -> str | None:
        bounds = (span.start, span.end)
        return entity_ids.get(bounds) or first_entity.get(cluster_of.get(bounds, ""))

    quotes: list[Quote] = []
    for q in doc_quotes(doc):
        speaker = None
        if q.speaker is not None:
            bounds = (q.speaker.start, q.speaker.end)
            named = q.speaker_entity is not None  # an anonymous source has neither entity nor cluster
            speaker = Speaker(*piece(q.speaker), entity=entity_id(q.speaker) if named else None,
                              cluster=cluster_of.get(bounds) if named else None, gender=q.gender)
        target_ids = tuple(dict.fromkeys(t for t in map(entity_id, q.targets) if t))
        quotes.append(Quote(f"q{n_quo + len(quotes) + 1}", q.kind, Span(*piece(q.content)),
                                   Span(*piece(q.cue)) if q.cue is not None else None, speaker, target_ids))
    return entities, clusters, quotes
