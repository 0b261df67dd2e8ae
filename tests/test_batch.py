"""``duban batch``: one manifest row per input, right statuses, isolation, resume, determinism.

Reliability cases 1-10, 21-28 and 45-51 of ``shared/research/reliability-cases.md``. Runs that must
show exit codes, stderr or survive SIGKILL/SIGINT go through the real CLI in a subprocess.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.batch_fixtures import (
    CLUTTER, docx_of, hostile_files, pdf_of, report_text, write_clutter, write_good, write_links,
)
from tests.conftest import ROOT, SEED

from pipeline.manifest import read_csv, read_log

SKIP_OUTPUTS = {"manifest.csv", "manifest.jsonl", "run.json", "duban.duckdb", "duban.duckdb.wal"}
TIMEOUT = 8.0


def run_cli(*args, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "pipeline.cli", *map(str, args)], cwd=ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def batch_args(src: Path, out: Path, *extra) -> list:
    return ["batch", src, "--reference", SEED, "-o", out, "--no-progress", "--timeout", TIMEOUT, *extra]


def run_inline(src: Path, out: Path, **options):
    """``run_batch`` in this process: warm forkserver workers, no interpreter start per run."""
    from pipeline.batch import run_batch

    return run_batch(src, reference=SEED, out_dir=out, progress=False,
                     **{"workers": 2, "store": False, "timeout": TIMEOUT, **options})


def report_bodies(out: Path) -> dict[str, bytes]:
    """Every whole-batch output except run metadata, the store and the cache."""
    bodies = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.is_file() and path.name not in SKIP_OUTPUTS and not rel.startswith((".cache/", "parquet/")):
            bodies[rel] = path.read_bytes()
    return bodies


def statuses(out: Path) -> dict[str, str]:
    return {row["path"]: row["status"] for row in read_csv(out / "manifest.csv")}


def run_meta(out: Path) -> dict:
    return json.loads((out / "run.json").read_text(encoding="utf-8"))


def assert_clean_stderr(stderr: str) -> None:
    assert "Traceback" not in stderr
    for line in stderr.splitlines():
        assert line.startswith("duban:"), f"unexpected stderr line: {line!r}"


# ------------------------------------------------------------------------------------- the bar


def _hostile_folder(src: Path, tmp: Path, n_good: int) -> dict[str, set[str]]:
    """Good files, one file of every bad kind, clutter, links, faults; path -> acceptable statuses."""
    expected: dict[str, set[str]] = {}
    for rel in write_good(src, n_good):
        expected[rel] = {"ok", "ok_with_warnings"}
    for rel, (data, allowed, _case) in hostile_files(tmp).items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_bytes(data)
        expected[rel] = set(allowed)
    for rel in write_clutter(src):
        expected[rel] = {"skipped"}
    for rel in write_links(src, tmp / "outside"):
        expected[rel] = {"skipped"}
    (src / "dir.pdf").mkdir()                                       # a directory named like a file (27)
    (src / "dir.pdf" / "inner.txt").write_text(report_text(6000), encoding="utf-8")
    expected["dir.pdf/inner.txt"] = {"ok", "ok_with_warnings"}
    (src / "good" / "report_000_copy.txt").write_bytes((src / "good" / "report_000.txt").read_bytes())   # (48)
    expected["good/report_000_copy.txt"] = {"ok", "ok_with_warnings"}
    os.mkfifo(src / "pipe.txt")                                     # reading it would block forever
    expected["pipe.txt"] = {"skipped"}
    faults = src / "faults"
    faults.mkdir()
    for i, name in enumerate(("hang.txt", "exit.txt", "memory.txt")):
        (faults / name).write_text(report_text(5000 + i), encoding="utf-8")
    expected |= {"faults/hang.txt": {"timeout"}, "faults/exit.txt": {"crashed"},
                 "faults/memory.txt": {"too_large", "crashed"}}
    return expected


FAULTS = {"DUBAN_TEST_FAULTS": "hang:hang.txt,exit:exit.txt,memory:memory.txt"}


def _check_bar(tmp_path: Path, n_good: int) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    expected = _hostile_folder(src, tmp_path, n_good)
    proc = run_cli(*batch_args(src, out, "--workers", 2, "--memory", 1024, "--timeout", 5), env=FAULTS)

    assert proc.returncode == 1, proc.stderr
    assert_clean_stderr(proc.stderr)
    rows = read_csv(out / "manifest.csv")
    assert sorted(r["path"] for r in rows) == sorted(expected)             # exactly one row per input
    wrong = {r["path"]: r["status"] for r in rows if r["status"] not in expected[r["path"]]}
    assert not wrong
    by_path = {r["path"]: r for r in rows}
    for name, (reason, _) in CLUTTER.items():
        assert by_path[name]["reason"] == reason
    assert by_path["links/loop"]["reason"] == by_path["links/outside.txt"]["reason"] == "symlink"
    assert by_path[".git/"]["reason"] == "hidden"
    assert "faults/exit.txt" in by_path["faults/exit.txt"]["message"]            # the culprit is named
    assert by_path["good/report_000_copy.txt"]["duplicate_of"] == "good/report_000.txt"
    assert f"{len(rows)} files:" in proc.stderr                                  # the summary line
    assert "TOPSECRET-42" not in "".join(b.decode("utf-8", "replace") for b in report_bodies(out).values())

    from pipeline.store import load

    docs = load("documents", out)
    good = [p for p, allowed in expected.items() if allowed == {"ok", "ok_with_warnings"}
            and p != "good/report_000_copy.txt"]
    ok_docs = set(docs.loc[docs["status"].isin(["ok", "ok_with_warnings"]), "source"])
    assert set(good) <= ok_docs                                                  # outputs for all good files
    assert all(int(by_path[p]["n_passages"]) > 0 for p in good)
    gaps = load("gap_rows", out)
    assert set(good) <= set(gaps["report"]) if "report" in gaps.columns else True


def test_batch_good_and_hostile_files_bar(tmp_path):
    _check_bar(tmp_path, 20)


@pytest.mark.slow
def test_batch_good_and_hostile_files_bar_200(tmp_path):
    _check_bar(tmp_path, 200)


# ------------------------------------------------------------------------------------- exit codes


def test_batch_empty_folder_exits_0_without_outputs(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    result = run_inline(tmp_path / "in", tmp_path / "out")
    assert result.exit_code == 0 and result.rows == ()
    assert "0 files found" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case, code", [("missing_input", "E001"), ("input_is_file", "E005"),
                                        ("missing_reference", "E001"), ("unreadable_reference", "E003")])
def test_batch_usage_errors_exit_2(tmp_path, case, code):
    src = tmp_path / "in"
    src.mkdir()
    reference = SEED
    if case == "missing_input":
        src = tmp_path / "nope"
    elif case == "input_is_file":
        src = tmp_path / "a.txt"
        src.write_text("x", encoding="utf-8")
    elif case == "missing_reference":
        reference = tmp_path / "no_speech.txt"
    else:
        reference = tmp_path / "speech.txt"
        reference.write_bytes(b"")
    proc = run_cli("batch", src, "--reference", reference, "-o", tmp_path / "out", "--no-progress")
    assert proc.returncode == 2
    assert f"[{code}]" in proc.stderr
    assert_clean_stderr(proc.stderr)


def test_batch_fail_fast_leaves_the_rest_not_started(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write_good(src, 6, formats=("txt",))
    (src / "a_empty.txt").write_bytes(b"")
    result = run_inline(src, out, workers=1, fail_fast=True)
    assert result.exit_code == 1
    found = statuses(out)
    assert len(found) == 7 and found["a_empty.txt"] == "empty"
    assert "not_started" in found.values()


# ------------------------------------------------------------------------------------- resume


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _kill_after(src: Path, out: Path, k: int, sig: int, gated: str) -> subprocess.Popen:
    """Run the CLI with one worker, holding ``gated`` (a file name) at a gate that never opens, and
    send ``sig`` once ``k`` manifest rows exist. The files before ``gated`` give the rows; the gate
    (and a per-file timeout far beyond the test's patience) proves the run is still in progress when
    the signal arrives, however slow the machine is. The child starts with SIGINT at its default:
    a shell running pytest in the background makes children ignore SIGINT, and Python then never
    raises KeyboardInterrupt (the run finished with exit 0, the old flake)."""
    env = {**os.environ, "DUBAN_TEST_FAULTS": f"gate:{gated}", "DUBAN_TEST_GATE": str(out.parent / "never-opened")}
    cmd = [sys.executable, "-m", "pipeline.cli", *map(str, batch_args(src, out, "--workers", 1, "--timeout", 600))]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=_default_sigint)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if len(read_log(out / "manifest.jsonl")) >= k:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before reaching the gate: " + proc.stderr.read()
    assert len(read_log(out / "manifest.jsonl")) >= k, "no manifest rows within two minutes"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return proc


def test_batch_killed_then_resumed_equals_uninterrupted(tmp_path):
    src = tmp_path / "in"
    write_good(src, 7, formats=("txt", "docx"))
    (src / "zero.txt").write_bytes(b"")
    killed = _kill_after(src, tmp_path / "killed", 3, signal.SIGKILL, gated="report_004.txt")
    assert killed.returncode == -signal.SIGKILL
    done_before = len(read_log(tmp_path / "killed" / "manifest.jsonl"))
    assert 3 <= done_before < 8

    resumed = run_inline(src, tmp_path / "killed", resume=True, timeout=600)     # the killed run's settings
    whole = run_inline(src, tmp_path / "whole", timeout=600)
    assert resumed.exit_code == whole.exit_code == 1                  # zero.txt is empty
    assert resumed.reused >= done_before and resumed.reused + resumed.processed == 8
    assert statuses(tmp_path / "killed") == statuses(tmp_path / "whole")
    assert report_bodies(tmp_path / "killed") == report_bodies(tmp_path / "whole")
    assert not list((tmp_path / "killed").rglob("*.tmp"))


def test_batch_resume_skips_done_files_and_redoes_changed_ones(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write_good(src, 6, formats=("txt", "docx"))
    first = run_inline(src, out)
    again = run_inline(src, out, resume=True)
    assert first.exit_code == again.exit_code == 0
    assert (first.processed, first.reused) == (6, 0)
    assert (again.processed, again.reused) == (0, 6)                # nothing read a second time
    assert run_meta(out)["reused"] == 6 and all(r["resumed"] == "true" for r in read_csv(out / "manifest.csv"))
    assert report_bodies(out)                                       # outputs rebuilt from the cache

    (src / "good" / "report_002.txt").write_text(report_text(42), encoding="utf-8")      # case 47
    changed = run_inline(src, out, resume=True)
    assert (changed.processed, changed.reused) == (1, 5)
    rows = {r.path: r for r in changed.rows}
    old_key = {r.path: r.key for r in first.rows}["good/report_002.txt"]
    assert rows["good/report_002.txt"].key != old_key and not rows["good/report_002.txt"].resumed
    assert all(r.resumed for p, r in rows.items() if p != "good/report_002.txt")


# ------------------------------------------------------------------------------------- interrupt


def test_batch_ctrl_c_exits_130_and_flushes_manifest(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write_good(src, 12, formats=("txt",))
    proc = _kill_after(src, out, 2, signal.SIGINT, gated="report_006.txt")
    stderr = proc.stderr.read()
    assert proc.returncode == 130, stderr
    assert "[E503]" in stderr and "Traceback" not in stderr
    found = statuses(out)
    assert len(found) == 12 and "not_started" in found.values()
    assert not list(out.rglob("*.tmp")) and not list(out.rglob(".*.tmp"))
    done = sum(1 for status in found.values() if status != "not_started")      # regression (QA): not 12
    assert f"interrupted after {done} of 12 files:" in stderr


# ------------------------------------------------------------------------------------- determinism


def test_batch_is_deterministic_across_worker_counts(tmp_path):
    src = tmp_path / "in"
    write_good(src, 6)
    (src / "zero.docx").write_bytes(b"")
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    runs = {}
    for name, workers in (("w1", 1), ("w2", 2), ("w2_again", 2)):
        assert run_inline(src, tmp_path / name, workers=workers).exit_code == 1
        runs[name] = tmp_path / name
    assert statuses(runs["w1"]) == statuses(runs["w2"]) == statuses(runs["w2_again"])
    assert report_bodies(runs["w1"]) == report_bodies(runs["w2"]) == report_bodies(runs["w2_again"])
    assert report_bodies(runs["w1"])                                     # something was compared


# ------------------------------------------------------------------------------------- in-process


@pytest.mark.parametrize("exc", [AssertionError, KeyError, TypeError])
def test_batch_reader_exception_is_corrupt_for_that_file_only(tmp_path, monkeypatch, exc):
    """Case 8: any exception type from a reader becomes ``corrupt`` with the class named."""
    import pipeline.extract.txt as txt_reader
    from pipeline.worker import FileTask, WorkerContext, process_file

    def explode(*args, **kwargs):
        raise exc("boom")

    bad, good = tmp_path / "bad.txt", tmp_path / "good.docx"
    bad.write_text(report_text(1), encoding="utf-8")
    good.write_bytes(docx_of(report_text(2)))
    monkeypatch.setattr(txt_reader, "extract", explode)
    context = WorkerContext()
    results = [process_file(FileTask(i, str(p), p.name, "", 0, ""), context) for i, p in enumerate((bad, good))]
    assert results[0].status == "corrupt" and exc.__name__ in results[0].reason
    assert "boom" not in results[0].message
    assert results[1].status in ("ok", "ok_with_warnings")


def test_batch_file_vanishing_after_discovery_gets_a_row(tmp_path, monkeypatch):
    """Case 27: deleted between discovery and read -> corrupt/read_error, the rest unaffected."""
    import pipeline.batch as batch
    from pipeline.manifest import Input, discover

    src = tmp_path / "in"
    write_good(src, 2, formats=("txt",))
    real = discover
    monkeypatch.setattr(batch, "discover", lambda root, exclude=(): real(root, exclude=exclude)
                        + [Input(src / "zz_gone.txt", "zz_gone.txt")])
    result = batch.run_batch(src, reference=SEED, out_dir=tmp_path / "out", workers=1, progress=False,
                             store=False)
    by_path = {r.path: r for r in result.rows}
    assert by_path["zz_gone.txt"].status == "corrupt" and by_path["zz_gone.txt"].reason == "read_error"
    assert result.exit_code == 1 and len(result.rows) == 3


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_batch_unreadable_file_is_read_error(tmp_path):
    import pipeline.batch as batch

    src = tmp_path / "in"
    write_good(src, 1, formats=("txt",))
    locked = src / "locked.txt"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    result = batch.run_batch(src, reference=SEED, out_dir=tmp_path / "out", workers=1, progress=False,
                             store=False)
    assert {r.path: r.reason for r in result.rows}["locked.txt"] == "read_error"


def test_batch_dask_engine_matches_process_engine(tmp_path):
    """A LocalCluster started by the engine, and an existing cluster joined by address."""
    from distributed import LocalCluster

    from pipeline.batch import run_batch

    src = tmp_path / "in"
    write_good(src, 4, formats=("txt", "docx"))
    (src / "zero.txt").write_bytes(b"")
    common = dict(reference=SEED, workers=2, progress=False, store=False)
    runs = {"process": run_batch(src, out_dir=tmp_path / "process", **common),
            "dask": run_batch(src, out_dir=tmp_path / "dask", engine="dask", processes=False, **common)}
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster:
        runs["joined"] = run_batch(src, out_dir=tmp_path / "joined", engine="dask",
                                   scheduler=cluster.scheduler_address, **common)
    outcome = {name: [(r.path, r.status, r.n_passages) for r in result.rows] for name, result in runs.items()}
    assert outcome["process"] == outcome["dask"] == outcome["joined"]
    assert report_bodies(tmp_path / "process") == report_bodies(tmp_path / "dask") == report_bodies(tmp_path / "joined")


def test_batch_output_folder_inside_input_is_not_walked(tmp_path):
    from pipeline.batch import run_batch

    src = tmp_path / "in"
    write_good(src, 2, formats=("txt",))
    first = run_batch(src, reference=SEED, out_dir=src / "out", workers=1, progress=False, store=False)
    second = run_batch(src, reference=SEED, out_dir=src / "out", workers=1, progress=False, store=False)
    assert [r.path for r in first.rows] == [r.path for r in second.rows] == ["good/report_000.txt",
                                                                             "good/report_001.txt"]


def test_batch_unwritable_output_is_named_and_exits_1(tmp_path, monkeypatch, capsys):
    """Case 43: an output that cannot be replaced (read-only, locked) -> E401 naming it, exit 1."""
    import pipeline.batch as batch

    def locked(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "out" / "gaps.xlsx"))

    write_good(tmp_path / "in", 1, formats=("txt",))
    monkeypatch.setattr(batch, "write_outputs", locked)
    result = run_inline(tmp_path / "in", tmp_path / "out", workers=1)
    err = capsys.readouterr().err
    assert result.exit_code == 1 and "[E401]" in err and "gaps.xlsx" in err
    assert list(statuses(tmp_path / "out")) == ["good/report_000.txt"]     # the manifest is still there


def test_batch_pdf_and_docx_good_files_are_read(tmp_path):
    """Guard for the generators the bar relies on: all three formats give passages."""
    from pipeline.extract import read_bytes

    text = report_text(5)
    for name, data in (("a.docx", docx_of(text)), ("a.pdf", pdf_of(text)), ("a.txt", text.encode())):
        doc = read_bytes(data, name=name)
        assert doc.status.is_ok and len(doc.passages) > 5, name


# ------------------------------------------------------------------------------------- discovery


def test_batch_discover_sorts_skips_and_never_follows_links(tmp_path):
    from pipeline.manifest import discover

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z", encoding="utf-8")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "~$a.docx").write_bytes(b"\x00")
    (tmp_path / ".svn").mkdir()
    (tmp_path / ".svn" / "entries").write_text("x", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "gaps.csv").write_text("x", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "b" / "loop")
    found = [(i.rel, i.skip_reason) for i in discover(tmp_path, exclude=[tmp_path / "out"])]
    assert found == [(".svn/", "hidden"), ("a.txt", ""), ("b/loop", "symlink"), ("b/z.txt", ""),
                     ("~$a.docx", "office_lock_file")]


def test_batch_manifest_csv_guards_formula_names_and_log_survives_a_torn_line(tmp_path):
    from pipeline.manifest import ManifestLog, ManifestRow, read_log, render_csv

    text = render_csv([ManifestRow(path="=HYPERLINK(1).txt", sha256="", status="ok")])
    assert "'=HYPERLINK(1).txt" in text
    with ManifestLog(tmp_path / "manifest.jsonl", "r1") as log:
        log.append(ManifestRow(path="a.txt", sha256="x", status="ok"))
    with open(tmp_path / "manifest.jsonl", "a", encoding="utf-8") as fh:
        fh.write('{"run_id": "r1", "path": "b.t')                      # killed mid-write
    assert [r["path"] for r in read_log(tmp_path / "manifest.jsonl")] == ["a.txt"]


# ------------------------------------------------------------------------------------- startup, disk, config


def test_batch_tampered_model_exits_2_with_e004_before_any_file(tmp_path, monkeypatch, capsys):
    """Case 36: a model file whose sha256 no longer matches meta.json is refused at startup (E004,
    exit 2), not reported as an unreadable reference, and no output is written."""
    import shutil

    import pipeline.classify as classify
    import pipeline.classify.modelstore as modelstore
    from pipeline.cli import main

    models = tmp_path / "models"
    shutil.copytree(modelstore.MODELS_DIR, models)
    meta = modelstore.read_meta(models)
    for name in meta["files"]:
        data = bytearray((models / name).read_bytes())
        data[len(data) // 2] ^= 0xFF
        (models / name).write_bytes(bytes(data))
    original = modelstore.load_default
    monkeypatch.setattr(modelstore, "load_default", lambda name="default", models_dir=None: original(name, models))
    monkeypatch.setattr(classify, "_CACHE", {})
    write_good(tmp_path / "in", 2, formats=("txt",))

    code = main([str(a) for a in batch_args(tmp_path / "in", tmp_path / "out", "--workers", 1)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("duban: [E004]") and "[E003]" not in err, err
    assert not (tmp_path / "out" / "manifest.csv").exists()


@pytest.mark.parametrize("failing", ["cache", "outputs"])
def test_batch_disk_full_exits_1_and_manifest_names_unfinished_inputs(tmp_path, monkeypatch, capsys, failing):
    """Case 44: ENOSPC while recording a result (mid-run) or while writing the outputs stops the run
    with exit 1 and E401; manifest.csv still accounts for every input, the unfinished ones included."""
    import errno

    import pipeline.batch as batch

    real_save, saved = batch.save_result, []

    def save_until_full(out_dir, task, result):
        if len(saved) >= 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(out_dir / ".cache" / task.key))
        saved.append(task.rel)
        return real_save(out_dir, task, result)

    def outputs_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / "gaps.csv"))

    if failing == "cache":
        monkeypatch.setattr(batch, "save_result", save_until_full)
    else:
        monkeypatch.setattr(batch, "write_outputs", outputs_full)
    write_good(tmp_path / "in", 5, formats=("txt",))
    result = run_inline(tmp_path / "in", tmp_path / "out", workers=1)
    err = capsys.readouterr().err

    assert result.exit_code == 1 and "[E401]" in err
    found = statuses(tmp_path / "out")
    assert len(found) == 5
    if failing == "cache":
        assert {p for p, s in found.items() if s == "ok"} == set(saved)      # recorded = finished
        assert sorted(p for p, s in found.items() if s == "not_started") == [
            f"good/report_{i:03d}.txt" for i in range(2, 5)]
        assert not (tmp_path / "out" / "gaps.csv").exists()                  # no partial aggregate
    else:
        assert set(found.values()) == {"ok"}
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_batch_resume_redoes_files_after_a_config_or_reference_change(tmp_path):
    """Case 47: a changed option (the per-file timeout) or a changed reference changes every cache key,
    so ``--resume`` reprocesses the files instead of reusing results made under other settings."""
    src, out = tmp_path / "in", tmp_path / "out"
    write_good(src, 3, formats=("txt",))
    first = run_inline(src, out)
    same = run_inline(src, out, resume=True)
    other_option = run_inline(src, out, resume=True, timeout=TIMEOUT + 1)
    lines = [ln for ln in SEED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    shorter = tmp_path / "reference.txt"
    shorter.write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")     # drop the closing paragraphs
    from pipeline.batch import run_batch

    other_reference = run_batch(src, reference=shorter, out_dir=out, progress=False, workers=2, store=False,
                                timeout=TIMEOUT + 1, resume=True)
    assert (same.processed, same.reused) == (0, 3)
    assert (other_option.processed, other_option.reused) == (3, 0)
    assert (other_reference.processed, other_reference.reused) == (3, 0)
    keys = [{r.path: r.key for r in run.rows} for run in (first, other_option, other_reference)]
    for path in keys[0]:
        assert len({k[path] for k in keys}) == 3                           # a new key each time
    assert not any(r.resumed for r in other_option.rows + other_reference.rows)


def test_batch_interrupt_leaves_no_half_written_cache_entry(tmp_path):
    """Regression: a Ctrl-C landing inside ``save_result`` left ``.cache/.*.pkl.*.tmp`` behind."""
    from pipeline.batch_cache import CACHE_DIR, remove_temp_files

    cache = tmp_path / CACHE_DIR
    cache.mkdir()
    (cache / ".abc-123.pkl.x1y2.tmp").write_bytes(b"half")
    (cache / "abc-123.pkl").write_bytes(b"done")
    remove_temp_files(tmp_path)
    assert sorted(p.name for p in cache.iterdir()) == ["abc-123.pkl"]
    remove_temp_files(tmp_path / "no-such-dir")   # nothing to sweep: no error
