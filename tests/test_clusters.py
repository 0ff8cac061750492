"""Mention clusters (arabic_extract.entities.clusters) on docs with hand-set entities."""
import pytest
from spacy.tokens import Doc

from arabic_extract.entities.clusters import DESC_LABEL, MENTIONS_KEY
from arabic_extract import blank
from arabic_extract.training.evaluate_quotes import annotate
from arabic_extract.document import to_schema


@pytest.fixture(scope="module")
def qnlp():
    return blank()


def find_names(nlp, text, names):
    """Entities ``{"start", "end", "label"}`` for every occurrence of each name, matched on
    token norms (so «للعراق» holds «العراق»), longest first, without overlaps."""
    doc = nlp.make_doc(text)
    norms = [t.norm_ for t in doc]
    found = []
    for label, group in names.items():
        for name in group:
            want = [t.norm_ for t in nlp.make_doc(name)]
            for i in range(len(doc) - len(want) + 1):
                if norms[i:i + len(want)] == want:
                    last = doc[i + len(want) - 1]
                    found.append((doc[i].idx, last.idx + len(last.text), label))
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    ents, end = [], -1
    for s, e, label in found:
        if s >= end:
            ents.append({"start": s, "end": e, "label": label})
            end = e
    return ents


def run(nlp, text, names):
    return annotate(nlp, text, find_names(nlp, text, names))


def cluster_texts(doc, text):
    cluster = next(c for c in doc._.clusters if any(m.text == text for m in c.mentions))
    return [m.text for m in cluster.mentions]


def test_surname_and_misspelling_join_the_full_name(qnlp):
    text = ("قال الأمين العام يانس ستولينبيرج إن الحلف سيعمل. وأكد ستولينبيرج أن البعثة باقية. "
            "وأضاف ستوليبنبيرج أن التعاون مستمر.")
    doc = run(qnlp, text, {"PER": ["يانس ستولينبيرج", "ستولينبيرج", "ستوليبنبيرج"]})
    assert cluster_texts(doc, "ستوليبنبيرج") == ["يانس ستولينبيرج", "ستولينبيرج", "ستوليبنبيرج"]
    assert len(doc._.clusters) == 1
    assert doc._.clusters[0].name == "يانس ستولينبيرج"


def test_acronym_in_brackets_joins_before_and_after(qnlp):
    text = "الناتو: نعمل مع العراق\nقال حلف شمال الأطلنطى (ناتو) إن الناتو باق في العراق."
    doc = run(qnlp, text, {"ORG": ["الناتو", "ناتو", "حلف شمال الأطلنطى"], "LOC": ["العراق"]})
    nato = cluster_texts(doc, "ناتو")
    assert nato.count("الناتو") == 2 and "حلف شمال الأطلنطى" in nato
    assert {c.name for c in doc._.clusters} == {"حلف شمال الأطلنطى", "العراق"}


def test_definite_description_refers_to_the_last_alliance(qnlp):
    text = "اجتمع حلف وارسو أمس. ثم اجتمع حلف شمال الأطلنطى في بروكسل، وقال الحلف إن الاجتماع مثمر."
    doc = run(qnlp, text, {"ORG": ["حلف وارسو", "حلف شمال الأطلنطى"], "LOC": ["بروكسل"]})
    descriptions = [m for m in doc.spans[MENTIONS_KEY] if m.label_ == DESC_LABEL]
    assert [m.text for m in descriptions] == ["الحلف"]
    assert descriptions[0]._.cluster.name == "حلف شمال الأطلنطى"
    assert "الحلف" not in [e.text for e in doc.ents]


def test_person_description_refers_to_the_person_with_that_title(qnlp):
    text = ("التقى وزير الزراعة سامر عوض بالمدير نبيل حداد في عمان. وقال الوزير إن الموسم جيد. "
            "وأضاف الرئيس الأمريكي جورج وود أن التعاون مستمر.")
    doc = run(qnlp, text, {"PER": ["سامر عوض", "نبيل حداد", "جورج وود"], "LOC": ["عمان"]})
    descriptions = [m for m in doc.spans[MENTIONS_KEY] if m.label_ == DESC_LABEL]
    # «الوزير» is the minister (not the director, named last); «الرئيس» is the title of the name after it
    assert [(m.text, m._.cluster.name) for m in descriptions] == [("الوزير", "سامر عوض")]
    quotes = doc._.quotes
    assert quotes[0].speaker.text == "الوزير" and quotes[0].speaker._.cluster.name == "سامر عوض"


