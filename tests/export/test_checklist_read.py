"""Reading an edited checklist back: which 任务简称 survives (QA finding 8)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from pipeline.checklist import Checklist, ChecklistItem, load_checklist
from pipeline.export.checklist_files import write_checklist
from pipeline.export.checklist_read import item_title

TEXT = "第一，要提高站位，抓落实。各单位要在4月底前报送方案。"
TITLE = "要提高站位"


def _checklist() -> Checklist:
    return Checklist((
        ChecklistItem(id="1", text=TEXT, title=TITLE, actor="各单位"),
        ChecklistItem(id="2", text="督导组要敢于讲真话。", title="督导组要敢于讲真话"),
    ), ("speech.txt",))


def _edit_xlsx(path, edits):
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[1]]
    for r in range(2, sheet.max_row + 1):
        for column, value in edits.get(sheet.cell(r, 1).value, {}).items():
            sheet.cell(r, header.index(column) + 1).value = value
    book.save(path)


def _edit_csv(path, edits):
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    names = {"任务要求": "text", "任务简称": "title"}
    for row in rows[1:]:
        for column, value in edits.get(row[0], {}).items():
            row[rows[0].index(names[column])] = value
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _edit_json(path, edits):
    data = json.loads(path.read_text(encoding="utf-8"))
    names = {"任务要求": "text", "任务简称": "title"}
    for record in data["items"]:
        for column, value in edits.get(record["id"], {}).items():
            record[names[column]] = value
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _edit_docx(path, edits):
    """Edit the Word 任务台账 table (the part read back) as staff would in Word."""
    from docx import Document

    document = Document(str(path))
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    for row in table.rows[1:]:
        for column, value in edits.get(row.cells[0].text, {}).items():
            cell = row.cells[header.index(column)]
            for paragraph in cell.paragraphs[1:]:
                paragraph._p.getparent().remove(paragraph._p)
            runs = cell.paragraphs[0].runs
            runs[0].text = value if runs else cell.paragraphs[0].add_run(value)
            for run in runs[1:]:
                run.text = ""
    document.save(str(path))


EDITORS = {".xlsx": _edit_xlsx, ".csv": _edit_csv, ".json": _edit_json, ".docx": _edit_docx}
NEW_TEXT = "第一，要提升站位，抓好落实。"
NEW_DERIVED = "要提升站位，抓好落实"          # derive_title: up to 。；： without the marker


@pytest.mark.parametrize("suffix", sorted(EDITORS))
@pytest.mark.parametrize("edits, expected_title", [
    ({}, TITLE),                                                            # untouched: reads the same
    ({"任务简称": "压实责任抓落实"}, "压实责任抓落实"),                        # edited title kept (QA 8)
    ({"任务简称": "压实责任抓落实", "任务要求": NEW_TEXT}, "压实责任抓落实"),   # both edited: the title is theirs
    ({"任务要求": NEW_TEXT}, NEW_DERIVED),                                  # stale title re-derived from new text
    ({"任务要求": "要提高站位，抓落实。"}, TITLE),                           # text edited, title still in it
    ({"任务简称": ""}, "要提高站位，抓落实"),                                          # emptied: derived
])
def test_checklist_read_title_round_trip(tmp_path, suffix, edits, expected_title):
    path = next(p for p in write_checklist(_checklist(), tmp_path) if p.suffix == suffix)
    EDITORS[suffix](path, {"1": edits})
    by_id = {i.id: i for i in load_checklist(path).items}
    assert by_id["1"].title == expected_title
    assert by_id["1"].text == edits.get("任务要求", TEXT)
    assert by_id["2"].title == "督导组要敢于讲真话"                            # the other row unchanged


def test_checklist_read_exported_title_column_is_hidden(tmp_path):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    path = next(p for p in write_checklist(_checklist(), tmp_path) if p.suffix == ".xlsx")
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    letter = get_column_letter(header.index("原任务简称") + 1)
    assert sheet.column_dimensions[letter].hidden
    assert not sheet.column_dimensions[get_column_letter(header.index("任务简称") + 1)].hidden
    assert [sheet.cell(r, header.index("原任务简称") + 1).value for r in (2, 3)] == [TITLE, "督导组要敢于讲真话"]


def test_checklist_read_hand_made_ledger_keeps_typed_titles(tmp_path):
    """A ledger staff built themselves has no exported title: a typed 简称 is kept even when it is
    not a phrase of the text (it was discarded before); an empty one is derived."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "任务要求", "任务简称"])
    sheet.append(["1", "要加大经费投入，确保按时足额拨付。", "强化资金保障"])
    sheet.append(["2", "要加强校园安全管理。", None])
    path = tmp_path / "台账.xlsx"
    book.save(path)
    assert [i.title for i in load_checklist(path).items] == ["强化资金保障", "要加强校园安全管理"]


