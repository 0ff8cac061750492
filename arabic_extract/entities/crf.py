"""A CRF tagger beside the neural NER model, with a copy of its features per domain, and the
merge of their entities.

The CRF (CRFsuite, through python-crfsuite) reads features of the normalized words: the
word, its form without ال, affixes, shape, known first names, how common it is in news and
how often with ال (:mod:`arabic_extract.lexicons.words`), and the word's cluster in the
model's floret vectors (nearest of 64, 256 and 1,024 k-means centroids, :class:`WordClusters`); the form,
1,024-cluster and commonness of the two words each side; the word bigrams; and a copy of these
marked with the text's domain (:func:`with_domain`: news or Wikipedia, whose corpora label
differently; news, the base, has no copy). It finds other names than the CNN, so the
``arabic_crf`` component merges the two (:func:`merge`; anercorp.dev micro-F1 in 0.4.0: CRF
0.747, both 0.750). ``arabic-extract train`` fits it after the CNN
(:func:`arabic_extract.training.train.add_crf`) and saves it in the pipeline.

Reads ``token.norm_``, ``token.shape_``, the vectors and the CNN's ``doc.ents``; writes
``doc.ents``.
"""
from __future__ import annotations

import hashlib
import json
import math
import struct
import tempfile
from itertools import repeat
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np
import pycrfsuite
from spacy.attrs import NORM, SHAPE
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, minibatch
from spacy.vocab import Vocab
from thinc.api import NumpyOps

from ..lexicons.names import load_first_names
from ..lexicons.words import Lexicon, load_lexicon
from ..text.clitics import bare, is_split_clitic, strip_clitics
from .features import norm_prefix

CLUSTER_SIZES = (64, 256, 1024)
PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 100, "feature.possible_transitions": True}
OPS = NumpyOps()
MODEL_FILE = "model.crfsuite"
CHECKSUM_FILE = "model.crfsuite.sha256"  # sha256sum's format, beside the model
DOMAIN_FEATURES_FILE = "domain_features.json"  # per domain of DOMAINS, the features whose domain copy has a weight
CACHE_SIZE = 20_000  # words whose features are kept per process (about 3 KB each), beyond one batch's
OWN = ("n", "b", "p", "s", "s2", "sh", "c64", "c256", "c1k", "lc", "df", "sv")
CONTEXT = ("n", "c1k", "lc", "sv")  # features of the words around (anercorp.dev: the same with more, see models/README.md)
OFFSETS = (-2, -1, 1, 2)
DOMAINS = ("news", "wikipedia")  # the text kinds a model may be asked to tag (``load(domain=...)``)
SILVER_FILE = "silver_words.tsv"  # normalized word -> :func:`silver_value` of its tags in the tagged news corpus
SILVER_MIN_COUNT = 3  # a word tagged fewer times in the corpus has no silver value
NO_SILVER: dict[str, str] = {}  # the silver words of texts other than news


def silver_value(tags: dict[str, int]) -> str | None:
    """What a tagger said of one word across a large untagged corpus, as one CRF feature value:
    from ``tags`` (BIO tag -> count), the label it most often had inside an entity, the share of
    its occurrences inside one in quarters (1-4) and whether it mostly began the entity (``B``) or
    continued it (``I``): ``ORG3B``. None for a word seen fewer than :data:`SILVER_MIN_COUNT` times
    or almost never inside an entity."""
    total = sum(tags.values())
    inside = total - tags.get("O", 0)
    if total < SILVER_MIN_COUNT or round(4 * inside / total) == 0:
        return None
    per_label: dict[str, list[int]] = {}
    for tag, n in tags.items():
        if tag != "O":
            position, label = tag.split("-", 1)
            per_label.setdefault(label, [0, 0])[position == "I"] += n
    label, (begins, continues) = max(per_label.items(), key=lambda kv: (sum(kv[1]), kv[0]))
    return f"{label}{round(4 * inside / total)}{'B' if begins >= continues else 'I'}"


