"""``progress=False`` is silent in a notebook when every file went well (QA6 L13); the CLI keeps its
summary line, and a run with a failed file says so either way."""
from __future__ import annotations

import pytest

from tests.conftest import SEED

from pipeline.batch import run_batch

GOOD = "区委第一督导组关于学习动员阶段督导工作情况的报告\n督导组深入各单位检查学习情况，列席党委中心组学习会18次，编发简报6期。\n"


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "r1.txt").write_text(GOOD, encoding="utf-8")
    return folder


def _run(inbox, out, **options):
    return run_batch(inbox, reference=SEED, out_dir=out, workers=1, store=False, timeout=60, **options)


@pytest.mark.parametrize("options, printed", [
    ({"progress": False}, False),
    ({"progress": False, "summary": True}, True),
])
def test_batch_summary_line_follows_progress_unless_asked(inbox, tmp_path, capsys, options, printed):
    result = _run(inbox, tmp_path / "out", **options)
    err = capsys.readouterr().err
    assert result.exit_code == 0 and (tmp_path / "out" / "gaps.csv").exists()
    assert ("1 files: ok 1" in err) is printed
    if not printed:
        assert err == ""


def test_batch_quiet_run_still_reports_a_failed_file(inbox, tmp_path, capsys):
    (inbox / "empty.txt").write_bytes(b"")
    result = _run(inbox, tmp_path / "out", progress=False)
    err = capsys.readouterr().err
    assert result.exit_code == 1 and "2 files:" in err and "empty.txt" in err


def test_batch_cli_no_progress_keeps_its_summary(inbox, tmp_path, capsys):
    from pipeline.cli import main

    assert main(["batch", str(inbox), "-r", str(SEED), "-o", str(tmp_path / "out"), "--no-progress",
                 "--workers", "1", "--no-store"]) == 0
    assert "1 files: ok 1" in capsys.readouterr().err
