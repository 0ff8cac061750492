"""The dask engine on a local cluster of 2 worker processes gives the single-machine results."""
import json
import subprocess
import sys

import pytest

from conftest import ROOT

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[dask]'")

from arabic_extract.io.dask import annotate_dask  # noqa: E402
from arabic_extract.io.read import read_inputs  # noqa: E402
from arabic_extract.io.workers import annotate_all  # noqa: E402
from arabic_extract.io.write import RecordWriter  # noqa: E402

CLI = [sys.executable, "-m", "arabic_extract.cli"]
SENTENCE = "قال وزير الخارجية المصري إن القاهرة ستستضيف مؤتمرا للسلام في الشهر المقبل."


def load_calls():
    """How often this process built a pipeline (runs on each worker)."""
    from arabic_extract.pipeline import _load

    return _load.cache_info().misses


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c, distributed.Client(c) as client:
        yield c, client


@pytest.fixture
def source(tmp_path):
    lines = [json.dumps({"id": f"d{i}", "text": f"{i} {SENTENCE}"}, ensure_ascii=False) for i in range(60)]
    lines[7], lines[33] = "{broken", '{"id": "no-text"}'
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return src


def test_cli_on_a_cluster_matches_the_local_path(cluster, source, tmp_path):
    local, dask_out = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    common = ["annotate", str(source), "--errors"]
    r1 = subprocess.run(CLI + common + [str(tmp_path / "local.err"), "-o", str(local), "-j", "1"],
                        cwd=ROOT, capture_output=True)
    r2 = subprocess.run(CLI + common + [str(tmp_path / "dask.err"), "-o", str(dask_out), "--engine", "dask",
                                        "--scheduler", cluster[0].scheduler_address], cwd=ROOT, capture_output=True)
    assert r1.returncode == r2.returncode == 1, r2.stderr.decode()
    assert dask_out.read_bytes() == local.read_bytes()
    assert (tmp_path / "dask.err").read_bytes() == (tmp_path / "local.err").read_bytes()
    assert not list(tmp_path.glob("dask.jsonl.parts*"))

    lines = dask_out.read_bytes().splitlines(keepends=True)
    dask_out.write_bytes(b"".join(lines[:20]) + lines[20][:30])  # as a crash would leave it
    r3 = subprocess.run(CLI + common + [str(tmp_path / "dask.err"), "-o", str(dask_out), "--engine", "dask",
                                        "--scheduler", cluster[0].scheduler_address, "--resume"],
                        cwd=ROOT, capture_output=True)
    assert r3.returncode == 1 and "20 already done" in r3.stderr.decode()
    assert dask_out.read_bytes() == local.read_bytes()


def test_many_partitions_keep_order_and_load_the_model_once_per_worker(cluster, source, tmp_path):
    _, client = cluster
    expected = [r.payload for r in annotate_all(read_inputs([str(source)]), jobs=1)]
    out = tmp_path / "out.jsonl"
    with RecordWriter(str(out)) as writer:
        results = list(annotate_dask(read_inputs([str(source)]), writer, tmp_path / "parts",
                                     client=client, partition_docs=7))
    assert out.read_bytes() == b"".join(p for p in expected if p is not None)
    assert [r.item.id for r in results if r.error] == ["in.jsonl:8", "no-text"]
    assert sorted(client.run(load_calls).values()) == [1, 1]


def test_the_parts_folder_is_the_runs_own(cluster, source, tmp_path):
    _, client = cluster
    mine = tmp_path / "out.jsonl.parts"  # a user's folder of the name the old engine used
    mine.mkdir()
    (mine / "part-000000000000.jsonl").write_text("keep me", encoding="utf-8")
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    with RecordWriter(str(tmp_path / "out.jsonl")) as writer:
        list(annotate_dask(read_inputs([str(source)]), writer, tmp_path, client=client, prefix="out.jsonl"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl", "out.jsonl.parts"]
    assert (mine / "part-000000000000.jsonl").read_text(encoding="utf-8") == "keep me"
    assert (mine / "notes.txt").exists()

