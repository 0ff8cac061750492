"""Bytes to text: decoding (UTF-8 unless told otherwise) with an error that names the byte
offset.

Reads and writes no ``Doc``; used where a caller's bytes enter (:func:`arabic_extract.extract`,
the batch readers).
"""
from __future__ import annotations

import codecs


def decode(data: bytes, where: str, errors: str = "strict", base: int = 0, encoding: str = "utf-8") -> str:
    """``data`` decoded with ``encoding`` (a codec name: ``utf-8``, ``cp1256``, ``utf-16`` …);
    with ``errors="strict"`` a ValueError names the byte offset (``base`` + position in
    ``data``), with ``"replace"`` bad bytes become U+FFFD."""
    try:
        return data.decode(encoding, errors=errors)
    except UnicodeDecodeError as e:
        name = "UTF-8" if codecs.lookup(encoding).name == "utf-8" else encoding
        raise ValueError(f"invalid {name} at byte {base + e.start} of {where}") from None
