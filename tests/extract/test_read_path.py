"""``read_path``/``read_bytes``, the per-file boundary (reliability cases 8, 25, 27): whatever goes
wrong with one file becomes that file's status, with the exception class and never its text."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.extract import read_bytes, read_path
from pipeline.model import Status

TEXT = "关于落实情况的报告\n一、总体情况\n我局高度重视，认真抓好落实。\n"


def test_read_path_directory_is_corrupt_read_error(tmp_path):
    folder = tmp_path / "报告.pdf"
    folder.mkdir()
    doc = read_path(folder)
    assert (doc.status, doc.reason) == (Status.CORRUPT, "read_error")
    assert doc.message.startswith("[E111]") and "IsADirectoryError" in doc.message


@pytest.mark.parametrize("exc", [PermissionError(13, "Permission denied"), FileNotFoundError(2, "gone")])
def test_read_path_filesystem_errors_are_read_error_without_content(tmp_path, monkeypatch, exc):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")

    def fail(self):
        raise exc

    monkeypatch.setattr(Path, "read_bytes", fail)
    doc = read_path(path)
    assert (doc.status, doc.reason, doc.passages) == (Status.CORRUPT, "read_error", ())
    assert type(exc).__name__ in doc.message and "我局" not in doc.message


@pytest.mark.parametrize("exc, status, reason", [
    (MemoryError(), Status.TOO_LARGE, "memory"),
    (KeyError("我局高度重视"), Status.CORRUPT, "reader_error:KeyError"),
    (AssertionError("我局"), Status.CORRUPT, "reader_error:AssertionError"),
])
def test_read_bytes_reader_exceptions_become_the_file_status(monkeypatch, exc, status, reason):
    from pipeline.extract import txt

    def boom(data, *, name, limits):
        raise exc

    monkeypatch.setattr(txt, "extract", boom)
    doc = read_bytes(TEXT.encode("utf-8"), name="a.txt")
    assert (doc.status, doc.reason) == (status, reason)
    assert "我局" not in doc.message


def test_read_bytes_structure_stage_exception_is_that_files_corrupt_status(monkeypatch):
    import pipeline.extract.build as build

    def boom(*a, **k):
        raise KeyError("我局高度重视")

    monkeypatch.setattr(build, "build_document", boom)
    doc = read_bytes(TEXT.encode("utf-8"), name="a.txt")
    assert (doc.status, doc.reason) == (Status.CORRUPT, "build_error:KeyError")
    assert doc.message.startswith("[E105]") and "我局" not in doc.message


def test_read_bytes_structure_failure_does_not_stop_analyze_of_the_other_files(tmp_path, monkeypatch, capsys):
    import pipeline.extract.build as build

    real = build.build_document

    def fail_on_bad(extraction, *, source, **kw):
        if source == "bad.txt":
            raise ValueError("我局高度重视")
        return real(extraction, source=source, **kw)

    monkeypatch.setattr(build, "build_document", fail_on_bad)
    (tmp_path / "bad.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "good.txt").write_text(TEXT, encoding="utf-8")
    code = main(["analyze", "--no-labels", str(tmp_path / "bad.txt"), str(tmp_path / "good.txt")])
    out, err = capsys.readouterr()
    assert code == 1 and '"source": "good.txt"' in out and '"source": "bad.txt"' not in out
    assert err.strip().splitlines() == ["duban: bad.txt: corrupt: [E105] File is corrupt or truncated (ValueError)"]
