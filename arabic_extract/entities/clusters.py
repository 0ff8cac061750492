"""Mention clusters: which mentions of a document name the same real entity.

The ``arabic_clusters`` component reads ``doc.ents`` and groups them, in text order:

- the same name up to the article ال and attached proclitics (ناتو / الناتو);
- spelling variants of one name, by :func:`rapidfuzz.fuzz.ratio` on normalized forms
  (ستولينبيرج / ستوليبنبيرج);
- a surname after a full name, or a full name after its surname (ستولينبيرج / يانس ستولينبيرج);
- an acronym in brackets right after a name («حلف شمال الأطلنطى (ناتو)»): the bracketed
  form becomes an alias of the name's cluster, so «الناتو» joins it, before or after.

It also finds **definite descriptions** that refer back (الحلف → the last alliance named;
الوزيرة → the last person named after the title وزيرة, unless a name follows it), from
:mod:`arabic_extract.lexicons.descriptions`; one the NER model tagged as an entity joins
its antecedent the same way. Untagged ones are not entities: they are added as extra spans,
labelled ``DESC``, to ``doc.spans["mentions"]``, which holds every clustered mention (entities
and descriptions) in text order.

Results: ``doc._.clusters`` (a list of :class:`MentionCluster`) and ``span._.cluster``
(the :class:`MentionCluster` of a span that is a mention, or ``None``). Both are getters over
plain token offsets kept in ``doc.user_data[CLUSTERS_KEY]``, so docs still serialize
(``doc.to_bytes``, ``nlp.pipe(n_process=2)``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicons.descriptions import DESCRIPTIONS, PERSON_DESCRIPTIONS
from ..text.clitics import bare, strip_clitics

MENTIONS_KEY = "mentions"
CLUSTERS_KEY = "arabic_extract.clusters"  # [[id, label, [[start, end], ...]], ...] in token offsets
DESC_LABEL = "DESC"
FUZZY_MIN_RATIO = 88  # rapidfuzz ratio (0-100) for two spellings of one name
FUZZY_MIN_CHARS = 6  # shorter names must match exactly (مصر / قطر)
GENERIC_ADJECTIVES = frozenset({"دولي", "دوليه", "عالمي", "عالميه"})  # fit any organization
MAX_TITLE = 4  # words before a person's name searched for a title (قالت وزيرة خارجية غواتيمالا ساندرا جوفيل)


@dataclass(eq=False)
class MentionCluster:
    """Mentions of one entity. ``name`` is the text of its most complete named mention."""
    id: str
    label: str
    mentions: list[Span] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)  # normalized names and aliases, without ال
    forms: set[tuple[str, ...]] = field(default_factory=set)  # the :func:`words` of its named mentions

    @property
    def name(self) -> str:
        named = [m for m in self.mentions if m.label_ != DESC_LABEL] or self.mentions
        return max(named, key=lambda m: (len(m), len(m.text))).text

    @property
    def entities(self) -> list[Span]:
        """The mentions that are entities (not definite descriptions)."""
        return [m for m in self.mentions if m.label_ != DESC_LABEL]

    def to_dict(self) -> dict:
        """Character offsets into the doc, for JSON."""
        return {"id": self.id, "label": self.label, "name": self.name,
                "mentions": [{"text": m.text, "start": m.start_char, "end": m.end_char, "label": m.label_}
                             for m in self.mentions]}

    toDict = to_dict  # srsly, spaCy's JSON writer, calls toDict: doc.to_json(underscore=["clusters"])

    def __repr__(self) -> str:
        return f"MentionCluster({self.id!r}, {self.label!r}, {self.name!r}, {len(self.mentions)} mentions)"


def doc_clusters(doc: Doc) -> list[MentionCluster]:
    """The clusters stored on ``doc`` by :func:`cluster_mentions` (empty before it runs), built
    afresh on each call: compare clusters by ``id``, not identity."""
    labels = {(m.start, m.end): m.label_ for m in doc.spans.get(MENTIONS_KEY, [])}
    return [MentionCluster(cid, label, [Span(doc, s, e, label=labels.get((s, e), label)) for s, e in spans])
            for cid, label, spans in doc.user_data.get(CLUSTERS_KEY, [])]


def span_cluster(span: Span) -> MentionCluster | None:
    """The cluster of which ``span`` (leading proclitics ignored) is a mention."""
    stripped = strip_clitics(span)
    for cluster in doc_clusters(span.doc):
        for m in cluster.mentions:
            if (m.start, m.end) in ((span.start, span.end), (stripped.start, stripped.end)):
                return cluster
    return None


if not Doc.has_extension("clusters"):
    Doc.set_extension("clusters", getter=doc_clusters)
if not Span.has_extension("cluster"):
    Span.set_extension("cluster", getter=span_cluster)


def words(span: Span) -> list[str]:
    """The normalized words of a mention, proclitics and ال removed."""
    return [bare(t.norm_) for t in strip_clitics(span) if not t.is_punct]


def key(span: Span) -> str:
    return " ".join(words(span))


def bracket_alias(span: Span) -> str:
    """The acronym in brackets right after ``span`` («حلف شمال الأطلنطى (ناتو)») as a key,
    or ``""``."""
    doc = span.doc
    i = span.end
    if i + 2 >= len(doc) or doc[i].text != "(":
        return ""
    close = next((j for j in range(i + 1, min(i + 6, len(doc))) if doc[j].text == ")"), None)
    if close is None or close == i + 1:
        return ""
    return " ".join(bare(t.norm_) for t in doc[i + 1:close])


def same_name(a: str, b: str) -> bool:
    """Two normalized names are spellings of one name."""
    if a == b:
        return True
    return min(len(a), len(b)) >= FUZZY_MIN_CHARS and fuzz.ratio(a, b) >= FUZZY_MIN_RATIO


def name_matches(mention: Span, cluster: MentionCluster) -> bool:
    """``mention`` names the entity of ``cluster``: same key, an alias, a spelling
    variant, or (for persons) a surname of a full name or the full name of a surname."""
    k = key(mention)
    if k in cluster.keys:
        return True
    if mention.label_ != cluster.label:
        return False
    mine = words(mention)
    for theirs in cluster.forms:
        if len(mine) == len(theirs) and all(map(same_name, mine, theirs)):
            return True
        if mention.label_ == "PER" and theirs and mine and same_name(mine[-1], theirs[-1]) \
                and (len(mine) == 1 or len(theirs) == 1):
            return True
    return False


def description_head(token) -> str | None:
    return DESCRIPTIONS.get(token.norm_) if token.norm_.startswith("ال") else None


def head_words(mention: Span) -> set[str]:
    """The words by which a named mention can be a description's antecedent: its normalized
    words with and without ال, and the word before it (صحيفة of «صحيفة نيويورك تايمز»); for a
    person, the words of the title before the name (:func:`title_words`)."""
    before = {mention.doc[mention.start - 1].norm_} if mention.start > 0 else set()
    words = {bare(t.norm_) for t in mention} | {t.norm_ for t in mention} | before
    return words | title_words(mention) if mention.label_ == "PER" else words


def title_words(mention: Span) -> set[str]:
    """The words without ال of up to :data:`MAX_TITLE` words before a name, back to the first
    punctuation mark or line break (وزيرة، خارجية of «قالت وزيرة خارجية غواتيمالا ساندرا جوفيل»)."""
    doc, found = mention.doc, set()
    for token in reversed(doc[max(0, mention.start - MAX_TITLE):mention.start]):
        if token.is_punct or token.is_space:
            break
        found.add(bare(token.norm_))
    return found


def described(mention: Span) -> bool:
    """The words after a description's head (``mention[0]``) fit any entity of its kind: generic
    adjectives only (:data:`GENERIC_ADJECTIVES`: «المنظمة الدولية» for the WHO). A tagged «الاتحاد
    الأوروبي» is a name of its own, not «الاتحاد الجمركي الأوروبي» again."""
    return all(bare(t.norm_) in GENERIC_ADJECTIVES for t in mention[1:])


def in_apposition(token, persons: set[int]) -> bool:
    """A person's title right before their name («الوزير سامر عوض»، «الرئيس الأمريكي دونالد
    ترامب», in its sentence): a title, not a description referring back."""
    doc = token.doc
    for i in range(token.i + 1, min(len(doc), token.i + MAX_TITLE)):
        if doc[i].is_sent_start:
            return False
        if i in persons:
            return True
    return False


class Recent:
    """The clusters of a document ordered by their latest mention, with the head words of their
    named mentions indexed, so that each lookup costs the same however long the document."""

    def __init__(self):
        self.order: dict[MentionCluster, int] = {}  # cluster -> when last mentioned, latest last
        self.by_word: dict[str, set[MentionCluster]] = {}
        self.clock = 0

    def __iter__(self):
        """The clusters, the one mentioned last first."""
        return reversed(self.order)

    def add(self, cluster: MentionCluster, mention: Span) -> None:
        self.clock += 1
        self.order.pop(cluster, None)
        self.order[cluster] = self.clock
        if mention.label_ != DESC_LABEL:
            for word in head_words(mention):
                self.by_word.setdefault(word, set()).add(cluster)

    def antecedent(self, head: str, person: bool = False) -> MentionCluster | None:
        """The cluster mentioned last whose named mentions contain the word ``head`` or follow it
        (حلف شمال الأطلنطى; صحيفة نيويورك تايمز, where the name is the entity); with
        ``person``, a person's, after ``head`` in its title."""
        candidates = [c for c in self.by_word.get(head, ()) if c.label == "PER" or not person]
        return max(candidates, key=self.order.__getitem__, default=None)


