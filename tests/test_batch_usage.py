"""Usage errors of ``duban batch`` (and the other commands' ``-o``) found by QA 6: exit 2 with a
coded message naming the option, before any work, instead of a failure that blames the files."""
from __future__ import annotations

import pytest

from tests.batch_fixtures import report_text
from tests.conftest import SEED

from pipeline.cli import main
from pipeline.errors import UsageError


@pytest.fixture()
def inbox(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(report_text(1), encoding="utf-8")
    blocker = tmp_path / "f"
    blocker.write_text("not a folder", encoding="utf-8")
    return src, blocker


@pytest.mark.parametrize("command", ["batch", "gaps", "checklist"])
@pytest.mark.parametrize("inside", [False, True])
def test_batch_output_that_is_a_file_is_a_usage_error(inbox, capsys, command, inside):
    """L1: ``-o EXISTING_FILE`` (or a folder below a file) was E000 FileExistsError in batch and
    E401 after the whole run in gaps/checklist."""
    src, blocker = inbox
    out = blocker / "sub" if inside else blocker
    argv = {"batch": ["batch", str(src), "-r", str(SEED), "--no-progress"],
            "gaps": ["gaps", "-r", str(SEED), str(src / "a.txt")],
            "checklist": ["checklist", str(SEED)]}[command] + ["-o", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "[E005]" in err and "-o/--output" in err and str(blocker) in err
    assert blocker.read_text(encoding="utf-8") == "not a folder"          # untouched


def _unmakeable(tmp_path, where):
    """An output folder that cannot be created: under /proc (QA9 M8), or in a read-only folder."""
    import os
    from pathlib import Path

    if where == "proc":
        if not Path("/proc/self").is_dir():
            pytest.skip("no procfs here")
        return Path("/proc/duban-no-such-folder") / "out"
    if os.geteuid() == 0:
        pytest.skip("root writes into a read-only folder")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    return locked / "out"


@pytest.mark.parametrize("command", ["batch", "gaps", "checklist"])
@pytest.mark.parametrize("where", ["proc", "read_only"])
def test_batch_output_that_cannot_be_created_is_a_usage_error_before_any_work(inbox, tmp_path, capsys,
                                                                               monkeypatch, command, where):
    """QA9 M8: ``batch -o /proc/qa9b`` was [E000] Internal error (FileNotFoundError) from its mkdir;
    gaps/checklist said [E401] only after reading and assessing everything."""
    src, _ = inbox
    out = _unmakeable(tmp_path, where)

    def no_reading(*args, **kwargs):
        raise AssertionError("a file was read before -o was checked")

    monkeypatch.setattr("pipeline.extract.read_path", no_reading)
    argv = {"batch": ["batch", str(src), "-r", str(SEED), "--no-progress"],
            "gaps": ["gaps", "-r", str(SEED), str(src / "a.txt")],
            "checklist": ["checklist", str(SEED)]}[command] + ["-o", str(out)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "[E005]" in err and "-o/--output" in err and str(out) in err and "E000" not in err


@pytest.mark.parametrize("where", ["proc", "read_only"])
def test_analyze_output_that_cannot_be_written_is_a_usage_error_before_any_work(inbox, tmp_path, capsys,
                                                                                monkeypatch, where):
    """QA12 L7: ``analyze -o <read-only folder>/p.csv`` read and labelled everything, then failed [E401]."""
    src, _ = inbox
    out = _unmakeable(tmp_path, where)

    def no_reading(*args, **kwargs):
        raise AssertionError("a file was read before -o was checked")

    monkeypatch.setattr("pipeline.extract.read_path", no_reading)
    assert main(["analyze", str(src / "a.txt"), "-o", str(out / "p.csv")]) == 2
    err = capsys.readouterr().err
    assert "[E005]" in err and str(out) in err and "E401" not in err


def test_batch_output_check_leaves_no_folder_behind(tmp_path):
    """Finding out that ``-o a/b/c`` can be made makes it; a run stopped by a later usage error must
    not leave the empty folders (the run writes them when it writes its outputs)."""
    from pipeline.commands import output_folder

    assert output_folder(tmp_path / "a" / "b" / "c") == tmp_path / "a" / "b" / "c"
    assert not (tmp_path / "a").exists()
    (tmp_path / "kept").mkdir()
    output_folder(tmp_path / "kept")
    assert (tmp_path / "kept").is_dir()


def test_batch_api_output_that_is_a_file_raises_usage_error(inbox):
    from pipeline.batch import run_batch

    src, blocker = inbox
    with pytest.raises(UsageError) as caught:
        run_batch(src, reference=SEED, out_dir=blocker, progress=False)
    assert caught.value.code == "E005"


# ------------------------------------------------------------------------------------- --memory (M8)


@pytest.mark.parametrize("cap_mb, used_mb, refused", [
    (0, 210, False),          # no cap
    (2048, 210, False),
    (339, 210, False),        # exactly the warm worker + headroom
    (300, 210, True),         # QA: every txt file "too_large: out of memory"
    (200, 210, True),         # below the warm worker itself
    (300, None, False),       # address space unknown (no /proc): nothing to judge by
])
def test_worker_memory_refusal_names_the_limit_and_the_need(cap_mb, used_mb, refused):
    from pipeline.worker import FILE_HEADROOM_BYTES, MB, memory_refusal

    cap = cap_mb * MB if cap_mb else None
    used = used_mb * MB if used_mb is not None else None
    if cap_mb == 339:
        cap = used + FILE_HEADROOM_BYTES
    refusal = memory_refusal(cap, used)
    assert (refusal is not None) == refused
    if refused:
        assert refusal.code == "E005"
        assert f"--memory {cap_mb} " in refusal.detail
        assert f"{(used + FILE_HEADROOM_BYTES) // MB} MB" in refusal.detail


def test_batch_memory_below_a_warm_worker_is_a_usage_error(inbox, capsys):
    """The worker measures itself once warm and refuses; nothing is written, exit 2."""
    src, blocker = inbox
    out = blocker.parent / "out"
    assert main(["batch", str(src), "-r", str(SEED), "-o", str(out), "--no-progress", "--memory", "100"]) == 2
    err = capsys.readouterr().err
    assert "[E005]" in err and "--memory 100 is below" in err and "too_large" not in err
    assert not out.exists()


def test_worker_out_of_memory_message_names_the_limit_not_the_file(tmp_path):
    from dataclasses import replace

    from pipeline.config import DEFAULT_LIMITS
    from pipeline.worker import FileTask, WorkerContext, process_file

    path = tmp_path / "a.txt"
    path.write_text(report_text(5), encoding="utf-8")
    task = FileTask(index=0, path=str(path), rel="a.txt", sha256="", size=path.stat().st_size, key="k")

    def exhaust():
        raise MemoryError

    context = WorkerContext(limits=replace(DEFAULT_LIMITS, worker_memory_bytes=512 * 1024 * 1024), label=False)
    result = process_file(task, context, fault=exhaust)
    assert result.status == "too_large" and result.reason == "memory"
    assert "[E106]" in result.message and "512 MB" in result.message and "--memory" in result.message