def test_description_without_antecedent_is_not_a_mention(qnlp):
    doc = run(qnlp, "قالت الوزارة إن الحزب سيشارك في الانتخابات في مصر.", {"LOC": ["مصر"]})
    assert [m.text for m in doc.spans[MENTIONS_KEY]] == ["مصر"]


@pytest.mark.parametrize("a, b", [("مصر", "قطر"), ("العراق", "سوريا"), ("سمير داود", "نبيل حداد")])
def test_different_names_stay_apart(qnlp, a, b):
    label = "PER" if " " in a else "LOC"
    doc = run(qnlp, f"زار {a} ثم {b} أمس.", {label: [a, b]})
    assert len(doc._.clusters) == 2


def test_span_cluster_and_entity_with_clitic(qnlp):
    doc = run(qnlp, "وصل الوفد إلى العراق. وقال الرئيس إن للعراق دورا مهما.", {"LOC": ["العراق"]})
    assert len(doc._.clusters) == 1
    assert [e._.cluster.id for e in doc.ents] == ["c1", "c1"]
    assert doc[0:1]._.cluster is None


def test_clusters_survive_serialization(qnlp):
    text = "قال يانس ستولينبيرج إن الحلف سيعمل. وأكد ستولينبيرج ذلك."
    doc = run(qnlp, text, {"PER": ["يانس ستولينبيرج", "ستولينبيرج"]})
    copy = Doc(qnlp.vocab).from_bytes(doc.to_bytes())
    assert [(c.id, c.name, [m.text for m in c.mentions]) for c in copy._.clusters] == \
           [(c.id, c.name, [m.text for m in c.mentions]) for c in doc._.clusters]


def test_to_schema_clusters_list_entity_ids(qnlp):
    text = "قال حلف شمال الأطلنطى (ناتو) إن الحلف سيبقى. وأكد الناتو ذلك."
    doc = run(qnlp, text, {"ORG": ["حلف شمال الأطلنطى", "ناتو", "الناتو"]})
    entities, clusters, _ = to_schema(doc, text, start=(2, 5, 0))
    assert [e.id for e in entities] == ["e3", "e4", "e5"]
    assert [c.id for c in clusters] == ["c6"]
    assert clusters[0].mentions == ("e3", "e4", "e5") and clusters[0].name == "حلف شمال الأطلنطى"
    assert {e.cluster for e in entities} == {"c6"}
    assert all(text[e.start:e.end] == e.text for e in entities)


def test_clusters_join_across_the_pieces_of_a_long_text(qnlp):
    from arabic_extract.pipeline import chunks, to_document
    paragraph = "وقال يانس ستولينبيرج إن حلف شمال الأطلنطى سيعمل مع العراق."
    text = "\n\n".join([paragraph] * 3)
    names = {"PER": ["يانس ستولينبيرج"], "ORG": ["حلف شمال الأطلنطى"], "LOC": ["العراق"]}
    pieces = [(offset, run(qnlp, piece, names)) for offset, piece in chunks(text, size=len(paragraph) + 2)]
    assert len(pieces) == 3
    d = to_document(text, None, pieces, {})
    assert len(d.clusters) == 3 and [len(c.mentions) for c in d.clusters] == [3, 3, 3]
    ids = {c.id for c in d.clusters}
    assert {e.cluster for e in d.entities} == ids
    assert {q.speaker.cluster for q in d.quotes} == {d.clusters[0].id}
    for c in d.clusters:
        assert len({d.entities[int(m[1:]) - 1].text for m in c.mentions}) == 1


@pytest.mark.parametrize("second, joins", [("المنظمة الدولية", True), ("المنظمة السورية", False)])
def test_a_tagged_description_with_adjectives_joins_a_name_it_fits(qnlp, second, joins):
    # «الدولية» fits any organization; «السورية» is no word of «منظمة الأغذية العالمية»
    text = f"وقالت منظمة الأغذية العالمية إن المحصول تراجع. وأكدت {second} أن الأسعار سترتفع."
    doc = run(qnlp, text, {"ORG": ["منظمة الأغذية العالمية", second]})
    names = [c.name for c in doc._.clusters]
    assert names == (["منظمة الأغذية العالمية"] if joins else ["منظمة الأغذية العالمية", second])
