"""ProcessEngine: every task gets exactly one result, also when a worker holding a prefetched file
hangs or dies (the prefetched file goes to the replacement worker, never lost or done twice).

Faults are injected through ``DUBAN_TEST_FAULTS``, which workers read from the forkserver's
environment, so each scenario runs in a fresh interpreter.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, sys
from pathlib import Path
from pipeline.engines import ProcessEngine
from pipeline.worker import FileTask, WorkerContext

folder, workers, timeout = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
tasks = [FileTask(index=i, path=str(p), rel=p.name, sha256="", size=p.stat().st_size, key=str(i))
         for i, p in enumerate(sorted(folder.iterdir()))]

def main():
    engine = ProcessEngine(WorkerContext(checklist=None, label=False), workers=workers, timeout=timeout)
    results = [(r.rel, r.status) for r in engine.results(tasks)]
    print(json.dumps({"results": results, "replaced": engine.replaced}))

if __name__ == "__main__":
    main()
"""


def run_engine(folder: Path, faults: str, workers: int, timeout: float = 4.0) -> dict:
    env = {**os.environ, "DUBAN_TEST_FAULTS": faults}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(folder), str(workers), str(timeout)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("workers", [1, 2])
def test_engines_faults_next_to_prefetched_files_lose_nothing(tmp_path, workers):
    folder = tmp_path / "in"
    folder.mkdir()
    names = [f"{k:02d}.txt" for k in range(12)]
    for name in names:
        (folder / name).write_text(f"第{name}号报告。我局组织集中学习十二次。\n", encoding="utf-8")
    # a hang and a crash early, each with files queued behind it, and a crash right after the hang
    outcome = run_engine(folder, "hang:02.txt,exit:03.txt,exit:07.txt", workers)
    got = outcome["results"]
    assert sorted(rel for rel, _ in got) == names             # each file exactly once
    status = dict(got)
    assert status["02.txt"] == "timeout"
    assert status["03.txt"] == status["07.txt"] == "crashed"
    assert all(status[n] == "ok" for n in names if n not in {"02.txt", "03.txt", "07.txt"})
    assert outcome["replaced"] == 3


def test_engines_single_worker_without_faults_answers_in_order(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = [f"{k:02d}.txt" for k in range(8)]
    for name in names:
        (folder / name).write_text("我局组织集中学习十二次。\n", encoding="utf-8")
    outcome = run_engine(folder, "slow:03.txt", workers=1)
    assert [rel for rel, _ in outcome["results"]] == names
    assert outcome["replaced"] == 0


def test_engines_dask_restarts_the_worker_stuck_past_its_timeout(tmp_path):
    """A file that never finishes (a FIFO nobody writes to: reading it blocks) times out, and its
    LocalCluster worker is restarted, so the files queued behind it on the single worker still run
    (without the restart they would each time out behind the blocked thread)."""
    from pipeline.dask_engine import DaskEngine
    from pipeline.worker import FileTask, WorkerContext

    os.mkfifo(tmp_path / "hang.txt")
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("各单位要严格落实值班制度。\n我局共组织学习12次。\n", encoding="utf-8")
    tasks = [FileTask(index=i, path=str(tmp_path / name), rel=name, sha256="", size=0, key=str(i))
             for i, name in enumerate(["hang.txt", "a.txt", "b.txt"])]
    engine = DaskEngine(WorkerContext(checklist=None, label=False), workers=1, timeout=4.0, processes=True)
    results = {r.rel: r.status for r in engine.results(tasks)}
    assert results == {"hang.txt": "timeout", "a.txt": "ok", "b.txt": "ok"}


def test_engines_workers_ignore_a_pipeline_folder_in_the_current_directory(tmp_path):
    """Regression (QA): run from a folder holding another ``pipeline/`` (an old checkout), the
    forkserver, started as ``python -c``, imported that one and every file crashed (E502)."""
    duban = Path(sys.executable).with_name("duban")
    if not duban.exists():
        pytest.skip("the duban console script is not installed next to this interpreter")
    (tmp_path / "pipeline").mkdir()
    (tmp_path / "pipeline" / "__init__.py").write_text("")        # another package of that name
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "r.txt").write_text("各单位要严格落实值班制度。\n我局共组织学习12次。\n", encoding="utf-8")
    proc = subprocess.run([str(duban), "batch", "in", "--reference", str(ROOT / "corpora" / "seed" / "speech.txt"),
                           "-o", "out", "--no-progress", "--workers", "1"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-1500:]
    assert "1 files: ok 1" in proc.stderr
