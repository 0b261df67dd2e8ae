"""``duban analyze`` as a user runs it: folders, bad output paths, exit codes and one-line messages."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main

SPEECH = Path(__file__).resolve().parents[2] / "corpora" / "unlabeled" / "speech_02.txt"


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def test_analyze_folder_reads_its_files_in_sorted_order_without_lock_or_hidden_files(tmp_path, capsys):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SPEECH, folder / "b.txt")
    shutil.copy(SPEECH, folder / "sub" / "a.txt")
    (folder / "~$b.docx").write_bytes(b"\x00lock")
    (folder / ".hidden.txt").write_text("隐藏", encoding="utf-8")
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(60))
    (folder / "link.txt").symlink_to(SPEECH)
    assert main(["analyze", "--no-labels", str(folder)]) == 0
    out, err = capsys.readouterr()
    sources = list(dict.fromkeys(json.loads(line)["source"] for line in _lines(out)))
    assert sources == ["b.txt", "a.txt"]          # sorted by path: b.txt before sub/a.txt
    assert err == ""


def test_analyze_empty_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["analyze", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert _lines(err) == [line for line in _lines(err) if line.startswith("duban: [E002]")] and err


def test_analyze_output_path_that_is_a_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["analyze", "--no-labels", str(SPEECH), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert len(_lines(err)) == 1 and err.startswith("duban: [E005]")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["out.xlsx", "out.docx", "passages.PDF"])
def test_analyze_office_suffix_without_format_is_a_usage_error(tmp_path, capsys, name):
    """Regression (QA): -o out.xlsx wrote JSON Lines under an Excel name, exit 0."""
    assert main(["analyze", "--no-labels", str(SPEECH), "-o", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert len(_lines(err)) == 1 and err.startswith("duban: [E005]") and "duban checklist" in err
    assert list(tmp_path.iterdir()) == []


def test_analyze_unwritable_output_is_e401_naming_the_path(tmp_path, capsys, monkeypatch):
    import pipeline.export.atomic as atomic

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    target = tmp_path / "out.jsonl"
    assert main(["analyze", "--no-labels", str(SPEECH), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert len(_lines(err)) == 1 and err.startswith("duban: [E401]") and str(target) in err
    assert "Traceback" not in err and "马卫光" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "md"])
def test_analyze_output_is_byte_identical_on_rerun(tmp_path, fmt):
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    assert main(["analyze", str(SPEECH), "--format", fmt, "-o", str(first)]) == 0
    assert main(["analyze", str(SPEECH), "--format", fmt, "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes() and first.stat().st_size > 1000


def test_analyze_refused_model_exits_2_before_any_file_is_read(tmp_path, capsys, monkeypatch):
    import pipeline.classify as classify
    import pipeline.extract as extract
    from pipeline.errors import DubanError

    def refused(name="default"):
        raise DubanError("E004", reason="sha256 does not match meta.json")

    def never(*a, **k):
        raise AssertionError("a file was read although the model was refused")

    monkeypatch.setattr(classify, "get_classifier", refused)
    monkeypatch.setattr(extract, "read_path", never)
    assert main(["analyze", str(SPEECH), "-o", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert _lines(err) == [err.strip()] and err.startswith("duban: [E004]")
    assert not (tmp_path / "out.jsonl").exists()


def test_analyze_missing_path_is_usage_error_before_reading_anything(tmp_path, capsys, monkeypatch):
    import pipeline.extract as extract

    monkeypatch.setattr(extract, "read_path", lambda *a, **k: pytest.fail("read although a path is missing"))
    assert main(["analyze", "--no-labels", str(SPEECH), str(tmp_path / "无此文件.txt")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and _lines(err) == [f"duban: [E001] Input path does not exist: {tmp_path / '无此文件.txt'}"]


@pytest.mark.parametrize("name, first_line", [("out.csv", "id,doc,source"), ("out.md", "| doc | index"),
                                              ("out.jsonl", '{"id": '), ("out.txt", '{"id": ')])
def test_analyze_format_follows_the_output_suffix_unless_given(tmp_path, name, first_line):
    target = tmp_path / name
    assert main(["analyze", "--no-labels", str(SPEECH), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8-sig").startswith(first_line)
    # QA6 L16: a CSV file carries a byte-order mark (Excel on Chinese Windows), nothing else does
    assert target.read_bytes().startswith("\ufeff".encode()) is name.endswith(".csv")
    assert main(["analyze", "--no-labels", str(SPEECH), "-o", str(target), "--format", "jsonl"]) == 0
    assert target.read_text(encoding="utf-8").startswith('{"id": ')


def test_analyze_help_says_folders_are_read(capsys):
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    out = capsys.readouterr().out
    assert "FILE_OR_FOLDER" in out and "folders" in out and "normalised text" in out


@pytest.mark.parametrize("raw", [
    "一、总体情况\n我们完成了ＡＢＣ１２３项任务。\n",                 # full-width letters and digits fold
    "一、总体情况\n我们　完成了  任务，  效果良好。\n",                # ideographic and repeated spaces
    "一、总体情况\r\n我们完成了任务。\r\n二、下步打算\r\n要继续努力。\r\n",  # CRLF line ends
])
def test_analyze_records_index_the_normalised_text(tmp_path, capsys, raw):
    """As documented (README, --help, export.records): ``text`` is ``Document.text[start:end]``, the
    normalised text, and ``Document.offsets`` maps back to the raw file (QA: they differ)."""
    from pipeline.extract import read_path

    path = tmp_path / "doc.txt"
    path.write_bytes(raw.encode("utf-8"))
    assert main(["analyze", "--no-labels", str(path)]) == 0
    records = [json.loads(line) for line in _lines(capsys.readouterr().out)]
    doc = read_path(path)
    assert records and all(r["text"] == doc.text[r["start"]:r["end"]] for r in records)
    spans = [(doc.offsets[r["start"]], doc.offsets[r["end"] - 1] + 1) for r in records]
    assert any(raw[a:b] != r["text"] for (a, b), r in zip(spans, records))    # normalisation changed it
    assert all(a < b <= len(raw) for a, b in spans)
