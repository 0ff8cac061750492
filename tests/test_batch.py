"""`arabic-extract annotate` at scale: inputs, order under --jobs, lossless errors, resume."""
import fcntl
import gzip
import json
import os
import pty
import signal
import struct
import subprocess
import sys
import termios
import time

from arabic_extract import blank
from arabic_extract.io import formats, read, workers, write
from arabic_extract.document import Document, Entity
from conftest import ROOT

CLI = [sys.executable, "-m", "arabic_extract.cli"]
SENTENCE = "قال وزير الخارجية المصري إن القاهرة ستستضيف مؤتمرا للسلام في الشهر المقبل."


def run(*args, input=None, **kw):
    return subprocess.run(CLI + [str(a) for a in args], input=input, capture_output=True, cwd=ROOT, **kw)


def jsonl(path):
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def write_docs(path, n, text=SENTENCE):
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": f"{i} {text}"}, ensure_ascii=False) + "\n"
                            for i in range(n)), encoding="utf-8")


def test_output_order_is_input_order_whatever_the_jobs(tmp_path):
    src = tmp_path / "in.jsonl"
    write_docs(src, 80)
    outs = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}.jsonl"
        r = run("annotate", src, "-o", out, "-j", jobs)
        assert r.returncode == 0, r.stderr.decode()
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert [d["id"] for d in jsonl(tmp_path / "out2.jsonl")] == [f"d{i}" for i in range(80)]


def test_every_document_once_in_output_or_errors(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id": "a", "text": "\xd9\x82\xd8\xa7\xd9\x84"}\n{broken\n{"id": "c"}\n'
                    b'{"id": "d", "text": "\xff"}\n[1, 2]\n\n{"id": "f", "text": ""}\n')
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    r = run("annotate", src, tmp_path / "missing.txt", "-o", out, "--errors", errors, "-j", 2)
    assert r.returncode == 1
    assert [d["id"] for d in jsonl(out)] == ["a", "f"]
    errs = jsonl(errors)
    assert [(e["id"], e["line"]) for e in errs] == [("in.jsonl:2", 2), ("c", 3), ("in.jsonl:4", 4),
                                                    ("in.jsonl:5", 5), (str(tmp_path / "missing.txt"), None)]
    assert all(set(e) == {"id", "source", "line", "error"} for e in errs)
    assert r.stderr.decode().strip().splitlines()[-1].startswith("arabic-extract: 2 documents annotated, 5 failed")
    assert run("annotate", src, "-o", out, "--errors", errors, "--allow-errors").returncode == 0