@pytest.mark.parametrize("text, title, exported, expected", [
    (TEXT, TITLE, TITLE, TITLE),
    (NEW_TEXT, TITLE, TITLE, NEW_DERIVED),
    (NEW_TEXT, TITLE, None, TITLE),
    (NEW_TEXT, TITLE, "", TITLE),
    (NEW_TEXT, "新简称", TITLE, "新简称"),
    (NEW_TEXT, "", TITLE, NEW_DERIVED),
])
def test_checklist_read_item_title(text, title, exported, expected):
    assert item_title(text, title, exported) == expected


def _speech_checklist(sources=("speech_03.txt",)) -> Checklist:
    """Two groups with one task each, as ``build_checklist`` drafts them (paths, sections, sources)."""
    items = []
    for k, source in enumerate(sources, start=1):
        prefix = f"{k}-" if len(sources) > 1 else ""
        items += [
            ChecklistItem(id=f"{prefix}1", text="第一，要提高站位抓落实。各级各部门要深刻领会大会精神。",
                          title="要提高站位抓落实", path=("第一",), source=source, kind="group"),
            ChecklistItem(id=f"{prefix}1.1", text="一是着力补短板。加快构建学前教育体系。", title="着力补短板",
                          path=("第一", "一是"), source=source, section="第一，要提高站位抓落实"),
        ]
    return Checklist(tuple(items), tuple(sources))


def _hand_made(tmp_path, suffix):
    rows = [["序号", "任务要求", "责任主体", "完成时限"], ["1", "要提高站位抓落实。", "", ""],
            ["1.1", "着力补短板，加快构建学前教育体系。", "各学校", "年底前"]]
    path = tmp_path / f"台账{suffix}"
    if suffix == ".csv":
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    return path


@pytest.mark.parametrize("make", ["docx", "hand.xlsx", "hand.csv"])
def test_checklist_read_ledger_without_levels_has_no_bracket_headings(tmp_path, make):
    """Regression (QA6 M1): a ledger without the 条目层级 column (the Word ledger, a hand-made .xlsx/.csv)
    came back with path ("()",), and every heading of the re-rendered checklist began with "()"."""
    from pipeline.export.checklist_files import checklist_markdown

    if make == "docx":
        path = next(p for p in write_checklist(_speech_checklist(), tmp_path) if p.suffix == ".docx")
    else:
        path = _hand_made(tmp_path, "." + make.split(".")[1])
    checklist = load_checklist(path)
    assert [i.path for i in checklist.items] == [(), ()]
    markdown = checklist_markdown(checklist)
    assert "()" not in markdown and "## 1　要提高站位抓落实" in markdown


@pytest.mark.parametrize("sources", [("speech_03.txt",), ("讲话、通知.txt",), ("a.txt", "b.docx")])
def test_checklist_read_word_ledger_keeps_the_speech_as_source(tmp_path, sources):
    """Regression (QA6 M1): a Word ledger's tasks were all sourced to checklist.docx; the 来源 line above
    the table names the speech(es) (the k-th for an id "k-…"); a row added without a 序号 is the file's."""
    from docx import Document

    path = next(p for p in write_checklist(_speech_checklist(sources), tmp_path) if p.suffix == ".docx")
    document = Document(str(path))
    header = [c.text for c in document.tables[0].rows[0].cells]
    document.tables[0].add_row().cells[header.index("任务要求")].text = "新增一项任务，要加强校园安全管理。"
    document.save(str(path))
    checklist = load_checklist(path)
    expected = [s for s in sources for _ in range(2)] + ["checklist.docx"]
    assert [i.source for i in checklist.items] == expected
    assert checklist.sources == (*sources, "checklist.docx")


