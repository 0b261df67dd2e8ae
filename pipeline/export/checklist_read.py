"""Read a checklist back after staff edited it (.xlsx/.docx ledger, .csv, .json).

Files are recognised by their columns, not their names: a header row with 序号 and 任务要求 (or the
English ``id``/``text``). Rows removed stay removed, edited wording wins (a stale 任务简称 is
re-derived from the new text, an edited one is kept: see ``item_title``), and rows added without a
序号 get ids ``新增1``, ``新增2`` … . A repeated 序号 is made unique (``checklist_ids``: a "1.10" a
spreadsheet shortened to 1.1 is restored, other repeats become "2.1（2）") with a warning naming the row.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import re
from pathlib import Path

from ..errors import DubanError, warning
from .checklist_cells import cell_deadline as _deadline
from .checklist_cells import cell_int as _int
from .checklist_cells import cell_str as _str
from .checklist_cells import ledger_year as _ledger_year
from .checklist_ids import unique_ids, unwrap_text
from .safe import uncsv_cell

# Ledger header -> ChecklistItem field; the first six are the ledger offices fill in.
LEDGER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("序号", "id"), ("任务要求", "text"), ("责任主体", "actor"), ("完成时限", "deadline"),
    ("落实情况", "progress"), ("佐证材料", "proof"), ("任务简称", "title"), ("类别", "label"),
    ("来源", "source"), ("条目层级", "path"), ("页码", "page"), ("截断", "truncated"),
)
# The 任务简称 as written out, in a hidden ledger column (a CSV column, a JSON field): it tells a
# title staff edited (keep it) from a title left stale by an edit of 任务要求 (re-derive it).
EXPORTED_TITLE = ("原任务简称", "exported_title")
ALIASES = {
    "id": ("序号", "编号", "id"), "text": ("任务要求", "任务内容", "工作任务", "具体事项", "工作要求", "text"),
    "actor": ("责任主体", "责任单位", "牵头单位", "actor"), "deadline": ("完成时限", "时限", "完成时间", "deadline"),
    "progress": ("落实情况", "进展情况", "progress"), "proof": ("佐证材料", "proof"),
    "title": ("任务简称", "简称", "title"), "label": ("类别", "label"), "source": ("来源", "任务来源", "source"),
    "path": ("条目层级", "path"), "page": ("页码", "page"), "truncated": ("截断", "truncated"),
    "exported_title": EXPORTED_TITLE,
}
LABEL_FROM_ZH = {"职责": "duty", "要求": "requirement", "duty": "duty", "requirement": "requirement"}
REQUIRED = ("id", "text")
_LOG = logging.getLogger("duban")
ROW = "\x00row"     # a record's ledger row (sheet row, table row, JSON item), for warnings; never a column
_TITLE_CUT = re.compile(r"[。；;：:！？!?]")
_CLAUSE_BREAK = re.compile(r"[，,、]")
TITLE_LIMIT = 60          # characters of a derived 任务简称, its "…" included
CLIPPED = "…"
_PAIRS = ("“”", "‘’", "（）", "()", "《》", "【】", "〔〕")
_MARKER = re.compile(r"^(?:第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十]+[是要、]|（[一二三四五六七八九十\d]+）|\d+[.．、])")


def looks_like_checklist(path: Path) -> bool:
    """True for our .xlsx/.csv/.json checklists and for a .docx holding a ledger table."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".csv", ".json"):
        return True
    if suffix == ".docx":
        try:
            return _docx_rows(path) is not None
        except Exception:  # noqa: BLE001 - not a readable docx: let the speech reader report it
            return False
    return False


# Columns only duban's own ledgers carry, never a unit's 自查表: the hidden 原任务简称 (CSV/JSON
# ``exported_title``), the 条目层级 outline path beside it, the CSV's ``deadline_kind``. An edited
# ledger keeps them (staff fill in 落实情况, reword, add rows; a copy of the visible cells still has
# 条目层级), while a reply form copied from the notice's 任务分工 table has 序号 | 工作任务 | 落实情况.
OWN_COLUMNS = frozenset({EXPORTED_TITLE[0], EXPORTED_TITLE[1], "条目层级", "deadline_kind"})
HEADER_ROWS = 30          # rows searched for a ledger's header (a title row or two may come first)