def test_inputs_folders_gzip_fields_and_stdin(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a" / "skip.md").write_text("not an input", encoding="utf-8")
    with gzip.open(tmp_path / "a" / "b" / "news.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"url": "u1", "body": SENTENCE}, ensure_ascii=False) + "\n")
    r = run("annotate", tmp_path / "a", "--id-field", "url", "--text-field", "body")
    assert r.returncode == 0, r.stderr.decode()
    # sorted paths: b/news.jsonl.gz, b/two.txt, one.txt; ids below a folder are relative paths
    assert [json.loads(x)["id"] for x in r.stdout.decode().splitlines()] == ["u1", "b/two.txt", "one.txt"]
    r = run("annotate", "-", input=SENTENCE.encode())
    assert r.returncode == 0 and json.loads(r.stdout)["text"] == SENTENCE


def test_invalid_utf8_strict_names_the_byte_and_replace_decodes(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("قال".encode() + b"\xff" + " الوزير".encode())
    r = run("annotate", bad)
    assert r.returncode == 1 and "invalid UTF-8 at byte 6 of" in r.stderr.decode()
    r = run("annotate", bad, "--encoding-errors", "replace")
    assert r.returncode == 0 and json.loads(r.stdout)["text"] == "قال\ufffd الوزير"


def test_empty_binary_and_non_arabic_documents(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blank.txt").write_text(" \n\t\u00a0\n", encoding="utf-8")
    (tmp_path / "english.txt").write_text("The minister said on Monday that Paris would host talks.", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)))
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    r = run("annotate", tmp_path, "-o", out, "--errors", errors)
    docs = {d["id"]: d for d in jsonl(out)}
    assert sorted(docs) == ["blank.txt", "empty.txt", "english.txt"]
    assert all(d["entities"] == d["quotes"] == d["clusters"] == [] for d in docs.values())
    assert [e["id"] for e in jsonl(errors)] == ["image.txt"] and "binary" in jsonl(errors)[0]["error"]
    assert r.returncode == 1


def test_lone_surrogate_in_json_round_trips(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "s", "text": "قال \\ud800 الوزير"}\n', encoding="utf-8")
    r = run("annotate", src)
    assert r.returncode == 0 and json.loads(r.stdout)["text"] == "قال \ud800 الوزير"


def test_conll_tags_follow_entities():
    text = "زار محمد بن سلمان القاهرة."
    doc = Document(text, id="x", entities=[Entity("محمد بن سلمان", 4, 17, id="e1", label="PER"),
                                           Entity("القاهرة", 18, 25, id="e2", label="LOC")])
    assert formats.to_conll(doc, blank()).splitlines() == [
        "-DOCSTART- -X- O O", "", "زار\tO", "محمد\tB-PER", "بن\tI-PER", "سلمان\tI-PER", "القاهرة\tB-LOC",
        ".\tO", ""]


def test_formats_conll_and_html(tmp_path):
    r = run("annotate", "seeds/", "--format", "conll")
    assert r.returncode == 0 and r.stdout.decode().startswith("-DOCSTART- -X- O O\n")
    r = run("annotate", "seeds/", "--format", "html")
    assert r.returncode == 0 and '<html lang="ar" dir="rtl">' in r.stdout.decode()
    assert run("annotate", "seeds/", "--format", "conll", "--resume", "-o", tmp_path / "x").returncode == 2


def test_a_document_that_kills_its_worker_is_reported_and_the_rest_goes_on(monkeypatch):
    render = workers.render

    def deadly(doc, fmt, nlp):  # the workers are forked, so they see this patch
        if doc.id == "boom":
            os._exit(1)
        return render(doc, fmt, nlp)

    monkeypatch.setattr(workers, "render", deadly)
    items = [read.Item(f"d{i}", "s", i, text=SENTENCE) for i in range(40)]
    items[25] = read.Item("boom", "s", 25, text=SENTENCE)
    results = list(workers.annotate_all(items, jobs=2, model=None))
    assert [r.item.id for r in results] == [it.id for it in items]
    assert [r.item.id for r in results if r.error] == ["boom"] and "died" in results[25].error


def test_completed_ids_keeps_only_whole_records(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b'{"id": "a"}\n{"id": "b"}\nnot json\n{"id": "a"}\n{"id": "x", "te{"id": "y"}\n[1]\n'
                    b'{"id": 5}\n{"id": "c", "te')
    assert write.completed_ids(str(out)) == ({"a": 2, "b": 1}, True)
    assert out.read_bytes() == b'{"id": "a"}\n{"id": "b"}\n{"id": "a"}\n'  # torn, spliced and odd lines gone
    items = [read.Item(i, "s", None, text="x") for i in "abaac"]
    done, replaced = write.completed_ids(str(out))
    assert not replaced and [it.id for it in write.skip_done(items, done)] == ["a", "c"]
    out.write_bytes(b'{"id": "a"}\n{"id": "b", "te')  # only a torn last line: cut in place
    inode = out.stat().st_ino
    assert write.completed_ids(str(out)) == ({"a": 1}, False) and out.stat().st_ino == inode
    assert out.read_bytes() == b'{"id": "a"}\n'


def test_kill_and_resume_gives_every_id_exactly_once(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_docs(src, 400, SENTENCE * 3)
    proc = subprocess.Popen(CLI + ["annotate", str(src), "-o", str(out), "-j", "2"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while (not out.exists() or out.stat().st_size < 20_000) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its workers, as a crash would
    proc.wait()
    written = out.read_bytes().count(b"\n")
    assert 0 < written < 400, "the kill came too late to test resuming"
    with open(out, "ab") as f:  # as if the kill had torn a line
        f.write(b'{"id": "d399", "text": "')
    r = run("annotate", src, "-o", out, "--resume", "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    ids = [d["id"] for d in jsonl(out)]
    assert sorted(ids) == sorted(f"d{i}" for i in range(400))
    assert f"{written} already done" in r.stderr.decode()


def test_progress_bar_on_a_terminal_only(tmp_path):
    src = tmp_path / "in.jsonl"
    write_docs(src, 20)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # rows, columns
    proc = subprocess.Popen(CLI + ["annotate", str(src), "-o", str(tmp_path / "o.jsonl"), "-j", "1"],
                            cwd=ROOT, stderr=slave, stdout=subprocess.DEVNULL)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        shown += chunk
    proc.wait()
    os.close(master)
    assert b"20/20" in shown and b"doc/s" in shown
    quiet = run("annotate", src, "-o", tmp_path / "q.jsonl")
    assert b"doc/s" not in quiet.stderr and quiet.stderr.decode().count("\n") == 1


def annotate_peak_mb(*args) -> float:
    """Run ``annotate ARGS`` (it must succeed) and return its peak memory in MB."""
    script = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")
    r = subprocess.run([sys.executable, "-c", script, *CLI, "annotate", *map(str, args)], cwd=ROOT,
                       capture_output=True, timeout=900)
    assert r.returncode == 0, r.stderr.decode()
    return int(r.stdout) / 1024


def test_ten_megabyte_document_keeps_offsets_and_bounded_memory(tmp_path):
    para = SENTENCE + " " + "وأضاف أن الحكومة ستعمل مع الأمم المتحدة. " * 20
    text = ""
    while len(text.encode()) < 10_000_000:
        text += para + "\n\n"
    (tmp_path / "big.txt").write_text(text, encoding="utf-8")
    peak_mb = annotate_peak_mb(tmp_path / "big.txt", "-o", tmp_path / "out.jsonl", "-j", 1)
    # The result itself (130k entities and 130k quotes, a 75 MB JSON line) is held in memory: 1.6 GB
    # measured. Without the model batches bounded by characters the peak was 14 GB.
    assert peak_mb < 2000, f"peak memory {peak_mb:.0f} MB"
    (doc,) = jsonl(tmp_path / "out.jsonl")
    assert doc["text"] == text
    assert all(text[e["start"]:e["end"]] == e["text"] for e in doc["entities"])


def test_an_output_that_is_an_input_is_refused_and_the_input_kept(tmp_path):
    src = tmp_path / "x.jsonl"
    write_docs(src, 3)
    (tmp_path / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(src)
    before = src.read_bytes()
    for args in (["-o", src], ["-o", tmp_path / "link.jsonl"], ["-o", tmp_path / "o.jsonl", "--errors", src],
                 ["-o", src, "--resume"]):
        r = run("annotate", src, *args, "-j", 1)
        assert r.returncode == 2 and "is an input and an output" in r.stderr.decode(), args
        assert src.read_bytes() == before
    r = run("annotate", tmp_path / "a.txt", "-o", tmp_path / "a.txt", "-j", 1)
    assert r.returncode == 2 and (tmp_path / "a.txt").read_text(encoding="utf-8") == SENTENCE


def test_an_output_inside_an_input_folder_is_never_read(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"{i} {SENTENCE}", encoding="utf-8")
    out, errors = folder / "out.jsonl", folder / "errors.jsonl"
    for extra in ([], [], ["--resume"]):  # a second run finds its own output in the folder
        r = run("annotate", folder, "-o", out, "--errors", errors, "-j", 1, *extra, timeout=120)
        assert r.returncode == 0, r.stderr.decode()
        assert sorted(d["id"] for d in jsonl(out)) == ["0.txt", "1.txt", "2.txt"]
    assert errors.read_bytes() == b""


def start(src, out, *extra):
    """An annotate run in the background, once its output holds some lines."""
    proc = subprocess.Popen(CLI + ["annotate", str(src), "-o", str(out), *map(str, extra)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while (not out.exists() or out.stat().st_size < 20_000) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be stopped"
    return proc


def children(pid):
    return [int(c) for c in open(f"/proc/{pid}/task/{pid}/children").read().split()]


def running(pid):
    """A process that exists and is not a zombie."""
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_sigterm_stops_with_whole_lines_kills_the_workers_and_resume_continues(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_docs(src, 2000, SENTENCE * 6)
    proc = start(src, out, "-j", 2)
    workers = children(proc.pid)
    assert len(workers) == 2
    stopped_at = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 143
    assert time.monotonic() - stopped_at < 10  # within 2 s on an idle machine
    assert "stopped (SIGTERM), --resume continues" in proc.stderr.read().decode()
    done = jsonl(out)  # every line whole
    assert 0 < len(done) < 2000
    deadline = time.monotonic() + 10
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(running, workers))
    r = run("annotate", src, "-o", out, "--resume", "-j", 2)
    assert r.returncode == 0, r.stderr.decode()
    assert sorted(d["id"] for d in jsonl(out)) == sorted(f"d{i}" for i in range(2000))


def test_workers_die_with_a_killed_parent(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_docs(src, 2000, SENTENCE * 6)
    proc = start(src, out, "-j", 2)
    workers = children(proc.pid)
    proc.kill()  # the parent alone, as kill -9 would
    proc.wait()
    deadline = time.monotonic() + 10
    while any(map(running, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers and not any(map(running, workers))


def test_a_second_run_on_the_same_output_is_refused(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_docs(src, 1500, SENTENCE * 6)
    proc = start(src, out, "-j", 1)
    before = out.stat().st_size
    r = run("annotate", src, "-o", out, "-j", 1)
    assert r.returncode == 2 and "is being written by another run" in r.stderr.decode()
    assert out.stat().st_size >= before  # the second run emptied nothing
    assert proc.wait(timeout=300) == 0
    assert [d["id"] for d in jsonl(out)] == [f"d{i}" for i in range(1500)]


def test_unwritable_outputs_give_one_line(tmp_path):
    src = tmp_path / "in.jsonl"
    write_docs(src, 3)
    r = run("annotate", src, "-o", tmp_path / "missing" / "out.jsonl", "-j", 1)
    assert r.returncode == 2
    assert r.stderr.decode().strip() == f"arabic-extract annotate: cannot write {tmp_path / 'missing' / 'out.jsonl'}: " \
                                        "No such file or directory"
    r = run("annotate", src, "-o", "/dev/full", "-j", 1)  # a full disk
    assert r.returncode == 1 and "Traceback" not in r.stderr.decode()
    assert "stopped (cannot write /dev/full: No space left on device)" in r.stderr.decode()



def test_stdin_jsonl_is_read_as_it_comes(tmp_path):
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(CLI + ["annotate", "-", "--stdin-format", "jsonl", "-o", str(out), "-j", "1"], cwd=ROOT,
                            stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = [json.dumps({"id": f"s{i}", "text": f"{i} {SENTENCE}"}, ensure_ascii=False) for i in range(32)]
    proc.stdin.write(("\n".join(lines) + "\n").encode())
    proc.stdin.flush()
    deadline = time.monotonic() + 120  # stdin is still open: two batches of 16 are annotated as they come
    while (not out.exists() or out.read_bytes().count(b"\n") < 32) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert out.read_bytes().count(b"\n") == 32 and proc.poll() is None
    proc.stdin.write('{"id": 7, "text": "قال"}\n{broken\n'.encode())
    proc.stdin.close()
    assert proc.wait(timeout=60) == 1
    assert [d["id"] for d in jsonl(out)] == [f"s{i}" for i in range(32)] + ["7"]
    assert '"id": "stdin:34"' in proc.stderr.read().decode()


def test_encodings_utf16_and_cp1256(tmp_path):
    text = "قال الوزير إن القاهرة ستستضيف المؤتمر."
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))  # with its byte-order mark
    r = run("annotate", tmp_path / "utf16.txt", "-j", 1)
    assert r.returncode == 0 and json.loads(r.stdout)["text"] == text
    (tmp_path / "old.txt").write_bytes(text.encode("cp1256"))
    (tmp_path / "old.jsonl").write_bytes(json.dumps({"id": "j", "text": text}, ensure_ascii=False).encode("cp1256"))
    r = run("annotate", tmp_path / "old.txt", "-j", 1)
    assert r.returncode == 1 and "invalid UTF-8 at byte" in r.stderr.decode()
    r = run("annotate", tmp_path / "old.txt", tmp_path / "old.jsonl", "--encoding", "cp1256", "-j", 1)
    assert r.returncode == 0 and [d["text"] for d in jsonl_lines(r.stdout)] == [text, text]
    r = run("annotate", tmp_path / "old.txt", "--encoding", "no-such-codec")
    assert r.returncode == 2 and b"unknown encoding" in r.stderr


def jsonl_lines(data: bytes):
    return [json.loads(x) for x in data.decode().splitlines()]


def test_odd_entries_in_a_folder_are_reported_not_skipped(tmp_path):
    folder = tmp_path / "d"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "sub" / "up").symlink_to("..")  # a loop
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.jsonl")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "c.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "linked").symlink_to(tmp_path / "elsewhere")  # a linked folder is read
    errors = tmp_path / "errors.jsonl"
    r = run("annotate", folder, "--errors", errors, "-j", 1, timeout=120)
    assert r.returncode == 1
    assert sorted(d["id"] for d in jsonl_lines(r.stdout)) == ["a.txt", "linked/c.txt", "sub/b.txt"]
    reasons = {e["id"]: e["error"] for e in jsonl(errors)}
    assert set(reasons) == {"gone.txt", "pipe.jsonl", "sub/up"}
    assert "dangling" in reasons["gone.txt"] and "FIFO" in reasons["pipe.jsonl"] and "loop" in reasons["sub/up"]


def test_ids_that_are_not_strings_are_written_as_json(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": {"a": 1}, "text": "قال"}\n{"id": 42, "text": "قال"}\n{"id": [1, "x"], "text": "قال"}\n',
                   encoding="utf-8")
    r = run("annotate", src, "-j", 1)
    assert [d["id"] for d in jsonl_lines(r.stdout)] == ['{"a": 1}', "42", '[1, "x"]']


def test_a_corrupt_gzip_gives_one_error_and_a_cut_one_keeps_its_lines(tmp_path):
    docs = "".join(json.dumps({"id": f"d{i}", "text": f"{i} {SENTENCE}"}, ensure_ascii=False) + "\n" for i in range(300))
    data = gzip.compress(docs.encode())
    corrupt = bytearray(data)
    corrupt[len(data) // 2] ^= 0x55
    (tmp_path / "bad.jsonl.gz").write_bytes(bytes(corrupt))
    errors = tmp_path / "errors.jsonl"
    r = run("annotate", tmp_path / "bad.jsonl.gz", "--errors", errors, "-j", 1)
    assert r.returncode == 1 and r.stdout == b""
    [error] = jsonl(errors)
    assert error["id"] == "bad.jsonl.gz" and "corrupt gzip archive" in error["error"]
    (tmp_path / "cut.jsonl.gz").write_bytes(data[:len(data) // 2])
    r = run("annotate", tmp_path / "cut.jsonl.gz", "--errors", errors, "-j", 1)
    kept = [d["id"] for d in jsonl_lines(r.stdout)]
    assert r.returncode == 1 and 0 < len(kept) < 300 and kept == [f"d{i}" for i in range(len(kept))]
    assert all(e["error"].startswith(("unreadable after line", "Unterminated", "Expecting")) for e in jsonl(errors))


def test_degenerate_text_is_annotated_in_bounded_memory(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    for name, text in (("parens.txt", "(" * 100_000), ("quotes.txt", '"' * 100_000), ("dots.txt", "." * 100_000),
                       ("lines.txt", "(\n" * 50_000), ("clitics.txt", "وبالكلمة " * 11_000)):
        (folder / name).write_text(text, encoding="utf-8")  # 100 KB, up to 100,000 tokens
    peak_mb = annotate_peak_mb(folder, "-o", tmp_path / "out.jsonl", "-j", 1, "-q")
    assert len(jsonl(tmp_path / "out.jsonl")) == 5
    assert peak_mb < 600, f"peak {peak_mb:.0f} MB (2.1 GB before model batches were bounded by tokens)"



def test_a_worker_killed_by_sigterm_is_a_crash_retried_not_a_stop(tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_docs(src, 1500, SENTENCE * 6)
    proc = start(src, out, "-j", 2)
    os.kill(children(proc.pid)[0], signal.SIGTERM)  # as a memory guard would
    assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()
    assert [d["id"] for d in jsonl(out)] == [f"d{i}" for i in range(1500)]


def test_resume_replaces_the_file_whole_or_not_at_all(tmp_path, monkeypatch):
    out = tmp_path / "out.jsonl"
    content = b'{"id": "a"}\nnot json\n' + b"".join(b'{"id": "d%d"}\n' % i for i in range(100))
    out.write_bytes(content)

    def stopped(*args):
        raise KeyboardInterrupt  # a stop in the middle of the rewrite

    monkeypatch.setattr(write.os, "replace", stopped)
    try:
        write.completed_ids(str(out))
    except KeyboardInterrupt:
        pass
    assert out.read_bytes() == content and os.listdir(tmp_path) == ["out.jsonl"]  # untouched, no leftovers
    monkeypatch.undo()
    done, replaced = write.completed_ids(str(out))
    assert replaced and sum(done.values()) == 101 and b"not json" not in out.read_bytes()


def test_a_locked_errors_file_leaves_the_output_untouched(tmp_path):
    import fcntl

    src, out, errors = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    write_docs(src, 3)
    out.write_bytes(b'{"id": "old"}\n')
    with open(errors, "wb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another run writing its errors there
        r = run("annotate", src, "-o", out, "--errors", errors, "-j", 1)
    assert r.returncode == 2 and "is being written by another run" in r.stderr.decode()
    assert out.read_bytes() == b'{"id": "old"}\n'
    with write.RecordWriter("/dev/null"), write.RecordWriter("/dev/null"):
        pass  # only regular files are locked


def test_a_hard_link_to_the_output_inside_an_input_folder_is_not_read(tmp_path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text(SENTENCE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"")
    os.link(out, folder / "zz.jsonl")
    r = run("annotate", folder, "-o", out, "-j", 1, timeout=120)
    assert r.returncode == 0 and [d["id"] for d in jsonl(out)] == ["a.txt"]


def test_a_folder_linked_inside_the_tree_is_read_once_under_its_own_path(tmp_path):
    folder = tmp_path / "d"
    (folder / "z").mkdir(parents=True)
    (folder / "z" / "four.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "y").symlink_to("z")
    r = run("annotate", folder, "-j", 1)
    assert r.returncode == 0, r.stderr.decode()
    assert [d["id"] for d in jsonl_lines(r.stdout)] == ["z/four.txt"]


def test_wide_encodings(tmp_path):
    text = "قال الوزير إن القاهرة ستستضيف المؤتمر."
    (tmp_path / "le.txt").write_bytes(text.encode("utf-16-le"))  # no byte-order mark
    (tmp_path / "u32.txt").write_bytes(text.encode("utf-32"))  # a UTF-32 mark, which begins like UTF-16's
    r = run("annotate", tmp_path / "le.txt", "--encoding", "UTF-16LE", "-j", 1)
    assert r.returncode == 0 and json.loads(r.stdout)["text"] == text
    r = run("annotate", tmp_path / "u32.txt", "-j", 1)
    assert r.returncode == 0 and json.loads(r.stdout)["text"] == text
    (tmp_path / "w.jsonl").write_bytes(json.dumps({"text": text}).encode("utf-16-le"))
    r = run("annotate", tmp_path / "w.jsonl", "--encoding", "utf-16-le", "-j", 1)
    assert r.returncode == 1 and b"JSON lines must be UTF-8" in r.stderr


def test_bytes_after_a_whole_gzip_keep_its_lines(tmp_path):
    docs = "".join(json.dumps({"id": f"d{i}", "text": SENTENCE}, ensure_ascii=False) + "\n" for i in range(20))
    (tmp_path / "t.jsonl.gz").write_bytes(gzip.compress(docs.encode()) + b"trailing junk")
    errors = tmp_path / "errors.jsonl"
    r = run("annotate", tmp_path / "t.jsonl.gz", "--errors", errors, "-j", 1)
    assert [d["id"] for d in jsonl_lines(r.stdout)] == [f"d{i}" for i in range(20)]
    assert r.returncode == 1 and len(jsonl(errors)) == 1
