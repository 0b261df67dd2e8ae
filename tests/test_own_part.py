"""A reply with the notice pasted on top is that unit's report, assessed on its own part (QA10 N2);
an inspection team's report on other units is listed, not assessed as a unit (QA10 N11).

N2: 西山区 pasted the whole notice and appended its answer. With the notice as the reference the
file was set aside as "the reference itself" (西山区 vanished, manifest "ok"); with an edited ledger
it became the issuing office with the notice's own sentences as evidence. Now it is 西山区人民政府's
report, its task (四) 已落实 on its own sentence, and no passage of the notice is evidence.
"""
from __future__ import annotations

import io

import pytest

from pipeline.batch import run_batch
from pipeline.cli import main
from qa10_fixtures import INSPECTION, NOTICE, WATER, XISHAN_ANSWER, docx_bytes, gaps_csv, said, write

PASTED = "西山区报告（附通知）.docx"
NOTICE_LINES = {line.strip() for line in NOTICE.splitlines() if line.strip()}


def _inbox(tmp_path):
    folder = write(tmp_path / "in", {"市水务局报告.txt": WATER, "督查组督查情况报告.txt": INSPECTION})
    (folder / PASTED).write_bytes(docx_bytes(NOTICE + XISHAN_ANSWER))
    (folder / "通知（转发）.docx").write_bytes(docx_bytes("转发\n" + NOTICE))      # the notice alone: set aside
    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    return notice, folder


@pytest.fixture
def ledger(tmp_path):
    """The notice's ledger, edited as staff do: a task reworded, 落实情况 filled."""
    from openpyxl import load_workbook

    notice = tmp_path / "n.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    assert main(["checklist", str(notice), "-o", str(tmp_path / "ck")]) == 0
    book = load_workbook(tmp_path / "ck" / "checklist.xlsx")
    sheet = book.active
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("任务要求") + 1).value = "市水务局要加快城区黑臭水体治理，完成青龙河段截污纳管。"
    book.save(tmp_path / "台账_修改.xlsx")
    return tmp_path / "台账_修改.xlsx"


def _xishan_rows(rows):
    return [r for r in rows if r["report"] == PASTED]


def _check(rows):
    """西山区 is assessed as itself, on its own part: (四) covered on its own sentence, the
    notice's sentences quoted nowhere, no unit named after the notice's issuer."""
    mine = _xishan_rows(rows)
    assert mine and {r["unit"] for r in mine} == {"西山区人民政府"}
    task = [r for r in mine if "除臭" in r["item_text"]]
    assert task and task[0]["status"] == "covered" and "我区已完成" in task[0]["evidence"]
    quoted = {line.strip() for r in mine for line in r["evidence"].splitlines()}
    assert not quoted & NOTICE_LINES
    assert not any("江州市人民政府办公室" in r["unit"] for r in rows)
    assert not any(r["report"] == "通知（转发）.docx" for r in rows)


@pytest.mark.parametrize("reference", ["notice", "ledger"])
def test_pasted_notice_reply_is_assessed_on_its_own_part_by_gaps_batch_and_notebook(tmp_path, reference, request,
                                                                                        capsys):
    import pipeline

    notice, folder = _inbox(tmp_path)
    ref = notice if reference == "notice" else request.getfixturevalue("ledger")
    capsys.readouterr()
    main(["gaps", "-r", str(ref), str(folder), "-o", str(tmp_path / "g")])
    err = said(capsys.readouterr().err)
    assert err[PASTED].startswith("holds the reference pasted in")
    assert err["通知（转发）.docx"].startswith("the reference itself")
    _check(gaps_csv(tmp_path / "g"))

    result = run_batch(folder, reference=ref, out_dir=tmp_path / "b", workers=1, progress=False, store=False,
                       stream=io.StringIO())
    rows = {r.path: r for r in result.rows}
    assert (rows[PASTED].reason, rows[PASTED].unit) == ("holds_reference", "西山区人民政府")
    assert rows["通知（转发）.docx"].reason == "is_reference"
    _check(gaps_csv(tmp_path / "b"))

    table = pipeline.gaps(str(ref), str(folder))
    assert {r.unit for r in table.rows if r.report.endswith(PASTED)} == {"西山区人民政府"}
    assert {name.rsplit("/", 1)[-1]: reason for name, reason in table.set_aside}["通知（转发）.docx"] == "is_reference"


