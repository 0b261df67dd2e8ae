"""gap_passages.table_rows: a self-check form (序号 | 任务 | 落实情况 | 存在问题) answered in a table is
read row by row, like the same words written as paragraphs (qa6 H2); data tables pair a label with
its value only within a row."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline import gap_passages
from pipeline.extract import read_bytes
from tests.fixtures.make import make_docx_from_paragraphs, paragraph_xml, table_xml

ROOT = Path(__file__).resolve().parents[1]
SPEECH = ROOT / "corpora" / "unlabeled" / "speech_03.txt"
TITLE = "绍兴市某某小学落实全市教育大会精神自查表"
ROWS = [("1", "全力促均衡", "与3所农村学校组建教育共同体，开展送教下乡20次。", "无"),
        ("2", "保障教师权益", "完善绩效分配方案，3名教师晋升高级职称。", "一线教师工作条件仍需改善。")]
HEADER = ("序号", "任务", "落实情况", "存在问题")


def _form_docx(header=HEADER, rows=ROWS) -> bytes:
    table = table_xml([list(header)] + [list(r) for r in rows])
    return make_docx_from_paragraphs([TITLE], extra_body=table + paragraph_xml("绍兴市某某小学"))


def _form_html(header=HEADER, rows=ROWS) -> bytes:
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return (f"<html><head><meta charset='utf-8'></head><body><p>{TITLE}</p><table><tr>{head}</tr>{body}</table>"
            f"<p>绍兴市某某小学</p></body></html>").encode("utf-8")


def _paragraphs_docx() -> bytes:
    lines = [TITLE.replace("自查表", "自查报告")]
    for marker, (_, task, done, _) in zip("一二", ROWS):
        lines += [f"{marker}、{task}", done]
    return make_docx_from_paragraphs(lines + ["绍兴市某某小学"])


def _units(data: bytes, name: str):
    doc = read_bytes(data, name=name)
    return gap_passages.table_rows([p for p in doc.passages if p.is_content and p.kind != "title"])


@pytest.mark.parametrize("data,name", [(_form_docx(), "form.docx"), (_form_html(), "form.html")])
def test_gap_passages_form_row_is_one_item(data, name):
    units = _units(data, name)
    shown = [(u.kind, u.text, u.section, u.path[-1:], u.label, u.lead_in) for u in units]
    assert shown == [
        ("heading", "全力促均衡", "全力促均衡", ("1",), "", ""),
        ("sentence", ROWS[0][2], "全力促均衡", ("1",), "", ""),
        ("heading", "保障教师权益", "保障教师权益", ("2",), "", ""),
        ("sentence", ROWS[1][2], "保障教师权益", ("2",), "", ""),
        ("sentence", ROWS[1][3], "保障教师权益", ("2",), "problem", "存在问题"),
    ]
    # a row is one node: the answer and the admission borrow the 任务 cell's words
    assert len({u.node_id for u in units[:2]}) == 1 and units[0].node_id != units[2].node_id
    assert all(u.node_id.startswith(gap_passages.ROW_NODE) for u in units)
    assert not any(u.text.endswith(("：1", "：2")) for u in units)       # no 序号 glued to an answer
    flags = gap_passages.topic_headings(units)
    assert flags == [True, False, True, False, False]


def test_gap_passages_form_topic_cell_never_evidence_however_long():
    task = "全力促均衡：通过集团化办学、组建教育共同体等途径，加大城乡教育一体化统筹力度"
    units = _units(_form_docx(rows=[("1", task, "与3所农村学校组建教育共同体，开展送教下乡20次。", "无")]), "f.docx")
    assert [u.kind for u in units] == ["heading", "sentence"]
    assert gap_passages.topic_headings(units) == [True, False]


def test_gap_passages_form_context_is_the_task_cell():
    units = _units(_form_docx(), "form.docx")
    own = [["x"] for _ in units]
    context = gap_passages.context_terms(units, own)
    assert "均衡" in "".join(context[1])        # 全力促均衡, a cell too short to survive as a passage
    assert "教师" in "".join(context[4])


@pytest.mark.parametrize("header", [("项目", "完成情况"), ("工作任务", "推进情况"), ("重点任务", "工作措施及成效")])
def test_gap_passages_form_header_wordings(header):
    units = _units(_form_docx(header=header, rows=[("全力促均衡", "开展送教下乡20次，组建教育共同体。")]), "f.docx")
    assert [(u.kind, u.section) for u in units] == [("heading", "全力促均衡"), ("sentence", "全力促均衡")]


def test_gap_passages_form_figure_answer_reads_with_its_topic():
    units = _units(_form_docx(header=("项目", "完成情况"), rows=[("送教下乡", "20次"), ("组建教育共同体", "3个")]), "f.docx")
    assert [u.text for u in units if u.kind == "sentence"] == ["送教下乡：20次", "组建教育共同体：3个"]


def test_gap_passages_data_table_pairs_within_a_row_only():
    # no 任务/落实情况 header: a data table; a value cell pairs with the label before it in its row,
    # never with the last cell of the row above
    table = table_xml([["指标", "数量"], ["列席会议", "18次"], ["谈心谈话情况", "32人"], ["5", "开展专题调研。"]])
    units = _units(make_docx_from_paragraphs(["正文。"], extra_body=table), "d.docx")
    texts = [u.text for u in units if u.kind == "table_cell"]
    assert texts == ["指标", "数量", "列席会议：18次", "谈心谈话情况：32人", "5", "开展专题调研。"]


def test_gap_passages_cells_without_a_place_pair_as_before():
    from dataclasses import replace

    units = [replace(u, cell=()) for u in _units_raw(["甲项工作", "18次", "乙项"])]
    assert [u.text for u in gap_passages.table_rows(units)] == ["甲项工作：18次", "乙项"]


def _units_raw(cells):
    doc = read_bytes(make_docx_from_paragraphs([], extra_body=table_xml([cells])), name="r.docx")
    return [p for p in doc.passages if p.kind == "table_cell"]


def test_gap_passages_form_scores_like_paragraphs(tmp_path):
    """qa6 H2: the same sentences as a Word/HTML table and as paragraphs get the same statuses; a
    存在问题 cell is the unit's admission."""
    import pipeline

    answers = [r[:3] for r in ROWS]
    files = {"form.docx": _form_docx(HEADER[:3], answers), "form.html": _form_html(HEADER[:3], answers),
             "para.docx": _paragraphs_docx(), "admits.docx": _form_docx()}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    frame = pipeline.gaps(SPEECH, [tmp_path / n for n in files]).to_frame()
    status = {(Path(r.report).name, r.item_id): (r.status, r.score, r.evidence) for r in frame.itertuples()}
    for item in ("2.2", "3.2"):
        para = status[("para.docx", item)]
        assert para[0] == "covered"
        for form in ("form.docx", "form.html"):
            got = status[(form, item)]
            assert got[0] == para[0], (form, item, got, para)
            assert abs(got[1] - para[1]) < 0.1
            assert got[2] == para[2]                     # the answer alone: no "：2" glued on
    assert status[("admits.docx", "2.2")][0] == "covered"                # its 存在问题 is "无"
    assert status[("admits.docx", "3.2")][0] == "problem_acknowledged"
    assert status[("admits.docx", "3.2")][2].startswith(ROWS[1][3])


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_gap_passages_form_in_odt_reads_like_docx(tmp_path):
    """The same form saved as .odt by LibreOffice (read back through its .docx conversion)."""
    source = tmp_path / "form.docx"
    source.write_bytes(_form_docx())
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "odt", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    odt = _units((tmp_path / "form.odt").read_bytes(), "form.odt")
    docx = _units(source.read_bytes(), "form.docx")
    assert [(u.kind, u.text, u.section, u.label) for u in odt] == [(u.kind, u.text, u.section, u.label) for u in docx]


