"""The HTML view: escaping, nesting, and a real render in headless Chromium."""
import json
import shutil
import struct
import subprocess
import sys
import time
import zlib
import re
from html import escape, unescape

import pytest
from hypothesis import given, settings, strategies as st

from arabic_extract.io.html import render_document, render_page, render_text
from conftest import ROOT

CLI = [sys.executable, "-m", "arabic_extract.cli"]
TEXT = "قال وزير الخارجية سامح شكري إن «مصر لن تقبل أي تهديد» من إثيوبيا <b>&."


def hand_record() -> dict:
    """A document with entities, a cluster and a quote, made by hand (NER and quotes
    are built elsewhere); the offsets are checked against TEXT."""
    def span(s, **kw):
        start = TEXT.index(s)
        return {"text": s, "start": start, "end": start + len(s), **kw}

    entities = [span("سامح شكري", id="e1", label="PER", cluster="c1"), span("مصر", id="e2", label="LOC", cluster=None),
                span("إثيوبيا", id="e3", label="LOC", cluster=None)]
    quote = {"id": "q1", "kind": "direct", "content": span("مصر لن تقبل أي تهديد"), "cue": span("قال"),
             "speaker": span("سامح شكري", entity="e1", cluster="c1"), "targets": ["e3"]}
    return {"id": "hand<1>", "text": TEXT, "entities": entities, "quotes": [quote],
            "clusters": [{"id": "c1", "label": "PER", "name": "سامح شكري", "mentions": ["e1"]}], "meta": {}}


def test_text_is_escaped_and_spans_nest():
    html = render_text("a<b & c>d", [(0, 3, 2, "<x>", "</x>"), (2, 6, 0, "<y>", "</y>")])
    assert html == "<x>a&lt;<y>b</y></x><y> &amp; </y>c&gt;d"  # a crossing span is closed and reopened
    page = render_document(hand_record())
    assert "&lt;b&gt;&amp;." in page and "hand&lt;1&gt;" in page and "<b>&." not in page
    assert page.count('<mark class="ent') == 3 and page.count('class="quote"') == 1


def nested_reference(text, spans):
    """render_text as it was first written: every segment scans every span (quadratic)."""
    bounds = sorted({0, len(text)} | {s[0] for s in spans} | {s[1] for s in spans})
    order = sorted(spans, key=lambda s: (s[0], -s[1], s[2]))
    out, stack = [], []
    for a, b in zip(bounds, bounds[1:]):
        active = [s for s in order if s[0] <= a and b <= s[1]]
        keep = 0
        while keep < min(len(stack), len(active)) and stack[keep] is active[keep]:
            keep += 1
        out += [s[4] for s in reversed(stack[keep:])]
        out += [s[3] if s[0] == a else s[3].replace(" ", " data-cont ", 1) for s in active[keep:]]
        stack = active
        out.append(escape(text[a:b]))
    return "".join(out + [s[4] for s in reversed(stack)])


@settings(max_examples=300, deadline=None)
@given(st.text("ab<&", max_size=30).flatmap(lambda text: st.tuples(st.just(text), st.lists(
    st.tuples(st.integers(0, len(text)), st.integers(0, len(text)), st.integers(0, 2)).filter(lambda t: t[0] < t[1])
    .map(lambda t: (t[0], t[1], t[2], f"<{t[0]}-{t[1]}>", f"</{t[0]}-{t[1]}>")), max_size=8))))
def test_render_text_is_the_nested_reference(case):
    text, spans = case
    assert render_text(text, spans) == nested_reference(text, spans)


def test_render_text_is_linear_in_spans():
    n = 40_000  # the quadratic version took 77 s here
    text = "كلمة " * n
    spans = [(5 * i, 5 * i + 4, 2, "<m>", "</m>") for i in range(n)]
    started = time.perf_counter()
    html = render_text(text, spans)
    assert html.count("<m>") == n and time.perf_counter() - started < 20