def duban_ledger(path: Path) -> bool:
    """True for a checklist ledger ``duban checklist`` wrote, as written or as staff edited it.

    The one test of "is this our ledger" (QA9 H2, review6): a .xlsx/.csv whose ledger header (序号 and
    任务要求) has one of ``OWN_COLUMNS``; a .json with our ``run`` header or ``exported_title``
    fields; a .docx with the ☐ task lines above its 任务台账 (``written_word_ledger``). Columns, not a
    filled or empty 落实情况, decide: staff fill that column in their copy of the ledger too. Callers:
    ``duban batch``/``duban gaps``/``pipeline.gaps`` list such a file among the replies as
    ``is_checklist`` instead of assessing it; ``duban checklist`` re-renders it; ``load_reference``
    reads it as a ledger. A file that cannot be read is no ledger (the reader reports it).
    """
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            return written_word_ledger(path)
        if suffix == ".json":
            return _own_json(json.loads(_ledger_text(path)))
        if suffix == ".csv":
            reader = csv.reader(io.StringIO(_ledger_text(path), newline=""))
            table = [row for _, row in zip(range(HEADER_ROWS), reader)]
        elif suffix == ".xlsx":
            table = _xlsx_rows(path, limit=HEADER_ROWS)
        else:
            return False
    except Exception:  # noqa: BLE001 - damaged or not a table at all: no ledger, the reader reports it
        return False
    header = next((row for row in table if all(f in _header_mapping(row).values() for f in REQUIRED)), None)
    return header is not None and any(str(name or "").strip() in OWN_COLUMNS for name in header)


def _own_json(data) -> bool:
    """Our checklist.json: its ``run`` header says so, or its items carry ``exported_title``."""
    if isinstance(data, dict):
        run = data.get("run")
        if isinstance(run, dict) and run.get("kind") == "checklist":
            return True
        data = data.get("items")
    return isinstance(data, list) and any(isinstance(r, dict) and OWN_COLUMNS & set(r) for r in data)


def written_word_ledger(path: Path) -> bool:
    """True for a .docx that ``duban checklist`` wrote (a ledger table below ☐ task lines), edited or not."""
    try:
        table, paragraphs = _docx_parts(path)
    except Exception:  # noqa: BLE001 - not a readable docx: the speech reader reports it
        return False
    return table is not None and bool(_drafted(paragraphs))


