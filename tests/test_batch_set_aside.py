"""Which submissions are no unit's report, decided the same way by ``duban batch``, ``duban gaps`` and
the notebook's ``pipeline.gaps`` (QA9 H2, M6, M7).

- H2: a 自查表 whose header copies the notice's table (序号 | 工作任务 | 落实情况 | 存在问题) is a reply
  (batch listed it ``is_checklist`` and the unit vanished from every output);
- M7: a ledger duban wrote, as .xlsx or .docx, edited or not, is listed ``is_checklist`` by both
  (gaps assessed both as units, batch the .docx);
- M6: with an edited ledger as the reference, the notice among the replies is ``is_reference`` (it
  became a unit with every task 部分落实), in the notebook too; a reply quoting two tasks word for
  word, or a form listing every task with its answer, stays a reply.
"""
from __future__ import annotations

import csv
import io
import re

import pytest

from conftest import CORPORA, SEED
from pipeline.batch import run_batch
from pipeline.cli import main

REPORT = CORPORA / "gaps" / "reports" / "r01_group1.txt"
ANSWERS = [line for line in REPORT.read_text(encoding="utf-8").splitlines() if line.startswith("（")]


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    """The seed speech's checklist files, as ``duban checklist`` writes them."""
    out = tmp_path_factory.mktemp("ledger")
    assert main(["checklist", str(SEED), "-o", str(out)]) == 0
    return out


def _tasks(ledger):
    from pipeline.export.checklist_read import read_checklist_file

    return read_checklist_file(ledger / "checklist.xlsx").leaves


def _edited_ledger(ledger, path):
    """The ledger as staff return it: 落实情况 filled in, one task reworded."""
    from openpyxl import load_workbook

    book = load_workbook(ledger / "checklist.xlsx")
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for r in range(2, sheet.max_row + 1):
        sheet.cell(r, header.index("落实情况") + 1).value = "已部署。"
    sheet.cell(2, header.index("任务要求") + 1).value = "各督导组要加强学习，提高督导本领。"
    book.save(path)
    return path


def _form_xlsx(path, task_header="工作任务"):
    """石门镇's 自查表, on the seed's topic: title rows, 序号 | 工作任务 | 落实情况 | 存在问题."""
    from openpyxl import Workbook

    book = Workbook()
    for row in (["第二督导组先进性教育活动自查表"], ["填报单位：区委先进性教育活动第二督导组"],
                ["序号", task_header, "落实情况", "存在问题"],
                [1, "开展督导检查", ANSWERS[0], "无"], [2, "推广典型经验", ANSWERS[1], "个别单位学习时间得不到保证。"]):
        book.active.append(row)
    book.save(path)


def _form_docx(path, tasks):
    """A form that copies every task word for word, each answered (a terse 自查表)."""
    from docx import Document

    form = Document()
    form.add_paragraph("第三督导组自查表")
    table = form.add_table(rows=len(tasks) + 1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["序号", "工作任务", "落实情况"]):
        cell.text = text
    for row, item in zip(table.rows[1:], tasks):
        for cell, text in zip(row.cells, [item.id, item.text, "已完成，召开专题会议2次。"]):
            cell.text = text
    form.add_paragraph("区委先进性教育活动第三督导组")
    form.save(str(path))


def _inbox(tmp_path, ledger):
    from tests.batch_fixtures import docx_of

    tasks = _tasks(ledger)
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "r01.txt").write_bytes(REPORT.read_bytes())
    (inbox / "通知（转发）.docx").write_bytes(docx_of(SEED.read_text(encoding="utf-8")))
    (inbox / "任务台账.docx").write_bytes((ledger / "checklist.docx").read_bytes())
    _edited_ledger(ledger, inbox / "台账_已填.xlsx")
    _form_xlsx(inbox / "自查表.xlsx")
    _form_docx(inbox / "逐项自查表.docx", tasks)
    quoting = REPORT.read_text(encoding="utf-8").replace("二、工作方法", f"{tasks[0].text}\n{tasks[1].text}\n二、工作方法")
    (inbox / "r02_quotes_two_tasks.txt").write_text(quoting, encoding="utf-8")
    return inbox


