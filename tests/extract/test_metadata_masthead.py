"""metadata over a red-head document's 版头 and 版记 (党政机关公文格式, GB/T 9704; QA12 L20).

A 红头 report opens "平川县住房和城乡建设局文件" / "平住建〔2026〕55号" above its title and closes with the
成文日期, a 附注 and the 版记 (抄送, 印发): the title is the "关于…的报告" line alone, the unit is the body
the 发文机关标志 names and the date is the 成文日期 above the 版记.
"""
from __future__ import annotations

import pytest

from pipeline.extract import read_bytes
from pipeline.extract.masthead import closing_lines, is_masthead_line, issuer_bodies
from pipeline.extract.metadata import detect, title_block
from tests.fixtures.make import make_docx_from_paragraphs

_BODY = "我局对全县8家燃气经营企业逐一开展了安全检查。老旧管网改造完成9公里。"


def _meta(text: str):
    return detect([line for line in text.split("\n") if line.strip()])


@pytest.mark.parametrize("line, expected", [
    ("平住建〔2026〕55号", True), ("国办发〔2019〕5号", True), ("平政办函[2026]3号", True),
    ("平住建〔2026〕第55号", True), ("平住建〔2026〕55号 签发人：张建华", True), ("签发人：张建华", True),
    ("000123", True), ("秘密★1年", True), ("特急", True), ("━━━━━━━━━━", True),
    ("关于城镇燃气安全专项整治工作进展情况的报告", False), ("2026年12月5日", False),
    ("按照平政办〔2026〕12号文件要求，我局开展了检查。", False), ("55号", False), ("一、工作开展情况", False),
])
def test_masthead_lines(line, expected):
    assert is_masthead_line(line) is expected


@pytest.mark.parametrize("line, bodies", [
    ("平川县住房和城乡建设局文件", ["平川县住房和城乡建设局"]),
    ("中共平川县委员会 平川县人民政府文件", ["中共平川县委员会", "平川县人民政府"]),
    ("关于转发省厅文件", ["关于转发省厅"]),          # the caller checks each is a body's name
    ("平川县住房和城乡建设局", []),
])
def test_masthead_issuer_bodies(line, bodies):
    assert issuer_bodies(line) == bodies


@pytest.mark.parametrize("lines, n", [
    (["正文。", "2026年12月5日", "（联系人：王建国，电话：0871-6123456）", "抄送：县委办公室。",
      "平川县住房和城乡建设局办公室 2026年12月5日印发"], 3),
    (["正文。", "平川县人民政府", "2026年12月5日", "抄送：县委办公室。", "（共印20份）"], 2),
    (["正文。", "平川县人民政府", "2026年12月5日"], 0),
    (["正文。", "我们将抄送有关部门。"], 0),
])
def test_masthead_closing_lines(lines, n):
    assert closing_lines(lines) == n


_RED_HEAD = ("平川县住房和城乡建设局文件\n平住建〔2026〕55号\n关于城镇燃气安全专项整治工作进展情况的报告\n县人民政府办公室：\n"
             f"{_BODY}\n2026年12月5日\n（联系人：王建国，电话：0871-6123456）\n抄送：县委办公室，县人大常委会办公室。\n"
             "平川县住房和城乡建设局办公室 2026年12月5日印发")


@pytest.mark.parametrize("text, title, unit, date", [
    (_RED_HEAD, "关于城镇燃气安全专项整治工作进展情况的报告", "平川县住房和城乡建设局", "2026-12-05"),
    # 份号, 密级, 紧急程度 and a report's 签发人 above the title; a signature above the 成文日期
    ("000123\n秘密★1年\n特急\n平川县应急管理局文件\n平应急〔2026〕8号 签发人：张建华\n━━━━━━━━━━\n"
     f"关于森林防火工作的情况报告\n县人民政府：\n{_BODY}\n平川县应急管理局\n2026年12月6日\n抄送：市应急管理局。",
     "关于森林防火工作的情况报告", "平川县应急管理局", "2026-12-06"),
    # a joint head: the first body issues it
    ("中共石门镇委员会 石门镇人民政府文件\n石发〔2026〕3号\n关于安全生产工作的自查报告\n"
     f"县委、县政府：\n{_BODY}\n2026年11月30日",
     "关于安全生产工作的自查报告", "中共石门镇委员会", "2026-11-30"),
    # 信函格式: the body's name without 文件, the 文号 under it; and a 文号 printed under the title
    (f"平川县人民政府办公室\n平政办函〔2026〕3号\n关于燃气安全检查情况的报告\n{_BODY}\n2026年12月1日",
     "关于燃气安全检查情况的报告", "平川县人民政府办公室", "2026-12-01"),
    (f"关于燃气安全检查情况的报告\n平住建〔2026〕56号\n{_BODY}\n平川县住房和城乡建设局\n2026年12月2日",
     "关于燃气安全检查情况的报告", "平川县住房和城乡建设局", "2026-12-02"),
    # no 成文日期 at all: the 版记's 印发 date
    (f"平川县住房和城乡建设局文件\n平住建〔2026〕57号\n关于燃气安全检查情况的报告\n{_BODY}\n"
     "抄送：县委办公室。\n平川县住房和城乡建设局办公室 2026年12月8日印发",
     "关于燃气安全检查情况的报告", "平川县住房和城乡建设局", "2026-12-08"),
])
def test_metadata_red_head_report(text, title, unit, date):
    meta = _meta(text)
    assert (meta.title, meta.unit, meta.date, meta.kind) == (title, unit, date, "report")


