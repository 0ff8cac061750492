"""The spaCy pipeline and the ``extract`` API built on it.

normalization and tokenization (:mod:`.text.tokenizer`) → sentences (:mod:`.text.sentences`)
→ NER (the model in ``models/``: a CNN and a CRF, :mod:`.entities.crf`; then names they
missed, :mod:`.entities.names`; entities without an Arabic letter dropped, :mod:`.entities.script`)
→ mention clusters (:mod:`.entities.clusters`) → quotes
(:mod:`.quotes`) → :class:`~.document.Document`.

Texts longer than :data:`CHUNK_CHARS` go through the pipeline in pieces, whose documents are
joined here (:func:`join_pieces`).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from itertools import groupby, islice
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language

from . import quotes  # noqa: F401  (registers arabic_quotes)
from .document import Cluster, Document, Entity, Quote, to_schema
from .entities import clusters, crf, features, names, script  # noqa: F401  (registers the NER components)
from .entities.crf import DOMAINS
from .text import sentences, tokenizer  # noqa: F401  (registers the tokenizer and arabic_sentences)
from .text.clitics import bare
from .text.decode import decode
from .text.normalize import normalize_text

__version__ = "0.7.0"
CHUNK_CHARS = 100_000  # longer texts are processed in pieces cut at line breaks
BATCH_CHARS = 200_000  # at most this much text goes through the model at once, so memory stays bounded
MAX_TOKENS = 14_000  # ... and at most about this many tokens (the CNN takes ~20 KB a token: 100k "(" took 2.1 GB)
# Tokens counted without tokenizing, rather too many than too few: a proclitic letter at the start
# of a word (و ف ب ل ك), a run of digits, of Latin letters or of other letters, a run of two or
# more spaces, any other character.
TOKEN_ESTIMATE_RE = re.compile(r"(?<!\w)[وف](?=\w\w)|(?:(?<!\w)|(?<=(?<!\w)[وف]))[بلك](?=\w\w)|\d+"
                               r"|[A-Za-z\u00C0-\u024F]+|[^\W\d_A-Za-z\u00C0-\u024F]+|\s\s+|[^\w ]|_")
SURROGATE_RE = re.compile("[\ud800-\udfff]")  # lone surrogates, which spaCy cannot store
DEFAULT_MODEL = "ner"
CNN = ("tok2vec", "ner")  # left out by fast=True and for Wikipedia text: the CRF tags entities alone


def models_dir() -> Path:
    """The folder of shipped models: ``arabic_extract/models`` in a wheel, ``models/``
    beside the package in a source checkout."""
    packaged = Path(__file__).resolve().parent / "models"
    return packaged if packaged.is_dir() else packaged.parent.parent / "models"


def blank() -> Language:
    """A pipeline with the tokenizer and sentence splitter and no trained model."""
    nlp = spacy.blank("ar", config={"nlp": {"tokenizer": {"@tokenizers": "arabic_extract.Tokenizer.v1"}}})
    return add_components(nlp)


def add_components(nlp: Language) -> Language:
    """``nlp`` with the sentence splitter first and the components after NER (names, script
    filter, clusters, quotes) that it lacks."""
    if "arabic_sentences" not in nlp.pipe_names:
        nlp.add_pipe("arabic_sentences", first=True)
    for name in ("arabic_names", "arabic_script_filter", "arabic_clusters", "arabic_quotes"):
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def load(model: str | Path | None = DEFAULT_MODEL, fast: bool = False, domain: str = "news") -> Language:
    """The spaCy pipeline. ``model`` is a shipped model's name, a path to a saved
    pipeline, or ``None`` for :func:`blank`. ``fast`` leaves out the CNN: the CRF tags
    entities alone, about twice as fast and a little less accurate (``models/README.md``).
    ``domain``: the kind of text, ``"news"`` (default) or ``"wikipedia"`` (encyclopedic
    text: the CRF alone, with the weights it learnt from Wikipedia corpora; the CNN learnt
    from news only). Cached: each model loads once per process and setting."""
    if domain not in DOMAINS:
        raise ValueError(f"unknown domain {domain!r}: one of {', '.join(DOMAINS)}")
    return _load(model, bool(fast) or domain != "news", domain)


@lru_cache(maxsize=4)
def _load(model: str | Path | None, crf_alone: bool, domain: str) -> Language:
    if model is None:
        return blank()
    path = model_path(model)
    if path is None:
        return blank()
    if crf_alone and not (path / "arabic_crf").is_dir():
        raise ValueError(f"fast=True and domain='wikipedia' need a pipeline with arabic_crf; {path} has none")
    config = {"components": {"arabic_crf": {"domain": domain}}} if (path / "arabic_crf").is_dir() else {}
    return add_components(spacy.load(path, exclude=CNN if crf_alone else (), config=config))


def model_path(model: str | Path) -> Path | None:
    """The folder of the saved pipeline ``model`` names: a path, else a shipped model's name.
    ``None`` for the default model when it is not shipped (a source checkout without
    ``models/``: :func:`load` gives :func:`blank`); ``FileNotFoundError`` for any other name."""
    path = Path(model)
    if not path.exists():
        path = models_dir() / str(model)
    if (path / "config.cfg").exists():
        return path.resolve()
    if model == DEFAULT_MODEL:
        return None
    raise FileNotFoundError(f"no spaCy pipeline at {model} (a folder written by nlp.to_disk, or a shipped model's "
                            f"name: {', '.join(sorted(p.name for p in models_dir().glob('*/')))})")


def _as_text(text) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        return decode(bytes(text), "the text")
    raise TypeError(f"text must be str or UTF-8 bytes, not {type(text).__name__}")


def chunks(text: str, size: int = CHUNK_CHARS, max_tokens: int = MAX_TOKENS) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into ``(offset, piece)`` of at most ``size`` characters and about
    ``max_tokens`` tokens (:func:`estimate_tokens`; a piece of 100,000 characters of news has
    about 15,000), at a paragraph break where possible, else a line break, else a space."""
    start = 0
    while True:
        starts = [m.start() for m in islice(TOKEN_ESTIMATE_RE.finditer(text, start, start + size + 1), max_tokens + 1)]
        if len(text) - start <= size and len(starts) <= max_tokens:
            break
        end = starts[max_tokens] if len(starts) > max_tokens else start + size
        window = text[start:end]
        cut = max(window.rfind("\n\n"), 0) or max(window.rfind("\n"), 0) or max(window.rfind(" "), 0)
        cut = cut + 1 if cut else len(window)
        yield start, text[start:start + cut]
        start += cut
    yield start, text[start:]


