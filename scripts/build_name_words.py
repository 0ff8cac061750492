"""Build ``arabic_extract/lexicons/data/name_words.tsv``: names that begin with a proclitic letter.

    python scripts/build_name_words.py [--limit N]

A word such as كيري، ليلى or فادي begins with a letter that can be a proclitic (و ف ب ل ك), and
the remainder is a common word (يرى، يلي، أدى), so the tokenizer's corpus-count rule
(:func:`arabic_extract.text.clitics.split_proclitics`) splits it. Such a word is kept whole when
the ANT news corpus uses it as a name: it follows a first name (``first_names.tsv``) or a
person's title (السيد، الرئيس …) in at least ``--min-share`` of its occurrences and at least
``--min-count`` times, and at least ``--ratio`` times as often, in share, as its remainder
does (لوكالة follows names too, in «قال محمد لوكالة», but وكالة follows them as often); a
remainder that is itself a first name or a title (وكريم، فوزير) is a clitic and its word.
Only words that the rule would split are listed (the rule without this file); the words of
:data:`NOT_NAMES`, checked by hand, are left out. Columns: word, share after a name or title
(3 decimals), count there.
"""
import argparse
import dataclasses
from collections import Counter
from pathlib import Path

from arabic_extract.lexicons import DATA_DIR, read_list
from arabic_extract.lexicons.names import load_first_names
from arabic_extract.lexicons.words import load_lexicon
from arabic_extract.text.clitics import split_proclitics
from arabic_extract.training.corpus import corpus_articles
from arabic_extract.text.normalize import normalize
from arabic_extract.text.tokenizer import ARABIC_WORD_RE

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpus"
OUT = ROOT / "arabic_extract" / "lexicons" / "data" / "name_words.tsv"
TITLES = frozenset(normalize(w).text for w in (
    "السيد السيدة الرئيس الرئيسة الوزير الوزيرة الشيخ الدكتور الدكتورة الفنان الفنانة النائب النائبة "
    "اللاعب اللاعبة المدرب الإعلامي الإعلامية الكاتب الكاتبة الأمير الأميرة الملك الملكة الأستاذ الأستاذة "
    "المهندس المحامي المحامية الجنرال العقيد العميد اللواء المستشار المستشارة الممثل الممثلة المخرج "
    "المطرب المطربة الشاعر الشاعرة السفير السفيرة القاضي الناشط الناشطة الباحث الباحثة").split())
CLITIC_LETTERS = ("و", "ف", "ب", "ل", "ك")
# Clitic + common word that passed the thresholds (read by hand): لقديم "to old", كمواطن "as a citizen" …
NOT_NAMES = frozenset(normalize(w).text for w in "لقديم بتكريم بعلاقته كمواطن فوزير وموكله لحول وياه ونادر".split())


def words(limit: int | None):
    """The normalized Arabic words of each article, in order."""
    return (ARABIC_WORD_RE.findall(normalize(line).text) for line in corpus_articles(CORPUS, limit))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="articles to read (default: all)")
    ap.add_argument("--min-count", type=int, default=4)
    ap.add_argument("--min-share", type=float, default=0.3)
    ap.add_argument("--ratio", type=float, default=3.0)
    ap.add_argument("--out", default=str(OUT))
    a = ap.parse_args()
    context = load_first_names() | TITLES
    total: Counter = Counter()
    after: Counter = Counter()
    for article in words(a.limit):
        total.update(article)
        after.update(w for prev, w in zip(article, article[1:]) if prev in context)
    lexicon = dataclasses.replace(load_lexicon(), never_split=frozenset(read_list(DATA_DIR / "never_split.txt")))
    rows = []
    for word, n in after.items():
        if n < a.min_count or not word.startswith(CLITIC_LETTERS) or word in context or word in NOT_NAMES:
            continue
        clitics, stem, lookup = split_proclitics(word, lexicon)
        if not clitics or lookup.startswith("ال") or lookup in context:
            continue
        share = n / total[word]
        stem_share = after[stem] / total[stem] if total[stem] else 0.0
        if share >= a.min_share and share >= a.ratio * stem_share:
            rows.append((word, share, n))
    rows.sort(key=lambda r: (-r[2], r[0]))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("# word\tshare\tcount: names that begin with a proclitic letter, kept whole by the tokenizer "
                "(scripts/build_name_words.py)\n")
        for word, share, n in rows:
            f.write(f"{word}\t{share:.3f}\t{n}\n")
    print(f"{len(rows)} name words written to {a.out}")


if __name__ == "__main__":
    main()