def read_checklist_file(path: Path):
    """Checklist from an edited ledger; E302 when the columns are not ours."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        data = json.loads(_ledger_text(path))
        records = data.get("items") if isinstance(data, dict) else data
        if not isinstance(records, list) or not all(isinstance(r, dict) and "text" in r for r in records):
            raise DubanError("E302", missing="items[].text", path=str(path))
        return _checklist([{**r, ROW: n} for n, r in enumerate(records, start=1)], path)
    if suffix == ".csv":
        table = [[uncsv_cell(c) for c in row] for row in csv.reader(io.StringIO(_ledger_text(path), newline=""))]
    elif suffix == ".xlsx":
        table = _xlsx_rows(path)
    elif suffix == ".docx":
        table, paragraphs = _docx_parts(path)
        return _checklist(_docx_records(_records(table or [], path), paragraphs), path)
    else:
        raise DubanError("E302", missing="序号, 任务要求", path=str(path))
    return _checklist(_records(table, path), path)


def _ledger_text(path: Path) -> str:
    """A .csv/.json ledger's text in whatever encoding it was saved: Excel on Chinese Windows saves
    "CSV (逗号分隔)" in GBK, with a BOM when UTF-8 (the .txt reader's decoding); E107 if none fits."""
    from ..extract.txt import decode

    decoded = decode(path.read_bytes())
    if decoded is None:
        raise DubanError("E107")
    return decoded[0]


def _records(table: list[list], path: Path) -> list[dict]:
    for r, header in enumerate(table):
        mapping = _header_mapping(header)
        if all(f in mapping.values() for f in REQUIRED):
            records = []
            for number, row in enumerate(table[r + 1:], start=r + 2):
                record = {field: row[c] if c < len(row) else None for c, field in mapping.items()}
                if any(str(v or "").strip() for v in record.values()):
                    records.append({**record, ROW: number})
            return records
    raise DubanError("E302", missing="序号, 任务要求", path=str(path))


def _header_mapping(header: list) -> dict[int, str]:
    mapping = {}
    for c, name in enumerate(header):
        name = str(name or "").strip()
        for field, names in ALIASES.items():
            if name in names and field not in mapping.values():
                mapping[c] = field
    return mapping


def _checklist(records: list[dict], path: Path):
    from ..checklist import Checklist, ChecklistItem

    items, added, rows = [], 0, []
    year = _ledger_year(records)
    for record in records:
        text = _str(record.get("text"))
        if not text:
            if any(_str(v) for k, v in record.items() if k != ROW):     # a task emptied, its row left (QA9 L5)
                _LOG.warning(warning("W304", row=record.get(ROW)))
            continue
        rows.append(record.get(ROW))
        item_id = unwrap_text(_str(record.get("id")))
        if not item_id:
            added += 1
            item_id = f"新增{added}"
        title = item_title(text, _str(record.get("title")), record.get("exported_title"))
        parts = item_path(record.get("path"))
        items.append(ChecklistItem(
            id=item_id, text=text, title=title, label=LABEL_FROM_ZH.get(_str(record.get("label")), "requirement"),
            actor=_str(record.get("actor")), **_deadline(record.get("deadline"), year),
            source=_str(record.get("source")) or path.name, path=parts, page=_int(record.get("page")),
            progress=_str(record.get("progress")), proof=_str(record.get("proof")),
        ))
    from dataclasses import replace

    items = [replace(i, id=new) for i, new in zip(items, unique_ids([i.id for i in items], rows))]
    ids = {i.id for i in items}
    items = [replace(i, kind="group" if any(j.startswith(i.id + ".") for j in ids) else "item",
                     level=i.id.count(".") + 1) for i in items]
    # JSON keeps every field: restore what the ledger columns don't carry
    extras = ("deadline_text", "deadline_kind", "section", "doc_id", "node_id")
    items = [replace(i, **{k: _str(r.get(k)) for k in extras if r.get(k) not in (None, "")})
             for i, r in zip(items, [r for r in records if _str(r.get("text"))])]
    sources = tuple(dict.fromkeys(i.source for i in items)) or (path.name,)
    _refuse_lost_text(items, path)
    return Checklist(tuple(items), sources)


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _refuse_lost_text(items, path: Path) -> None:
    """A ledger whose tasks hold no Chinese character but question marks was saved in a code page
    without Chinese (a spreadsheet on a western-locale machine): its text is gone, and a gap table
    against it would be all 未体现 (QA7 M8). E305 says so instead."""
    texts = [i.text for i in items]
    if texts and not any(_HAN.search(t) for t in texts) and sum("?" in t for t in texts) * 2 >= len(texts):
        raise DubanError("E305", path=str(path))


def item_path(value) -> tuple[str, ...]:
    """条目层级 as outline markers: a JSON list, or the ledger's "第二 / 一是"; () when the ledger has
    no such column or the cell is empty (a Word ledger, a hand-made one), never the text "()"."""
    if isinstance(value, (list, tuple)):
        return tuple(_str(v) for v in value if _str(v))
    return tuple(part.strip() for part in _str(value).split("/") if part.strip())


def item_title(text: str, title: str, exported_title: str | None) -> str:
    """The 任务简称 to keep for a ledger row.

    The gap assessment matches reports against an item's title as well as its text, so a title
    written for an earlier 任务要求 would keep matching the old wording: a title that is no longer
    part of the (edited) text is re-derived when it is still the one written out. A title staff
    changed (it differs from ``exported_title``), or typed in a ledger that has no exported title
    (hand-made, or an older export), is theirs and kept as written; an empty one is derived.

    Args:
        text: the row's 任务要求, as edited.
        title: the row's 任务简称, as edited ("" when empty or absent).
        exported_title: the 任务简称 duban wrote for this row (hidden 原任务简称 column, CSV/JSON
            ``exported_title``); None when the ledger has no such column or the row was added.
    """
    if not title:
        return derive_title(text)
    stale = exported_title not in (None, "") and title == _str(exported_title) and not _title_in_text(title, text)
    return derive_title(text) if stale else title


def derive_title(text: str) -> str:
    """Heading clause of an item: its text up to the first 。；： without the list marker, clipped
    to ``TITLE_LIMIT`` characters by ``clip_title``."""
    head = _TITLE_CUT.split(text.strip(), maxsplit=1)[0]
    return clip_title(_MARKER.sub("", head))


def clip_title(head: str, limit: int = TITLE_LIMIT) -> str:
    """``head`` in at most ``limit`` characters: a longer one is cut after its last clause (at a ，
    or 、 that keeps a third of it), else after the last whole word, and ends in "…" to say so
    (it was cut mid-word, unmarked: "…做到客观合理、具体可行，避")."""
    if len(head) <= limit:
        return head
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(head, 0, limit)
              if m.start() >= limit // 3 and not _inside_brackets(head[:m.start()])]
    if breaks:
        kept = head[:breaks[-1]]
    else:
        from ..segment import default_segmenter

        kept = ""
        for word in default_segmenter().cut(head):
            if len(kept) + len(word) > limit - 1:
                break
            kept += word
        kept = kept or head[:limit - 1]
    return kept.rstrip("，,、 ") + CLIPPED


def _inside_brackets(text: str) -> bool:
    """True when ``text`` leaves a quote or bracket open (a cut there would leave it unclosed)."""
    return any(text.count(left) > text.count(right) for left, right in _PAIRS)


def _title_in_text(title: str, text: str) -> bool:
    """True when ``title`` (a clipped one without its "…") is a phrase of ``text``."""
    return title.removesuffix(CLIPPED) in text


def _refuse_unsafe_container(path: Path, file_type: str) -> None:
    """E003 for a .xlsx/.docx the readers refuse (zip bomb, too large, broken), before openpyxl or
    python-docx inflates it (the ledger checks run on every reply: a bomb took 5.9 GB here)."""
    from ..extract.failure import container_status

    stat = path.stat()
    status = container_status(str(path), stat.st_size, stat.st_mtime_ns, file_type)
    if status:
        raise DubanError("E003", status=status, path=str(path))


def _xlsx_rows(path: Path, limit: int | None = None) -> list[list]:
    from openpyxl import load_workbook

    _refuse_unsafe_container(path, "xlsx")
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book[book.sheetnames[0]]
        return [list(row) for row in sheet.iter_rows(values_only=True, max_row=limit)]
    finally:
        book.close()


def _docx_rows(path: Path) -> list[list] | None:
    return _docx_parts(path)[0]


def _docx_parts(path: Path) -> tuple[list[list] | None, list[str]]:
    """The first table with 序号 and 任务要求 columns (None when there is none) and the text of the
    paragraphs outside tables."""
    from docx import Document

    _refuse_unsafe_container(path, "docx")
    document = Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and all(f in _header_mapping(rows[0]).values() for f in REQUIRED):
            return rows, paragraphs
    return None, paragraphs


_SOURCES_LINE = "来源："
_DRAFT_LINE = re.compile(r"^☐ (\S+)\u3000(.*)$")
_DRAFT_META = re.compile(r"（(?:责任主体|完成时限)：.*）$")
_SOURCE_PREFIX = re.compile(r"^(\d+)-")


def _docx_records(records: list[dict], paragraphs: list[str]) -> list[dict]:
    """Word ledger rows completed from the draft above the table: the 来源 line names the speech(es)
    each task came from (the table has no 来源 column; one source, or the k-th for an id "k-…"), and
    the ☐ lines give the 任务简称 as written out (``_docx_titles``)."""
    records = _docx_titles(records, _drafted(paragraphs))
    line = next((p.strip() for p in paragraphs if p.strip().startswith(_SOURCES_LINE)), "")
    named = line[len(_SOURCES_LINE):].strip()
    if not named:
        return records
    names = None if not any(_SOURCE_PREFIX.match(_str(r.get("id"))) for r in records) else named.split("、")
    out = []
    for record in records:
        source = _source_of(_str(record.get("id")), named, names)
        out.append({**record, "source": source} if source and not _str(record.get("source")) else record)
    return out


def _drafted(paragraphs: list[str]) -> dict[str, tuple[str, str]]:
    """id -> (任务简称, 任务要求) of the draft's "☐ 2.1　着力补短板（责任主体：…）" lines and the
    paragraph after each, as ``checklist_files.checklist_docx`` writes them."""
    drafted = {}
    for k, paragraph in enumerate(paragraphs):
        match = _DRAFT_LINE.match(paragraph.strip())
        if match:
            title = _DRAFT_META.sub("", match.group(2)).strip()
            text = paragraphs[k + 1].strip() if k + 1 < len(paragraphs) else ""
            drafted.setdefault(match.group(1), (title, text))
    return drafted


def _docx_titles(records: list[dict], drafted: dict[str, tuple[str, str]]) -> list[dict]:
    """The 任务简称 of Word ledger rows. The table's 任务简称 column is what is read; the ☐ line is the
    title as written out (the xlsx's hidden 原任务简称) when the row's 任务要求 differs from the
    draft's, so a title left stale by a reworded task is re-derived; with the task as drafted the
    title is kept as it stands (also when staff changed it in both places). A table without the
    column (written before it had one) takes the ☐ line's title while its task is unchanged."""
    has_column = any("title" in r for r in records)
    out = []
    for record in records:
        title, text = drafted.get(_str(record.get("id")), (None, None))
        if title is None or "exported_title" in record:
            out.append(record)
            continue
        unchanged = _str(record.get("text")) == text
        if has_column:
            out.append({**record, "exported_title": None if unchanged else title})
        else:
            out.append({**record, "title": title if unchanged else ""})
    return out


def _source_of(item_id: str, named: str, names: list[str] | None) -> str:
    """The source of a row: ``named`` itself when no id carries a source prefix (one speech, whose
    name may hold "、"), else the k-th of ``names`` for an id "k-…"; "" for an added row."""
    if names is None:
        return named if item_id else ""
    match = _SOURCE_PREFIX.match(item_id)
    return names[int(match.group(1)) - 1] if match and 0 < int(match.group(1)) <= len(names) else ""
