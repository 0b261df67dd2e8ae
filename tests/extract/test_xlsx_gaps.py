"""A 自查表 sent as .xlsx is assessed exactly like the same form saved as .docx; a checklist ledger
(.xlsx written by ``duban checklist``) given as the reference is still read as a ledger."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import UNLABELED
from tests.test_gaps_problems import FORM, _form_docx

from pipeline.gaps import build_gaps


def _form_xlsx(path: Path, *, merge_lines: bool = True) -> Path:
    """The rows of ``FORM`` as a workbook: title merged across, the form, the unit and date under it
    (merged across the form, or typed into column A)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["绍兴市某某小学落实全市教育大会精神自查表"])
    ws.merge_cells("A1:D1")
    for values in FORM:
        ws.append([int(v) if v.isdigit() else v for v in values])     # 序号 typed as numbers, as Excel users do
    for line in ("绍兴市某某小学", "2024年12月10日"):
        ws.append([line])
        if merge_lines:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
    wb.save(path)
    return path


def _statuses(table) -> list[tuple[str, str, str, str]]:
    """Each row's task, status, unit and evidence place (the file's suffix left out)."""
    return [(r.item_id, r.status, r.unit, r.evidence_location.replace(".xlsx", ".docx")) for r in table.rows]


@pytest.fixture(scope="module", params=[True, False], ids=["lines-merged", "lines-in-column-a"])
def both(tmp_path_factory, request):
    folder = tmp_path_factory.mktemp("forms")
    docx_table = build_gaps(UNLABELED / "speech_03.txt", [_form_docx(folder / "自查表.docx")])
    xlsx_path = _form_xlsx(folder / "自查表.xlsx", merge_lines=request.param)
    xlsx_table = build_gaps(UNLABELED / "speech_03.txt", [xlsx_path])
    return docx_table, xlsx_table


def test_xlsx_gaps_document_metadata_matches_the_docx_form(tmp_path):
    from pipeline.extract import read_path

    docx_doc = read_path(_form_docx(tmp_path / "自查表.docx"))
    for merge_lines in (True, False):
        xlsx_doc = read_path(_form_xlsx(tmp_path / "自查表.xlsx", merge_lines=merge_lines))
        assert (xlsx_doc.kind, xlsx_doc.unit, xlsx_doc.title) == (docx_doc.kind, docx_doc.unit, docx_doc.title)
        assert [(p.kind, p.text) for p in xlsx_doc.passages] == [(p.kind, p.text) for p in docx_doc.passages]


def test_xlsx_gaps_form_statuses_match_the_docx_form(both):
    docx_table, xlsx_table = both
    assert _statuses(xlsx_table) == _statuses(docx_table)
    assert {r.status for r in xlsx_table.rows} >= {"problem_acknowledged"}     # the 存在问题 cell counts


def test_xlsx_gaps_problems_list_the_form_s_admission(both):
    _, xlsx_table = both
    assert "一线教师工作条件仍需改善。" in {p["text"] for p in xlsx_table.problem_records()}


def test_xlsx_gaps_ledger_reference_is_still_a_ledger(tmp_path):
    from pipeline.checklist import build_checklist, load_reference
    from pipeline.export.checklist_files import write_checklist

    checklist = build_checklist([UNLABELED / "speech_03.txt"])
    written = [p for p in write_checklist(checklist, tmp_path) if p.suffix == ".xlsx"]
    assert written
    again = load_reference(written[0])
    assert [i.text for i in again.items] == [i.text for i in checklist.items]