def estimate_tokens(text: str) -> int:
    """About how many tokens ``text`` has, without tokenizing it: words (a proclitic letter at
    their start counted apart), punctuation marks and runs of spaces; rather more than fewer."""
    return sum(1 for _ in TOKEN_ESTIMATE_RE.finditer(text))


def _meta(nlp: Language) -> dict[str, str]:
    if "ner" not in nlp.pipe_names and "arabic_crf" not in nlp.pipe_names:
        return {"version": __version__, "model": "blank"}
    model = f"{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0.0.0')}"
    domain = nlp.get_pipe("arabic_crf").domain if "arabic_crf" in nlp.pipe_names else "news"
    if domain != "news":
        model += "-" + domain
    elif "ner" not in nlp.pipe_names:
        model += "-fast"
    return {"version": __version__, "model": model}


def to_document(text: str, doc_id: str | None, pieces: Iterable[tuple[int, "spacy.tokens.Doc"]],
                meta: dict[str, str]) -> Document:
    """Assemble a :class:`Document` from the spaCy docs of ``text``'s pieces, converting
    each piece as it comes so that no more than one piece's ``Doc`` is kept."""
    entities, clusters, quotes = [], [], []
    n_pieces = 0
    for offset, doc in pieces:
        e, c, q = to_schema(doc, text, offset, start=(len(entities), len(clusters), len(quotes)))
        entities += e
        clusters += c
        quotes += q
        n_pieces += 1
    if n_pieces > 1:
        entities, clusters, quotes = join_pieces(entities, clusters, quotes)
    return Document(text=text, id=doc_id, entities=entities, clusters=clusters, quotes=quotes, meta=dict(meta))


