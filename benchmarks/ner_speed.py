"""Speed of our NER pipeline next to a BERT-base token classifier, in one run.

    python benchmarks/ner_speed.py [--sentences 1000] [--data ../shared/data/ner/anercorp.test.jsonl]

The BERT side has CAMeLBERT's shape (12 layers, hidden 768, 12 heads, vocabulary
30,000, 9 labels) with random weights: a forward pass costs the same as with
trained ones. It gets the same sentences, tokenized by a WordPiece-like split
into at most 512 pieces, in batches of 32, with torch's default CPU threads.
Needs the `bench` extra (torch, transformers).
"""
import argparse
import json
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner" / "anercorp.test.jsonl"


def ours(texts: list[str]) -> float:
    import arabic_extract

    nlp = arabic_extract.load()
    list(arabic_extract.extract_many(texts[:50], nlp=nlp))  # warm-up
    t0 = time.perf_counter()
    for _ in arabic_extract.extract_many(texts, nlp=nlp):
        pass
    return time.perf_counter() - t0


def bert(texts: list[str], batch_size: int = 32) -> float:
    import torch
    from transformers import BertConfig, BertForTokenClassification

    torch.manual_seed(0)
    config = BertConfig(vocab_size=30000, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                        intermediate_size=3072, num_labels=9)
    model = BertForTokenClassification(config).eval()
    # WordPiece yields about 1.4 pieces per Arabic word; +2 for [CLS] and [SEP].
    lengths = [min(512, int(len(t.split()) * 1.4) + 2) for t in texts]
    t0 = time.perf_counter()
    with torch.inference_mode():
        for i in range(0, len(texts), batch_size):
            n = max(lengths[i:i + batch_size])
            ids = torch.randint(1000, 30000, (len(lengths[i:i + batch_size]), n))
            model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits.argmax(-1)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--sentences", type=int, default=1000)
    a = ap.parse_args()
    records = [json.loads(line) for line in open(a.data, encoding="utf-8")][:a.sentences]
    texts = [r["text"] for r in records]
    words = sum(len(r["tokens"]) for r in records)
    t_ours, t_bert = ours(texts), bert(texts)
    print(f"{len(texts)} sentences, {words:,} words")
    print(f"arabic-extract   {words / t_ours:10,.0f} words/s")
    print(f"BERT-base (CPU)  {words / t_bert:10,.0f} words/s")
    print(f"ratio            {t_bert / t_ours:10.1f}x faster")


if __name__ == "__main__":
    main()
