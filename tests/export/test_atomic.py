"""Atomic writes (reliability cases 42-44): failures never leave half files or temp files."""
from __future__ import annotations

import errno
import os

import pytest

from pipeline.export.atomic import atomic_write_text, atomic_write_with


def test_atomic_write_replaces_target(tmp_path):
    target = tmp_path / "sub" / "out.txt"
    atomic_write_text(target, "新内容")
    assert target.read_text(encoding="utf-8") == "新内容"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_atomic_write_failure_keeps_previous_file_and_no_temp(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_text("old")

    def half_then_fail(tmp):
        tmp.write_text("half written")
        raise RuntimeError("injected failure after the first sheet")

    with pytest.raises(RuntimeError):
        atomic_write_with(target, half_then_fail)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_atomic_write_disk_full_raises_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"

    def enospc(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", enospc)
    with pytest.raises(OSError) as info:
        atomic_write_text(target, "x")
    assert info.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_replace_permission_error_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "out.txt"

    def denied(src, dst):
        raise PermissionError(errno.EACCES, "file is open in Excel", str(dst))

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(PermissionError):
        atomic_write_text(target, "x")
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_gives_new_files_the_umask_mode_not_0600(tmp_path):
    old = os.umask(0o022)
    try:
        import pipeline.export.atomic as atomic

        atomic._umask.cache_clear()
        target = tmp_path / "out.jsonl"
        atomic_write_text(target, "内容")
        with_writer = tmp_path / "out.xlsx"
        atomic_write_with(with_writer, lambda p: p.write_bytes(b"x"))
    finally:
        os.umask(old)
        atomic._umask.cache_clear()
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    assert oct(with_writer.stat().st_mode & 0o777) == oct(0o644)


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    target = tmp_path / "shared.csv"
    target.write_text("旧", encoding="utf-8")
    target.chmod(0o664)
    atomic_write_text(target, "新")
    assert oct(target.stat().st_mode & 0o777) == oct(0o664)