def with_domain(features: list[list[str]], domain: str | None, weighted: frozenset[str] | None = None
                ) -> list[list[str]]:
    """Each word's features plus a copy of them marked with ``domain`` (Daumé III, 2007,
    "Frustratingly easy domain adaptation"): the CRF learns weights shared by all its
    training corpora and weights of each corpus' own conventions. ``weighted``: copy only these
    features (those whose copy has a weight in the model; the others add nothing but time)."""
    if domain is None:
        return features
    if weighted is None:
        return [f + [f"{domain}:{x}" for x in f] for f in features]
    return [f + [f"{domain}:{x}" for x in f if x in weighted] for f in features]


def word_attrs(norm: str, shape: str, cluster_ids: Sequence[int], first_names: frozenset[str],
               lexicon: Lexicon, silver: str | None = None) -> dict:
    """The attributes of one word: normalized form, form without ال, affixes, shape, one cluster
    id per size of :data:`CLUSTER_SIZES`, whether it is a known first name, and from the news
    corpus counts of the form without ال: their log2 (``lc``) and the share, in quarters, of
    the form with ال (``df``; names seldom take it)."""
    b = bare(norm)
    count, definite = lexicon.count(b), lexicon.count("ال" + b)
    return {"n": norm, "b": b, "p": norm_prefix(norm), "s": norm[-3:], "s2": norm[-2:], "sh": shape[:4],
            "c64": cluster_ids[0], "c256": cluster_ids[1], "c1k": cluster_ids[2], "fn": b in first_names,
            "lc": min(int(math.log2(count + 1)), 16),
            "df": round(4 * definite / (count + definite)) if count + definite else "none",
            "sv": silver or "none"}


def word_strings(attrs: dict, copy: tuple[str, frozenset[str]] | None = None
                 ) -> tuple[list[str], dict[int, list[str]], bool]:
    """A word's own ``name=value`` features, the ones it gives a word it stands at each of
    :data:`OFFSETS` from (``-1n=…``: the form of the word before), and whether it is a known
    first name; ``copy``: ``(domain, weighted)``, each list with its domain copies
    (:func:`with_domain`)."""
    own = ["bias", *(f"{k}={attrs[k]}" for k in OWN)] + (["fn"] if attrs["fn"] else [])
    around = {o: [f"{o}{k}={attrs[k]}" for k in CONTEXT] for o in OFFSETS}
    if copy:
        own = with_domain([own], *copy)[0]
        around = {o: with_domain([f], *copy)[0] for o, f in around.items()}
    return own, around, attrs["fn"]


def sentence_features(norms: Sequence[str], words: Sequence[tuple],
                      copy: tuple[str, frozenset[str]] | None = None) -> list[list[str]]:
    """The CRF features of each word of a sentence (``words``: each begins with the three
    values of :func:`word_strings`, made with the same ``copy``): its own, its neighbours'
    within two words (or a boundary mark), a first name before it, and the word bigrams it is
    in."""
    n = len(words)
    out = []
    for i, word in enumerate(words):
        f = list(word[0])
        extra = []
        for o in OFFSETS:
            j = i + o
            if 0 <= j < n:
                f += words[j][1][o]
            else:
                extra.append(f"{o}BOS")
        if i:
            if words[i - 1][2]:
                extra.append("-1fn")
            extra.append(f"-1n|n={norms[i - 1]}|{norms[i]}")
        if i + 1 < n:
            extra.append(f"n|+1n={norms[i]}|{norms[i + 1]}")
        f += with_domain([extra], *copy)[0] if copy else extra
        out.append(f)
    return out