def join_pieces(entities: list[Entity], clusters: list[Cluster], quotes: list[Quote]
                ) -> tuple[list[Entity], list[Cluster], list[Quote]]:
    """Merge the clusters that pieces of one long text made for the same name (same label and
    normalized name without ال): a piece sees only itself. Cluster ids are renumbered."""
    first: dict[tuple[str, str], Cluster] = {}
    members: dict[str, list[Cluster]] = {}
    for c in clusters:
        k = (c.label, name_key(c.name))
        head = first.setdefault(k, c)
        members.setdefault(head.id, []).append(c)
    new_id: dict[str, str] = {}
    merged: list[Cluster] = []
    for n, group in enumerate(members.values(), 1):
        cid = f"c{n}"
        for c in group:
            new_id[c.id] = cid
        mentions = tuple(m for c in group for m in c.mentions)
        merged.append(Cluster(cid, group[0].label, max((c.name for c in group), key=len), mentions))
    entities = [replace(e, cluster=new_id.get(e.cluster)) if e.cluster else e for e in entities]
    quotes = [replace(q, speaker=replace(q.speaker, cluster=new_id.get(q.speaker.cluster)))
              if q.speaker is not None and q.speaker.cluster else q for q in quotes]
    return entities, merged, quotes


def name_key(name: str) -> str:
    """A cluster name compared across pieces: normalized, each word without ال."""
    return " ".join(map(bare, normalize_text(name).split()))


def _batches(items: Iterable[tuple[str, tuple]], batch_size: int) -> Iterator[list[tuple[str, tuple]]]:
    """Group ``(text, context)`` pairs into batches of at most ``batch_size`` texts,
    ``BATCH_CHARS`` characters and :data:`MAX_TOKENS` estimated tokens (a single longer text
    makes a batch of its own)."""
    batch, size, tokens = [], 0, 0
    for item in items:
        n = estimate_tokens(item[0])
        if batch and (len(batch) == batch_size or size + len(item[0]) > BATCH_CHARS or tokens + n > MAX_TOKENS):
            yield batch
            batch, size, tokens = [], 0, 0
        batch.append(item)
        size += len(item[0])
        tokens += n
    if batch:
        yield batch


def _pipe(nlp: Language, items: Iterable[tuple[str, tuple]], batch_size: int, n_process: int):
    if n_process > 1:
        yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
        return
    for batch in _batches(items, batch_size):
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def extract_many(texts: Iterable, ids: Iterable[str | None] | None = None, *, batch_size: int = 32,
                 n_process: int = 1, nlp: Language | None = None) -> Iterator[Document]:
    """Extract from many texts, yielding one :class:`Document` per text, in order.

    ``texts`` holds ``str`` (or UTF-8 ``bytes``); ``ids`` gives each document's id.
    ``n_process > 1`` runs spaCy's multiprocessing.
    """
    nlp = nlp or load()
    meta = _meta(nlp)
    originals: dict[int, tuple[str, str | None]] = {}
    id_iter = iter(ids) if ids is not None else None

    def stream():
        for i, raw in enumerate(texts):
            doc_id = next(id_iter) if id_iter is not None else None
            text = _as_text(raw)
            originals[i] = (text, doc_id)
            # U+FFFD stands in for each lone surrogate: same length, so offsets still hold.
            for offset, piece in chunks(SURROGATE_RE.sub("\ufffd", text)):
                yield piece, (i, offset)

    docs = _pipe(nlp, stream(), batch_size, n_process)
    for i, group in groupby(docs, key=lambda pair: pair[1][0]):
        text, doc_id = originals.pop(i)
        yield to_document(text, doc_id, ((ctx[1], doc) for doc, ctx in group), meta)


def extract(text, id: str | None = None, *, nlp: Language | None = None) -> Document:
    """Entities, mention clusters and quotes of one text.

    >>> doc = extract("قال الرئيس إن الحكومة ستعمل.")
    >>> doc.text[doc.entities[0].start:doc.entities[0].end] == doc.entities[0].text if doc.entities else True
    True
    """
    return next(extract_many([text], [id], nlp=nlp))
