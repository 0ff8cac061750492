"""Classify NER errors by kind: span errors (the right words, a wrong boundary) apart from the rest.

    python scripts/ner_errors.py GOLD.jsonl PRED.jsonl [--examples 10]

GOLD is a ``shared/data/ner`` file, PRED the ``{"id", "entities"}`` lines that
``arabic-extract evaluate`` scores (``arabic_extract.training.evaluate.predict``). Entities are
compared on character offsets; a prediction that starts up to two characters after a gold
entity is at its start (the corpora tag والصين whole, entities here never include the clitic). Each gold entity is ``exact``, ``label`` (same span,
other label), ``span`` (overlapping a prediction of the same label with other bounds: cut or
extended), ``span+label`` or ``missed``; each prediction overlapping no gold entity is ``spurious``.
Span errors are split into ``cut`` (the prediction lies inside the gold entity), ``extended``
(it covers it) and ``shifted``; ``split`` counts gold entities overlapped by two predictions or more.
"""
import argparse
import json
from collections import Counter


def read(path):
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, f) if r}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold")
    ap.add_argument("pred")
    ap.add_argument("--examples", type=int, default=0)
    a = ap.parse_args()
    gold, pred = read(a.gold), read(a.pred)
    kinds: Counter = Counter()
    by_label: Counter = Counter()
    examples: dict[str, list] = {}
    for rid, g in gold.items():
        text = g["text"]
        ps = [(p["start"], p["end"], p["label"]) for p in pred.get(rid, {}).get("entities", [])]
        used = set()
        for ent in g["entities"]:
            gs, ge, gl = ent["start"], ent["end"], ent["label"]
            over = [p for p in ps if p[0] < ge and gs < p[1]]
            used.update(over)
            if any(p[0] in (gs, gs + 1, gs + 2) and p[1] == ge and p[2] == gl for p in over):
                kind = "exact"  # a clitic the corpus attached (والصين) is not a boundary error
            elif any(p[0] in (gs, gs + 1, gs + 2) and p[1] == ge for p in over):
                kind = "label"
            elif not over:
                kind = "missed"
            else:
                same = [p for p in over if p[2] == gl]
                p = (same or over)[0]
                kind = "span" if same else "span+label"
                sub = "cut" if p[0] >= gs and p[1] <= ge else "extended" if p[0] <= gs and p[1] >= ge else "shifted"
                kinds[f"{kind}:{sub}"] += 1
                if len(over) > 1:
                    kinds["split"] += 1
            kinds[kind] += 1
            by_label[gl, kind] += 1
            if kind != "exact":
                examples.setdefault(kind, []).append(
                    f"{gl} «{text[gs:ge]}» → " + " | ".join(f"{p[2]} «{text[p[0]:p[1]]}»" for p in over))
        for p in ps:
            if p not in used:
                kinds["spurious"] += 1
                examples.setdefault("spurious", []).append(f"{p[2]} «{text[p[0]:p[1]]}»")
    total = sum(kinds[k] for k in ("exact", "label", "span", "span+label", "missed"))
    print(f"gold entities {total}")
    for k in ("exact", "label", "span", "span+label", "missed", "spurious", "split",
              "span:cut", "span:extended", "span:shifted"):
        print(f"  {k:14} {kinds[k]:5}  {kinds[k] / total:.1%}")
    labels = sorted({l for l, _ in by_label})
    print("per label: " + "; ".join(
        f"{l} " + " ".join(f"{k}={by_label[l, k]}" for k in ("exact", "label", "span", "span+label", "missed"))
        for l in labels))
    for k, ex in examples.items():
        for line in ex[:a.examples]:
            print(f"[{k}] {line}")


if __name__ == "__main__":
    main()
