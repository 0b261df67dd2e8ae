"""A unit returns duban's ledger with only ITS rows answered: its reply, not the office's copy (QA12 H3).

The office sends the 任务台账 round to every unit; 县住房和城乡建设局 fills 落实情况/佐证材料 on its 3 of
9 tasks and saves it under its name. "Most tasks answered" (review7 M3) made it the office's ledger
(``is_checklist``) and the unit vanished from every output. The ledgers here are written by
``duban checklist``'s writer and filled in with openpyxl / python-docx, as staff do.
"""
from __future__ import annotations

import csv
import io

import pytest

import pipeline
from pipeline.cli import main

NOTICE = """平川县人民政府办公室关于开展城镇燃气安全专项整治的通知
各乡镇人民政府，县直各有关单位：
为切实防范化解燃气安全风险，经县政府同意，决定在全县开展城镇燃气安全专项整治。现将有关事项通知如下：
一、总体要求。各乡镇、各部门要坚持人民至上、生命至上，全面排查整治燃气安全风险隐患，2027年6月底前建立燃气安全管理长效机制。
二、重点任务
（一）全面排查燃气经营企业。县住房和城乡建设局要于2026年12月31日前对全县8家燃气经营企业逐一开展安全检查，建立问题隐患清单。
（二）整治餐饮场所用气安全。县市场监管局要在2027年1月底前完成全县餐饮经营场所燃气泄漏报警装置安装。
（三）推进老旧管网更新改造。县住房和城乡建设局要加快推进老旧燃气管道更新改造，年底前完成改造15公里。
（四）严厉打击非法经营。县公安局要每月至少开展一次专项执法，依法查处非法储存、充装液化石油气行为。
（五）推广安装燃气管道自闭阀。县住房和城乡建设局要在2027年6月30日前完成城区居民用户燃气管道自闭阀安装。
（六）加强瓶装液化气管理。各乡镇人民政府要对辖区内瓶装液化气用户逐户登记建档，2026年12月20日前完成登记。
三、工作要求
（一）加强组织领导。各乡镇、各部门要成立专项整治工作专班，主要负责同志亲自部署。
（二）按时报送信息。各乡镇、各有关单位于每月25日前将工作进展情况报送县住房和城乡建设局。
平川县人民政府办公室
2026年11月20日
"""
UNIT = "县住房和城乡建设局"
OWN_ROWS = ("2.1", "2.3", "2.5")          # the notice's tasks of 县住房和城乡建设局
ANSWERS = {"2.1": ("已对8家燃气经营企业全部开展安全检查，建立问题隐患清单，发现隐患37项。", "检查记录"),
           "2.3": ("已完成老旧燃气管道更新改造15公里。", "验收资料"),
           "2.5": ("已完成城区居民用户燃气管道自闭阀安装1200户。", "")}