def test_metadata_red_head_lines_do_not_crowd_out_a_long_title():
    lines = ["000123", "秘密★1年", "特急", "平川县应急管理局文件", "平应急〔2026〕8号", "━━━━━━━━━━",
             "关于森林防火", "专项整治工作", "进展情况的报告", "县人民政府：", _BODY]
    assert title_block(lines) == 9
    assert detect(lines).title == "关于森林防火 专项整治工作 进展情况的报告"


def test_metadata_red_head_notice_title():
    text = ("平川县人民政府办公室文件\n平政办发〔2026〕12号\n关于开展城镇燃气安全专项整治的通知\n各乡镇人民政府：\n"
            "各单位要高度重视。各乡镇要在12月20日前完成登记。\n平川县人民政府办公室\n2026年11月20日\n"
            "抄送：县委办公室。\n平川县人民政府办公室 2026年11月20日印发")
    meta = _meta(text)
    assert (meta.title, meta.kind, meta.date) == ("关于开展城镇燃气安全专项整治的通知", "speech", "2026-11-20")


def test_metadata_plain_report_keeps_its_signature():
    meta = _meta(f"燃气安全检查情况报告\n{_BODY}\n平川县住房和城乡建设局\n2026年12月2日")
    assert (meta.title, meta.unit, meta.date, meta.signature_lines) == (
        "燃气安全检查情况报告", "平川县住房和城乡建设局", "2026-12-02", 2)


def test_metadata_red_head_docx_passages():
    """The .docx as Word saves a 红头 report: 版头, 版记 and 附注 are title passages, the body is not."""
    data = make_docx_from_paragraphs(_RED_HEAD.split("\n"), footer="— 1 —")
    doc = read_bytes(data, name="红头报告.docx")
    assert (doc.title, doc.unit, doc.date) == ("关于城镇燃气安全专项整治工作进展情况的报告", "平川县住房和城乡建设局",
                                               "2026-12-05")
    kinds = {p.text: p.kind for p in doc.passages}
    assert kinds["平住建〔2026〕55号"] == "title"
    assert kinds["抄送：县委办公室，县人大常委会办公室。"] == "title"
    assert kinds["（联系人：王建国，电话：0871-6123456）"] == "title"
    assert kinds["我局对全县8家燃气经营企业逐一开展了安全检查。"] == "sentence"


@pytest.mark.parametrize("first_line, title", [
    # OCR joined the 文号 onto the title line, its 〔〕 read as [ ]
    ("平川县人民政府办公室关于开展城镇燃气安全专项整治的通知平政办发 [2026] 18号",
     "平川县人民政府办公室关于开展城镇燃气安全专项整治的通知"),
    ("关于开展专项整治的通知 平政办发〔2026〕18号", "关于开展专项整治的通知"),
    ("关于落实平政办发〔2026〕18号文件情况的报告", "关于落实平政办发〔2026〕18号文件情况的报告"),   # cited, not run on
])
def test_metadata_title_without_the_doc_number_run_onto_it(first_line, title):
    assert _meta(f"{first_line}\n各乡镇人民政府：\n各乡镇要高度重视。").title == title


def test_metadata_red_head_letter_spaced_and_typed_page_number():
    """A .txt copy of a 公文: the head set letter-spaced, the page number typed under the 版记."""
    text = ("平 川 县 应 急 管 理 局 文 件\n平应急〔2026〕9号\n关于燃气安全检查情况的报告\n县人民政府：\n"
            f"{_BODY}\n平川县应急管理局\n2026年12月7日\n抄送：市应急管理局。\n— 1 —")
    meta = _meta(text)
    assert (meta.title, meta.unit, meta.date, meta.signature_lines) == (
        "关于燃气安全检查情况的报告", "平川县应急管理局", "2026-12-07", 4)
