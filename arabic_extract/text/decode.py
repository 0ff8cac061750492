"""Bytes to text: UTF-8 decoding with an error that names the byte offset.

Reads and writes no ``Doc``; used where a caller's bytes enter (:func:`arabic_extract.extract`,
the batch readers).
"""
from __future__ import annotations


def decode(data: bytes, where: str, errors: str = "strict", base: int = 0) -> str:
    """UTF-8 ``data``; with ``errors="strict"`` a ValueError names the byte offset
    (``base`` + position in ``data``), with ``"replace"`` bad bytes become U+FFFD."""
    try:
        return data.decode("utf-8", errors=errors)
    except UnicodeDecodeError as e:
        raise ValueError(f"invalid UTF-8 at byte {base + e.start} of {where}") from None