@pytest.mark.parametrize("answer, kept", [
    (XISHAN_ANSWER, True),                                          # ~110 characters with its own title and signature
    ("我区已完成除臭设施加装。\n", False),                              # a line: no report of its own
    ("请各街道、各部门认真贯彻执行。\n西山区人民政府办公室\n", False),     # a forwarding note
    ("西山区关于整改情况的说明\n" + "我区已完成除臭设施加装，第三方监测连续达标，群众投诉明显下降。" * 6, True),   # 300+ characters
])
def test_own_part_thresholds(answer, kept):
    """What is a unit's report beside the pasted notice (``own_part``): several hundred characters of
    its own, or a third of the file, or ~60 characters that read as a report (title, signature)."""
    from pipeline.extract import read_bytes
    from pipeline.own_part import split_reference

    doc = read_bytes(docx_bytes(NOTICE + answer), name="x.docx")
    split = split_reference(doc, NOTICE, ())
    assert split.holds
    assert (split.own is not None) is kept
    if kept:
        assert "江州市人民政府办公室" not in split.own.title
        assert not any(p.is_content and p.text.strip() in NOTICE_LINES for p in split.own.passages)


def test_own_part_a_report_restating_tasks_between_its_answers_is_not_cut():
    """Beside a ledger (tasks only), a report that opens as a report and quotes a few tasks before
    its answers is not cut to its last paragraph."""
    from pipeline.checklist import load_reference
    from pipeline.extract import read_bytes
    from pipeline.own_part import split_reference
    from pipeline.reference_copies import task_texts

    checklist = load_reference(read_bytes(NOTICE.encode(), name="n.txt"))
    tasks = task_texts(checklist)
    quoted = [i.text for i in checklist.leaves[:3]]
    text = ("市水务局关于整改情况的报告\n市人民政府办公室：\n"
            + "\n".join(f"{t}\n我局已按要求落实，完成率100%。" for t in quoted) + "\n市水务局\n2026年7月5日\n")
    doc = read_bytes(text.encode(), name="r.txt")
    assert split_reference(doc, "", tasks).own is None


def test_inspection_teams_report_on_units_is_listed_not_assessed(tmp_path, capsys):
    """QA10 N11: a 督查组 reporting on 西山区 and 市住建局 got their work as its own 已落实."""
    notice, folder = _inbox(tmp_path)
    capsys.readouterr()
    main(["gaps", "-r", str(notice), str(folder), "-o", str(tmp_path / "g")])
    assert said(capsys.readouterr().err)["督查组督查情况报告.txt"].startswith("an inspection team's report on other units")
    assert not any(r["report"] == "督查组督查情况报告.txt" for r in gaps_csv(tmp_path / "g"))
    result = run_batch(folder, reference=notice, out_dir=tmp_path / "b", workers=1, progress=False, store=False,
                       stream=io.StringIO())
    assert {r.path: r.reason for r in result.rows}["督查组督查情况报告.txt"] == "about_units"


def test_inspection_team_answering_its_own_tasks_is_a_unit():
    """The seed's 督导组 reports answer tasks given to 督导组s: they stay units, whatever their headings."""
    from pipeline.extract import read_bytes
    from pipeline.reference_copies import inspected_units

    doc = read_bytes(INSPECTION.encode(), name="x.txt")
    assert inspected_units(doc, ()) == ("西山区", "市住房和城乡建设局")
    assert inspected_units(doc, ("各督查组",)) == ()
    assert inspected_units(read_bytes(WATER.encode(), name="w.txt"), ()) == ()


@pytest.mark.parametrize("reference", ["notice", "ledger"])
def test_own_part_answer_first_with_the_notice_appended(tmp_path, reference, request):
    """The answer, then "附件：" and the whole notice: assessed as 西山区人民政府 on its answer (beside a
    ledger reference the notice's text is unknown: the report above the appended notice)."""
    import pipeline

    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    ref = notice if reference == "notice" else request.getfixturevalue("ledger")
    reply = tmp_path / "西山区报告.docx"
    reply.write_bytes(docx_bytes(XISHAN_ANSWER + "附件：\n" + NOTICE))
    table = pipeline.gaps(str(ref), [str(reply)])
    assert {r.unit for r in table.rows} == {"西山区人民政府"}
    quoted = {line.strip() for r in table.rows for line in r.evidence.splitlines()}
    assert not quoted & NOTICE_LINES
    assert table.set_aside == ()
