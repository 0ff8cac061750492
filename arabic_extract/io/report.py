"""A report for media monitors over annotated documents (``arabic-extract report``): who is
quoted most, who speaks about whom, quotes by speaker type and by the gender of people quoted,
and quotes by a field of the input (outlet, date) when one is given. :func:`tally` counts; :func:`render_report` draws a
self-contained right-to-left page whose charts are inline SVG.

Speakers and targets are counted by entity across documents: a quote's speaker is the name of
its cluster (else its own text), and names that are the same once normalized and without ال
(:func:`~arabic_extract.pipeline.name_key`) are one, shown in their most frequent spelling.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape
from typing import Iterable

from ..pipeline import name_key
from .html import COLORS, LABEL_NAMES
from .read import id_string

SPEAKER_TYPES = {"PER": "شخص", "ORG": "مؤسسة", "LOC": "مكان", "MISC": "أخرى",
                 "anonymous": "مصدر غير مسمى", "none": "بلا قائل"}
GENDERS = {"m": "رجل", "f": "امرأة", "pl": "جمع", "unknown": "غير معروف"}
MONTH_RE = re.compile(r"^(\d{4}-\d{2})-\d{2}")  # an ISO date groups by its month


@dataclass
class Tally:
    """What :func:`render_report` draws: counts of quotes by speaker, speaker and target,
    speaker type and, for each ``--by`` field, its value."""
    documents: int = 0
    quotes: int = 0
    speakers: Counter = field(default_factory=Counter)  # name key -> quotes
    pairs: Counter = field(default_factory=Counter)  # (speaker key, target key) -> quotes
    types: Counter = field(default_factory=Counter)  # SPEAKER_TYPES key -> quotes
    genders: Counter = field(default_factory=Counter)  # GENDERS key -> quotes of people and anonymous sources
    groups: dict[str, Counter] = field(default_factory=dict)  # field -> value -> quotes
    spellings: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def name(self, key: str) -> str:
        """The most frequent spelling of the name ``key``."""
        return self.spellings[key].most_common(1)[0][0]


def group_value(value) -> str | None:
    """A field's value as a group: an ISO date by its month, anything else as text."""
    if value is None or value == "":
        return None
    value = id_string(value)  # true, {"a": 1}: JSON, as annotate writes ids
    month = MONTH_RE.match(value)
    return month.group(1) if month else value


def tally(records: Iterable[dict], fields: dict[str, dict[str, object]] | None = None) -> Tally:
    """Count the quotes of ``records`` (documents in the output schema). ``fields`` maps a field
    name to ``{document id: value}`` (read from the input that was annotated). Speakers and pairs
    count named speakers only; an anonymous source counts in ``types``."""
    t = Tally(groups={f: Counter() for f in (fields or {})})
    for record in records:
        t.documents += 1
        entities = {e["id"]: e for e in record.get("entities", [])}
        clusters = {c["id"]: c["name"] for c in record.get("clusters", [])}

        def key_of(text: str) -> str:
            key = name_key(text) or text
            t.spellings[key][text] += 1
            return key

        def entity_name(entity_id: str) -> str:
            e = entities.get(entity_id)
            if e is None:
                return entity_id
            return clusters.get(e.get("cluster"), e["text"])

        for q in record.get("quotes", []):
            t.quotes += 1
            for name, values in (fields or {}).items():
                value = group_value(values.get(record.get("id")))
                t.groups[name][value if value is not None else "—"] += 1
            s = q.get("speaker")
            entity = entities.get(s.get("entity")) if s is not None else None
            t.types["none" if s is None else entity["label"] if entity else "anonymous"] += 1
            if s is not None and (entity is None or entity["label"] == "PER"):
                t.genders[s.get("gender") or "unknown"] += 1
            if entity is None:  # no speaker, or «مصدر حكومي»: a kind of source, not a who
                continue
            speaker = key_of(clusters.get(s.get("cluster")) or s["text"])
            t.speakers[speaker] += 1
            for target in dict.fromkeys(key_of(entity_name(i)) for i in q.get("targets", [])):
                if target != speaker:
                    t.pairs[(speaker, target)] += 1
    return t


def bar_chart(rows: list[tuple[str, int]], title: str, color: str = "#d33") -> str:
    """A horizontal bar chart as inline SVG, bars growing right to left; each bar has its label
    and count as text and a ``<title>`` (shown on hover)."""
    if not rows:
        return f"<figure><figcaption>{escape(title)}</figcaption><p>—</p></figure>\n"
    width, label_w, bar_h, gap = 640, 220, 22, 6
    top = max(n for _, n in rows)
    height = len(rows) * (bar_h + gap)
    bars = []
    for i, (label, n) in enumerate(rows):
        y = i * (bar_h + gap)
        w = max(1.0, (width - label_w - 50) * n / top)
        x = width - label_w - w
        bars.append(f'<g class="bar"><title>{escape(label)}: {n}</title>'
                    f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{color}"/>'
                    f'<text x="{width - 4}" y="{y + bar_h - 6}" text-anchor="start" direction="rtl">'
                    f'{escape(label)}</text>'
                    f'<text x="{x - 6:.1f}" y="{y + bar_h - 6}" text-anchor="end">{n}</text></g>')
    return (f'<figure><figcaption>{escape(title)}</figcaption>'
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" direction="ltr">'
            f'{"".join(bars)}</svg></figure>\n')


