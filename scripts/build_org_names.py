"""Build ``arabic_extract/lexicons/data/org_names.tsv``: organization names the news corpus knows whole.

    python scripts/build_org_names.py [--limit N] [--processes 2]

The taggers (the CNN and the CRF of the shipped model) tag the ANT news corpus; every phrase
that opens with an institution noun (:data:`HEADS`: حزب، حركة، منظمة، مرصد …) and goes on
with definite words, «ل + word» and «و + definite word» (حزب العدالة والتنمية، المرصد السوري
لحقوق الإنسان) is counted, with how often the taggers begin an entity on its first word and
how often it speaks (a reporting cue right before or after it: «وقالت حركة النهضة»). A phrase
is listed when it occurs at least ``--min-count`` times; the taggers begin an entity on it in
at least ``--min-tagged`` of them, or it speaks in at least ``--min-spoke`` and links its parts
with «ل» or «و» or names its field with a definite noun before more words (names the taggers
never learnt: الاتحاد العام التونسي للشغل، صندوق النقد الدولي; not «شركة السيارات», «وكالة الأنباء
الرسمية»); and, when it is longer than a
listed phrase it begins with, it follows that phrase in at least ``--min-share`` of the latter's
occurrences (حزب العدالة → حزب العدالة والتنمية; not حركة النهضة → حركة النهضة والجبهة); and it
is no description (:func:`is_description`: الجامعة التونسية، حزب الرئيس، المكتب السياسي للحزب).
The taggers often cut such names at «و» or «ل» or before their last word; the list gives them whole.
Heads that ANERcorp leaves untagged with whatever follows (الحكومة، الوزارة، الجيش، الشرطة)
are not in :data:`HEADS`.

The articles of the real-news quote annotations (``tests/data/quotes_news.jsonl``, and the
manifests given with ``--skip-manifest``) are left out, so no evaluation text shapes the list.
Columns: phrase (normalized tokens joined by spaces, the first without ال), label, count,
share tagged, share speaking.
"""
import argparse
import gzip
import json
from collections import Counter, defaultdict
from pathlib import Path

from arabic_extract.lexicons.cues import load_cues
from arabic_extract.pipeline import blank, load
from arabic_extract.training.corpus import gold_doc, read_jsonl
from arabic_extract.text.clitics import bare
from arabic_extract.text.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus"
NER_DATA = ROOT.parent / "shared" / "data" / "ner"
ANNOTATED = ROOT / "tests" / "data" / "quotes_news.jsonl"
OUT = ROOT / "arabic_extract" / "lexicons" / "data" / "org_names.tsv"
HEADS = frozenset(bare(normalize(w).text) for w in (
    "حزب حركة تيار ائتلاف تحالف كتلة جماعة منظمة مجلس هيئة لجنة جمعية رابطة نقابة اتحاد "
    "وكالة شركة بنك مصرف صندوق جامعة مؤسسة مركز مرصد معهد محكمة برلمان مفوضية أكاديمية نادي "
    "منتدى قناة إذاعة صحيفة مجلة ديوان دار مكتب مجموعة تنظيم وحدات حرس شبكة "
    "مجمع مستشفى الهلال الصليب الأمم الجامعة المنظمة الاتحاد المجلس الحركة الهيئة").split())
PERSON_TITLES = frozenset(bare(normalize(w).text) for w in (
    "رئيس رئيسة مدير مديرة وزير وزيرة أمين نائب مستشار متحدث ناطق سفير قائد زعيم ملك أمير شيخ").split())
CLITICS = frozenset({"و", "ل", "لل"})
MIN_EXTENDED = 0.5  # share of a phrase's occurrences that a longer phrase takes for it to be a name's start
PRINT_MEDIA = frozenset(bare(normalize(w).text) for w in "صحيفة مجلة قناة جريدة".split())  # a title before the name
GENERIC_ENDINGS = frozenset(normalize(w).text for w in "الرسمية الرسمي الحكومية الحكومي المحلية المحلي".split())
RELATIVES = frozenset({"الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي", "اللاتي"})
MAX_TOKENS = 8
MAX_CHARS = 20_000
TAGGERS = ("tok2vec", "ner", "arabic_crf")


