from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED = ROOT.parent / "shared"
NER_DATA = SHARED / "data" / "ner"


def check_offsets(document) -> None:
    """Every span of an extracted document points into its original text."""
    d = document.to_dict()
    text = d["text"]
    spans = [e for e in d["entities"]]
    for q in d["quotes"]:
        spans += [s for s in (q["content"], q["cue"], q["speaker"]) if s]
    for s in spans:
        assert 0 <= s["start"] <= s["end"] <= len(text), s
        assert text[s["start"]:s["end"]] == s["text"], s


@pytest.fixture(scope="session")
def nlp():
    import arabic_extract
    return arabic_extract.load()


@pytest.fixture(scope="session")
def seed_text():
    assert SEEDS, "seeds/ holds the seed article"
    return SEEDS[0].read_text(encoding="utf-8")
