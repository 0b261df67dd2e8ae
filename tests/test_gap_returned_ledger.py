"""duban's own ledger returned filled in by a unit is read row by row, each row's answer its only
evidence (qa11 S2).

"县林业局_任务台账.xlsx": its 任务要求 cells are the notice's sentences. Cut away as "the notice pasted
in" (``own_part``), the rows below 三、任务分工 lost their 任务 and their answers ran together under that
row (3.4's answer cited under 3.1, 3.4 未体现); and cells that answer nothing (责任主体 "县气象局（牵头）",
来源 "森林防火通知.docx") were evidence of whatever task they resembled (``table_roles.FORM_ROLES``).
The ledger is the one ``duban checklist`` writes, filled in with openpyxl.
"""
from __future__ import annotations

import pytest

from pipeline.cli import main
from pipeline.gaps import build_gaps
from tests.test_gap_quoted_replies import ANSWERS, NOTICE


@pytest.fixture(scope="module")
def ledger_dir(tmp_path_factory):
    """The notice and the ledger ``duban checklist`` writes for it (the real writers)."""
    folder = tmp_path_factory.mktemp("notice")
    (folder / "notice.txt").write_text(NOTICE, encoding="utf-8")
    assert main(["checklist", str(folder / "notice.txt"), "-o", str(folder / "ck")]) == 0
    return folder


def _fill(ledger_dir, name: str):
    """The ledger as 县林业局 returns it: 落实情况 filled on every task, a 责任主体 named on two rows."""
    from openpyxl import load_workbook

    book = load_workbook(ledger_dir / "ck" / "checklist.xlsx")
    sheet = book.active
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in ("序号", "责任主体", "落实情况")}
    actors = {"3.2": "县林业局（牵头）", "3.3": "县气象局（牵头）"}
    for row in range(2, sheet.max_row + 1):
        item_id = str(sheet.cell(row, col["序号"]).value)
        if item_id in ANSWERS:
            sheet.cell(row, col["落实情况"]).value = ANSWERS[item_id] if item_id != "3.3" else "不涉及。"
        if item_id in actors:
            sheet.cell(row, col["责任主体"]).value = actors[item_id]
    inbox = ledger_dir / "inbox"
    inbox.mkdir(exist_ok=True)
    book.save(inbox / name)
    return inbox / name


def test_gap_returned_ledger_quotes_only_its_rows_own_answers(ledger_dir):
    returned = _fill(ledger_dir, "县林业局_任务台账.xlsx")
    table = build_gaps(ledger_dir / "notice.txt", [returned])
    assert not table.set_aside
    rows = {r.item_id: r for r in table.rows}
    assert {r.unit for r in rows.values()} == {"县林业局"}
    for item_id, row in rows.items():
        # only the row's own answer, never another row's, its 责任主体 or the ledger's 来源
        assert set(row.evidence.splitlines()) <= {ANSWERS[item_id]}, (item_id, row.evidence)
    # each answer on its own task (3.2's was cited under 3.1, and 3.2 was 未体现)
    assert rows["3.2"].status in ("covered", "partial") and rows["3.2"].evidence == ANSWERS["3.2"]
    assert rows["3.1"].evidence == ANSWERS["3.1"]
    assert rows["2.4"].status == "covered"


def test_gap_returned_ledgers_task_cells_are_not_cut_as_the_pasted_notice(ledger_dir):
    """The ledger's 任务要求 cells are the notice's sentences; they are its rows' 任务, not the notice
    pasted in: the file is assessed whole (its 任务 cells headings, never evidence)."""
    from pipeline.extract import read_path
    from pipeline.own_part import split_reference

    doc = read_path(_fill(ledger_dir, "县林业局_任务台账.xlsx"))
    assert split_reference(doc, NOTICE, ()).holds is False


def test_gap_returned_ledger_rows_read_as_task_and_answer_only(ledger_dir):
    """Read as evidence units, each row of the returned ledger is its 任务 (a heading) and its answer; its
    责任主体, 来源, 条目层级 and the hidden 原任务简称 are no unit at all (they were loose cells any task
    could take as evidence: "县气象局（牵头）" under 加强野外火源管控, the file name under 3.1)."""
    from openpyxl import load_workbook

    from pipeline.extract import read_path
    from pipeline.gap_passages import ROW_NODE, table_rows

    path = _fill(ledger_dir, "县林业局_任务台账.xlsx")
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    located = {str(v) for name in ("责任主体", "来源", "条目层级", "页码", "截断", "原任务简称")
               for row in sheet.iter_rows(min_row=2, values_only=True) if (v := row[header.index(name)])}
    doc = read_path(path)
    units = table_rows([p for p in doc.passages if p.is_content])
    assert not [u.text for u in units if u.kind != "heading" and u.text in located]
    answers = [u for u in units if u.kind != "heading"]
    assert answers and all(u.node_id.startswith(ROW_NODE) for u in answers)
    # every answer sits under its own row's 任务 (3.2's under 2.清理林区周边可燃物…, not 三、任务分工)
    headings = {u.node_id: u.text for u in units if u.kind == "heading"}
    tasks = {str(row[0]): row[header.index("任务要求")] for row in sheet.iter_rows(min_row=2, values_only=True)}
    row_of = {v: k for k, v in ANSWERS.items() if k != "3.3"}      # 3.3 is filled "不涉及。"
    for u in answers:
        if u.text in row_of:
            assert headings[u.node_id].startswith(tasks[row_of[u.text]]), (u.text, headings[u.node_id])


def _fill_word(ledger_dir, name: str):
    """The Word ledger (checklist.docx, its ☐ list above the 任务台账 table) as 县林业局 returns it."""
    import docx

    book = docx.Document(str(ledger_dir / "ck" / "checklist.docx"))
    table = book.tables[-1]
    header = [c.text.strip() for c in table.rows[0].cells]
    for row in table.rows[1:]:
        item_id = row.cells[0].text.strip()
        if item_id in ANSWERS:
            row.cells[header.index("落实情况")].text = ANSWERS[item_id] if item_id != "3.3" else "不涉及。"
    inbox = ledger_dir / "inbox_word"
    inbox.mkdir(exist_ok=True)
    book.save(str(inbox / name))
    return inbox / name


@pytest.mark.parametrize("reference", ["notice.txt", "ck/checklist.xlsx"])
def test_gap_returned_ledger_in_word_quotes_only_its_table_answers(ledger_dir, reference):
    """A Word ledger returned filled in: its ☐ lines ("☐ 2.3 加强扑火队伍建设（责任主体：…）") and the task
    texts under them are duban's, not the unit's; only the table's answers are evidence, each on its
    row (the ☐ line alone made 2.3 已落实). With the notice or the ledger as the reference alike."""
    returned = _fill_word(ledger_dir, "县林业局_任务台账.docx")
    rows = {r.item_id: r for r in build_gaps(ledger_dir / reference, [returned]).rows}
    assert {r.unit for r in rows.values()} == {"县林业局"}
    for item_id, row in rows.items():
        assert set(row.evidence.splitlines()) <= {ANSWERS[item_id]}, (item_id, row.evidence)
    assert rows["3.2"].evidence == ANSWERS["3.2"] and rows["3.1"].evidence == ANSWERS["3.1"]
    assert rows["3.3"].status in ("missing", "not_applicable")
