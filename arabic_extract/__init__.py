"""arabic-extract: who is mentioned and who said what about whom in Arabic news.

>>> import arabic_extract
>>> doc = arabic_extract.extract("قال الأمين العام إن الحلف سيعمل مع العراق.")
>>> sorted(doc.to_dict())
['clusters', 'entities', 'id', 'meta', 'quotes', 'text']
"""
from .document import Cluster, Document, Entity, Quote, Span, Speaker
from .normalize import Normalized, normalize
from .pipeline import __version__, blank, extract, extract_many, load

__all__ = ["extract", "extract_many", "load", "blank", "normalize", "Normalized", "Document",
           "Entity", "Cluster", "Quote", "Span", "Speaker", "__version__"]
