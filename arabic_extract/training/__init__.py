"""Training and evaluation: the NER model on the shared JSONL corpora (:mod:`.corpus`, :mod:`.train`,
:mod:`.evaluate`) and quote attribution on a quote dev set (:mod:`.evaluate_quotes`)."""
