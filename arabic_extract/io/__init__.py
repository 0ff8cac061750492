"""Batch runs over files, folders and JSONL: reading inputs (:mod:`.read`), annotating them
in worker processes (:mod:`.workers`) or on a dask cluster (:mod:`.dask`), and writing the
output (:mod:`.formats`, :mod:`.html`, :mod:`.write`) so that it is lossless and resumable.
"""