def build_clusters(doc: Doc) -> tuple[list[MentionCluster], list[Span]]:
    """Cluster ``doc.ents`` and the definite descriptions; return the clusters (ordered by
    first mention) and every mention in text order."""
    clusters: list[MentionCluster] = []
    recent = Recent()
    mentions: list[Span] = []
    covered = {i for e in doc.ents for i in range(e.start, e.end)}
    persons = {e.start for e in doc.ents if e.label_ == "PER"}
    ents = iter(sorted(doc.ents, key=lambda e: e.start))
    next_ent = next(ents, None)
    for token in doc:
        if next_ent is not None and token.i == next_ent.start:
            mention = strip_clitics(next_ent)
            cluster = next((c for c in recent if name_matches(mention, c)), None)
            if cluster is None and (head := description_head(mention[0])):
                # the model tagged a description (الحلف، «المنظمة الدولية») as a name
                cluster = recent.antecedent(head, mention[0].norm_ in PERSON_DESCRIPTIONS)
                if cluster is not None and not described(mention):
                    cluster = None
            if cluster is None:
                cluster = MentionCluster(f"c{len(clusters) + 1}", mention.label_)
                clusters.append(cluster)
            _add(cluster, mention, recent, mentions)
            alias = bracket_alias(next_ent)
            if alias:
                cluster.keys.add(alias)
            next_ent = next(ents, None)
            while next_ent is not None and next_ent.start <= token.i:
                next_ent = next(ents, None)
        elif token.i not in covered and (head := description_head(token)):
            person = token.norm_ in PERSON_DESCRIPTIONS
            cluster = None if person and in_apposition(token, persons) else recent.antecedent(head, person)
            if cluster is not None:
                _add(cluster, Span(doc, token.i, token.i + 1, label=DESC_LABEL), recent, mentions)
    return merge_aliases(clusters), mentions


