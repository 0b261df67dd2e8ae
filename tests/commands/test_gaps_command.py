"""``duban gaps`` as a user runs it: a folder as reference, reports of the same name (QA finding 14)."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.commands.gaps import report_names

CORPORA = Path(__file__).resolve().parents[2] / "corpora"
SEED = CORPORA / "seed" / "speech.txt"
REPORTS = CORPORA / "gaps" / "reports"


@pytest.mark.parametrize("paths, names", [
    (["in/r1.txt", "in/r2.txt"], ["r1.txt", "r2.txt"]),
    (["a/报告.txt", "b/报告.txt"], ["a/报告.txt", "b/报告.txt"]),
    (["x/a/报告.txt", "y/a/报告.txt", "y/其他.txt"], ["x/a/报告.txt", "y/a/报告.txt", "其他.txt"]),
    (["a/报告.txt", "a/sub/报告.txt"], ["a/报告.txt", "sub/报告.txt"]),
    (["报告.txt", "报告.txt"], ["报告.txt", "报告.txt"]),                       # the same file twice
    (["报告.txt", "报告.docx"], ["报告.txt", "报告.docx"]),
])
def test_gaps_report_names_are_the_shortest_distinguishing_paths(tmp_path, paths, names):
    assert report_names([tmp_path / p for p in paths]) == names


def test_gaps_folder_as_reference_is_a_coded_usage_error(tmp_path, capsys):
    (tmp_path / "ref").mkdir()
    shutil.copy(SEED, tmp_path / "ref" / "speech.txt")
    code = main(["gaps", "--reference", str(tmp_path / "ref"), str(REPORTS / "r01_group1.txt"),
                 "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2 and "[E006]" in err and "folder" in err and "corrupt" not in err
    assert not (tmp_path / "out").exists()


def test_gaps_reports_of_the_same_name_stay_apart(tmp_path, capsys):
    for folder, source in (("a", "r01_group1.txt"), ("b", "r03_group3.txt")):
        (tmp_path / "in" / folder).mkdir(parents=True)
        shutil.copy(REPORTS / source, tmp_path / "in" / folder / "报告.txt")
    assert main(["gaps", "--reference", str(SEED), str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    with open(tmp_path / "out" / "gaps.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    column = next(c for c in rows[0] if c in ("report", "报告", "报告文件"))
    assert sorted({r[column] for r in rows}) == ["a/报告.txt", "b/报告.txt"]
