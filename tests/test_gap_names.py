"""One name per report across ``duban gaps``, ``duban batch`` and ``pipeline.gaps`` (qa13 S1, S2).

A file found in a folder goes by its path inside that folder (batch's rule); a file named on its own,
and files at the same path inside two given folders, by as many parent folders as tell them apart.
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.gap_inputs import report_names

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
SEED = CORPORA / "seed" / "speech.txt"
REPORTS = CORPORA / "gaps" / "reports"


def _reports(out: Path) -> set[str]:
    with open(out / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        return {row["report"] for row in csv.DictReader(handle)}


def _inbox(root: Path, layout: dict[str, str]) -> Path:
    for name, source in layout.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPORTS / source, root / name)
    return root


@pytest.mark.parametrize("paths, within, names", [
    # a folder's top-level file and its subfolder's file of the same name (qa13 S1)
    (["in/报告.txt", "in/a/报告.txt"], ["报告.txt", "a/报告.txt"], ["报告.txt", "a/报告.txt"]),
    # the same path inside two given folders: told apart by their parent folders
    (["x/报告.txt", "y/报告.txt"], ["报告.txt", "报告.txt"], ["x/报告.txt", "y/报告.txt"]),
    # files named one by one keep the shortest distinguishing path
    (["x/报告.txt", "y/报告.txt"], [None, None], ["x/报告.txt", "y/报告.txt"]),
    (["in/报告.txt", "x/a/报告.txt"], ["报告.txt", None], ["报告.txt", "a/报告.txt"]),
    (["in/r1.txt", "in/sub/r2.txt"], ["r1.txt", "sub/r2.txt"], ["r1.txt", "sub/r2.txt"]),
    # a file named on its own reaches as far up as it takes to differ from a folder's "a/报告.txt"
    (["in/a/报告.txt", "x/a/报告.txt", "x/其他.txt"], ["a/报告.txt", None, None],
     ["a/报告.txt", "x/a/报告.txt", "其他.txt"]),
])
def test_gap_names_folder_files_go_by_their_path_inside_the_folder(tmp_path, paths, within, names):
    assert report_names([tmp_path / p for p in paths], within) == names


def test_gap_names_gaps_names_a_top_level_file_as_batch_does(tmp_path, capsys):
    inbox = _inbox(tmp_path / "filled", {"报告.txt": "r01_group1.txt", "a_8rows/报告.txt": "r03_group3.txt"})
    assert main(["gaps", "-r", str(SEED), str(inbox), "-o", str(tmp_path / "g")]) == 0
    capsys.readouterr()
    assert _reports(tmp_path / "g") == {"报告.txt", "a_8rows/报告.txt"}     # was filled/报告.txt


def test_gap_names_two_given_folders_keep_their_names_apart(tmp_path, capsys):
    _inbox(tmp_path, {"x/报告.txt": "r01_group1.txt", "y/报告.txt": "r03_group3.txt"})
    assert main(["gaps", "-r", str(SEED), str(tmp_path / "x"), str(tmp_path / "y"), "-o", str(tmp_path / "g")]) == 0
    capsys.readouterr()
    assert _reports(tmp_path / "g") == {"x/报告.txt", "y/报告.txt"}


def test_gap_names_notebook_names_reports_and_set_aside_as_the_command(tmp_path, capsys):
    import pipeline

    inbox = _inbox(tmp_path / "inbox", {
        "东山镇报告.txt": "r01_group1.txt", "县自然资源局.txt": "r03_group3.txt",
        "乡镇/报告.txt": "r01_group1.txt", "部门/报告.txt": "r03_group3.txt",     # copies under one name
        "报告.txt": "r04_health_bureau.txt", "sub/报告.txt": "r05_group4.txt"})
    table = pipeline.gaps(str(SEED), str(inbox))
    aside = dict(table.set_aside)
    assert aside == {"乡镇/报告.txt": "duplicate_of", "部门/报告.txt": "duplicate_of"}   # were 报告.txt twice
    assert {r.report for r in table.rows} == {"东山镇报告.txt", "县自然资源局.txt", "报告.txt", "sub/报告.txt"}
    assert main(["gaps", "-r", str(SEED), str(inbox), "-o", str(tmp_path / "g")]) == 0
    capsys.readouterr()
    assert _reports(tmp_path / "g") == {r.report for r in table.rows}


def test_gap_names_notebook_names_own_outputs_inside_the_folder(tmp_path):
    import pipeline

    inbox = _inbox(tmp_path / "inbox", {"r01.txt": "r01_group1.txt", "r03.txt": "r03_group3.txt"})
    assert main(["gaps", "-r", str(SEED), str(inbox), "-o", str(inbox / "上月结果")]) == 0
    table = pipeline.gaps(str(SEED), str(inbox))
    outputs = sorted(name for name, reason in table.set_aside if reason == "is_output")
    assert outputs and all(name.startswith("上月结果/") for name in outputs)     # not absolute paths
    assert {r.report for r in table.rows} == {"r01.txt", "r03.txt"}