def bio_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` token spans of BIO tags; an ``I-`` without its ``B-`` opens a span."""
    spans: list[list] = []
    for i, tag in enumerate(tags):
        if tag == "O":
            continue
        kind, label = tag.split("-", 1)
        if kind == "I" and spans and spans[-1][1] == i and spans[-1][2] == label:
            spans[-1][1] = i + 1
        else:
            spans.append([i, i + 1, label])
    return [tuple(s) for s in spans]


def bio_tags(doc: Doc) -> list[str]:
    """The BIO tags of ``doc.ents``."""
    return [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in doc]


class WordClusters:
    """k-means centroids of word vectors, one set per size of :data:`CLUSTER_SIZES`."""

    def __init__(self, centroids: Sequence[np.ndarray]):
        self.centroids = [np.ascontiguousarray(c, dtype=np.float32) for c in centroids]

    @classmethod
    def fit(cls, vectors: np.ndarray, seed: int = 0) -> "WordClusters":
        """k-means (scikit-learn, a training dependency) on the unit-length ``vectors``."""
        from sklearn.cluster import MiniBatchKMeans

        unit = _unit(np.asarray(vectors, dtype=np.float32))
        return cls([_unit(MiniBatchKMeans(min(k, len(unit)), random_state=seed, n_init=3, batch_size=4096)
                          .fit(unit).cluster_centers_) for k in CLUSTER_SIZES])

    def nearest(self, vectors: np.ndarray) -> list[tuple[int, ...]]:
        """For each vector, the index of its nearest centroid (cosine) in each set. The product
        goes through thinc's single-threaded gemm: numpy's threaded BLAS kept a second core
        busy waiting (``annotate --jobs 2`` 13.9 s instead of 11.2 s on 1,000 documents)."""
        unit = np.ascontiguousarray(_unit(np.asarray(vectors, dtype=np.float32)))
        return list(map(tuple, np.stack([OPS.gemm(unit, c, trans2=True).argmax(axis=1) for c in self.centroids],
                                        axis=1).tolist()))


def _unit(m: np.ndarray) -> np.ndarray:
    return m / (np.linalg.norm(m, axis=1, keepdims=True) + 1e-9)


def word_spans(doc: Doc, start: int, end: int, label: str) -> list[Span]:
    """The CRF's span ``start:end`` cut at line breaks and spaces (it never saw them in
    training), each piece without edge tokens that hold no letter or digit and without
    split proclitics; pieces left with no word are dropped."""
    spans, i = [], start
    for j in range(start, end + 1):
        if j == end or doc[j].is_space:
            words = [t.i for t in doc[i:j] if any(c.isalnum() for c in t.text)]
            if words:
                span = strip_clitics(Span(doc, words[0], words[-1] + 1, label=label))
                if not is_split_clitic(span[0]):
                    spans.append(span)
            i = j + 1
    return spans


def merge(ours: list[Span], theirs: list[Span]) -> list[Span]:
    """The CRF's spans ``ours``, except that a person of the model's replaces a non-person
    span inside it (and no other CRF span), then the model's spans ``theirs`` that overlap
    none of them (on anercorp.dev the CRF's labels win over the model's: 0.734 vs 0.730; the
    person rule is neutral there and keeps person recall)."""
    person_at = {i: e for e in theirs if e.label_ == "PER" for i in range(e.start, e.end)}
    ours_at = {i: k for k, span in enumerate(ours) for i in range(span.start, span.end)}
    kept: list[Span] = []
    for k, span in enumerate(ours):
        person = person_at.get(span.start)
        if (span.label_ != "PER" and person is not None and span.end <= person.end
                and all(ours_at.get(i, k) == k for i in range(person.start, person.end))):
            span = person
        if not kept or kept[-1] != span:
            kept.append(span)
    taken = {i for span in kept for i in range(span.start, span.end)}
    return filter_spans(kept + [e for e in theirs if taken.isdisjoint(range(e.start, e.end))])


def checked_model(path: Path) -> bytes:
    """The bytes of the CRFsuite model at ``path``, after checking that they are whole: its
    header (magic, the file size it records) and, where the file :data:`CHECKSUM_FILE` lies
    beside it, its SHA-256. CRFsuite crashes the process on a damaged model; this raises a
    ValueError that names the file instead."""
    data = path.read_bytes()
    if len(data) < 12 or data[:4] != b"lCRF" or data[8:12] != b"FOMC" or struct.unpack("<I", data[4:8])[0] != len(data):
        raise ValueError(f"{path} is not a whole CRFsuite model (damaged or cut short): reinstall or retrain it")
    sums = path.with_name(CHECKSUM_FILE)
    if sums.exists() and sums.read_text(encoding="utf-8").split()[:1] != [hashlib.sha256(data).hexdigest()]:
        raise ValueError(f"{path} does not match its checksum in {sums.name} (damaged): reinstall or retrain it")
    return data


class CRFTagger:
    """The ``arabic_crf`` component: tags ``doc`` with the CRF and :func:`merge` s its
    entities with the model's."""

    def __init__(self, vocab: Vocab, first_names: frozenset[str], lexicon: Lexicon, domain: str | None = "news"):
        self.vocab = vocab
        self.first_names = first_names
        self.lexicon = lexicon
        self.clusters: WordClusters | None = None
        self.model: bytes | None = None
        self._tagger = None
        self.cache: dict[tuple[int, int], tuple] = {}  # (norm, shape) ids -> word_strings + (norm,)
        self.domain_features: dict[str, frozenset[str]] = {}  # per domain, the features with a weight of their own
        self.silver: dict[str, str] = {}  # normalized word -> its :func:`silver_value`, for news
        self.domain = domain  # the kind of text tagged (:data:`DOMAINS`)

    @property
    def domain(self) -> str | None:
        return self._domain

    @domain.setter
    def domain(self, domain: str | None) -> None:
        self._domain = domain
        self._reset()

    def set_domain_features(self, domain_features: dict[str, frozenset[str]]) -> None:
        self.domain_features = domain_features
        self._reset()

    def _reset(self) -> None:
        """The domain copy that tagging adds (``(domain, weighted features)`` or None) and an
        empty cache, whose entries carry it."""
        weighted = self.domain_features.get(self._domain)
        self._copy = (self._domain, weighted) if weighted else None
        self._silver = self.silver_for(self._domain)
        self.cache.clear()

    def silver_for(self, domain: str | None) -> dict[str, str]:
        """The silver words a text of ``domain`` is tagged with: they come from a news tagger,
        so only news has them (aqmar.dev, Wikipedia, fell from 0.638 to 0.618 with them)."""
        return self.silver if domain in (None, "news") else NO_SILVER

    def set_clusters(self, clusters: WordClusters) -> None:
        self.clusters = clusters
        self.cache.clear()

    def set_silver(self, silver: dict[str, str]) -> None:
        self.silver = silver
        self._reset()

    def features(self, doc: Doc, keys: list[tuple[int, int]] | None = None) -> list[list[str]]:
        """The CRF features of ``doc`` with the domain copies that carry a weight; ``keys``, from
        :meth:`add_words`, when its words are cached."""
        keys = keys if keys is not None else self.add_words([doc])[0]
        words = [self.cache[k] for k in keys]
        return sentence_features([w[3] for w in words], words, self._copy)

    def add_words(self, docs: Sequence[Doc]) -> list[list[tuple[int, int]]]:
        """Cache the features of the words of ``docs`` not seen yet (one vector lookup for all);
        returns each doc's keys, the string ids of its tokens' ``(norm, shape)``."""
        keys = [list(map(tuple, doc.to_array([NORM, SHAPE]).tolist())) for doc in docs]
        new = self._strings(docs, keys)
        if len(self.cache) + len(new) > CACHE_SIZE:  # start afresh, with this batch's words
            self.cache.clear()
            new = self._strings(docs, keys)
        if new:
            ids = self.clusters.nearest(self.vocab.vectors.get_batch([norm for norm, _ in new.values()]))
            for (key, (norm, shape)), cluster_ids in zip(new.items(), ids):
                attrs = word_attrs(norm, shape, cluster_ids, self.first_names, self.lexicon, self._silver.get(norm))
                self.cache[key] = (*word_strings(attrs, self._copy), norm)
        return keys

    def _strings(self, docs: Sequence[Doc], keys: list[list[tuple[int, int]]]) -> dict[tuple[int, int], tuple[str, str]]:
        """The ``(norm, shape)`` strings of the keys not in the cache."""
        new: dict[tuple[int, int], tuple[str, str]] = {}
        for doc, ks in zip(docs, keys):
            strings = doc.vocab.strings
            for k in ks:
                if k not in self.cache and k not in new:
                    new[k] = strings[k[0]], strings[k[1]]
        return new

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            yield from map(self, batch, self.add_words(batch))

    def __call__(self, doc: Doc, keys: list[tuple[str, str]] | None = None) -> Doc:
        if self.model is None or not len(doc):
            return doc
        tags = self.tagger.tag(self.features(doc, keys))
        ours = [span for s, e, label in bio_spans(tags) for span in word_spans(doc, s, e, label)]
        doc.ents = merge(ours, list(doc.ents))
        return doc

    @property
    def tagger(self):
        if self._tagger is None:
            self._tagger = pycrfsuite.Tagger()
            self._tagger.open_inmemory(self.model)
        return self._tagger

    def train(self, docs: Iterable[Doc], domains: Iterable[str | None] | None = None) -> None:
        """Fit the CRF on the gold entities of ``docs`` (:attr:`clusters` must be set), each
        doc's features copied for its domain in ``domains`` (:func:`with_domain`)."""
        self.set_domain_features({})  # features without copies; with_domain adds all of them
        trainer = pycrfsuite.Trainer(verbose=False)
        trainer.set_params(PARAMS)
        for doc, domain in zip(docs, repeat(None) if domains is None else domains):
            if self.silver_for(domain) is not self._silver:  # the cached words carry the silver words
                self._silver = self.silver_for(domain)
                self.cache.clear()
            if len(doc):
                trainer.append(with_domain(self.features(doc), domain), bio_tags(doc))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.crfsuite"
            trainer.train(str(path))
            self.model = path.read_bytes()
        self._tagger = None
        weighted: dict[str, set[str]] = {}
        for attr, _ in self.tagger.info().state_features:
            domain, _, feature = attr.partition(":")
            if domain in DOMAINS and feature:
                weighted.setdefault(domain, set()).add(feature)
        self.set_domain_features({d: frozenset(f) for d, f in weighted.items()})

    def to_disk(self, path, exclude=()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / MODEL_FILE).write_bytes(self.model)
        (path / CHECKSUM_FILE).write_text(f"{hashlib.sha256(self.model).hexdigest()}  {MODEL_FILE}\n", encoding="utf-8")
        np.savez(path / "clusters.npz", *self.clusters.centroids)
        (path / DOMAIN_FEATURES_FILE).write_text(json.dumps({d: sorted(f) for d, f in self.domain_features.items()},
                                                    ensure_ascii=False), encoding="utf-8")
        if self.silver:
            (path / SILVER_FILE).write_text("".join(f"{w}\t{v}\n" for w, v in sorted(self.silver.items())),
                                            encoding="utf-8")

    def from_disk(self, path, exclude=()) -> "CRFTagger":
        path = Path(path)
        self.model = checked_model(path / MODEL_FILE)
        with np.load(path / "clusters.npz") as z:
            self.set_clusters(WordClusters([z[f"arr_{i}"] for i in range(len(z.files))]))
        domains = path / DOMAIN_FEATURES_FILE
        self.set_domain_features({d: frozenset(f) for d, f in json.loads(domains.read_text(encoding="utf-8")).items()}
                                 if domains.exists() else {})
        silver = path / SILVER_FILE
        self.set_silver(dict(line.rstrip("\n").split("\t") for line in silver.open(encoding="utf-8"))
                        if silver.exists() else {})
        self._tagger = None
        return self

    def __getstate__(self):
        return {**self.__dict__, "_tagger": None}


@Language.factory("arabic_crf", default_config={"first_names_path": None, "domain": "news"})
def make_crf_tagger(nlp: Language, name: str, first_names_path: str | None, domain: str):
    """The ``arabic_crf`` component; untrained until :meth:`CRFTagger.train` or ``from_disk``.
    ``domain``: the kind of text it tags, one of :data:`DOMAINS`."""
    if domain not in DOMAINS:
        raise ValueError(f"unknown domain {domain!r}: one of {', '.join(DOMAINS)}")
    return CRFTagger(nlp.vocab, load_first_names(first_names_path), load_lexicon(), domain)
