"""The frozen data model: immutability, deterministic ids, frames."""
from __future__ import annotations

import dataclasses

import pytest

from pipeline.errors import DubanError, error, warning
from pipeline.model import (Document, Label, LABELS, Passage, Status, content_id, passages_frame, to_dict)


def _doc(**kw):
    p = Passage(passage_id="p1", doc_id="d1", index=0, kind="item", text="一要明确任务。", start=0, end=7,
                path=("一要",), marker="一要", label="requirement", confidence=0.9,
                probs=(("requirement", 0.9), ("other", 0.1)))
    return Document(doc_id="d1", source="a.txt", sha256="x" * 64, file_type="txt", text="一要明确任务。",
                    passages=(p,), **kw)


def test_model_is_frozen():
    doc = _doc()
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.title = "x"  # type: ignore[misc]
    assert doc.with_(title="标题").title == "标题" and doc.title == ""


def test_model_content_id_is_deterministic_and_part_sensitive():
    assert content_id("d", 1, "文本") == content_id("d", 1, "文本")
    assert content_id("d", 1, "文本") != content_id("d", 2, "文本")
    assert len(content_id("x")) == 16


def test_model_labels_match_contract():
    assert LABELS == ("duty", "requirement", "problem", "exemplar", "measure", "other")
    assert Label("duty") is Label.DUTY


@pytest.mark.parametrize("status, ok", [(Status.OK, True), (Status.OK_WITH_WARNINGS, True),
                                        (Status.EMPTY, False), (Status.CORRUPT, False), (Status.SKIPPED, False)])
def test_model_status_is_ok(status, ok):
    assert status.is_ok is ok


def test_model_passages_frame_has_one_row_per_passage():
    frame = passages_frame([_doc(), _doc()])
    assert len(frame) == 2
    assert frame.loc[0, "path"] == ["一要"] and frame.loc[0, "label"] == "requirement"


def test_model_to_dict_converts_enums():
    d = to_dict(_doc(status=Status.EMPTY))
    assert d["status"] == "empty" and d["passages"][0]["path"] == ["一要"]


def test_errors_are_coded_and_formatted():
    assert error("E101").startswith("[E101] ")
    assert warning("W201", announced=4, found=3, marker="第一") == \
        "[W201] count_mismatch: lead-in announces 4 items, found 3 (第一)"
    exc = DubanError("E001", path="nowhere.txt")
    assert str(exc) == "[E001] Input path does not exist: nowhere.txt" and exc.code == "E001"


def test_model_content_id_takes_names_that_are_not_utf8():
    """Regression (QA6 H1 follow-up): read_path's error branches hash the path; a GBK file name
    arrives surrogate-escaped and made str.encode("utf-8") raise. Valid text hashes as before."""
    import hashlib
    import os

    from pipeline.model import content_id

    name = os.fsdecode(b"/inbox/\xb1\xa8\xb8\xe6.xlsx")
    assert content_id(name) == content_id(name) and len(content_id(name)) == 16
    assert content_id("报告", 3) == hashlib.sha256("报告|3".encode("utf-8")).hexdigest()[:16]


def test_model_unreadable_file_with_a_gbk_name_is_a_status_not_a_crash(tmp_path):
    import os

    from pipeline.extract import read_path

    path = os.path.join(os.fsencode(tmp_path), b"\xb1\xa8\xb8\xe6.xlsx")
    with open(path, "wb") as handle:
        handle.write(b"PK\x03\x04junk")
    doc = read_path(os.fsdecode(path))
    assert not doc.status.is_ok and doc.doc_id
