"""The ledger checks run on every reply and on ``-r``: a zip bomb is refused before openpyxl or
python-docx inflates it (helper-69: a 480 KB .docx unpacking to 300 MB took 5.9 GB of memory in
``duban gaps`` through ``checklist_read._docx_parts``, while its reader refused it at once)."""
from __future__ import annotations

import io
import zipfile

import pytest

from tests.fixtures.hostile import make_zip_bomb_docx

from pipeline.errors import DubanError
from pipeline.export import checklist_read


def _xlsx_bomb() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["序号", "任务要求"])
    book.active.append(["1", "督导组要落实督察任务。"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/pad.xml", "<a>" + "x" * (130 * 1024 * 1024) + "</a>")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    (folder / "台账.docx").write_bytes(make_zip_bomb_docx())
    (folder / "台账.xlsx").write_bytes(_xlsx_bomb())
    return folder


@pytest.fixture()
def no_inflating(monkeypatch):
    """Records any call of the parsers (the ledger checks swallow their exceptions)."""
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("a bomb reached the parser")

    monkeypatch.setattr("docx.Document", refuse)
    monkeypatch.setattr("openpyxl.load_workbook", refuse)
    return calls


@pytest.mark.parametrize("name", ["台账.docx", "台账.xlsx"])
def test_checklist_read_bomb_is_refused_before_parsing(bombs, no_inflating, name):
    with pytest.raises(DubanError) as caught:
        checklist_read.read_checklist_file(bombs / name)
    assert caught.value.code == "E003" and "too_large" in str(caught.value) and not no_inflating


@pytest.mark.parametrize("check", ["looks_like_checklist", "duban_ledger", "written_word_ledger"])
def test_checklist_read_ledger_checks_say_no_to_a_bomb(bombs, no_inflating, check):
    assert getattr(checklist_read, check)(bombs / "台账.docx") is False and not no_inflating


def test_checklist_read_too_large_workbook_is_refused_by_its_size_alone(tmp_path, no_inflating, monkeypatch):
    """review8 M5: the size is checked before the bytes are read (a multi-GB .xlsx is never loaded)."""
    from pipeline.config import DEFAULT_LIMITS

    big = tmp_path / "big.xlsx"
    with open(big, "wb") as handle:                 # sparse: no disk used
        handle.truncate(DEFAULT_LIMITS.max_file_bytes + 1)

    def no_reading(self, *args, **kwargs):
        raise AssertionError("the bytes were read")

    monkeypatch.setattr("pathlib.Path.read_bytes", no_reading)
    with pytest.raises(DubanError) as caught:
        checklist_read.read_checklist_file(big)
    assert caught.value.code == "E003" and "too_large" in str(caught.value) and not no_inflating
