"""Column types of the results store's tables (``store``), declared rather than read from a run.

DuckDB types a column from the first frame it sees: a txt/docx-only first batch made
``documents.pages`` type NULL (every value None), and every later run with a PDF failed (QA9 H6). The
types here come from the model dataclasses' annotations (``int | None`` -> BIGINT; tuples, dicts and
Enums are stored as text), so a table is created the same whatever its first run held.
"""
from __future__ import annotations

from enum import Enum

TABLES = ("runs", "manifest", "documents", "passages", "checklist_items", "gap_rows")


def column_types(table: str, incoming: dict[str, str]) -> dict[str, str]:
    """The DuckDB type of each incoming column: the declared one (``declared_types``), else the
    type DuckDB reads in the frame, VARCHAR when that is NULL (no value, or no row, to read it
    from). A table is created with these types, never with the types one run happens to have."""
    declared = declared_types(table)
    return {column: declared.get(column) or ("VARCHAR" if is_null_type(dtype) else dtype)
            for column, dtype in incoming.items()}


def is_null_type(dtype: str) -> bool:
    return dtype.strip('"').upper() == "NULL"


def declared_types(table: str) -> dict[str, str]:
    """Column -> DuckDB type for the columns each table's frame takes from a model dataclass,
    read from the dataclass's annotations (``int | None`` -> BIGINT; tuples, dicts and Enums are
    stored as text)."""
    if table not in _DECLARED:
        _DECLARED[table] = _declare(table)
    return _DECLARED[table]


_DECLARED: dict[str, dict[str, str]] = {}
_RUN_TYPES = {"run_id": "VARCHAR", "out_dir": "VARCHAR", "files": "BIGINT", "processed": "BIGINT",
              "reused": "BIGINT", "seconds": "DOUBLE", "counts": "VARCHAR", "pipeline_version": "VARCHAR",
              "model_hash": "VARCHAR"}


def _declare(table: str) -> dict[str, str]:
    from .model import Document, Passage

    if table == "runs":
        return dict(_RUN_TYPES)
    if table == "manifest":
        from .manifest import ManifestRow

        types = _field_types(ManifestRow)
    elif table == "documents":
        types = {**_field_types(Document), "warnings": "VARCHAR", "n_passages": "BIGINT"}
    elif table == "passages":
        types = {**_field_types(Passage), "id": "VARCHAR", "doc": "VARCHAR", "source": "VARCHAR"}
    elif table == "checklist_items":
        from .checklist import ChecklistItem

        types = _field_types(ChecklistItem)
    elif table == "gap_rows":
        from .gaps import GapRow

        types = {**_field_types(GapRow), "status_zh": "VARCHAR"}
    else:
        raise ValueError(f"no such results table: {table}")
    return {"run_id": "VARCHAR", **types}


def _field_types(cls) -> dict[str, str]:
    import typing
    from dataclasses import fields

    hints = typing.get_type_hints(cls)
    return {f.name: _duck_type(hints[f.name]) for f in fields(cls)}


def _duck_type(hint) -> str:
    import types
    import typing

    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0] if len(args) == 1 else str
    if isinstance(hint, type) and issubclass(hint, Enum):       # stored as its value
        hint = type(next(iter(hint)).value)
    return {bool: "BOOLEAN", int: "BIGINT", float: "DOUBLE"}.get(hint, "VARCHAR")