def test_show_command_writes_a_page(tmp_path):
    src, page = tmp_path / "in.jsonl", tmp_path / "page.html"
    src.write_text(json.dumps(hand_record(), ensure_ascii=False) + "\n", encoding="utf-8")
    r = subprocess.run(CLI + ["show", str(src), "-o", str(page)], cwd=ROOT, capture_output=True)
    assert r.returncode == 0, r.stderr.decode()
    assert page.read_text(encoding="utf-8") == render_page([hand_record()])


# Headless Chromium ----------------------------------------------------------------------------

def chromium(*args, user_dir) -> subprocess.CompletedProcess:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("chromium is not installed (make test installs Debian's chromium package)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={user_dir}"]
    return subprocess.run([exe, *flags, *args], capture_output=True, timeout=120)


def png_pixels(data: bytes) -> bytes:
    """The decompressed (still filtered) pixel rows of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return zlib.decompress(idat)


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The hand-made document and the annotated seed as HTML pages."""
    folder = tmp_path_factory.mktemp("html")
    seed = subprocess.run(CLI + ["annotate", "seeds/", "-j", "1"], cwd=ROOT, capture_output=True, check=True)
    seed_records = [json.loads(x) for x in seed.stdout.decode().splitlines()]
    (folder / "hand.html").write_text(render_page([hand_record()]), encoding="utf-8")
    (folder / "seed.html").write_text(render_page(seed_records), encoding="utf-8")
    return folder, seed_records


@pytest.mark.parametrize("name", ["hand", "seed"])
def test_chromium_renders_rtl_page_with_highlights(pages, name, tmp_path):
    folder, seed_records = pages
    url = (folder / f"{name}.html").as_uri()
    r = chromium("--dump-dom", url, user_dir=tmp_path / "profile")
    assert r.returncode == 0, r.stderr.decode()[-2000:]
    dom = r.stdout.decode()
    assert '<html lang="ar" dir="rtl">' in dom and dom.count('<article dir="rtl"') >= 1
    expected = 3 if name == "hand" else sum(len(d["entities"]) for d in seed_records)
    assert dom.count('<mark class="ent') == expected
    if name == "hand":
        assert dom.count('class="speaker"') == 1 and 'data-quote="q1"' in dom

    shot = tmp_path / "shot.png"
    r = chromium(f"--screenshot={shot}", "--window-size=1000,700", url, user_dir=tmp_path / "profile")
    assert shot.exists(), r.stderr.decode()[-2000:]
    pixels = png_pixels(shot.read_bytes())
    assert len(set(pixels)) > 16, "the screenshot is blank"


def test_quotes_are_numbered_on_content_speaker_and_list_with_arabic_kinds():
    page = render_document(hand_record())
    assert page.count('data-quote="q1" data-n="1"') == 2  # the content and the speaker
    assert '<span class="qn">1</span>' in page and "(مباشر)" in page and "direct)" not in page
    assert '<span class="label">شخص</span>' in page and '<span class="label">PER</span>' not in page
    # A span reopened where another crosses it keeps its number once.
    html = render_text("abcdef", [(0, 4, 0, '<span class="quote" data-n="1">', "</span>"),
                                  (2, 6, 1, '<span class="speaker" data-n="2">', "</span>")])
    assert html.count('class="quote" data-n="1"') == 1 and html.count('data-cont') == 1


def test_clusters_are_listed_once_with_counts():
    record = hand_record()
    text = record["text"] = TEXT + " مصر مصر"
    extra = [{"text": "مصر", "start": i, "end": i + 3, "id": f"e{n}", "label": "LOC", "cluster": "c2"}
             for n, i in ((4, len(TEXT) + 1), (5, len(TEXT) + 5))]
    record["entities"] += extra
    record["entities"][1]["cluster"] = "c2"
    record["clusters"].append({"id": "c2", "label": "LOC", "name": "مصر", "mentions": ["e2", "e4", "e5"]})
    assert all(text[e["start"]:e["end"]] == e["text"] for e in record["entities"])
    page = render_document(record)
    clusters = page[page.index('<ul class="clusters">'):]
    assert clusters.count("مصر") == 2 and "مصر (3)" in clusters and "×3" in clusters
    assert clusters.index("مصر") < clusters.index("سامح شكري")  # the most mentioned first


