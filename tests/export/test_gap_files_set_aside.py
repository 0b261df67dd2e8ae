"""The submissions set aside as no unit's report are listed in the gap files themselves (QA10: the
notice among the replies, a blank ledger, a byte-identical copy… were named on stderr and in the
manifest only, so whoever read only gaps.xlsx could not tell every file had been looked at).

The three ways in (``pipeline.gaps``, ``duban gaps``, ``duban batch``) give the same list.
"""
from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import CORPORA, SEED

from pipeline.batch import run_batch
from pipeline.batch_set_aside import set_aside_of
from pipeline.cli import main
from pipeline.export.gap_files import SET_ASIDE_HEADER, SET_ASIDE_TITLE, SET_ASIDE_ZH, write_gaps
from pipeline.gaps import build_gaps
from pipeline.manifest import ManifestRow

REPORT = CORPORA / "gaps" / "reports" / "r01_group1.txt"
UNIT = "区委先进性教育活动第一督导组"
COPY = "=1+1 副本.txt"          # a copy whose name reads as a formula: listed as text, never evaluated


@pytest.fixture(scope="module")
def inbox(tmp_path_factory):
    """A reply, a byte-identical copy of it, and the speech itself among the replies."""
    folder = tmp_path_factory.mktemp("inbox")
    shutil.copy(REPORT, folder / "第一督导组.txt")
    shutil.copy(REPORT, folder / COPY)
    shutil.copy(SEED, folder / "讲话.txt")
    return folder


EXPECTED = {COPY: "duplicate_of", "讲话.txt": "is_reference"}


def _listed(out):
    """The set-aside list as each gap file gives it: {file: reason text}."""
    from openpyxl import load_workbook

    found = {}
    data = json.loads((out / "gaps.json").read_text(encoding="utf-8"))
    found["json"] = {r["report"].rsplit("/", 1)[-1]: SET_ASIDE_ZH[r["reason"]] for r in data["set_aside"]}
    summary = load_workbook(out / "gaps.xlsx")["汇总"]
    column_a = [summary.cell(r, 1).value for r in range(1, summary.max_row + 1)]
    title = column_a.index(f"{SET_ASIDE_TITLE}（{len(EXPECTED)}）") + 1
    assert tuple(summary.cell(title + 1, c).value for c in (1, 2)) == SET_ASIDE_HEADER
    found["xlsx"] = {summary.cell(r, 1).value.rsplit("/", 1)[-1]: summary.cell(r, 2).value
                     for r in range(title + 2, title + 2 + len(EXPECTED))}
    for name in ("gaps.md", "gaps.html"):
        page = (out / name).read_text(encoding="utf-8")
        assert page.count(f"{SET_ASIDE_TITLE}（{len(EXPECTED)}）") == 1
        found[name] = {file: reason for file, reason in ((f, SET_ASIDE_ZH[r]) for f, r in EXPECTED.items())
                       if file in page and reason in page}
    return found


def _expected_text():
    return {file: SET_ASIDE_ZH[reason] for file, reason in EXPECTED.items()}


def test_gap_files_set_aside_listed_by_duban_gaps(inbox, tmp_path, capsys):
    out = tmp_path / "g"
    main(["gaps", "-r", str(SEED), str(inbox), "-o", str(out)])
    capsys.readouterr()
    for where, listed in _listed(out).items():
        assert listed == _expected_text(), where
    assert (out / "gaps.md").read_text(encoding="utf-8").count(f"## {UNIT}") == 1     # the reply: one unit


def test_gap_files_set_aside_listed_by_duban_batch(inbox, tmp_path):
    out = tmp_path / "b"
    result = run_batch(inbox, reference=SEED, out_dir=out, workers=1, progress=False, store=False)
    assert {path: reason for path, reason in set_aside_of(result.rows)} == EXPECTED
    for where, listed in _listed(out).items():
        assert listed == _expected_text(), where


def test_gap_files_set_aside_listed_by_the_notebook_api(inbox, tmp_path):
    table = build_gaps(SEED, sorted(inbox.iterdir()))
    assert {source.rsplit("/", 1)[-1]: reason for source, reason in table.set_aside} == EXPECTED
    assert len({r.report for r in table.rows}) == 1          # the copy is no second unit (QA12 M3)
    write_gaps(table, tmp_path)
    for where, listed in _listed(tmp_path).items():
        assert listed == _expected_text(), where


def test_gap_files_set_aside_name_is_text_not_a_formula(inbox, tmp_path):
    from openpyxl import load_workbook

    run_batch(inbox, reference=SEED, out_dir=tmp_path, workers=1, progress=False, store=False)
    cells = [c for row in load_workbook(tmp_path / "gaps.xlsx")["汇总"].iter_rows() for c in row
             if isinstance(c.value, str) and c.value.endswith(COPY)]
    assert cells and all(c.data_type == "s" for c in cells)


def test_gap_files_no_set_aside_section_when_every_file_is_a_report(tmp_path):
    write_gaps(build_gaps(SEED, [REPORT]), tmp_path)
    for name in ("gaps.md", "gaps.html"):
        assert SET_ASIDE_TITLE not in (tmp_path / name).read_text(encoding="utf-8")
    assert json.loads((tmp_path / "gaps.json").read_text(encoding="utf-8"))["set_aside"] == []


@pytest.mark.parametrize("reason, duplicate_of, listed", [
    ("is_reference", "", "is_reference"),
    ("is_checklist", "", "is_checklist"),
    ("is_output", "", "is_output"),
    ("about_units", "", "about_units"),
    ("superseded_by", "", "superseded_by"),
    ("", "a.txt", "duplicate_of"),
    ("holds_reference", "", None),      # assessed on its own part: a unit, not set aside
    ("script", "", None),               # skipped clutter: the manifest's business, not a report
    ("", "", None),
])
def test_set_aside_of_manifest_rows(reason, duplicate_of, listed):
    row = ManifestRow(path="x.txt", sha256="", status="ok", reason=reason, duplicate_of=duplicate_of)
    assert set_aside_of([row]) == ((("x.txt", listed),) if listed else ())
