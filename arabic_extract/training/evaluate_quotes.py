"""Score quote attribution on a development set, with its gold entities or end to end.

Each line of the set is ``{"id", "text", "entities": [{"start", "end", "label"}], "quotes":
[{"content", "cue", "speaker", "targets": [...]}]}``; quote fields are exact substrings of
``text`` (``content`` is looked up at its first occurrence). By default the gold entities
are given to the components, so the scores measure attribution, not NER; with
``gold_entities=False`` the shipped pipeline runs end to end.

Matching:

- a predicted quote matches a gold one when their contents overlap by at least half of the
  longer of the two (characters), each gold quote matching at most one prediction;
- the speaker is right when the predicted speaker or a mention of its cluster and the gold
  speaker, normalized and without the article ال, are equal or one contains the other (a
  dropped subject's speaker may be any mention of the same name; «وقالت الصحيفة» stands for
  the newspaper named before), or when both are ``None``;
- a gold target is found when it matches (as above) a mention of the cluster of one of the
  predicted targets.

``arabic-extract evaluate-quotes [--data FILE] [--entities gold|model]`` prints the scores.
"""
from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..pipeline import blank, load
from ..text.normalize import normalize

DEV_SET = Path(__file__).with_name("data") / "quotes_dev.jsonl"  # shipped: evaluate-quotes runs from a wheel
MIN_OVERLAP = 0.5


def annotate(nlp: Language, text: str, entities: list[dict]) -> Doc:
    """Run ``nlp`` on ``text`` with the gold ``entities`` in place of its NER stage (the model
    and ``arabic_names``), then the components that follow (clusters, quotes)."""
    doc = nlp.make_doc(text)
    doc = nlp.get_pipe("arabic_sentences")(doc)
    spans = [doc.char_span(e["start"], e["end"], label=e["label"], alignment_mode="expand") for e in entities]
    doc.ents = [s for s in spans if s is not None]
    for name, proc in nlp.pipeline:
        if name not in ("arabic_sentences", "ner", "arabic_names"):
            doc = proc(doc)
    return doc


def fold(s: str | None) -> str:
    """A name for comparison: normalized, without the article ال."""
    s = normalize(s or "").text.strip()
    return s[2:] if s.startswith("ال") else s


def same_text(a: str | None, b: str | None) -> bool:
    a, b = fold(a), fold(b)
    if not a or not b:
        return a == b
    return a in b or b in a


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(inter, 0) / max(a[1] - a[0], b[1] - b[0], 1)


def score_record(nlp: Language, record: dict, gold_entities: bool = True) -> dict[str, int]:
    """Counts for one passage: gold, predicted, matched, speaker right, targets gold/found.
    ``gold_entities``: use the passage's entities; else the pipeline's own NER."""
    text = record["text"]
    doc = annotate(nlp, text, record["entities"]) if gold_entities else nlp(text)
    predicted = doc._.quotes
    counts = dict(gold=len(record["quotes"]), predicted=len(predicted), matched=0, speaker=0,
                  targets=0, targets_found=0)
    used: set[int] = set()
    for gold in record["quotes"]:
        start = text.find(gold["content"])
        bounds = (start, start + len(gold["content"]))
        best = max((k for k in range(len(predicted)) if k not in used),
                   key=lambda k: overlap(bounds, (predicted[k].content.start_char, predicted[k].content.end_char)),
                   default=None)
        counts["targets"] += len(gold["targets"])
        if best is None:
            continue
        q = predicted[best]
        if overlap(bounds, (q.content.start_char, q.content.end_char)) < MIN_OVERLAP:
            continue
        used.add(best)
        counts["matched"] += 1
        speakers = [q.speaker.text if q.speaker is not None else None]
        if q.speaker is not None and q.speaker._.cluster is not None:
            speakers += [m.text for m in q.speaker._.cluster.mentions]
        counts["speaker"] += any(same_text(s, gold["speaker"]) for s in speakers)
        names = [m.text for t in q.targets for m in ((t._.cluster.mentions if t._.cluster else []) or [t])]
        counts["targets_found"] += sum(any(same_text(n, g) for n in names) for g in gold["targets"])
    return counts


def ratio(part: int, whole: int) -> float | None:
    """``part / whole``, or ``None`` when there is nothing to count (no gold quotes, say)."""
    return part / whole if whole else None


def evaluate(path: str | Path = DEV_SET, nlp: Language | None = None, details: bool = False,
             gold_entities: bool = True) -> dict:
    """Quote recall and precision, attribution accuracy (a gold quote found with its speaker
    right, over all gold quotes) and target recall (over the gold targets of all quotes).
    With ``gold_entities`` the passages' entities replace NER (default: a blank pipeline);
    without, the shipped pipeline runs end to end (default: :func:`load`).
    With ``details``, ``errors`` lists the ids of passages whose counts are not perfect."""
    nlp = nlp or (blank() if gold_entities else load())
    total = dict(gold=0, predicted=0, matched=0, speaker=0, targets=0, targets_found=0)
    errors, passages = [], 0
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        passages += 1
        counts = score_record(nlp, record, gold_entities)
        for k, v in counts.items():
            total[k] += v
        if not (counts["gold"] == counts["predicted"] == counts["matched"] == counts["speaker"]):
            errors.append(record["id"])
    result = {
        "passages": passages,
        "quotes": total["gold"],
        "recall": ratio(total["matched"], total["gold"]),
        "precision": ratio(total["matched"], total["predicted"]),
        "attribution": ratio(total["speaker"], total["gold"]),
        "target_recall": ratio(total["targets_found"], total["targets"]),
    }
    if details:
        result["errors"] = errors
    return result
