"""The results store: every batch's documents, passages, checklist items and gap rows, queryable.

Why DuckDB (not SQLite): researchers ask analytic questions across batches ("share of units missing
item 3, per run"), which is what a columnar engine is for; DuckDB reads and writes Parquet itself,
so the same SQL runs over ``duban.duckdb`` and over the Parquet exports of many batch folders at
once (``read_parquet('batches/*/parquet/gap_rows/*.parquet')``); and it hands results to pandas
through Arrow. Only the batch parent writes, so DuckDB's single-writer rule costs nothing.

Layout in ``OUT_DIR``: ``duban.duckdb`` (tables ``runs``, ``manifest``, ``documents``, ``passages``,
``checklist_items``, ``gap_rows``; every row carries ``run_id``; runs accumulate) and
``parquet/<table>/run_id=<run_id>.parquet`` (one file per run, hive-partitioned).
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Iterable, Sequence

from .errors import error
from .export.atomic import atomic_path

DB_NAME = "duban.duckdb"
PARQUET_DIR = "parquet"
TABLES = ("runs", "manifest", "documents", "passages", "checklist_items", "gap_rows")


def db_path(location: str | Path) -> Path:
    """``OUT_DIR`` or the database file itself -> the database file."""
    location = Path(location)
    return location if location.suffix == ".duckdb" else location / DB_NAME


def open_store(location: str | Path, *, read_only: bool = True):
    """A DuckDB connection to a batch's store (read-only by default, so notebooks never lock it)."""
    import duckdb

    return duckdb.connect(str(db_path(location)), read_only=read_only)


def query(sql: str, location: str | Path, params: Sequence | None = None):
    """Run SQL against a batch's store and return a DataFrame."""
    with open_store(location) as con:
        return con.execute(sql, params or []).df()


def load(table: str, location: str | Path, *, run_id: str | None = None, latest: bool = False):
    """One table as a DataFrame; ``run_id`` or ``latest=True`` picks a single run."""
    if table not in TABLES:
        raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
    with open_store(location) as con:
        if latest:
            run_id = con.execute("SELECT max(run_id) FROM runs").fetchone()[0]
        if run_id is None:
            return con.execute(f"SELECT * FROM {table}").df()
        return con.execute(f"SELECT * FROM {table} WHERE run_id = ?", [run_id]).df()


def read_parquet(table: str, roots: Iterable[str | Path]):
    """One table from the Parquet exports of many batch folders, as one DataFrame."""
    import duckdb

    files = sorted(str(f) for root in roots for f in (Path(root) / PARQUET_DIR / table).glob("*.parquet"))
    if not files:
        import pandas as pd

        return pd.DataFrame()
    with duckdb.connect() as con:
        return con.execute("SELECT * FROM read_parquet(?, union_by_name = true)", [files]).df()


# --------------------------------------------------------------------------------------------------
# writing (the batch parent only)


def batch_frames(result) -> dict:
    """The tables of one batch run as DataFrames, each with a ``run_id`` column first."""
    import pandas as pd

    from .model import documents_frame

    frames = {
        "runs": pd.DataFrame([{
            "run_id": result.run_id, "out_dir": str(result.out_dir), "files": len(result.rows),
            "processed": result.processed, "reused": result.reused, "seconds": round(result.seconds, 3),
            "counts": json.dumps(dict(sorted(result.counts.items()))),
            "pipeline_version": result.rows[0].pipeline_version if result.rows else "",
            "model_hash": result.rows[0].model_hash if result.rows else "",
        }]),
        "manifest": result.to_frame(),
        "documents": documents_frame(result.documents),
    }
    if result.checklist is not None and hasattr(result.checklist, "to_frame"):
        frames["checklist_items"] = result.checklist.to_frame()
    if result.checklist is not None and result.gap_rows:
        from .batch import gap_table

        frames["gap_rows"] = gap_table(result.checklist, result.gap_rows, result.documents).to_frame()
    frames = {name: _storable(frame, result.run_id) for name, frame in frames.items()}
    return _in_table_order(frames, passages_table(result.documents, result.run_id))


def _in_table_order(frames: dict, passages) -> dict:
    """The frames in ``TABLES`` order (the store creates its tables in this order)."""
    frames = {**frames, "passages": passages}
    return {name: frames[name] for name in TABLES if name in frames}