# the office's notes in its own copy: on the county's progress, several bodies' rows
OFFICE_NOTES = {"2.1": "住建局已报送。", "2.2": "市场监管局未报送，已催报。", "2.4": "已督办。"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """The notice and the ledger duban writes for it (the real writer)."""
    from pipeline.checklist import build_checklist
    from pipeline.export.checklist_files import write_checklist

    root = tmp_path_factory.mktemp("gas")
    (root / "notice.txt").write_text(NOTICE, encoding="utf-8")
    write_checklist(build_checklist([root / "notice.txt"]), root / "ck")
    return root


def _xlsx(folder, name, answers, *, head=None, sub="in"):
    """The ledger with ``answers`` ({序号: 落实情况 or (落实情况, 佐证材料)}) filled in, saved as ``name``;
    ``head``: a line typed above the table ("填报单位：…")."""
    from openpyxl import load_workbook

    book = load_workbook(folder / "ck" / "checklist.xlsx")
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        answer = answers.get(str(sheet.cell(row, 1).value))
        if answer is not None:
            progress, proof = (answer, "") if isinstance(answer, str) else answer
            sheet.cell(row, header.index("落实情况") + 1).value = progress or None
            sheet.cell(row, header.index("佐证材料") + 1).value = proof or None
    if head:
        sheet.insert_rows(1)
        sheet.cell(1, 1).value = head
    path = folder / sub / name
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _docx(folder, name, answers, sub="in"):
    """The Word ledger with ``answers`` typed into its 落实情况 cells."""
    from docx import Document

    doc = Document(str(folder / "ck" / "checklist.docx"))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    for row in table.rows[1:]:
        answer = answers.get(row.cells[0].text.strip())
        if answer is not None:
            row.cells[header.index("落实情况")].text = answer if isinstance(answer, str) else answer[0]
    path = folder / sub / name
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _assessed(folder, path):
    table = pipeline.gaps(str(folder / "notice.txt"), [str(path)])
    return table, {r.item_id: r for r in table.rows}


@pytest.mark.parametrize("name, head, writer", [
    (f"{UNIT}_任务台账.xlsx", None, _xlsx),                 # QA12 H3: its name on the file, its 3 of 9 rows
    ("任务台账.xlsx", None, _xlsx),                          # named nowhere: its rows are one body's tasks
    ("任务台账.xlsx", f"填报单位：平川{UNIT}", _xlsx),         # a 填报单位 line above the table
    (f"{UNIT}_任务台账.docx", None, _docx),                 # the Word ledger
    ("任务台账.docx", None, _docx),
])
def test_ledger_replies_unit_answering_only_its_rows_is_assessed(folder, tmp_path, name, head, writer):
    path = writer(folder, name, ANSWERS, head=head, sub=tmp_path.name) if head else \
        writer(folder, name, ANSWERS, sub=tmp_path.name)
    table, rows = _assessed(folder, path)
    assert table.set_aside == ()
    assert len({r.unit for r in rows.values()}) == 1 and UNIT in rows["2.1"].unit
    for item_id in OWN_ROWS:
        assert rows[item_id].status in ("covered", "partial"), (item_id, rows[item_id].status)
        assert ANSWERS[item_id][0] in rows[item_id].evidence
    # the rows it left blank: another body's task is not its job, a task of every unit is not shown
    for item_id in ("2.2", "2.4"):
        assert rows[item_id].status == "not_applicable", item_id
    for item_id in ("1", "3.1", "3.2"):
        assert rows[item_id].status == "missing", item_id


def test_ledger_replies_a_single_answer_under_the_units_name_is_its_reply(folder, tmp_path):
    path = _xlsx(folder, f"{UNIT}_任务台账.xlsx", {"2.3": ANSWERS["2.3"]}, sub=tmp_path.name)
    table, rows = _assessed(folder, path)
    assert table.set_aside == () and rows["2.3"].status in ("covered", "partial")
    assert rows["2.1"].status == rows["2.5"].status == "missing"


def test_ledger_replies_only_proof_answered_under_the_units_name_is_its_reply(folder, tmp_path):
    """佐证材料 alone is an answer too; its cells are the rows' own (not "the notice pasted in")."""
    answers = {k: ("", "检查记录、照片") for k in OWN_ROWS}
    table, rows = _assessed(folder, _xlsx(folder, f"{UNIT}_任务台账.xlsx", answers, sub=tmp_path.name))
    assert table.set_aside == () and {r.unit for r in rows.values()} == {UNIT}
    assert all(rows[k].status == "not_applicable" for k in ("2.2", "2.4"))


@pytest.mark.parametrize("name, answers", [
    ("任务台账.xlsx", {}),                                                 # blank, as written
    ("checklist.xlsx", OFFICE_NOTES),                                    # notes on several bodies' rows
    ("任务台账_已填.xlsx", {k: "已部署。" for k in ("1", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2")}),
    ("任务台账.xlsx", {"2.1": "住建局已报送。", "2.3": "住建局已报送。", "2.5": "待反馈。"}),   # notes on one body's rows
    ("任务台账.xlsx", {"2.3": ANSWERS["2.3"]}),                            # one row: too little to tell
    (f"{UNIT}_任务台账.xlsx", {k: "/" for k in OWN_ROWS}),                 # placeholders are no answer
    # qa13 S4: the office's copy saved under the unit's name, only its notes on that unit
    (f"{UNIT}_任务台账.xlsx", {"2.1": "已催报。"}),
    (f"{UNIT}_任务台账.xlsx", {"2.1": "住建局未报送，已催报。", "2.3": "已督办"}),
    (f"{UNIT}_任务台账.xlsx", {"2.2": "市场监管局未报送。"}),
])
def test_ledger_replies_office_copy_stays_the_checklist(folder, tmp_path, name, answers):
    path = _xlsx(folder, name, answers, sub=tmp_path.name)
    table, _ = _assessed(folder, path)
    assert [reason for _, reason in table.set_aside] == ["is_checklist"]
    assert table.rows == ()


def test_ledger_replies_a_real_answer_beside_the_offices_notes_is_the_units_reply(folder, tmp_path):
    """qa13 S4's control: the unit answered 2.3, and the office chased 2.2 in the same file."""
    answers = {"2.3": ANSWERS["2.3"], "2.2": "市场监管局未报送，已催报。"}
    table, rows = _assessed(folder, _xlsx(folder, f"{UNIT}_任务台账.xlsx", answers, sub=tmp_path.name))
    assert table.set_aside == () and rows["2.3"].status in ("covered", "partial")


def test_ledger_replies_batch_assesses_the_unit_named_by_its_rows_as_gaps_does(folder, tmp_path, capsys):
    """``duban batch`` decides in the parent: the unit its rows name, in the manifest and the gap rows."""
    from pipeline.batch import run_batch

    inbox = folder / tmp_path.name / "inbox"
    _xlsx(folder, "任务台账.xlsx", ANSWERS, sub=f"{tmp_path.name}/inbox")
    _xlsx(folder, "checklist.xlsx", OFFICE_NOTES, sub=f"{tmp_path.name}/inbox")
    result = run_batch(inbox, reference=folder / "notice.txt", out_dir=tmp_path / "b", workers=1,
                       progress=False, store=False, stream=io.StringIO())
    manifest = {r.path: r for r in result.rows}
    assert manifest["checklist.xlsx"].reason == "is_checklist"
    assert manifest["任务台账.xlsx"].reason == "" and manifest["任务台账.xlsx"].unit == UNIT
    assert main(["gaps", "-r", str(folder / "notice.txt"), str(inbox), "-o", str(tmp_path / "g")]) == 0
    assert "任务台账.xlsx: a checklist ledger" not in capsys.readouterr().err
    tables = []
    for out in ("b", "g"):
        with open(tmp_path / out / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
            tables.append([(r["unit"], r["item_id"], r["status"], r["evidence"]) for r in csv.DictReader(handle)])
    assert tables[0] == tables[1] and {t[0] for t in tables[0]} == {UNIT}


@pytest.mark.parametrize("cell, answer", [
    ("已完成改造15公里。", True), ("15", True), ("检查记录", True), ("", False), ("  ", False), ("/", False),
    ("／", False), ("—", False), ("无", False), ("暂无", False), ("无。", False),
])
def test_ledger_replies_is_answer(cell, answer):
    from pipeline.ledger_replies import is_answer

    assert is_answer(cell) is answer


@pytest.mark.parametrize("cell, note", [
    ("住建局已报送。", True), ("县市场监管局未报送，已催报。", True), ("待反馈", True), ("已督办。", True),
    ("住房和城乡建设局：已报送", True), ("市场监管局未报送。", True), ("平川县公安局：未报送", False),
    ("会同县市场监管局检查企业8家。", False), ("已完成改造15公里。", False), ("主要负责同志亲自督办，召开专题会3次。", False),
    ("已通报批评3家企业。", False), ("会同县公安局开展联合执法2次。", False),
])
def test_ledger_replies_office_note(folder, cell, note):
    """The other bodies as the notice's ledger names them (县住房和城乡建设局, 县市场监管局, 县公安局):
    "市场监管局未报送" drops the level, "住房和城乡建设局" the level and the short form; 平川县 is no place
    these names carry, 会同县 a verb and a level."""
    from pipeline.actor_answers import actor_parts, is_generic_actor
    from pipeline.checklist import build_checklist
    from pipeline.ledger_replies import office_note

    leaves = build_checklist([folder / "notice.txt"]).leaves
    bodies = {p for i in leaves for p in actor_parts(i.actor or "") if p and not is_generic_actor(p)}
    assert {"县住房和城乡建设局", "县市场监管局", "县公安局"} <= bodies
    assert office_note(cell, bodies) is note


# review8 H3: the level cut off 平川县市场监管局 and 市场监管局 took 市场's 市 too ("场监管局"), so the
# office's "市场监管局未报送" on the two rows of 平川县市场监督管理局 did not read as another body's (县市场监管局)
# note, and the office's copy, named nowhere, was taken for 平川县市场监督管理局's reply
FOOD_NOTICE = """平川县人民政府办公室关于开展食品安全专项整治的通知
各乡镇人民政府，县直各有关单位：
为切实保障群众饮食安全，经县政府同意，决定在全县开展食品安全专项整治。现将有关事项通知如下：
一、重点任务
（一）整治校园周边食品经营。平川县市场监督管理局要于2026年12月31日前对全县校园周边食品经营户逐一开展检查，建立问题清单。
（二）规范农村集体聚餐。平川县市场监督管理局要在2027年3月底前完成农村集体聚餐备案登记制度建设。
（三）抽检食用农产品。县市场监管局要每季度至少开展一次食用农产品抽检，及时公布抽检结果。
（四）整治农贸市场环境。县住房和城乡建设局要在2027年6月30日前完成城区农贸市场改造提升。
（五）打击食品犯罪。县公安局要依法严厉打击制售假冒伪劣食品违法犯罪行为。
平川县人民政府办公室
2026年11月20日
"""


@pytest.fixture(scope="module")
def food(tmp_path_factory):
    from pipeline.checklist import build_checklist
    from pipeline.export.checklist_files import write_checklist

    root = tmp_path_factory.mktemp("food")
    (root / "notice.txt").write_text(FOOD_NOTICE, encoding="utf-8")
    checklist = build_checklist([root / "notice.txt"])
    assert [i.actor for i in checklist.leaves][:3] == ["平川县市场监督管理局", "平川县市场监督管理局", "县市场监管局"]
    write_checklist(checklist, root / "ck")
    return root


@pytest.mark.parametrize("note", ["市场监管局未报送。", "县市场监管局未报送。", "市场监督管理局：未报送"])
def test_ledger_replies_office_note_on_one_bodys_rows_under_another_spelling_stays_the_checklist(food, tmp_path, note):
    path = _xlsx(food, "任务台账.xlsx", {"1.1": note, "1.2": note}, sub=tmp_path.name)
    table, _ = _assessed(food, path)
    assert [reason for _, reason in table.set_aside] == ["is_checklist"] and table.rows == ()


def test_ledger_replies_the_bodys_own_answers_on_those_rows_are_its_reply(food, tmp_path):
    answers = {"1.1": "已检查校园周边食品经营户126户，建立问题清单。", "1.2": "会同县市场监管局制定农村集体聚餐备案登记制度。"}
    table, rows = _assessed(food, _xlsx(food, "任务台账.xlsx", answers, sub=tmp_path.name))
    assert table.set_aside == () and {r.unit for r in rows.values()} == {"平川县市场监督管理局"}


def _item(item_id, actor, progress=""):
    from pipeline.checklist import ChecklistItem

    return ChecklistItem(id=item_id, text=f"任务{item_id}", title=f"任务{item_id}", actor=actor, progress=progress)


ACTORS = {"1": "各乡镇、各部门", "2.1": "县住房和城乡建设局（牵头）、县市场监管局（配合）", "2.2": "县市场监管局",
          "2.3": "县住房和城乡建设局、县财政局", "2.4": "县公安局、县市场监管局", "3.1": "县自然资源局（牵头）、县住房和城乡建设局（配合）",
          "3.2": "县住建局", "4.1": "各乡镇、各有关单位"}


@pytest.mark.parametrize("answered, unit", [
    (("2.1", "2.3", "3.1", "3.2"), "县住房和城乡建设局"),    # its rows, led or joined, under either name
    (("2.1", "2.3", "3.1", "3.2", "4.1", "1"), "县住房和城乡建设局"),   # and rows of every unit
    (("2.3", "3.2"), "县住房和城乡建设局"),                   # 2 of its 4 rows: half
    (("2.3",), ""),                                         # one row: too few
    (("2.1", "2.2"), "县市场监管局"),                        # 2 of 市场监管局's 3 rows (2.1 joined); 住建局's 2.1 alone
    (("2.2", "2.4", "3.2"), ""),                             # several bodies
    (("1", "4.1"), ""),                                     # only rows of every unit
    (tuple(ACTORS), ""),                                    # every row
])
def test_ledger_replies_unit_by_rows(answered, unit):
    from pipeline.ledger_replies import unit_by_rows

    items = [_item(k, a, "已完成相关工作。" if k in answered else "") for k, a in ACTORS.items()]
    assert unit_by_rows(items, [i for i in items if i.progress]) == unit
