"""The text stage: from the caller's string to a tokenized ``Doc`` with sentences.

- :mod:`.decode`: bytes to text;
- :mod:`.normalize`: orthographic folds with an exact alignment to the original;
- :mod:`.clitics`: proclitics and the article;
- :mod:`.tokenizer`: the spaCy tokenizer (words, spaces, ``token.norm_``);
- :mod:`.sentences`: the ``arabic_sentences`` component (``token.is_sent_start``).

Imports only :mod:`arabic_extract.lexicons` from the project.
"""