def passages_table(docs, run_id: str):
    """``_storable(passages_frame(docs), run_id)`` built column by column.

    Why: a batch of a thousand reports has some 100,000 passages; one dict per row, a DataFrame
    from the records and a second pass flattening the nested columns cost about a second of the
    batch's closing time. The columns and their JSON text are the same (tests/test_store.py).
    """
    import pandas as pd

    from .model import PASSAGE_COLUMNS

    json_of: dict[tuple, str] = {}

    def as_json(values: tuple) -> str:
        text = json_of.get(values)
        if text is None:
            text = json_of[values] = json.dumps(list(values), ensure_ascii=False)
        return text

    templates: dict[tuple, str | None] = {}
    names = list(PASSAGE_COLUMNS) + ["probs"]
    columns: dict[str, list] = {name: [] for name in names}
    add = {name: columns[name].append for name in names}
    for d in docs:
        for p in d.passages:
            add["id"](p.passage_id)
            add["doc"](d.doc_id)
            add["source"](d.source)
            add["index"](p.index)
            add["kind"](p.kind)
            add["path"](as_json(tuple(p.path)))
            add["marker"](p.marker)
            add["text"](p.text)
            add["start"](p.start)
            add["end"](p.end)
            add["page"](p.page)
            add["section"](p.section)
            add["lead_in"](p.lead_in)
            add["label"](p.label)
            add["confidence"](None if p.confidence is None else round(float(p.confidence), 4))
            add["cues"](as_json(tuple(p.cues)))
            add["probs"](probs_json(p.probs, templates))
    frame = pd.DataFrame(columns, columns=names) if any(columns.values()) else pd.DataFrame(columns=names)
    return _storable(frame, run_id)


def probs_json(probs, templates: dict) -> str:
    """``json.dumps({label: round(float(p), 4) …}, ensure_ascii=False)`` of one passage's probabilities.

    Why not that line itself: it was over half of ``passages_table`` (a dict, a JSON encoder and six
    ``round`` calls for each of some 100,000 passages). Passages share a handful of label orders, so
    each order gets a ``%``-template once (``templates`` caches it) and the values are filled in:
    ``%r`` of a float is what ``json`` writes for it. The slow line remains for what the template
    would get wrong: no probabilities, labels that are not all distinct strings, NaN or infinity.
    """
    if probs:
        labels, values = zip(*probs)
        template = templates.get(labels, "")
        if template == "":
            template = templates[labels] = _probs_template(labels)
        if template is not None:
            rounded = tuple(map(round, map(float, values), _FOUR))
            total = sum(rounded)
            if total - total == 0:                 # all finite (inf - inf and NaN are NaN)
                return template % rounded
    return json.dumps({k: round(float(v), 4) for k, v in probs}, ensure_ascii=False)


_FOUR = (4,) * 64       # ``round``'s ndigits for ``map``; more labels than this fall back to the slow line


def _probs_template(labels: tuple) -> str | None:
    if len(labels) > len(_FOUR) or len(set(labels)) != len(labels) or any(type(k) is not str for k in labels):
        return None
    keys = (json.dumps(k, ensure_ascii=False).replace("%", "%%") for k in labels)
    return "{" + ", ".join(f"{key}: %r" for key in keys) + "}"


def record_batch(result, out_dir: str | Path) -> list[Path]:
    """Append one run to ``duban.duckdb`` and write its Parquet files; returns the paths written.

    A store that cannot be written (locked by another process, disk full) is reported on stderr
    and does not fail the batch: the manifest and the report files are already on disk.
    """
    out_dir = Path(out_dir)
    frames = batch_frames(result)
    written: list[Path] = []
    try:
        for name, frame in frames.items():
            target = out_dir / PARQUET_DIR / name / f"run_id={result.run_id}.parquet"
            with atomic_path(target) as tmp:
                frame.to_parquet(tmp, index=False)
            written.append(target)
        _append_all(db_path(out_dir), frames)
        written.append(db_path(out_dir))
    except Exception as exc:  # noqa: BLE001 - secondary output; the class only
        print(f"duban: {error('E401', path=str(db_path(out_dir)), exc=type(exc).__name__)}", file=sys.stderr)
    return written


def _append_all(path: Path, frames: dict) -> None:
    import duckdb

    with duckdb.connect(str(path)) as con:
        con.execute("BEGIN TRANSACTION")
        for name, frame in frames.items():
            _append(con, name, frame)
        con.execute("COMMIT")


def _append(con, table: str, frame) -> None:
    """Insert by column name; columns a newer pipeline added are added to the table first."""
    con.register("incoming", frame)
    try:
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]).fetchone()[0]
        if not exists:
            con.execute(f"CREATE TABLE {table} AS SELECT * FROM incoming")
            return
        have = {row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()}
        for column, dtype, *_ in con.execute("DESCRIBE incoming").fetchall():
            if column not in have:
                con.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" {dtype}')
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM incoming")
    finally:
        con.unregister("incoming")


def _storable(frame, run_id: str):
    """Nested values (paths, probabilities, cues) become JSON text; Enums their values."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = _flat_column(frame[column].tolist())
    frame.insert(0, "run_id", run_id) if "run_id" not in frame.columns else None
    return frame


def _flat_column(values: list) -> list:
    """``_flat`` of each value; a list of strings seen before reuses its JSON (outline paths and cue
    lists repeat across a batch's tens of thousands of passages)."""
    seen: dict[tuple, str] = {}
    out = []
    for value in values:
        if isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
            key = tuple(value)
            text = seen.get(key)
            if text is None:
                text = seen[key] = json.dumps(list(value), ensure_ascii=False)
            out.append(text)
        else:
            out.append(_flat(value))
    return out


def _flat(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(_plain(value), ensure_ascii=False)
    return value


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


__all__ = ["open_store", "query", "load", "read_parquet", "record_batch", "batch_frames", "TABLES", "DB_NAME"]
