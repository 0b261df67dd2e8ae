"""File and folder names that are not UTF-8 (QA 6, H1).

A tar/rsync/USB copy made on a GBK-locale machine leaves names as raw GBK bytes; Python hands them
over as surrogate escapes, which raise ``UnicodeEncodeError`` wherever they are written (cache keys,
manifests, the store). Every such file must be processed and named readably in every output.
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from tests.batch_fixtures import report_text
from tests.conftest import SEED

from pipeline.manifest import discover, escaped_name, readable_name, readable_path

GBK_FOLDER = "各单位报告".encode("gbk")
GBK_FILE = "一中报告.txt".encode("gbk")


def fs_name(raw: bytes) -> str:
    """A name as Python's ``os.listdir`` hands it over (surrogate escapes for bytes not UTF-8)."""
    return os.fsdecode(raw)


def _make_bytes_name(folder: Path, raw: bytes, data: bytes) -> None:
    try:
        with open(os.path.join(os.fsencode(folder), raw), "wb") as fh:
            fh.write(data)
    except OSError:                               # a file system that insists on UTF-8 names
        pytest.skip("file system refuses non-UTF-8 names")


@pytest.mark.parametrize("raw, shown", [
    ("报告.txt".encode(), "报告.txt"),                        # UTF-8: unchanged
    ("一中报告.txt".encode("gbk"), "一中报告.txt"),          # GBK bytes: decoded
    ("𠀀报告.txt".encode("gb18030"), "𠀀报告.txt"),           # GB18030 four-byte character
    (b"caf\xe9.txt", "caf\\xe9.txt"),                        # Latin-1: no clean GB18030 reading, escaped
    (b"r\xff\xfe.txt", "r\\xff\\xfe.txt"),
    (b"\x81\x30.txt", "\\x810.txt"),                          # a truncated GB18030 sequence
])
def test_manifest_readable_name_decodes_gbk_and_escapes_the_rest(raw, shown):
    name = fs_name(raw)
    assert readable_name(name) == shown
    shown.encode("utf-8")                                      # writable anywhere
    assert readable_name(name) == readable_name(fs_name(raw))  # pure: the same name every run


def test_manifest_readable_path_decodes_each_component_alone():
    mixed = fs_name("中文".encode() + b"/" + GBK_FOLDER + b"/" + b"caf\xe9")
    assert readable_path(mixed) == "中文/各单位报告/caf\\xe9"
    assert escaped_name(fs_name(b"a\xb1")) == "a\\xb1"


def test_manifest_discover_names_every_input_readably_and_uniquely(tmp_path):
    root = tmp_path / "in"
    os.makedirs(os.path.join(os.fsencode(root), GBK_FOLDER))
    _make_bytes_name(root, GBK_FOLDER + b"/" + GBK_FILE, b"x")
    _make_bytes_name(root, "报告.txt".encode("gbk"), b"gbk")      # decodes to its UTF-8 neighbour's name
    (root / "报告.txt").write_text("utf8", encoding="utf-8")
    _make_bytes_name(root, b"\xff.txt", b"y")

    inputs = discover(root)
    rels = [item.rel for item in inputs]
    assert sorted(rels) == sorted(["各单位报告/一中报告.txt", "报告.txt", "\\xb1\\xa8\\xb8\\xe6.txt", "\\xff.txt"])
    assert len(set(rels)) == len(rels)
    assert [i.rel for i in discover(root)] == rels                           # deterministic
    for item in inputs:                                                      # the real path still opens
        assert item.path.read_bytes()
    by_rel = {i.rel: i.path for i in inputs}
    assert by_rel["报告.txt"].read_bytes() == b"utf8"                       # the UTF-8 file keeps its name


def test_batch_non_utf8_names_are_processed_and_named_readably(tmp_path):
    """Folder, file, reference and output folder all named in GBK bytes; the store is written too."""
    from pipeline.batch import run_batch
    from pipeline.manifest import read_csv
    duckdb = pytest.importorskip("duckdb")
    import pandas as pd

    src = tmp_path / "in"
    src.mkdir()
    (src / "ok.txt").write_text(report_text(1), encoding="utf-8")
    os.makedirs(os.path.join(os.fsencode(src), GBK_FOLDER))
    _make_bytes_name(src, GBK_FOLDER + b"/" + GBK_FILE, report_text(2).encode("gbk"))
    _make_bytes_name(src, b"caf\xe9.txt", report_text(3).encode("utf-8"))
    reference = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), "讲话.txt".encode("gbk"))))
    _make_bytes_name(tmp_path, "讲话.txt".encode("gbk"), SEED.read_bytes())
    out = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"out\xd6\xd0")))

    options = dict(reference=reference, out_dir=out, progress=False, workers=1, timeout=60)
    result = run_batch(src, **options)

    shown = {"ok.txt", "各单位报告/一中报告.txt", "caf\\xe9.txt"}
    assert result.exit_code == 0, result.summary()
    assert {r.path: r.status for r in result.rows}.keys() == shown
    assert {r.status for r in result.rows} <= {"ok", "ok_with_warnings"}
    assert {row["path"] for row in read_csv(out / "manifest.csv")} == shown
    logged = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {row["path"] for row in logged} == shown
    with open(out / "gaps.csv", encoding="utf-8-sig", newline="") as fh:
        assert {row["report"] for row in csv.DictReader(fh)} == shown
    assert result.checklist.sources == ("讲话.txt",)
    assert "讲话.txt" in (out / "checklist" / "checklist.md").read_text(encoding="utf-8")
    (parquet,) = (out / "parquet" / "manifest").glob("*.parquet")
    with open(parquet, "rb") as fh:                                        # the store has the run
        assert set(pd.read_parquet(fh)["path"]) == shown
    folder = os.open(out, os.O_RDONLY)                                     # DuckDB cannot take the name itself
    try:
        with duckdb.connect(f"/proc/self/fd/{folder}/duban.duckdb", read_only=True) as con:
            assert {p for (p,) in con.execute("SELECT path FROM manifest").fetchall()} == shown
    finally:
        os.close(folder)

    again = run_batch(src, resume=True, **options)                             # cache keys survive too
    assert again.reused == 3 and again.processed == 0
    assert [r.path for r in again.rows] == [r.path for r in result.rows]


def test_gaps_report_names_show_gbk_names_decoded_and_distinct(tmp_path):
    """``duban gaps`` names reports like batch: decoded, never two reports under one name."""
    from pipeline.commands.gaps import report_names

    gbk = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), "一中报告.txt".encode("gbk"))))
    twin = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), "报告.txt".encode("gbk"))))
    names = report_names([gbk, tmp_path / "报告.txt", twin])
    assert names[0] == "一中报告.txt"
    assert len(set(names)) == 3 and "报告.txt" in names
    for name in names:
        name.encode("utf-8")


def test_checklist_command_names_a_gbk_speech_decoded(tmp_path, capsys):
    from pipeline.cli import main

    speech = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), "讲话.txt".encode("gbk"))))
    _make_bytes_name(tmp_path, "讲话.txt".encode("gbk"), SEED.read_bytes())
    assert main(["checklist", str(speech), "-o", str(tmp_path / "ck")]) == 0
    assert json.loads((tmp_path / "ck" / "checklist.json").read_text(encoding="utf-8"))["sources"] == ["讲话.txt"]
