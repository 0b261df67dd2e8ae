"""Batch inputs and their manifest: discovery, cache keys, and the one-row-per-input ledger.

Every discovered input gets exactly one manifest row (reliability-cases B1, contract 1). Discovery
walks the folder itself (``os.scandir``, sorted by name at every level) so that symlinks are never
followed, dot-directories are recorded once instead of walked, and the order never depends on the
file system. A name that is not UTF-8 (raw GBK bytes from a tar/USB copy made on a GBK machine)
keeps its real bytes in ``Input.path`` and is *shown* decoded (``readable_name``) in ``Input.rel``,
the name every output uses. Rows are appended to ``manifest.jsonl`` and fsynced one by one while the batch runs
(crash safety), and ``manifest.csv`` is written atomically at the end.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import stat
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Iterable

from .export.atomic import atomic_write_text
from .export.safe import csv_text
from .extract.sniff import CODE_SUFFIXES

SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db"})

# Reasons a discovered path is not processed. Skips that are the user's ordinary clutter do not make
# the batch fail; an unreadable directory does (files inside it were not looked at).
SKIP_OFFICE_LOCK = "office_lock_file"
SKIP_HIDDEN = "hidden"
SKIP_SCRIPT = "script"          # a generator script or config file left beside the submissions
SKIP_SYMLINK = "symlink"
SKIP_NOT_REGULAR = "not_regular_file"

# Encodings a non-UTF-8 file name is tried in, in order: Chinese Windows writes names in GBK
# (GB18030 is its superset, so one decoder covers both).
NAME_ENCODINGS = ("gb18030",)


@dataclass(frozen=True, slots=True)
class Input:
    """One discovered path: ``rel`` is its POSIX path relative to the input folder."""

    path: Path               # the real path (a non-UTF-8 name keeps its bytes as surrogate escapes)
    rel: str                 # the readable name, always encodable as UTF-8
    skip_reason: str = ""
    error: str = ""          # set for a directory that could not be listed


def readable_name(name: str) -> str:
    """A file name as people read it, always encodable as UTF-8.

    Python hands a name that is not UTF-8 over with its bytes as lone surrogates
    (``surrogateescape``): writing it anywhere raises ``UnicodeEncodeError``. Such a name is decoded
    as GB18030 when that succeeds and yields no control or private-use characters, and is otherwise
    shown with its undecodable bytes escaped (``caf\\xe9.txt``). Pure, so reruns name files the same.
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:            # a lone surrogate that is no escaped byte
        return escaped_name(name)
    for encoding in NAME_ENCODINGS:
        try:
            decoded = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if all(ch.isprintable() and not "\ue000" <= ch <= "\uf8ff" for ch in decoded):
            return decoded
    return escaped_name(name)


def readable_path(path: str | os.PathLike) -> str:
    """``readable_name`` of every component of a path (a GBK folder inside a UTF-8 one stays readable)."""
    return "/".join(readable_name(part) for part in os.fspath(path).split("/"))


def escaped_name(name: str) -> str:
    """``name`` with the bytes that are not UTF-8 written as ``\\xNN`` (UTF-8 characters kept)."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _readable_names(names: list[str]) -> dict[str, str]:
    """``readable_name`` of every entry of one folder, kept unique: a decoded name that equals a
    sibling's (a GBK "报告.txt" next to a UTF-8 one) is shown escaped instead, then numbered."""
    shown = {name: name for name in names if readable_name(name) == name}
    taken = set(shown.values())
    for name in names:
        if name in shown:
            continue
        candidates = [readable_name(name), escaped_name(name)]
        label = next((c for c in candidates if c not in taken), None)
        n = 2
        while label is None or label in taken:
            label, n = f"{candidates[-1]}~{n}", n + 1
        shown[name] = label
        taken.add(label)
    return shown


def skip_reason(name: str) -> str:
    """Why a file or directory name is clutter rather than a submission ("" when it is not)."""
    if name.startswith("~$"):
        return SKIP_OFFICE_LOCK
    if name.startswith(".") or name.lower() in SYSTEM_FILES:
        return SKIP_HIDDEN
    if os.path.splitext(name)[1].lower() in CODE_SUFFIXES:
        return SKIP_SCRIPT      # clutter like Thumbs.db: listed, not a failed file (review7 on QA9 L11)
    return ""


