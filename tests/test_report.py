"""arabic-extract report: the counts (by hand-made documents) and the page in headless Chromium."""
import json
import re
import subprocess
import sys

from arabic_extract.io.report import bar_chart, render_report, tally
from conftest import ROOT
from test_html import chromium, png_pixels


def doc(doc_id, quotes, entities, clusters=()):
    """A document in the output schema whose text is the entity names joined by spaces."""
    text, ents, at = "", [], 0
    for n, (name, label, cluster) in enumerate(entities, 1):
        ents.append({"id": f"e{n}", "text": name, "label": label, "start": at, "end": at + len(name),
                     "cluster": cluster})
        text += name + " "
        at = len(text)
    qs = []
    for n, (speaker, targets, *gender) in enumerate(quotes, 1):
        s = None
        if speaker is not None:
            e = ents[speaker] if isinstance(speaker, int) else None
            s = ({"text": e["text"], "start": e["start"], "end": e["end"], "entity": e["id"], "cluster": e["cluster"]}
                 if e else {"text": speaker, "start": 0, "end": 0, "entity": None, "cluster": None})
            s["gender"] = (gender or [None])[0]
        qs.append({"id": f"q{n}", "kind": "indirect", "content": {"text": "", "start": 0, "end": 0}, "cue": None,
                   "speaker": s, "targets": [ents[t]["id"] for t in targets]})
    return {"id": doc_id, "text": text, "entities": ents, "quotes": qs,
            "clusters": [dict(c) for c in clusters], "meta": {}}


def records():
    a = doc("a", [(0, [2], "m"), (1, [2], "m"), ("مصدر أمني", [2], "m"), (None, [])],
            [("ستولتنبرغ", "PER", "c1"), ("الأمين العام ستولتنبرغ", "PER", "c1"), ("العراق", "LOC", None)],
            [{"id": "c1", "label": "PER", "name": "الأمين العام ستولتنبرغ", "mentions": ["e1", "e2"]}])
    b = doc("b", [(0, [1]), (1, [0])], [("الناتو", "ORG", None), ("العراق", "LOC", None)])
    c = doc("c", [(0, [], "f")], [("الأمين العام ستولتنبرج", "PER", None)])
    return [a, b, c]


def test_tally_counts_speakers_by_entity_across_documents():
    t = tally(records(), {"outlet": {"a": "BBC", "b": "BBC", "c": "الجزيرة"}, "date": {"a": "2018-03-04"}})
    assert t.documents == 3 and t.quotes == 7
    named = {t.name(k): n for k, n in t.speakers.items()}
    # One cluster's two mentions are one speaker; «الناتو» counts once; the anonymous source is not a "who".
    assert named == {"الأمين العام ستولتنبرغ": 2, "الناتو": 1, "العراق": 1, "الأمين العام ستولتنبرج": 1}
    assert t.types == {"PER": 3, "ORG": 1, "LOC": 1, "anonymous": 1, "none": 1}
    assert t.genders == {"m": 3, "f": 1}  # people and anonymous sources only
    pairs = {(t.name(s), t.name(x)): n for (s, x), n in t.pairs.items()}
    assert pairs == {("الأمين العام ستولتنبرغ", "العراق"): 2, ("الناتو", "العراق"): 1, ("العراق", "الناتو"): 1}
    assert t.groups == {"outlet": {"BBC": 6, "الجزيرة": 1}, "date": {"2018-03": 4, "—": 3}}


def test_tally_merges_spellings_of_one_name_across_documents():
    d1 = doc("1", [(0, [])], [("الناتو", "ORG", None)])
    d2 = doc("2", [(0, [])], [("ناتو", "ORG", None)])
    d3 = doc("3", [(0, [])], [("الناتو", "ORG", None)])
    t = tally([d1, d2, d3])
    assert len(t.speakers) == 1 and t.name(next(iter(t.speakers))) == "الناتو"


def test_group_values_are_json_like_ids():
    from arabic_extract.io.report import group_value

    assert [group_value(v) for v in (True, {"b": [1], "a": 1}, 7, "BBC", "", None, "2018-03-04")] == [
        "true", '{"a": 1, "b": [1]}', "7", "BBC", None, None, "2018-03"]


def test_bar_chart_draws_one_bar_per_row_scaled_to_the_largest():
    svg = bar_chart([("أ", 4), ("ب", 2), ("<&>", 1)], "عنوان")
    widths = [float(w) for w in re.findall(r'<rect x="[^"]+" y="\d+" width="([^"]+)"', svg)]
    assert len(widths) == 3 and widths[0] == 2 * widths[1] == 4 * widths[2]
    assert "&lt;&amp;&gt;" in svg and "<&>" not in svg


def test_report_command_and_chromium(tmp_path):
    annotated, source = tmp_path / "out.jsonl", tmp_path / "in.jsonl"
    annotated.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records()), encoding="utf-8")
    source.write_text("".join(json.dumps({"id": i, "text": "…", "outlet": o}, ensure_ascii=False) + "\n"
                              for i, o in (("a", "BBC"), ("b", "BBC"), ("c", "الجزيرة"))), encoding="utf-8")
    page = tmp_path / "report.html"
    cli = [sys.executable, "-m", "arabic_extract", "report", str(annotated), "-o", str(page)]
    r = subprocess.run(cli + ["--input", str(source), "--by", "outlet"], capture_output=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr.decode()
    html = page.read_text(encoding="utf-8")
    assert html == render_report(tally(records(), {"outlet": {"a": "BBC", "b": "BBC", "c": "الجزيرة"}}))
    assert subprocess.run(cli + ["--by", "outlet"], capture_output=True).returncode == 2  # --by needs --input
    text = tmp_path / "a.txt"
    text.write_text("قال", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "arabic_extract", "report", str(text)], capture_output=True)
    assert r.returncode == 2 and b"annotate" in r.stderr and b"Traceback" not in r.stderr

    r = chromium("--dump-dom", page.as_uri(), user_dir=tmp_path / "profile")
    dom = r.stdout.decode()
    assert '<html lang="ar" dir="rtl">' in dom
    # speakers (4) + speaker types (5) + genders (2) + outlets (2) bars, and the pairs table's three filled cells
    assert dom.count("<rect") == 13 and 'data-field="outlet"' in dom
    assert len(re.findall(r"<td style=\"background: rgba[^>]*>\d", dom)) == 3
    shot = tmp_path / "shot.png"
    chromium(f"--screenshot={shot}", "--window-size=1000,900", page.as_uri(), user_dir=tmp_path / "profile")
    assert len(set(png_pixels(shot.read_bytes()))) > 16, "the screenshot is blank"