def test_the_index_links_every_document():
    second = dict(hand_record(), id='two "quoted" ids')
    page = render_page([hand_record(), second])
    nav = page[page.index('<nav class="index">'):]
    for rec in (hand_record(), second):
        target = re.search(r'<article dir="rtl" id="([^"]+)" data-id="' + re.escape(escape(rec["id"])), page)
        assert target and f'href="#{target.group(1)}"' in nav
    assert '<nav class="index">' not in render_page([hand_record()])


def test_chromium_hover_and_focus_light_up_the_pair(pages, tmp_path):
    """Focus a speaker, then hover over a list line: the quote's content, speaker and line light up
    together, and nothing of another quote; each index link reaches its article."""
    folder, seed_records = pages
    assert seed_records[0]["quotes"]
    probe = """<script>
window.addEventListener("load", function () {
  var sp = document.querySelector('.speaker[data-quote="q1"]'); sp.focus();
  var lit = Array.from(document.querySelectorAll(".hl")).map(function (e) { return e.tagName + ":" + e.dataset.quote; });
  sp.blur();
  var left = document.querySelectorAll(".hl").length;
  document.querySelector('li[data-quote="q2"]').dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
  var hovered = Array.from(document.querySelectorAll(".hl")).map(function (e) { return e.dataset.quote; });
  var links = Array.from(document.querySelectorAll("nav.index a"));
  document.body.dataset.probe = JSON.stringify({lit: lit, left: left, hovered: hovered,
    links: links.length, reached: links.filter(function (a) { return document.getElementById(a.hash.slice(1)); }).length});
});
</script></body>"""
    page = render_page([hand_record(), *seed_records]).replace("</body>", probe)
    (folder / "probe.html").write_text(page, encoding="utf-8")
    r = chromium("--dump-dom", "--virtual-time-budget=2000", (folder / "probe.html").as_uri(),
                 user_dir=tmp_path / "profile")
    found = re.search(r'data-probe="([^"]*)"', r.stdout.decode())
    assert found, r.stderr.decode()[-2000:]
    probe = json.loads(unescape(found.group(1)))
    assert sorted(probe["lit"]) == ["LI:q1", "SPAN:q1", "SPAN:q1"] and probe["left"] == 0
    assert probe["hovered"] and set(probe["hovered"]) == {"q2"}
    assert probe["links"] == 1 + len(seed_records) == probe["reached"]


def test_show_table_lists_each_quote_on_a_line(tmp_path):
    from arabic_extract.io.table import CONTENT_CHARS, render_table

    record = hand_record()
    long = dict(record["quotes"][0], id="q2", speaker=None, targets=[],
                content={"text": "ب" * (CONTENT_CHARS + 10), "start": 0, "end": 0})
    record["quotes"].append(long)
    lines = render_table(record).splitlines()
    assert lines[0] == "hand<1>: 2 quotes" and lines[1].split() == ["#", "speaker", "cue", "content", "targets"]
    assert lines[2].split()[:5] == ["1", "سامح", "شكري", "قال", "مصر"] and lines[2].endswith("إثيوبيا")
    assert lines[3].split() == ["2", "?", "قال", "ب" * (CONTENT_CHARS - 1) + "…", "-"]
    assert lines[2].index("قال") == lines[3].index("قال")  # aligned columns
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    r = subprocess.run(CLI + ["show", str(src), "--format", "table"], cwd=ROOT, capture_output=True)
    assert r.returncode == 0 and r.stdout.decode() == render_table(record)


def test_documents_that_share_an_id_get_one_index_link():
    from arabic_extract.io.html import anchor

    page = render_page([hand_record(), hand_record(), dict(hand_record(), id="other")])
    nav = page[page.index('<nav class="index">'):]
    assert nav.count("<li>") == 2 and anchor(None) != anchor("None")