def discover(root: str | os.PathLike, *, exclude: Iterable[str | os.PathLike] = ()) -> list[Input]:
    """All inputs under ``root`` in sorted order, skipped ones included (with their reason).

    Symlinks (to files or directories, loops included) are recorded as skipped and never followed;
    hidden directories are recorded once and not entered; ``exclude`` (the output folder when it
    sits inside the input folder) is left out entirely.
    """
    root = Path(root)
    excluded = {os.path.realpath(p) for p in exclude}
    found: list[Input] = []
    _walk(root, "", excluded, found)
    return found


def _walk(directory: Path, prefix: str, excluded: set[str], found: list[Input]) -> None:
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        found.append(Input(directory, prefix.rstrip("/") or ".", error=type(exc).__name__))
        return
    shown = _readable_names([e.name for e in entries])
    for entry in entries:
        rel = prefix + shown[entry.name]
        path = Path(entry.path)
        if os.path.realpath(path) in excluded and not entry.is_symlink():
            continue
        reason = skip_reason(entry.name)
        if entry.is_symlink():
            found.append(Input(path, rel, SKIP_SYMLINK))
        elif entry.is_dir(follow_symlinks=False):
            if reason:
                found.append(Input(path, rel + "/", reason))
            else:
                _walk(path, rel + "/", excluded, found)
        elif reason:
            found.append(Input(path, rel, reason))
        elif not stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode):
            found.append(Input(path, rel, SKIP_NOT_REGULAR))   # FIFOs, sockets, devices: reading would hang
        else:
            found.append(Input(path, rel))


def input_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Files as given; a folder stands for the files ``duban batch`` would process in it (walked in
    sorted order; hidden and system files, Word lock files ``~$…``, symlinks and FIFOs left out).
    A missing path (E001) or a folder with no such file (E002) is a usage error, raised before any
    file is read: the CLI's ``analyze``/``gaps``/``checklist`` and the notebook API say the same."""
    from .errors import UsageError

    files = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError("E001", path=readable_path(path))
        if not path.is_dir():
            files.append(path)
            continue
        found = [item.path for item in discover(path) if not item.skip_reason and not item.error]
        if not found:
            raise UsageError("E002")
        files.extend(found)
    return files


def file_sha256(path: Path, chunk: int = 1 << 20) -> tuple[str, int]:
    """(sha256 hex, size) of a file, streamed so a huge input costs no memory."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def cache_key(sha256: str, pipeline_version: str, config_hash: str, model_hash: str) -> str:
    """The resume key: a file is redone when its bytes, the code, the settings or the model change."""
    joined = "|".join((sha256, pipeline_version, config_hash, model_hash))
    return hashlib.sha256(joined.encode()).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class ManifestRow:
    """One input's outcome. ``message`` is a coded message and never contains document text."""

    path: str
    sha256: str
    status: str
    reason: str = ""
    unit: str = ""
    seconds: float = 0.0
    size: int | None = None
    cpu_seconds: float = 0.0
    file_type: str = ""
    n_passages: int = 0
    duplicate_of: str = ""
    message: str = ""
    doc_id: str = ""
    key: str = ""
    resumed: bool = False
    pipeline_version: str = ""
    config_hash: str = ""
    model_hash: str = ""


MANIFEST_COLUMNS = tuple(f.name for f in fields(ManifestRow))


def row_to_json(row: ManifestRow, run_id: str) -> str:
    return json.dumps({"run_id": run_id, **asdict(row)}, ensure_ascii=False, sort_keys=False)


class ManifestLog:
    """Append-only ``manifest.jsonl``: one line per finished input, flushed and fsynced each time.

    A run killed at any moment leaves every row it had finished on disk; the log spans runs
    (each line carries its ``run_id``).
    """

    def __init__(self, path: Path, run_id: str):
        self.path = path
        self.run_id = run_id
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(path, "a", encoding="utf-8")

    def append(self, row: ManifestRow) -> None:
        self._fh.write(row_to_json(row, self.run_id) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.close()

    def __enter__(self) -> "ManifestLog":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def render_csv(rows: Iterable[ManifestRow]) -> str:
    """``manifest.csv`` text: the columns of ``ManifestRow``, cells guarded against formula injection."""
    return csv_text(MANIFEST_COLUMNS, ([_cell(values[c]) for c in MANIFEST_COLUMNS]
                                       for values in map(asdict, rows)))


def write_csv(path: Path, rows: Iterable[ManifestRow]) -> None:
    atomic_write_text(path, render_csv(rows))


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def read_log(path: Path) -> list[dict]:
    """Rows of ``manifest.jsonl``; a torn last line (the run was killed mid-write) is ignored."""
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return rows


def _cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else value
