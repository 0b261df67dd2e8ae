"""Of byte-identical submissions the original is kept and the copy named ``duplicate_of`` (QA12 L1:
Windows' "报告 - 副本.txt" sorts before "报告.txt", and the original was named the duplicate), the same
way by ``duban batch``, ``duban gaps`` and ``pipeline.gaps`` (QA12 M3: the notebook assessed both)."""
from __future__ import annotations

import shutil

import pytest

from tests.conftest import CORPORA, SEED

from pipeline.batch import run_batch
from pipeline.cli import main
from pipeline.copy_names import copies_of, looks_like_copy
from pipeline.gaps import build_gaps

REPORT = CORPORA / "gaps" / "reports" / "r01_group1.txt"


@pytest.mark.parametrize("name, copy", [
    ("县公安局报告 - 副本.txt", True),
    ("县公安局报告 - 副本 (2).txt", True),
    ("县公安局报告 - Copy.docx", True),
    ("report - copy (3).pdf", True),
    ("县公安局报告(1).txt", True),
    ("县公安局报告（2）.docx", True),
    ("县公安局报告副本.txt", True),
    ("县公安局报告_副本2.txt", True),
    ("副本 县公安局报告.txt", True),
    ("Copy of report.docx", True),
    ("inbox/县公安局报告 - 副本.txt", True),
    ("县公安局报告.txt", False),
    ("县公安局报告（第2期）.txt", False),       # an issue number, not a copy mark
    ("（一）整改报告.txt", False),
    ("2024年度报告.txt", False),
    ("副县长讲话.txt", False),
    ("copyright.txt", False),
])
def test_copy_names_looks_like_copy(name, copy):
    assert looks_like_copy(name) is copy


@pytest.mark.parametrize("names, keys, expected", [
    (["a - 副本.txt", "a.txt"], ["x", "x"], {0: 1}),              # the original kept whatever the order
    (["a.txt", "a - 副本.txt"], ["x", "x"], {1: 0}),
    (["b.txt", "a.txt"], ["x", "x"], {1: 0}),                    # neither reads as a copy: the first
    (["a(1).txt", "a - 副本.txt"], ["x", "x"], {1: 0}),           # both do: the first
    (["a - 副本.txt", "a.txt", "c.txt"], ["x", "x", "y"], {0: 1}),
    (["e1.txt", "e2.txt"], [None, None], {}),                    # empty files are never copies
])
def test_copy_names_copies_of(names, keys, expected):
    assert copies_of(keys, names) == expected


@pytest.fixture()
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(REPORT, folder / "第一督导组.txt")
    shutil.copy(REPORT, folder / "第一督导组 - 副本.txt")
    return folder


def test_copy_names_batch_names_the_copy_duplicate(inbox, tmp_path):
    result = run_batch(inbox, reference=SEED, out_dir=tmp_path / "b", workers=1, progress=False, store=False)
    rows = {r.path: r.duplicate_of for r in result.rows}
    assert rows == {"第一督导组 - 副本.txt": "第一督导组.txt", "第一督导组.txt": ""}
    assert {r.report for r in result.gap_rows} == {"第一督导组.txt"}


def test_copy_names_gaps_command_names_the_copy_duplicate(inbox, tmp_path, capsys):
    main(["gaps", "-r", str(SEED), str(inbox), "-o", str(tmp_path / "g")])
    err = capsys.readouterr().err
    assert "第一督导组 - 副本.txt: duplicate_of 第一督导组.txt" in err
    assert "第一督导组.txt: duplicate_of" not in err


def test_copy_names_notebook_assesses_a_copy_once(inbox):
    table = build_gaps(SEED, sorted(inbox.iterdir()))
    assert [(source.rsplit("/", 1)[-1], reason) for source, reason in table.set_aside] == \
        [("第一督导组 - 副本.txt", "duplicate_of")]
    assert {r.report.rsplit("/", 1)[-1] for r in table.rows} == {"第一督导组.txt"}