def merge_aliases(clusters: list[MentionCluster]) -> list[MentionCluster]:
    """Merge clusters that share a key: a short form seen before the name that brackets it
    («الناتو» in a headline, then «حلف شمال الأطلنطى (ناتو)»). Ids are renumbered."""
    merged: list[MentionCluster] = []
    for cluster in clusters:
        into = next((m for m in merged if m.keys & cluster.keys), None)
        if into is None:
            merged.append(cluster)
        else:
            into.mentions = sorted(into.mentions + cluster.mentions, key=lambda m: m.start)
            into.keys |= cluster.keys
            into.forms |= cluster.forms
    for n, cluster in enumerate(merged, 1):
        cluster.id = f"c{n}"
    return merged


def _add(cluster: MentionCluster, mention: Span, recent: Recent, mentions: list) -> None:
    cluster.mentions.append(mention)
    if mention.label_ != DESC_LABEL:
        cluster.forms.add(tuple(words(mention)))
        cluster.keys.add(key(mention))
    recent.add(cluster, mention)
    mentions.append(mention)


@Language.component("arabic_clusters")
def cluster_mentions(doc: Doc) -> Doc:
    """Store the clusters behind ``doc._.clusters`` / ``span._.cluster`` and ``doc.spans["mentions"]``.
    Runs after NER (it reads ``doc.ents``)."""
    clusters, mentions = build_clusters(doc)
    doc.spans[MENTIONS_KEY] = mentions
    doc.user_data[CLUSTERS_KEY] = [[c.id, c.label, [[m.start, m.end] for m in c.mentions]] for c in clusters]
    return doc
