"""Files duban wrote, found among the submissions: never a unit's reply (QA10 N6).

An office keeps each month's results beside the replies ("收件/结果_6月/"); the next run walked
into them and assessed gaps.md, gaps.xlsx, problems.csv … as five units with 已落实 rows. A file is
duban's own output (``is_own_output``) when

1. it lies in a folder ``duban batch`` wrote, under one of the names batch writes there
   (``checklist/``, ``parquet/``, ``duban.duckdb``, ``gaps.*`` …): the folder holds our
   ``manifest.jsonl`` (each line a manifest row: ``run_id``, ``sha256``, ``config_hash``). A reply
   saved in such a folder under another name is still read (``-o`` pointed at the inbox once);
2. or its content is what duban writes, whatever its name (staff rename "gaps.xlsx" to
   "对照表_6月.xlsx"): the header line of gaps.csv / problems.csv / exemplars.csv / manifest.csv /
   checklist.csv / ``duban analyze`` CSV; the heading of gaps.md ("# 对照检查表" + "## 汇总") or
   checklist.md ("# 任务清单" + "来源："); gaps.html's title; a JSON file whose ``run.generator`` is
   duban; analyze's JSON lines; gaps.xlsx's sheets (汇总 + 问题清单 + 典型经验); run.json; the
   DuckDB store. Only the first few KB are read (a .xlsx: its workbook part), so a batch of 400
   replies pays a few milliseconds.

Checklist ledgers (.xlsx/.docx) are not decided here: outside a batch folder they are
``is_checklist`` (``checklist_read.duban_ledger``).
"""
from __future__ import annotations

import json
import re
import zipfile
from functools import lru_cache
from pathlib import Path

MANIFEST_LOG = "manifest.jsonl"
# what ``duban batch`` writes into its output folder (files and folders, first path part)
BATCH_ENTRIES = frozenset({"checklist", "parquet", ".cache", "duban.duckdb", "duban.duckdb.wal", "run.json",
                           "manifest.jsonl", "manifest.csv", "gaps.xlsx", "gaps.csv", "gaps.md", "gaps.html",
                           "gaps.json", "problems.csv", "exemplars.csv"})
_HEAD_BYTES = 4096
_FOLDER_LEVELS = 4           # checklist/x, parquet/<table>/<part>: a batch folder is at most this far up
_GAPS_SHEETS = ("汇总", "问题清单", "典型经验")
_SHEET_NAME = re.compile(r'<sheet\b[^>]*\bname="([^"]*)"')
_DUCKDB_MAGIC = b"DUCK"


def is_own_output(path) -> bool:
    """Whether ``path`` is a file duban wrote (see the module docstring)."""
    path = Path(path)
    return batch_folder(path) is not None or _written_by_duban(path)


def batch_folder(path) -> Path | None:
    """The ``duban batch`` output folder ``path`` lies in (under one of ``BATCH_ENTRIES``), else None."""
    path = Path(path)
    parents = list(path.parents)[:_FOLDER_LEVELS]
    for folder in parents:
        inside = path.relative_to(folder).parts
        if inside and inside[0] in BATCH_ENTRIES and _our_manifest_log(folder / MANIFEST_LOG):
            return folder
    return None


def _our_manifest_log(path: Path) -> bool:
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            first = handle.readline(_HEAD_BYTES * 4)
    except OSError:
        return False
    record = _json(first)
    return isinstance(record, dict) and {"run_id", "sha256", "config_hash"} <= record.keys()


def _written_by_duban(path: Path) -> bool:
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            return _gaps_workbook(path)
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return False
    if head[8:12] == _DUCKDB_MAGIC and suffix in (".duckdb", ".db", ""):
        return True
    text = head.decode("utf-8", "ignore").lstrip("\ufeff")
    first = text.split("\n", 1)[0].strip()
    if suffix == ".csv":
        return tuple(c.strip() for c in first.split(",")) in _csv_headers()
    if suffix in (".md", ".markdown"):
        return ((first == "# 对照检查表" and "## 汇总" in text)
                or (first == "# 任务清单" and "来源：" in text)
                or first.replace(" ", "") == "|doc|index|path|label|text|")
    if suffix in (".html", ".htm"):
        return "<title>对照检查表</title>" in text or "<title>任务清单</title>" in text
    if suffix == ".jsonl":
        record = _json(first.encode())
        return isinstance(record, dict) and (set(_analyze_fields()) <= record.keys()
                                             or {"run_id", "sha256", "config_hash"} <= record.keys())
    if suffix == ".json":
        return _duban_json(path, text)
    return False


def _duban_json(path: Path, head: str) -> bool:
    """gaps.json / checklist.json (``run.generator`` "duban …") or run.json (run_id + pipeline_version
    + config_hash), read whole only when its head already names those keys."""
    if '"generator": "duban' not in head and '"pipeline_version"' not in head:
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict):
        return False
    run = data.get("run")
    if isinstance(run, dict) and str(run.get("generator", "")).startswith("duban"):
        return True
    return {"run_id", "pipeline_version", "config_hash"} <= data.keys()


def _gaps_workbook(path: Path) -> bool:
    """gaps.xlsx: its sheets are 汇总, one per unit, 问题清单, 典型经验 (the workbook part alone is read)."""
    try:
        with zipfile.ZipFile(path) as book:
            workbook = book.read("xl/workbook.xml").decode("utf-8", "ignore")
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError):
        return False
    names = _SHEET_NAME.findall(workbook)
    return len(names) >= 3 and names[0] == _GAPS_SHEETS[0] and names[-2:] == list(_GAPS_SHEETS[1:])


@lru_cache(maxsize=1)
def _csv_headers() -> frozenset[tuple[str, ...]]:
    """Header rows of every CSV duban writes (taken from the writers, so a new column follows)."""
    from dataclasses import fields

    from .gaps import GAP_COLUMNS, LABELLED_COLUMNS, PROBLEM_COLUMNS
    from .manifest import ManifestRow

    headers = {GAP_COLUMNS, LABELLED_COLUMNS, PROBLEM_COLUMNS, tuple(f.name for f in fields(ManifestRow)),
               _analyze_fields()}
    return frozenset(tuple(h) for h in headers)


@lru_cache(maxsize=1)
def _analyze_fields() -> tuple[str, ...]:
    from .export.records import RECORD_FIELDS

    return tuple(RECORD_FIELDS)


def _json(line: bytes):
    try:
        return json.loads(line.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None


__all__ = ["BATCH_ENTRIES", "batch_folder", "is_own_output"]
