"""Byte-identical copies count once in ``duban gaps`` as in ``duban batch`` (QA 6, L9): batch marks
the copy ``duplicate_of`` and leaves it out of the gap table; gaps scored it as a second unit."""
from __future__ import annotations

import csv

from tests.batch_fixtures import report_text
from tests.conftest import SEED

from pipeline.cli import main


def _units(out) -> dict[str, str]:
    with open(out / "gaps.csv", encoding="utf-8-sig", newline="") as fh:
        return {row["report"]: row["unit"] for row in csv.DictReader(fh)}


def test_gaps_counts_a_byte_identical_copy_once_like_batch(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    text = report_text(7)
    (src / "报告(1).txt").write_text(text, encoding="utf-8")
    (src / "报告.txt").write_text(text, encoding="utf-8")                 # the same report saved twice
    (src / "报告.docx.txt").write_text(report_text(8), encoding="utf-8")
    (src / "空.txt").write_bytes(b"")                                     # empty files are never copies
    (src / "空2.txt").write_bytes(b"")

    assert main(["gaps", "-r", str(SEED), str(src), "-o", str(tmp_path / "g")]) == 1   # the empty ones fail
    err = capsys.readouterr().err
    assert "报告(1).txt: duplicate_of 报告.txt" in err            # the browser's "(1)" copy, not the original (QA12 L1)
    gaps = _units(tmp_path / "g")
    assert "报告(1).txt" not in gaps and "报告.txt" in gaps and {"空.txt", "空2.txt"} <= set(gaps)

    assert main(["batch", str(src), "-r", str(SEED), "-o", str(tmp_path / "b"), "--no-progress"]) == 1
    capsys.readouterr()
    assert set(_units(tmp_path / "b")) == set(gaps)                        # the same reports, one unit each
    assert _units(tmp_path / "b")["报告.txt"] == gaps["报告.txt"]


def test_gaps_same_bytes_with_another_suffix_are_two_reports(tmp_path, capsys):
    """batch's rule: the suffix breaks ties in type sniffing, so a.txt and a.md may read differently."""
    src = tmp_path / "in"
    src.mkdir()
    text = report_text(9)
    (src / "a.txt").write_text(text, encoding="utf-8")
    (src / "a.md").write_text(text, encoding="utf-8")
    main(["gaps", "-r", str(SEED), str(src), "-o", str(tmp_path / "g")])
    assert "duplicate_of" not in capsys.readouterr().err
    assert set(_units(tmp_path / "g")) == {"a.txt", "a.md"}
