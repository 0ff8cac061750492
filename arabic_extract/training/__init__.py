"""Training and evaluation of the NER model on the shared JSONL corpora."""
