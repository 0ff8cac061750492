"""A self-contained right-to-left HTML page of annotated documents.

Entities are highlighted by type in displaCy's manner (a coloured box with its label),
quote contents are underlined with their speaker and targets, and clusters are listed.
Every piece of text is escaped; the page loads nothing from outside.
"""
from __future__ import annotations

from html import escape
from typing import Iterable

COLORS = {"PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#feca74", "MISC": "#e4e7d2"}

STYLE = """
body { font-family: "Noto Naskh Arabic", "DejaVu Sans", sans-serif; margin: 2em; line-height: 2.5; }
article { border-bottom: 1px solid #ddd; padding-bottom: 1em; margin-bottom: 1em; }
h2 { font-size: 1em; color: #666; direction: ltr; text-align: right; }
.text { white-space: pre-wrap; font-size: 1.2em; }
mark.ent { padding: 0.2em 0.35em; margin: 0 0.15em; border-radius: 0.35em; line-height: 1; }
mark.ent .label { font-size: 0.55em; font-weight: bold; margin-inline-start: 0.4em; vertical-align: middle;
  font-family: sans-serif; }
""" + "".join(f"mark.ent-{label} {{ background: {color}; }}\n" for label, color in COLORS.items()) + """
.quote { border-bottom: 3px solid #d33; background: #fff4f4; }
.speaker { outline: 2px dashed #d33; }
.cue { font-style: italic; text-decoration: underline dotted; }
.lists { font-size: 0.9em; line-height: 1.6; }
"""


def page_start(title: str = "arabic-extract") -> str:
    return (f'<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n")


def page_end() -> str:
    return "</body>\n</html>\n"


def render_page(records: Iterable[dict], title: str = "arabic-extract") -> str:
    """The whole page for ``records`` (dicts in the output schema)."""
    return page_start(title) + "".join(map(render_document, records)) + page_end()


def _spans(record: dict) -> list[tuple[int, int, int, str, str]]:
    """``(start, end, rank, open_tag, close_tag)`` of every span to mark; ``rank`` orders
    spans that start together (quotes outside speakers and cues outside entities)."""
    spans = []
    for q in record.get("quotes", []):
        c = q["content"]
        spans.append((c["start"], c["end"], 0, f'<span class="quote" data-quote="{escape(q["id"])}" '
                      f'title="{escape(q["id"])} ({escape(q["kind"])})">', "</span>"))
        if q.get("cue"):
            spans.append((q["cue"]["start"], q["cue"]["end"], 1, '<span class="cue">', "</span>"))
        s = q.get("speaker")
        if s:
            spans.append((s["start"], s["end"], 1, f'<span class="speaker" data-quote="{escape(q["id"])}">', "</span>"))
    for e in record.get("entities", []):
        label = escape(e["label"])
        spans.append((e["start"], e["end"], 2,
                      f'<mark class="ent ent-{label}" data-entity="{escape(e["id"])}" data-label="{label}">',
                      f'<span class="label">{label}</span></mark>'))
    return [s for s in spans if s[0] < s[1]]


def render_text(text: str, spans: list[tuple[int, int, int, str, str]]) -> str:
    """``text`` escaped, with each span's tags around it. Spans that cross are closed
    and reopened at the crossing, so the tags always nest."""
    bounds = sorted({0, len(text)} | {s[0] for s in spans} | {s[1] for s in spans})
    order = iter(sorted(spans, key=lambda s: (s[0], -s[1], s[2])))
    out, stack, active = [], [], []
    following = next(order, None)
    for a, b in zip(bounds, bounds[1:]):
        # The spans open over a:b, in start order: those still open, then those starting at a.
        active = [s for s in active if s[1] > a]
        while following is not None and following[0] == a:
            active.append(following)
            following = next(order, None)
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        out += [s[4] for s in reversed(stack[keep:])]
        out += [s[3] for s in active[keep:]]
        stack = active
        out.append(escape(text[a:b]))
    out += [s[4] for s in reversed(stack)]
    return "".join(out)


def _entity_names(record: dict) -> dict[str, str]:
    return {e["id"]: e["text"] for e in record.get("entities", [])}


def render_document(record: dict) -> str:
    """One ``<article>``: the highlighted text, then its quotes and clusters."""
    names = _entity_names(record)
    parts = [f'<article dir="rtl" data-id="{escape(str(record.get("id")))}">\n'
             f'<h2>{escape(str(record.get("id")))}</h2>\n'
             f'<div class="text">{render_text(record["text"], _spans(record))}</div>\n']
    if record.get("quotes"):
        parts.append('<div class="lists"><h3>الاقتباسات</h3><ol class="quotes">\n')
        for q in record["quotes"]:
            speaker = escape(q["speaker"]["text"]) if q.get("speaker") else "؟"
            targets = "، ".join(escape(names.get(t, t)) for t in q.get("targets", [])) or "—"
            parts.append(f'<li data-quote="{escape(q["id"])}"><b>{speaker}</b> ({escape(q["kind"])}) '
                         f'← {escape(q["content"]["text"])} → <i>{targets}</i></li>\n')
        parts.append("</ol></div>\n")
    if record.get("clusters"):
        parts.append('<div class="lists"><h3>المجموعات</h3><ul class="clusters">\n')
        for c in record["clusters"]:
            mentions = "، ".join(escape(names.get(m, m)) for m in c["mentions"])
            parts.append(f'<li data-cluster="{escape(c["id"])}"><b>{escape(c["name"])}</b> '
                         f'[{escape(c["label"])}]: {mentions}</li>\n')
        parts.append("</ul></div>\n")
    parts.append("</article>\n")
    return "".join(parts)
