"""A self-contained right-to-left HTML page of annotated documents.

Entities are highlighted by type in displaCy's manner (a coloured box with its label in
Arabic); each quote is numbered, its number shown on its content and on its speaker, and
the pair lights up together on hover or focus (with its line in the list of quotes); clusters
are listed once each with their mention counts; an index links to every document. Every piece
of text is escaped; the page loads nothing from outside.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from html import escape
from typing import Iterable

COLORS = {"PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#feca74", "MISC": "#e4e7d2"}
LABEL_NAMES = {"PER": "شخص", "ORG": "مؤسسة", "LOC": "مكان", "MISC": "أخرى"}
KIND_NAMES = {"direct": "مباشر", "indirect": "غير مباشر", "mixed": "مختلط"}

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
.quote[data-n]:not([data-cont])::before, .speaker[data-n]:not([data-cont])::after {
  content: attr(data-n); font-size: 0.6em; font-weight: bold; color: #fff; background: #d33;
  border-radius: 1em; padding: 0 0.4em; margin: 0 0.2em; vertical-align: super; font-family: sans-serif; }
.hl { background: #ffe08a !important; outline: 2px solid #d33; }
.cue { font-style: italic; text-decoration: underline dotted; }
.lists { font-size: 0.9em; line-height: 1.6; }
.qn { font-weight: bold; color: #d33; }
nav.index { position: fixed; top: 1em; left: 1em; width: 15em; max-height: 90vh; overflow: auto;
  font-size: 0.85em; line-height: 1.6; background: #fafafa; border: 1px solid #ddd; padding: 0.5em; }
body:has(nav.index) { margin-left: 18em; }
"""

# Hovering or focusing a quote's content, speaker or list line lights up all three.
SCRIPT = """
function arabicExtractMark(event, on) {
  var el = event.target.closest && event.target.closest("[data-quote]");
  if (!el) return;
  var article = el.closest("article");
  article.querySelectorAll('[data-quote="' + CSS.escape(el.dataset.quote) + '"]')
    .forEach(function (x) { x.classList.toggle("hl", on); });
}
["mouseover", "focusin"].forEach(function (t) { document.addEventListener(t, function (e) { arabicExtractMark(e, true); }); });
["mouseout", "focusout"].forEach(function (t) { document.addEventListener(t, function (e) { arabicExtractMark(e, false); }); });
"""


def page_start(title: str = "arabic-extract") -> str:
    return (f'<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n")


def page_end(ids: Iterable[str | None] = ()) -> str:
    """The end of the page: the index of the documents ``ids`` (when there are two or more)
    and the hover script."""
    ids = list(dict.fromkeys(ids))  # one link per id (documents that share an id share an anchor)
    index = ""
    if len(ids) > 1:
        links = "".join(f'<li><a href="#{anchor(i)}">{escape(str(i))}</a></li>\n' for i in ids)
        index = f'<nav class="index"><h3>الفهرس ({len(ids)})</h3><ol>\n{links}</ol></nav>\n'
    return f"{index}<script>{SCRIPT}</script>\n</body>\n</html>\n"


def anchor(doc_id: str | None) -> str:
    """The HTML id of a document's ``<article>`` (any id, even with spaces or quotes)."""
    key = json.dumps(doc_id, ensure_ascii=False)  # None and "None" differ
    return "doc-" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def render_page(records: Iterable[dict], title: str = "arabic-extract") -> str:
    """The whole page for ``records`` (dicts in the output schema)."""
    records = list(records)
    return page_start(title) + "".join(map(render_document, records)) + page_end(r.get("id") for r in records)


def _spans(record: dict) -> list[tuple[int, int, int, str, str]]:
    """``(start, end, rank, open_tag, close_tag)`` of every span to mark; ``rank`` orders
    spans that start together (quotes outside speakers and cues outside entities)."""
    spans = []
    for n, q in enumerate(record.get("quotes", []), 1):
        c, qid = q["content"], escape(q["id"])
        spans.append((c["start"], c["end"], 0, f'<span class="quote" data-quote="{qid}" data-n="{n}" tabindex="0" '
                      f'title="اقتباس {n} ({KIND_NAMES.get(q["kind"], escape(q["kind"]))})">', "</span>"))
        if q.get("cue"):
            spans.append((q["cue"]["start"], q["cue"]["end"], 1, '<span class="cue">', "</span>"))
        s = q.get("speaker")
        if s:
            spans.append((s["start"], s["end"], 1, f'<span class="speaker" data-quote="{qid}" data-n="{n}" '
                          f'tabindex="0" title="قائل الاقتباس {n}">', "</span>"))
    for e in record.get("entities", []):
        label = escape(e["label"])
        spans.append((e["start"], e["end"], 2,
                      f'<mark class="ent ent-{label}" data-entity="{escape(e["id"])}" data-label="{label}">',
                      f'<span class="label">{LABEL_NAMES.get(e["label"], label)}</span></mark>'))
    return [s for s in spans if s[0] < s[1]]


def render_text(text: str, spans: list[tuple[int, int, int, str, str]]) -> str:
    """``text`` escaped, with each span's tags around it. Spans that cross are closed
    and reopened at the crossing, so the tags always nest; a reopened tag carries ``data-cont``
    (so that a quote's number shows once)."""
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
        for s in active[keep:]:
            out.append(s[3] if s[0] == a else s[3].replace(" ", " data-cont ", 1))
        stack = active
        out.append(escape(text[a:b]))
    out += [s[4] for s in reversed(stack)]
    return "".join(out)


def _entity_names(record: dict) -> dict[str, str]:
    return {e["id"]: e["text"] for e in record.get("entities", [])}


def render_document(record: dict) -> str:
    """One ``<article>``: the highlighted text, then its quotes and clusters."""
    names = _entity_names(record)
    doc_id = escape(str(record.get("id")))
    parts = [f'<article dir="rtl" id="{anchor(record.get("id"))}" data-id="{doc_id}">\n<h2>{doc_id}</h2>\n'
             f'<div class="text">{render_text(record["text"], _spans(record))}</div>\n']
    if record.get("quotes"):
        parts.append('<div class="lists"><h3>الاقتباسات</h3><ol class="quotes">\n')
        for n, q in enumerate(record["quotes"], 1):
            speaker = escape(q["speaker"]["text"]) if q.get("speaker") else "؟"
            targets = "، ".join(escape(names.get(t, t)) for t in q.get("targets", [])) or "—"
            kind = KIND_NAMES.get(q["kind"], escape(q["kind"]))
            parts.append(f'<li data-quote="{escape(q["id"])}" tabindex="0"><span class="qn">{n}</span> '
                         f'<b>{speaker}</b> ({kind}) ← {escape(q["content"]["text"])} → <i>{targets}</i></li>\n')
        parts.append("</ol></div>\n")
    if record.get("clusters"):
        parts.append('<div class="lists"><h3>المجموعات</h3><ul class="clusters">\n')
        for c in sorted(record["clusters"], key=lambda c: -len(c["mentions"])):
            forms = Counter(names.get(m, m) for m in c["mentions"])
            mentions = "، ".join(f"{escape(f)} ({k})" if k > 1 else escape(f) for f, k in forms.items())
            label = LABEL_NAMES.get(c["label"], escape(c["label"]))
            parts.append(f'<li data-cluster="{escape(c["id"])}"><b>{escape(c["name"])}</b> [{label}] '
                         f'<span class="count">×{len(c["mentions"])}</span>: {mentions}</li>\n')
        parts.append("</ul></div>\n")
    parts.append("</article>\n")
    return "".join(parts)
