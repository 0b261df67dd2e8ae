"""Submissions that are no unit's report (pipeline/reference_copies.py, own_part.py): review7 H1."""
from __future__ import annotations

import pipeline
from pipeline.checklist import Checklist, ChecklistItem, load_reference

from conftest import SEED


def test_reference_copies_reply_quoting_every_task_is_a_reply(tmp_path):
    """A bureau's report that quotes each task of the speech before its answer held more than half
    of the tasks word for word and was set aside as "the reference itself" (0 rows, exit 0)."""
    checklist = load_reference(SEED)
    lines = ["某某区教育局关于落实讲话精神情况的报告", ""]
    for i, leaf in enumerate(checklist.leaves, 1):
        lines += [f"{i}．关于“{leaf.text}”", f"我局已于2026年3月召开专题会议部署，开展专项检查{i}次，整改问题{i + 2}个。"]
    reply = tmp_path / "reply.txt"
    reply.write_text("\n".join(lines + ["某某区教育局", "2026年12月20日"]), encoding="utf-8")
    table = pipeline.gaps(SEED, [reply])
    assert table.set_aside == () and len(table.rows) == len(checklist.leaves)


def test_reference_copies_text_form_copying_the_tasks_is_a_reply(tmp_path):
    """QA9 H2's 自查表 as text (aligned columns, every task copied and answered) beside a Checklist."""
    texts = ["开展火灾隐患排查，建立隐患台账", "完善森林防火网格化管理，落实护林员巡山责任",
             "开展森林防火宣传进村入户，发放防火告知书", "清理林区周边可燃物，开设防火隔离带"]
    checklist = Checklist(tuple(ChecklistItem(id=str(i), text=t, title=t.split("，")[0])
                                for i, t in enumerate(texts, 1)), ("通知.docx",))
    lines = ["石门镇森林防火专项整治自查表", "填报单位：石门镇人民政府", "序号    工作任务    落实情况"]
    lines += [f"{i}    {t}    已完成，排查隐患{i * 3}处，整改{i * 2}处。" for i, t in enumerate(texts, 1)]
    form = tmp_path / "石门镇自查表.txt"
    form.write_text("\n".join(lines), encoding="utf-8")
    table = pipeline.gaps(checklist, [form])
    assert table.set_aside == () and len(table.rows) == len(texts)


def _ledger_filled_in(tmp_path, name: str, answer: str):
    """The seed's ledger as a unit returns it: 落实情况 filled in on every row, saved as ``name``."""
    from openpyxl import load_workbook

    from pipeline.checklist import build_checklist
    from pipeline.export.checklist_files import write_checklist

    xlsx = next(p for p in write_checklist(build_checklist([SEED]), tmp_path / "ledger") if p.suffix == ".xlsx")
    book = load_workbook(xlsx)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for r in range(2, sheet.max_row + 1):
        sheet.cell(r, header.index("落实情况") + 1).value = answer
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    book.save(path)
    return path


def test_reference_copies_ledger_returned_filled_by_a_unit_is_its_reply(tmp_path):
    """review7 M3: the office sends the 台账 down and each unit returns it filled in; it was listed
    is_checklist and the unit vanished. A filled ledger whose file name names a body is that body's
    reply; the office's own copy (no unit in its name) is still set aside."""
    answer = "我局召开专题会议3次，开展专项督查12次，整改问题8个。"
    returned = _ledger_filled_in(tmp_path, "区卫生局_任务台账.xlsx", answer)
    table = pipeline.gaps(SEED, [returned])
    assert table.set_aside == () and {r.unit for r in table.rows} == {"区卫生局"}
    own_copy = _ledger_filled_in(tmp_path, "任务台账_已填.xlsx", answer)
    assert [reason for _, reason in pipeline.gaps(SEED, [own_copy]).set_aside] == ["is_checklist"]


def test_reference_copies_notice_beside_a_word_ledger_reference_is_the_reference(tmp_path):
    """qa11 R1 (a regression of bf9d94b): with a Word ledger as the reference, its text (the task
    cells) was taken for the notice's, the notice among the replies was not found in it and was
    assessed as the issuing office's report; .xlsx ledgers were right."""
    from pipeline.checklist import build_checklist
    from pipeline.export.checklist_files import write_checklist
    from tests.batch_fixtures import docx_of

    ledger = next(p for p in write_checklist(build_checklist([SEED]), tmp_path / "ledger") if p.suffix == ".docx")
    notice = tmp_path / "in" / "讲话（转发）.docx"
    notice.parent.mkdir()
    notice.write_bytes(docx_of(SEED.read_text(encoding="utf-8")))
    assert [reason for _, reason in pipeline.gaps(ledger, [notice]).set_aside] == ["is_reference"]
