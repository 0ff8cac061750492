"""Silver word labels for the CRF: what the pipeline's taggers say of each word across the
untagged ANT news corpus (``shared/data/corpus``).

:func:`tag_counts` runs the CNN and a first CRF over the corpus articles and counts each
normalized word's BIO tags; :func:`silver_words` turns the counts into one feature value per
word (:func:`arabic_extract.entities.crf.silver_value`: ``داعش`` → ``MISC1B``), which the
final CRF reads beside the word's own features. The taggers' knowledge of names the training
sentences never hold (news of 2014–2018 against ANERcorp's 2007) reaches the CRF this way:
anercorp.dev micro-F1 0.750 → 0.763 with the CNN, 0.747 → 0.757 for the CRF alone. Tagging
with the CNN alone gave silver words that lowered it (0.737), so the first CRF is needed.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..entities.crf import bio_tags, silver_value
from ..pipeline import load
from .corpus import corpus_articles

TAGGERS = ("tok2vec", "ner", "arabic_crf")  # the components that tag the corpus
MAX_CHARS = 20_000  # of an article tagged (a few are whole dossiers)


def tag_counts(model: str | Path, corpus: str | Path, n_process: int = 2, limit: int | None = None
               ) -> dict[str, Counter]:
    """Each normalized word's BIO tags (``B-ORG``, ``I-PER``, ``O`` …) over the articles of
    ``corpus`` tagged by the :data:`TAGGERS` of the pipeline at ``model`` (spaces and
    punctuation left out); the first ``limit`` articles only, if given."""
    nlp = load(model)  # shared by the process (cached): its other components are disabled only here
    counts: dict[str, Counter] = {}
    texts = (article[:MAX_CHARS] for article in corpus_articles(corpus, limit))
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in TAGGERS]):
        for doc in nlp.pipe(texts, batch_size=32, n_process=n_process):
            for token, tag in zip(doc, bio_tags(doc)):
                if not (token.is_space or token.is_punct):
                    counts.setdefault(token.norm_, Counter())[tag] += 1
    return counts


def silver_words(counts: dict[str, Counter]) -> dict[str, str]:
    """The silver value of each counted word that has one."""
    return {word: value for word, tags in counts.items() if (value := silver_value(tags))}
