"""arabic-extract: who is mentioned and who said what about whom in Arabic news.

>>> import arabic_extract
>>> doc = arabic_extract.extract("قال الأمين العام إن الحلف سيعمل مع العراق.")
>>> sorted(doc.to_dict())
['clusters', 'entities', 'id', 'meta', 'quotes', 'text']
"""
import sys

from .document import Cluster, Document, Entity, Quote, Span, Speaker
from .pipeline import __version__, blank, extract, extract_many, load
from .text import normalize as _normalize_module
from .text.normalize import Normalized, normalize

# The module's old import path (``from arabic_extract.normalize import dediac``) names the same module.
sys.modules[f"{__name__}.normalize"] = _normalize_module

__all__ = ["extract", "extract_many", "load", "blank", "normalize", "Normalized", "Document",
           "Entity", "Cluster", "Quote", "Span", "Speaker", "__version__"]
