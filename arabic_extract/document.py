"""The result of :func:`arabic_extract.extract`: plain dataclasses with offsets into
the caller's text, and ``to_dict()`` in the project's JSON schema."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LABELS = ("PER", "ORG", "LOC", "MISC")


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
    id: str = ""
    label: str = "MISC"
    cluster: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "label": self.label,
                "start": self.start, "end": self.end, "cluster": self.cluster}


@dataclass(frozen=True)
class Cluster:
    id: str
    label: str
    name: str
    mentions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "name": self.name, "mentions": list(self.mentions)}


@dataclass(frozen=True)
class Speaker(Span):
    entity: str | None = None
    cluster: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "entity": self.entity, "cluster": self.cluster}


@dataclass(frozen=True)
class Quote:
    id: str
    kind: str  # "direct" | "indirect" | "mixed"
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
