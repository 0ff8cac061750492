"""A plain-text table of a document's quotes (``show --format table``, the end of ``make demo``):
number, speaker, cue, content and targets, one quote a line."""
from __future__ import annotations

import unicodedata

HEADER = ("#", "speaker", "cue", "content", "targets")
CONTENT_CHARS = 70  # longer contents are cut with …


def width(s: str) -> int:
    """Columns ``s`` takes in a terminal: combining marks (Arabic diacritics) take none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def cut(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 1] + "…"


def quote_rows(record: dict) -> list[tuple[str, ...]]:
    """One row per quote of ``record`` (a document in the output schema)."""
    names = {e["id"]: e["text"] for e in record.get("entities", [])}
    clusters = {c["id"]: c["name"] for c in record.get("clusters", [])}
    rows = []
    for n, q in enumerate(record.get("quotes", []), 1):
        s = q.get("speaker")
        speaker = "?" if s is None else s["text"]
        if s is not None and s.get("cluster") in clusters and clusters[s["cluster"]] != s["text"]:
            speaker += f" ({clusters[s['cluster']]})"
        rows.append((str(n), speaker, q["cue"]["text"] if q.get("cue") else "-", cut(q["content"]["text"], CONTENT_CHARS),
                     "، ".join(dict.fromkeys(names.get(t, t) for t in q.get("targets", []))) or "-"))
    return rows


def render_table(record: dict) -> str:
    """The document's id, then its quotes as aligned columns (or a line saying there are none)."""
    rows = quote_rows(record)
    if not rows:
        return f"{record.get('id')}: no quotes\n\n"
    widths = [max(width(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER) - 1)]
    lines = [f"{record.get('id')}: {len(rows)} quotes"]
    for r in [HEADER, *rows]:
        lines.append("  ".join(c + " " * (w - width(c)) for c, w in zip(r, widths)) + "  " + r[-1])
    return "\n".join(lines) + "\n\n"