def _batch(inbox, reference, out):
    result = run_batch(inbox, reference=reference, out_dir=out, workers=1, progress=False, store=False,
                       stream=io.StringIO())
    with open(out / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        assessed = {row["report"] for row in csv.DictReader(handle)}
    return {r.path: r.reason for r in result.rows if r.reason in ("is_reference", "is_checklist")}, assessed


def _gaps(inbox, reference, out, capsys):
    capsys.readouterr()
    assert main(["gaps", "-r", str(reference), str(inbox), "-o", str(out)]) == 0
    said = {m.group(1): m.group(2) for m in re.finditer(
        r"duban: (.+?): (a checklist ledger|the reference itself), not assessed", capsys.readouterr().err)}
    reasons = {name: "is_checklist" if what == "a checklist ledger" else "is_reference" for name, what in said.items()}
    with open(out / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        return reasons, {row["report"] for row in csv.DictReader(handle)}


def _notebook(inbox, reference):
    import pipeline

    table = pipeline.gaps(str(reference), sorted(str(p) for p in inbox.iterdir()))
    return dict(table.set_aside), {d.source for d in table.documents}


REPLIES = {"r01.txt", "自查表.xlsx", "逐项自查表.docx", "r02_quotes_two_tasks.txt"}


def test_batch_gaps_and_notebook_set_aside_the_same_files_with_the_speech_as_reference(tmp_path, ledger, capsys):
    inbox = _inbox(tmp_path, ledger)
    expected = {"通知（转发）.docx": "is_reference", "任务台账.docx": "is_checklist", "台账_已填.xlsx": "is_checklist"}
    for run in (lambda: _batch(inbox, SEED, tmp_path / "b"), lambda: _gaps(inbox, SEED, tmp_path / "g", capsys),
                lambda: _notebook(inbox, SEED)):
        reasons, assessed = run()
        assert reasons == expected
        assert assessed == REPLIES


def test_batch_and_gaps_notice_beside_an_edited_ledger_reference_is_the_reference(tmp_path, ledger, capsys):
    """QA9 M6 (and H2/M7 in the same inbox): the reference is the ledger staff edited."""
    inbox = _inbox(tmp_path, ledger)
    reference = _edited_ledger(ledger, tmp_path / "台账_修改.xlsx")
    (inbox / "台账_已填.xlsx").unlink()
    (inbox / "任务台账.xlsx").write_bytes((ledger / "checklist.xlsx").read_bytes())
    expected = {"通知（转发）.docx": "is_reference", "任务台账.docx": "is_checklist", "任务台账.xlsx": "is_checklist"}
    for run in (lambda: _batch(inbox, reference, tmp_path / "b"), lambda: _gaps(inbox, reference, tmp_path / "g", capsys)):
        reasons, assessed = run()
        assert reasons == expected
        assert assessed == REPLIES


def test_notebook_gaps_sets_aside_the_notice_as_the_cli_does(tmp_path, ledger):
    """QA9 M6: ``pipeline.gaps(notice, files)`` made the notice (another format) a unit."""
    from tests.batch_fixtures import docx_of

    import pipeline

    (tmp_path / "通知.docx").write_bytes(docx_of(SEED.read_text(encoding="utf-8")))
    files = [str(tmp_path / "通知.docx"), str(REPORT), str(ledger / "checklist.docx")]
    table = pipeline.gaps(str(SEED), files)
    assert dict(table.set_aside) == {"通知.docx": "is_reference", "checklist.docx": "is_checklist"}
    assert {d.source for d in table.documents} == {REPORT.name}
    assert {r.report for r in table.rows} == {REPORT.name}


@pytest.mark.parametrize("share, expected", [(1.0, True), (0.75, True), (0.5, False), (2 / 12, False)])
def test_reference_copies_notice_holds_most_of_the_tasks(share, expected):
    """The threshold: more than half of the ledger's tasks word for word (QA9's notice holds 11 of 13
    after the edits; a reply that restates the notice, 2)."""
    from pipeline.checklist import Checklist, ChecklistItem
    from pipeline.extract import read_bytes
    from pipeline.reference_copies import holds_the_tasks, task_texts

    texts = [f"第{n}项，各单位要在{n}月底前完成第{n}批次的检查整改工作，建立工作台账。" for n in range(1, 13)]
    tasks = task_texts(Checklist(tuple(ChecklistItem(id=str(n), text=t, title=t[:6]) for n, t in enumerate(texts, 1)), ()))
    kept = texts[:round(share * len(texts))]
    doc = read_bytes(("关于开展检查的通知\n" + "\n".join(kept) + "\n我单位已完成上述工作。\n").encode(), name="x.txt")
    assert holds_the_tasks(doc, tasks) is expected


def _table_doc(header, rows):
    from docx import Document

    from pipeline.extract import read_bytes

    doc = Document()
    doc.add_paragraph("关于开展森林防火专项整治的通知")
    table = doc.add_table(rows=len(rows) + 1, cols=len(header))
    for cells, texts in zip(table.rows, [header, *rows]):
        for cell, text in zip(cells.cells, texts):
            cell.text = text
    out = io.BytesIO()
    doc.save(out)
    return read_bytes(out.getvalue(), name="t.docx")


@pytest.mark.parametrize("header, rows, answered", [
    (["序号", "工作任务", "落实情况", "存在问题"], [["1", "火灾隐患排查", "排查隐患17处，已整改。", "无"]], True),
    (["序号", "工作任务", "完成情况"], [["1", "火灾隐患排查", "已完成"]], True),
    (["序号", "工作任务", "落实情况", "存在问题"], [["1", "火灾隐患排查", "", ""]], False),      # blank template
    (["序号", "工作任务", "具体措施", "牵头单位", "完成时限"],                                     # a notice's 任务分解表
     [["1", "火灾隐患排查", "组织力量开展拉网式排查，建立隐患台账。", "各乡镇", "11月15日前"]], False),
    (["序号", "重点任务", "进度安排", "落实单位"], [["1", "火灾隐患排查", "11月完成排查，12月完成整改", "各乡镇"]], False),
])
def test_reference_copies_answered_form(header, rows, answered):
    """A form answered in a table may copy every task and is a reply; a notice's task table, whose
    措施/进度安排 columns are filled too, is no answered form (else the notice is never recognised)."""
    from pipeline.reference_copies import answered_form

    assert answered_form(_table_doc(header, rows)) is answered
