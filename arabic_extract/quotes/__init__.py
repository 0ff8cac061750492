"""The quote stage: who said what about whom.

:mod:`.context` (what the finder knows about a doc) → :mod:`.speakers` → :mod:`.patterns` →
:mod:`.finder` (every quote of a doc) and :mod:`.targets` → :mod:`.component` (the
``arabic_quotes`` component and ``doc._.quotes``). Reads ``doc.ents`` and the clusters; writes
the quotes.
"""
from .component import QUOTES_KEY, Quote, doc_quotes, make_quote_finder
from .finder import find_quotes

__all__ = ["QUOTES_KEY", "Quote", "doc_quotes", "find_quotes", "make_quote_finder"]
