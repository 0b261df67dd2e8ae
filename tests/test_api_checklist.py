"""``pipeline.checklist`` says what ``duban checklist`` says (QA12 L18: an empty file, or a text without a
task, gave an empty Checklist without a word in a notebook, where the CLI stops with [E007]/[E303])."""
from __future__ import annotations

import shutil
import warnings

import pytest

from tests.conftest import SEED

import pipeline
from pipeline.errors import UsageError


def test_api_checklist_named_unreadable_file_raises_e007(tmp_path):
    empty = tmp_path / "空白通知.txt"
    empty.write_bytes(b"")
    with pytest.raises(UsageError) as caught:
        pipeline.checklist(empty)
    assert caught.value.code == "E007" and "empty" in str(caught.value)


def test_api_checklist_without_tasks_warns_e303(tmp_path):
    note = tmp_path / "情况说明.txt"
    note.write_text("今天上午召开了座谈会。会议由办公室主任主持。参会人员进行了交流。\n", encoding="utf-8")
    with pytest.warns(UserWarning, match=r"\[E303\]"):
        result = pipeline.checklist(note)
    assert result.items == ()


def test_api_checklist_folder_names_the_file_left_out(tmp_path):
    shutil.copy(SEED, tmp_path / "讲话.txt")
    (tmp_path / "损坏.docx").write_bytes(b"PK\x03\x04 not really a docx")
    with pytest.warns(UserWarning, match="损坏.docx: corrupt"):
        result = pipeline.checklist(tmp_path)
    assert len(result.leaves) == 12


def test_api_checklist_of_the_seed_is_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(pipeline.checklist(SEED).leaves) == 12
