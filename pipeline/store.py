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
import os
import sys
from contextlib import contextmanager
from enum import Enum
from operator import attrgetter
from pathlib import Path
from typing import Iterable, Sequence

from .errors import error
from .export.atomic import atomic_path
from .store_schema import TABLES, column_types, declared_types, is_null_type  # noqa: F401 (TABLES, declared_types re-exported)

DB_NAME = "duban.duckdb"
PARQUET_DIR = "parquet"


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

    from .manifest import readable_path
    from .model import documents_frame

    frames = {
        "runs": pd.DataFrame([{
            "run_id": result.run_id, "out_dir": readable_path(result.out_dir), "files": len(result.rows),
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

    def as_json(values) -> str:
        values = tuple(values)
        text = json_of.get(values)
        if text is None:
            text = json_of[values] = json.dumps(list(values), ensure_ascii=False)
        return text

    # one list per column, each by one pass (attrgetter over the passages runs in C)
    passages = [p for d in docs for p in d.passages]
    owners = [d for d in docs for _ in d.passages]

    def of(name: str) -> list:
        return list(map(attrgetter(name), passages))

    columns = {
        "id": of("passage_id"), "doc": [d.doc_id for d in owners], "source": [d.source for d in owners],
        "index": of("index"), "kind": of("kind"), "path": list(map(as_json, of("path"))),
        "marker": of("marker"), "text": of("text"), "start": of("start"), "end": of("end"),
        "page": of("page"), "section": of("section"), "lead_in": of("lead_in"), "label": of("label"),
        "confidence": [None if c is None else round(float(c), 4) for c in of("confidence")],
        "cues": list(map(as_json, of("cues"))),
        "probs": probs_column(of("probs")),
    }
    names = list(PASSAGE_COLUMNS) + ["probs"]        # the same order (the test compares the frames)
    frame = pd.DataFrame(columns, columns=names) if any(columns.values()) else pd.DataFrame(columns=names)
    return _storable(frame, run_id)


def probs_column(column: Sequence) -> list[str]:
    """The ``probs`` text of each passage: ``json.dumps({label: round(float(p), 4) …}, ensure_ascii=False)``.

    Why not that line itself: it was over half of ``passages_table`` (a dict, a JSON encoder and six
    ``round`` calls for each of some 100,000 passages). Passages share a handful of label orders: each
    order gets a ``%``-template once, numpy rounds all the values together (``round4``), and one
    ``%`` fills every template (joined by NUL, which JSON text never holds raw); ``%r`` of a float is
    what ``json`` writes for it. The plain line remains for labels that are not distinct strings
    and for NaN or infinity (tests/test_store.py compares with the plain line).
    """
    import numpy as np

    if not column:
        return []
    templates: dict[tuple, str | None] = {}
    plan: list[str] = []            # each passage's template ("" when the plain line writes it)
    counts: list[int] = []          # how many of the values are its own
    flat: list = []
    for probs in column:
        template, n = "{}", 0
        if probs:
            labels, values = zip(*probs)
            template = templates.get(labels, "")
            if template == "":
                template = templates[labels] = _probs_template(labels)
            if template is None:
                template = ""
            else:
                flat.extend(values)
                n = len(values)
        plan.append(template)
        counts.append(n)
    values = np.fromiter(map(float, flat), float, len(flat))
    texts = ("\0".join(plan) % tuple(round4(values))).split("\0")
    plain = {k for k, template in enumerate(plan) if not template}
    nonfinite = np.flatnonzero(~np.isfinite(values))
    if nonfinite.size:
        ends = np.cumsum(counts)
        plain.update(np.searchsorted(ends, nonfinite, side="right").tolist())
    for k in plain:
        texts[k] = json.dumps({label: round(float(p), 4) for label, p in column[k]}, ensure_ascii=False)
    return texts


def round4(values) -> list[float]:
    """``round(v, 4)`` of each float64 value, exactly as Python rounds (the correctly rounded
    decimal, ties to even), for a whole array at once.

    ``rint(v * 10000)`` is that decimal's digits unless the product is near a tie (its rounding
    error, under 2**-32 below 2**20, could decide it) or large; those values go to ``round``. The
    digits over 10000 is the nearest double, as ``round``'s own string conversion gives.
    """
    import numpy as np

    with np.errstate(all="ignore"):              # NaN, infinity and overflow go to ``round`` below
        scaled = values * 10000.0
        nearest = np.rint(scaled)
        exact = (np.abs(scaled) < 2.0 ** 20) & (np.abs(np.abs(scaled - nearest) - 0.5) > 1e-6)
        rounded = (nearest / 10000.0).tolist()         # rint keeps the sign: -0.00001 gives -0.0
    for k in np.flatnonzero(~exact).tolist():
        rounded[k] = round(float(values[k]), 4)
    return rounded


def _probs_template(labels: tuple) -> str | None:
    if len(set(labels)) != len(labels) or any(type(k) is not str for k in labels):
        return None
    keys = (json.dumps(k, ensure_ascii=False).replace("%", "%%") for k in labels)
    return "{" + ", ".join(f"{key}: %r" for key in keys) + "}"


def record_batch(result, out_dir: str | Path) -> list[Path]:
    """Append one run to ``duban.duckdb`` and write its Parquet files; returns the paths written.

    A store that cannot be written (locked by another process, disk full, a table it cannot
    take) is reported on stderr as E401 and the database is left out of the paths returned: the
    manifest and the report files are already on disk, and ``duban batch`` exits 1 because the
    run is not in the store (``run_recorded``).
    """
    out_dir = Path(out_dir)
    frames = batch_frames(result)
    written: list[Path] = []
    try:
        for name, frame in frames.items():
            target = out_dir / PARQUET_DIR / name / f"run_id={result.run_id}.parquet"
            with atomic_path(target) as tmp, open(tmp, "wb") as fh:    # Arrow cannot take a non-UTF-8 path
                frame.to_parquet(fh, index=False)
            written.append(target)
        _append_all(db_path(out_dir), frames)
        written.append(db_path(out_dir))
    except Exception as exc:  # noqa: BLE001 - secondary output; the class only
        from .manifest import readable_path

        detail = f"{type(exc).__name__}; this run is not in the results store, the report files are written"
        print(f"duban: {error('E401', path=readable_path(db_path(out_dir)), exc=detail)}", file=sys.stderr)
    return written


def run_recorded(out_dir: str | Path, written: Iterable[Path]) -> bool:
    """Whether ``record_batch`` wrote this run into the store (its database among ``written``)."""
    return db_path(out_dir) in set(written)


@contextmanager
def _openable(path: Path):
    """``str(path)``, or for a folder whose name is not UTF-8 (DuckDB cannot encode it) the same
    file reached through the folder's descriptor under ``/proc/self/fd`` (Linux)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        yield str(path)
        return
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        yield f"/proc/self/fd/{fd}/{path.name}"
    finally:
        os.close(fd)


def _append_all(path: Path, frames: dict) -> None:
    import duckdb

    with _openable(path) as name, duckdb.connect(name) as con:
        con.execute("BEGIN TRANSACTION")
        for name, frame in frames.items():
            _append(con, name, frame)
        con.execute("COMMIT")


def _append(con, table: str, frame) -> None:
    """Insert by column name into a table of the declared column types (``column_types``).

    Columns a newer pipeline added are added to the table first, and a column an older duban
    created with DuckDB's type NULL (every value None in its first run: ``documents.pages`` of a
    txt/docx-only batch) is given its declared type, so such a store takes runs again (QA9 H6).
    """
    con.register("incoming", frame)
    try:
        incoming = {row[0]: row[1] for row in con.execute("DESCRIBE incoming").fetchall()}
        types = column_types(table, incoming)   # ``store_schema``: the declared types
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]).fetchone()[0]
        if not exists:
            columns = ", ".join(f'"{column}" {dtype}' for column, dtype in types.items())
            con.execute(f"CREATE TABLE {table} ({columns})")
        else:
            have = {row[0]: row[1] for row in con.execute(f"DESCRIBE {table}").fetchall()}
            for column, dtype in have.items():
                if is_null_type(dtype):
                    wanted = types.get(column) or "VARCHAR"
                    con.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE {wanted}')
            for column, dtype in types.items():
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
        if value is None or type(value) in _PLAIN_SCALARS:       # most values (page numbers): as they are
            out.append(value)
        elif isinstance(value, (list, tuple)) and all(type(v) is str for v in value):
            key = tuple(value)
            text = seen.get(key)
            if text is None:
                text = seen[key] = json.dumps(list(value), ensure_ascii=False)
            out.append(text)
        else:
            out.append(_flat(value))
    return out


_PLAIN_SCALARS = frozenset({str, int, float, bool})     # exact types ``_flat`` returns unchanged


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


__all__ = ["open_store", "query", "load", "read_parquet", "record_batch", "run_recorded", "batch_frames",
           "declared_types", "TABLES", "DB_NAME"]
