"""Score quote attribution: on the synthetic development set, with its gold entities or end
to end (:func:`evaluate`), and on real articles annotated exhaustively (:func:`evaluate_news`).

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

Real articles (``tests/data/quotes_news.jsonl``, see ``tests/data/README.md``) are references into
the ANT corpus with character offsets; every statement is annotated, so precision counts too:

- a prediction matches a gold statement when their contents overlap by at least half of the
  shorter one (best overlaps first, one to one); a borderline gold statement is neither
  required nor held against a prediction that matches it;
- the speaker is right when the predicted speaker or a mention of its cluster is, normalized
  and without ال, the gold source, its antecedent or its fullest name, or those of the earlier
  statement whose speaker that antecedent is (``partial``: it only overlaps one, a cut name);
- a target is right when its span overlaps a gold target of the same statement or is the same
  name (normalized, without ال: one entry per entity, whichever of its mentions);
- the speaker's gender is scored on the quotes found whose gold speaker has one (people).

``arabic-extract evaluate-quotes [--data FILE] [--entities gold|model] [--split dev|heldout|all] [--batch N]``
prints the scores.
"""
from __future__ import annotations

import gzip
import hashlib
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


def shared(a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many characters two spans share."""
    return max(min(a[1], b[1]) - max(a[0], b[0]), 0)


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The characters two spans share, over the length of the longer one."""
    return shared(a, b) / max(a[1] - a[0], b[1] - b[0], 1)


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


# Real news, exhaustive gold (tests/data/quotes_news.jsonl) ------------------------------------------

SOURCE_ROOT = Path(__file__).resolve().parents[2]
NEWS_SET = SOURCE_ROOT / "tests" / "data" / "quotes_news.jsonl"  # in a source checkout
CORPUS = SOURCE_ROOT.parent / "shared" / "data" / "corpus"  # the workspace's ../shared beside the checkout


def is_news(path: str | Path) -> bool:
    """Whether ``path`` holds real-news annotations (references into the corpus), not passages."""
    with open(path, encoding="utf-8") as fh:
        first = next((line for line in fh if line.strip()), "{}")
    return "corpus" in json.loads(first)


def read_news(path: str | Path, corpus: str | Path, split: str | None = None, batch: int | None = None
              ) -> list[tuple[dict, str]]:
    """The annotated articles of ``path`` (references into the ANT corpus) with their texts,
    read from ``corpus`` by file and line and checked against their SHA-256; ``split`` keeps
    ``"dev"`` or ``"heldout"`` only, ``batch`` the articles of that annotation batch only."""
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    records = [r for r in records if split in (None, r["split"]) and batch in (None, r["batch"])]
    wanted: dict[str, set[int]] = {}
    for r in records:
        wanted.setdefault(r["corpus"], set()).add(r["line"])
    lines: dict[tuple[str, int], str] = {}
    for name, numbers in wanted.items():
        with gzip.open(Path(corpus) / name, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if n in numbers:
                    lines[(name, n)] = line.rstrip("\n")
    out = []
    for r in records:
        text = lines.get((r["corpus"], r["line"]))
        if text is None or hashlib.sha256(text.encode("utf-8")).hexdigest() != r["sha256"]:
            raise ValueError(f"{r['id']}: line {r['line']} of {r['corpus']} is not the annotated article")
        out.append((r, text))
    return out


def shorter_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The characters two spans share, over the length of the shorter one."""
    return shared(a, b) / max(min(a[1] - a[0], b[1] - b[0]), 1)


def match_quotes(gold: list[dict], predicted: list) -> dict[int, int]:
    """Gold index → predicted index: each pair overlapping by at least half of the shorter
    content, best overlaps first (ties: more characters shared, then text order), each quote in
    at most one pair; borderline gold statements take only the predictions left over."""
    contents = [(p.content.start_char, p.content.end_char) for p in predicted]
    matched, used = {}, set()
    for borderline in (False, True):  # required statements first, then borderline ones
        pairs = []
        for i, g in enumerate(gold):
            if bool(g.get("borderline")) == borderline:
                a = tuple(g["content"])
                pairs += [(-shorter_overlap(a, b), -shared(a, b), i, k) for k, b in enumerate(contents)
                          if shorter_overlap(a, b) >= MIN_OVERLAP]
        for *_, i, k in sorted(pairs):
            if i not in matched and k not in used:
                matched[i] = k
                used.add(k)
    return matched


def gold_speaker_names(text: str, g: dict, gold: list[dict] = ()) -> set[str]:
    """The folded texts a right speaker may have: the explicit source, the antecedent of a
    dropped subject or a description, the fullest name; and, when the antecedent is the speaker
    of an earlier statement of ``gold`` (the article's), that statement's names, and so on back
    («وأضاف المصدر ذاته» → «نفس المصدر» → «مصدر أمني مسؤول»: one source, never named)."""
    names, seen = set(), set()
    while g is not None and id(g) not in seen:
        seen.add(id(g))
        names |= {fold(text[s:e]) for s, e in (g[f] for f in ("speaker", "antecedent", "name") if g[f])}
        antecedent = g["antecedent"]
        g = next((h for h in gold if antecedent and h["speaker"] == antecedent), None)
    return names


def same_target(text: str, gold: tuple[int, int], predicted: tuple[int, int]) -> bool:
    """A predicted target is a gold one: the spans overlap, or they are the same name,
    normalized and without ال (the entity named again in the statement: one entry per entity,
    the annotator's and the prediction's mention of it need not be the same)."""
    return overlap(gold, predicted) > 0 or fold(text[slice(*gold)]) == fold(text[slice(*predicted)])


def speaker_verdict(text: str, g: dict, q, gold: list[dict] = ()) -> str:
    """``right`` when the predicted speaker, or a mention of its cluster, is one of the gold
    names (normalized, without ال; :func:`gold_speaker_names`, ``gold`` the article's
    statements); ``partial`` when it only overlaps or contains one (a cut name, a title for the
    person); ``wrong`` otherwise. A gold statement without any source is right with no
    predicted speaker."""
    names = gold_speaker_names(text, g, gold)
    if q.speaker is None:
        return "right" if not names else "wrong"
    said = [q.speaker] + (list(q.speaker._.cluster.mentions) if q.speaker._.cluster is not None else [])
    if any(fold(m.text) in names for m in said):
        return "right"
    if any(fold(m.text) and (fold(m.text) in n or n in fold(m.text)) for m in said for n in names if n):
        return "partial"
    return "wrong"


def score_news(nlp: Language, text: str, record: dict) -> dict:
    """Counts for one article (borderline gold statements are neither required nor held
    against a prediction that matches them) and its errors."""
    doc = nlp(text)
    predicted = doc._.quotes
    gold = record["quotes"]
    matched = match_quotes(gold, predicted)
    c = dict(gold=sum(not g["borderline"] for g in gold), predicted=len(predicted), matched=0, borderline_matched=0,
             speaker=0, speaker_partial=0, gender_gold=0, gender=0, targets_gold=0, targets_predicted=0, targets_right_gold=0,
             targets_right_predicted=0)
    errors = []
    for i, g in enumerate(gold):
        if g["borderline"]:
            c["borderline_matched"] += i in matched
            continue
        if i not in matched:
            errors.append({"error": "missed", "cue": text[slice(*g["cue"])] if g["cue"] else None,
                           "content": text[slice(*g["content"])][:80]})
            continue
        q = predicted[matched[i]]
        c["matched"] += 1
        verdict = speaker_verdict(text, g, q, gold)
        c["speaker"] += verdict == "right"
        c["speaker_partial"] += verdict == "partial"
        if verdict != "right":
            errors.append({"error": f"speaker {verdict}", "gold": sorted(gold_speaker_names(text, g, gold)),
                           "predicted": q.speaker.text if q.speaker is not None else None,
                           "cue": q.cue.text if q.cue is not None else None})
        if g["gender"] is not None:
            c["gender_gold"] += 1
            c["gender"] += q.gender == g["gender"]
        gold_targets = [(t["start"], t["end"]) for t in g["targets"]]
        got = [(t.start_char, t.end_char) for t in q.targets]
        c["targets_gold"] += len(gold_targets)
        c["targets_predicted"] += len(got)
        c["targets_right_gold"] += sum(any(same_target(text, t, p) for p in got) for t in gold_targets)
        c["targets_right_predicted"] += sum(any(same_target(text, t, p) for t in gold_targets) for p in got)
    hit = set(matched.values())
    errors += [{"error": "spurious", "cue": p.cue.text if p.cue is not None else None, "content": p.content.text[:80]}
               for k, p in enumerate(predicted) if k not in hit]
    return {"counts": c, "errors": errors}


def f1(p: float | None, r: float | None) -> float | None:
    return None if p is None or r is None else (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_news(path: str | Path = NEWS_SET, corpus: str | Path = CORPUS, split: str | None = "dev",
                  nlp: Language | None = None, details: bool = False, batch: int | None = None) -> dict:
    """Quote precision, recall and F1, speaker accuracy (over the quotes found), attribution
    precision, recall and F1 (a quote found with its speaker right), and target precision and
    recall (over the quotes found) on real articles annotated exhaustively, end to end."""
    nlp = nlp or load()
    total: dict[str, int] = {}
    errors = {}
    articles = read_news(path, corpus, split, batch)
    for record, text in articles:
        scored = score_news(nlp, text, record)
        for k, v in scored["counts"].items():
            total[k] = total.get(k, 0) + v
        if scored["errors"]:
            errors[record["id"]] = scored["errors"]
    counted = total["predicted"] - total["borderline_matched"]  # predictions held to account
    precision, recall = ratio(total["matched"], counted), ratio(total["matched"], total["gold"])
    attr_p, attr_r = ratio(total["speaker"], counted), ratio(total["speaker"], total["gold"])
    result = {
        "articles": len(articles), "split": split or "all", "batch": batch or "all", "quotes": total["gold"],
        "borderline_matched": total["borderline_matched"],
        "precision": precision, "recall": recall, "f1": f1(precision, recall),
        "speaker_accuracy": ratio(total["speaker"], total["matched"]),
        "speaker_partial": ratio(total["speaker_partial"], total["matched"]),
        "gender_accuracy": ratio(total["gender"], total["gender_gold"]),
        "attribution_precision": attr_p, "attribution_recall": attr_r, "attribution_f1": f1(attr_p, attr_r),
        "target_precision": ratio(total["targets_right_predicted"], total["targets_predicted"]),
        "target_recall": ratio(total["targets_right_gold"], total["targets_gold"]),
    }
    if details:
        result["errors"] = errors
    return result