@pytest.mark.parametrize("cell, deadline, kind", [
    (__import__("datetime").datetime(2024, 6, 30), "2024-06-30前", "date"),   # Excel date cell (typed 2024/6/30)
    (__import__("datetime").date(2024, 12, 31), "2024-12-31前", "date"),
    ("6月底前", "6月底前", ""),                                                # text stays as typed
    (None, "", ""),
])
def test_checklist_read_date_cell_deadline(tmp_path, cell, deadline, kind):
    """Regression (QA6 M7): a date typed into 完成时限 came back as "2024-06-30 00:00:00"; it is a due
    date, written as the checklist writes one."""
    from pipeline.export.checklist_files import checklist_markdown

    path = next(p for p in write_checklist(_checklist(), tmp_path) if p.suffix == ".xlsx")
    _edit_xlsx(path, {"1": {"完成时限": cell}})
    item = load_checklist(path).items[0]
    assert (item.deadline, item.deadline_kind) == (deadline, kind)
    assert "00:00:00" not in checklist_markdown(load_checklist(path))


LONG = ("督导组要注意收集先进性教育活动的动态信息，及时向区委先进性教育活动领导小组反映情况、当好参谋，"
        "从而为科学决策、正确决策提供准确、充分的依据。")


@pytest.mark.parametrize("text, expected", [
    ("一是着力补短板。重点是扩面。", "着力补短板"),                                  # short: as before
    (LONG, "督导组要注意收集先进性教育活动的动态信息，及时向区委先进性教育活动领导小组反映情况、当好参谋，从而为科学决策…"),
    ("要加强非义务教育学校教师收入的调研分析工作，按照“早摸底做到心中有数、早分析做到难烦有底、早谋划做到争钱有方、"
     "早指导做到分钱有序”，制定出台实施方案。", "要加强非义务教育学校教师收入的调研分析工作…"),   # not inside “…”
    ("加强党的建设工作和加强统筹协调推进教育现代化建设的各项工作和深化改革创新的体制机制建设和完善各项制度的"
     "长效机制建设推进法治建设。", None),                                              # no comma: whole words
])
def test_checklist_read_derive_title_cuts_at_a_clause_and_marks_it(text, expected):
    """Regression (QA6 L7): a derived 任务简称 was cut at 60 characters mid-word without a mark."""
    from pipeline.export.checklist_read import TITLE_LIMIT, derive_title
    from pipeline.segment import default_segmenter

    title = derive_title(text)
    assert len(title) <= TITLE_LIMIT
    if expected is not None:
        assert title == expected
    else:
        assert title.endswith("…") and title[:-1] in text
        assert len(title) >= TITLE_LIMIT - 8                          # not cut short for nothing
        cut = len(title) - 1                                          # it ends where a word ends
        assert cut in {sum(map(len, default_segmenter().cut(text)[:k])) for k in range(40)}
    # a clipped title left as written out is still the row's own (not re-derived into something else)
    assert item_title(text, title, title) == title


def test_checklist_read_paragraph_item_titles_are_clipped_too():
    """The checklist's own fallback title (a notice's unnumbered paragraphs) uses the same cut."""
    from pipeline.checklist import _first_clause
    from pipeline.export.checklist_read import derive_title

    assert _first_clause(LONG) == derive_title(LONG) and _first_clause(LONG).endswith("…")


def test_checklist_read_word_ledger_carries_the_title(tmp_path):
    """Regression (QA6 M6): the Word ledger had no 任务简称 column, so an edited 简称 could not come
    back; its table now has one (the ☐ list above it is for reading)."""
    from docx import Document

    path = next(p for p in write_checklist(_checklist(), tmp_path) if p.suffix == ".docx")
    table = Document(str(path)).tables[0]
    assert [c.text for c in table.rows[0].cells][:2] + [table.rows[0].cells[-1].text] == ["序号", "任务要求", "任务简称"]
    assert [r.cells[-1].text for r in table.rows[1:]] == [TITLE, "督导组要敢于讲真话"]