def articles(corpus: Path, skip: set[tuple[str, int]], limit: int | None):
    n = 0
    for path in sorted(corpus.glob("*.txt.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if (path.name, number) in skip:
                    continue
                if limit is not None and n >= limit:
                    return
                n += 1
                yield line[:MAX_CHARS]


def phrases(norms: list[str], i: int):
    """The phrases opening at token ``i`` (an institution noun), as token end indexes."""
    j = i + 1
    while j < len(norms) and j - i < MAX_TOKENS:
        word = norms[j]
        if word in CLITICS:
            nxt = norms[j + 1] if j + 1 < len(norms) else ""
            if not nxt.isalpha() or (word == "و" and not nxt.startswith("ال")):
                return
            j += 2
        elif word.startswith(("ال", "لل")) and word.isalpha() and len(word) > 3:  # «للشغل»: ل + ال unsplit
            j += 1
        else:
            return
        yield j


def count(corpus: Path, skip, limit, processes):
    nlp, cues = load(), load_cues()
    counts, tagged, spoke, labels = Counter(), Counter(), Counter(), defaultdict(Counter)
    with nlp.select_pipes(enable=[n for n in nlp.pipe_names if n in TAGGERS]):
        for doc in nlp.pipe(articles(corpus, skip, limit), batch_size=32, n_process=processes):
            norms = [t.norm_ for t in doc]
            starts = {e.start: e.label_ for e in doc.ents}
            said = {k for k, t in enumerate(doc) if cues.cue(t) is not None}
            for i, norm in enumerate(norms):
                if bare(norm) not in HEADS:
                    continue
                head = bare(norm)  # «لل + مرصد» and «المرصد» count as one
                for j in phrases(norms, i):
                    key = " ".join([head] + norms[i + 1:j])
                    counts[key] += 1
                    if i in starts:
                        tagged[key] += 1
                        labels[key][starts[i]] += 1
                    if i - 1 in said or j in said or (i > 1 and norms[i - 1] in CLITICS and i - 2 in said):
                        # «وقالت حركة النهضة», «حركة النهضة أعلنت», «وفقا للمرصد»
                        spoke[key] += 1
    return counts, tagged, spoke, labels


def is_description(words: list[str]) -> bool:
    """A phrase that describes rather than names: an institution noun and one relational
    adjective (الجامعة التونسية، المنظمة الخيرية, the prefix of many names: المعهد العالي
    [للدراسات …]), a person's title in it (حزب الرئيس، المكتب الإعلامي لرئيس …), an institution
    noun at its end (المكتب السياسي للحزب) or «و» after a relational adjective, which starts
    another phrase (النادي الصفاقسي والنجم الساحلي، الوحدات الأمنية والعسكرية)."""
    if len(words) == 2 and is_adjective(words[1]):
        return True
    if any(bare(w) in PERSON_TITLES for w in words[1:]) or bare(words[-1]) in HEADS:
        return True
    return any(w == "و" and is_adjective(prev) for prev, w in zip(words, words[1:]))


def is_adjective(word: str) -> bool:
    """A definite relational adjective (السوري، البريطانية), as far as its ending tells."""
    return word.startswith("ال") and word.endswith(("ي", "يه"))


def linked(words: list[str]) -> bool:
    """The phrase links a part with «ل» or «و» (المرصد السوري لحقوق الإنسان، هيئة الحقيقة
    والكرامة، الاتحاد العام التونسي للشغل), as the full names of institutions do and
    descriptions (وكالة الأنباء الرسمية، شركة السيارات) seldom do."""
    return any(w in CLITICS or w.startswith("لل") for w in words[2:])


def noun_named(words: list[str]) -> bool:
    """The phrase names what the institution deals in with a definite noun and goes on (صندوق
    النقد الدولي، هيئة الإذاعة البريطانية، المحكمة الجنائية الدولية), as names do; not «شركة
    السيارات» (two words), one ending in an adjective of any institution (وكالة الأنباء الرسمية) or
    one headed by a newspaper's or a channel's noun, a title before the name («صحيفة الشرق الأوسط»)."""
    return (len(words) >= 3 and words[1].startswith("ال") and not is_adjective(words[1])
            and words[-1] not in GENERIC_ENDINGS and words[0] not in PRINT_MEDIA)


def extended(key: str, c: int, counts) -> bool:
    """Longer counted phrases (one word more) follow ``key`` in at least :data:`MIN_EXTENDED` of
    its ``c`` occurrences: ``key`` starts other names (مكتب الأمم المتحدة [لحقوق الإنسان]، شركة
    الخطوط الجوية [القطرية]، مكتب الممثل التجاري [الأمريكي]), it is no name itself."""
    longer = 0
    for other in counts:
        if other.startswith(key + " "):
            more = other[len(key) + 1:].split()
            if len(more) == 1 or (len(more) == 2 and more[0] in CLITICS):  # one more word, maybe after ل / و
                longer += counts[other]
    return longer >= MIN_EXTENDED * c


def anercorp_tagged(path: Path) -> tuple[Counter, Counter]:
    """How often each counted phrase shape occurs in ANERcorp's training sentences, and how
    often an entity begins on its first word there (by :func:`phrases`, as in the corpus)."""
    nlp = blank()
    seen, tagged = Counter(), Counter()
    for record in read_jsonl(path):
        doc = gold_doc(nlp, record)
        norms = [t.norm_ for t in doc]
        starts = {e.start for e in doc.ents}
        for i, norm in enumerate(norms):
            if bare(norm) in HEADS:
                for j in phrases(norms, i):
                    key = " ".join([bare(norm)] + norms[i + 1:j])
                    seen[key] += 1
                    tagged[key] += i in starts
    return seen, tagged


def select(counts, tagged, spoke, labels, min_count, min_tagged, min_spoke, min_share, convention=None):
    """The listed phrases: see the module's docstring. A phrase that speaks without being tagged
    must be :func:`linked`; one that ANERcorp's training sentences hold at least twice must be tagged there in
    at least half of them (``convention``: :func:`anercorp_tagged`; «مجلس الوزراء» is not); none
    holds a relative pronoun or a time word (الشركة التي، الاتحاد المقبل)."""
    cues = load_cues()
    seen, gold = convention or (Counter(), Counter())
    listed = {}
    for key in sorted(counts, key=lambda k: len(k.split())):
        c = counts[key]
        words = key.split()
        if c < min_count or words[0] not in HEADS or any(w in RELATIVES or w in cues.time_words or w in cues.speaker_stop
                                                         for w in words[1:]):
            continue
        named = linked(words) or (noun_named(words) and not extended(key, c, counts))
        if tagged[key] / c < min_tagged and (spoke[key] / c < min_spoke or not named):
            continue
        if seen[key] >= 2 and gold[key] / seen[key] < 0.5:
            continue
        if is_description(words):
            continue
        parents = [" ".join(words[:k]) for k in range(len(words) - 1, 1, -1)]
        parent = next((p for p in parents if p in listed), None)
        if parent is not None and c / counts[parent] < min_share:
            continue
        listed[key] = (labels[key].most_common(1)[0][0] if labels.get(key) else "ORG", c, tagged[key] / c, spoke[key] / c)
    return listed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="articles to read (default: all)")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--min-count", type=int, default=10)
    ap.add_argument("--min-tagged", type=float, default=0.5)
    ap.add_argument("--min-spoke", type=float, default=0.1)
    ap.add_argument("--min-share", type=float, default=0.5)
    ap.add_argument("--skip-manifest", action="append", default=[], help="a manifest of articles to leave out")
    ap.add_argument("--counts", help="a JSON file to save the counts to, or to read them from if it exists")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    skip = {(r["corpus"], r["line"]) for r in map(json.loads, ANNOTATED.read_text(encoding="utf-8").splitlines()) if r}
    for manifest in args.skip_manifest:
        skip |= {(r["corpus"], r["line"]) for r in json.loads(Path(manifest).read_text(encoding="utf-8"))}
    if args.counts and Path(args.counts).exists():
        saved = json.loads(Path(args.counts).read_text(encoding="utf-8"))
        counts, tagged, spoke = Counter(saved["counts"]), Counter(saved["tagged"]), Counter(saved["spoke"])
        labels = {k: Counter(v) for k, v in saved["labels"].items()}
    else:
        counts, tagged, spoke, labels = count(CORPUS, skip, args.limit, args.processes)
        if args.counts:
            Path(args.counts).write_text(json.dumps({"counts": counts, "tagged": tagged, "spoke": spoke, "labels": labels},
                                                    ensure_ascii=False), encoding="utf-8")
    convention = anercorp_tagged(NER_DATA / "anercorp.train.jsonl")
    listed = select(counts, tagged, spoke, labels, args.min_count, args.min_tagged, args.min_spoke, args.min_share,
                    convention)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# phrase\tlabel\tcount\tshare tagged\tshare speaking (scripts/build_org_names.py)\n")
        for key, (label, c, share, speaking) in sorted(listed.items()):
            out.write(f"{key}\t{label}\t{c}\t{share:.2f}\t{speaking:.2f}\n")
    print(f"{len(listed)} phrases from {len(counts)} counted ({len(skip)} annotated articles left out)")


if __name__ == "__main__":
    main()