@pytest.mark.parametrize("text, caption", [
    ("校党委书记王琛在会上发言", True),                      # a photo caption in a school's news
    ("绍兴文理学院研究生联合培养基地", True),
    ("我校组织全体教师开展师德师风专题培训12次。", False),   # a sentence
    ("学校现有以下几类课程：", False),                       # a lead-in, not a caption
    ("全年共组织党员集中学习12次，撰写心得体会86篇，开展专题研讨6次，参与率达到百分之百", False),  # long
])
def test_gap_passages_short_unclosed_lines_are_topics_not_evidence(text, caption):
    """QA7 M7: captions and subtitles were evidence of any task sharing one of their words."""
    from types import SimpleNamespace

    from pipeline.gap_passages import topic_headings

    passage = SimpleNamespace(text=text, kind="sentence", node_id="", path=())
    assert topic_headings([passage]) == [caption]


def test_gap_passages_a_form_s_category_row_is_a_heading_not_an_answer(tmp_path):
    """QA7 M5: a category row merged across the form ("一、安全教育") was evidence of tasks sharing its words."""
    import docx

    from pipeline.gap_passages import table_rows, topic_headings
    from pipeline.gaps import _prepare

    document = docx.Document()
    document.add_paragraph("某某小学安全工作自查表")
    table = document.add_table(rows=0, cols=3)
    for values in [("序号", "任务", "落实情况"), ("一、安全教育", "", ""), ("1", "防溺水教育", "召开主题班会48场。")]:
        row = table.add_row()
        for cell, value in zip(row.cells, values):
            cell.text = value
        if not values[1]:
            row.cells[0].merge(row.cells[2])
    document.save(tmp_path / "form.docx")
    units = table_rows([p for p in _prepare(tmp_path / "form.docx").passages if p.is_content and p.kind != "title"])
    category = [u for u in units if u.text.strip() == "一、安全教育"]
    assert len(category) == 1 and category[0].kind == "heading"
    assert topic_headings(category) == [True]