def heat_table(t: Tally, top: int) -> str:
    """Who speaks about whom: the most quoted speakers (rows) by the most frequent targets
    (columns), each cell shaded by its count."""
    if not t.pairs:
        return "<p>—</p>\n"
    speakers = [s for s, _ in t.speakers.most_common() if any(p[0] == s for p in t.pairs)][:top]
    targets = Counter()
    for (s, target), n in t.pairs.items():
        if s in speakers:
            targets[target] += n
    columns = [x for x, _ in targets.most_common(top)]
    speakers = [s for s in speakers if any(t.pairs[(s, c)] for c in columns)]
    most = max(t.pairs[(s, c)] for s in speakers for c in columns) or 1
    head = "".join(f"<th>{escape(t.name(c))}</th>" for c in columns)
    rows = []
    for s in speakers:
        cells = []
        for c in columns:
            n = t.pairs[(s, c)]
            shade = f"rgba(221, 51, 51, {0.12 + 0.88 * n / most:.2f})" if n else "transparent"
            cells.append(f'<td style="background: {shade}" title="{escape(t.name(s))} ← {escape(t.name(c))}: {n}">'
                         f'{n or ""}</td>')
        rows.append(f"<tr><th>{escape(t.name(s))}</th>{''.join(cells)}</tr>")
    return (f'<table class="pairs"><thead><tr><th>القائل \\ الموضوع</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>\n')


STYLE = """
body { font-family: "Noto Naskh Arabic", "DejaVu Sans", sans-serif; margin: 2em; }
figure { margin: 1.5em 0; } figcaption, h2 { font-weight: bold; margin-bottom: 0.5em; }
svg text { font-size: 13px; font-family: "Noto Naskh Arabic", "DejaVu Sans", sans-serif; }
table.pairs { border-collapse: collapse; font-size: 0.9em; }
table.pairs th, table.pairs td { border: 1px solid #ddd; padding: 0.3em 0.6em; text-align: center; }
.summary { color: #555; }
"""


def render_report(t: Tally, title: str = "arabic-extract: تقرير", top: int = 20) -> str:
    """The report page of ``t``: a summary line, then one chart per count (``top`` bars each)."""
    speakers = [(t.name(k), n) for k, n in t.speakers.most_common(top)]
    types = [(SPEAKER_TYPES[k], t.types[k]) for k in SPEAKER_TYPES if t.types[k]]
    parts = [f'<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
             f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{escape(title)}</h1>\n",
             f'<p class="summary">{t.documents} وثيقة، {t.quotes} اقتباسا، {len(t.speakers)} قائلا</p>\n',
             '<section id="speakers"><h2>الأكثر اقتباسا</h2>\n',
             bar_chart(speakers, "عدد الاقتباسات لكل قائل", COLORS["PER"]), "</section>\n",
             '<section id="pairs"><h2>من يتحدث عن من</h2>\n', heat_table(t, min(top, 12)), "</section>\n",
             '<section id="types"><h2>نوع القائل</h2>\n',
             bar_chart(types, "عدد الاقتباسات حسب نوع القائل", COLORS["ORG"]), "</section>\n",
             '<section id="genders"><h2>جنس القائل</h2>\n',
             bar_chart([(GENDERS[k], t.genders[k]) for k in GENDERS if t.genders[k]],
                       "اقتباسات الأشخاص والمصادر غير المسماة حسب الجنس (من تصريف الفعل)", COLORS["MISC"]), "</section>\n"]
    for name, counts in t.groups.items():
        rows = sorted(counts.items(), key=lambda kv: (kv[0] == "—", -kv[1], kv[0]))[:top]
        if all(MONTH_RE.match(k + "-01") for k, _ in rows if k != "—"):
            rows.sort(key=lambda kv: kv[0])  # months in order
        parts += [f'<section class="group" data-field="{escape(name)}"><h2>حسب {escape(name)}</h2>\n',
                  bar_chart(rows, f"عدد الاقتباسات حسب {name}", COLORS["LOC"]), "</section>\n"]
    parts.append(f'<p class="summary">{escape(", ".join(f"{k} = {v}" for k, v in LABEL_NAMES.items()))}</p>\n'
                 "</body>\n</html>\n")
    return "".join(parts)