def test_checklist_read_word_ledger_without_title_column_reads_the_draft_line(tmp_path):
    """A Word ledger written before the 任务简称 column: the title edited on its ☐ line is kept while the
    task is as drafted; with the task reworded in the table the title is derived from it."""
    from docx import Document

    path = next(p for p in write_checklist(_checklist(), tmp_path) if p.suffix == ".docx")
    document = Document(str(path))
    for row in document.tables[0].rows:                       # drop the column: the old six-column table
        row._tr.remove(row.cells[-1]._tc)
    line = next(p for p in document.paragraphs if p.text.startswith("☐ 1　"))
    for run in line.runs:
        run.text = run.text.replace(TITLE, "压实责任抓落实")
    document.tables[0].rows[2].cells[1].paragraphs[0].runs[0].text = "督导组要敢于讲真话、报实情。"
    document.save(str(path))
    by_id = {i.id: i for i in load_checklist(path).items}
    assert by_id["1"].title == "压实责任抓落实" and by_id["1"].text == TEXT
    assert by_id["2"].title == "督导组要敢于讲真话、报实情"


@pytest.mark.parametrize("line, title", [
    ("☐ 2.1　着力补短板", "着力补短板"),
    ("☐ 1　要压实责任（责任主体：各县（市、区）教育局；完成时限：2024-06-30前）", "要压实责任"),
    ("☐ 3　落实课后服务（试行）（完成时限：每学期）", "落实课后服务（试行）"),
    ("☐ 4　落实课后服务（试行）", "落实课后服务（试行）"),                    # brackets of the title itself
    ("☐ 2-1.10　着力补短板（责任主体：各学校）", "着力补短板"),
])
def test_checklist_read_draft_line_title(line, title):
    """The ☐ line's title without the （责任主体：…；完成时限：…） the writer appends to it."""
    from pipeline.export.checklist_read import _drafted

    item_id = line.split()[1].split("\u3000")[0]
    assert _drafted([line, "任务要求。"]) == {item_id: (title, "任务要求。")}


@pytest.mark.parametrize("typed, deadline, kind", [
    ("2026年12月31日", "2026-12-31前", "date"),     # a date typed as text in an added row
    ("12月31日前", "2026-12-31前", "date"),          # without a year: the ledger's other due dates give it
    ("持续推进", "持续推进", ""),                    # no date: as typed
])
def test_checklist_read_typed_date_is_a_due_date(tmp_path, typed, deadline, kind):
    """QA9 L5: a row staff added kept its deadline raw ("2026年12月31日") next to the normalised ones."""
    checklist = Checklist((ChecklistItem(id="1", text=TEXT, title=TITLE, deadline="2026-06-30前", deadline_kind="date"),
                           ChecklistItem(id="2", text="督导组要敢于讲真话。", title="督导组要敢于讲真话")), ("speech.txt",))
    path = next(p for p in write_checklist(checklist, tmp_path) if p.suffix == ".xlsx")
    _edit_xlsx(path, {"2": {"完成时限": typed}})
    item = load_checklist(path).items[1]
    assert (item.deadline, item.deadline_kind) == (deadline, kind)
    assert item.deadline_text == (typed if kind else "")


def test_checklist_read_row_without_task_is_named(tmp_path, caplog):
    """QA9 L5: a row whose 任务要求 staff emptied disappeared without a word; now W304 names the row."""
    path = next(p for p in write_checklist(_checklist(), tmp_path) if p.suffix == ".xlsx")
    _edit_xlsx(path, {"2": {"任务要求": None}})
    with caplog.at_level("WARNING", logger="duban"):
        items = load_checklist(path).items
    assert [i.id for i in items] == ["1"]
    assert any("[W304]" in r.getMessage() and "row 3" in r.getMessage() for r in caplog.records)
    assert not any("敢于讲真话" in r.getMessage() for r in caplog.records)
