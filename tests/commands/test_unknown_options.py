"""A mistyped option is named (QA9 L9: ``--refrence`` said "-r/--reference is required")."""
from __future__ import annotations

import pytest

from tests.conftest import SEED

from pipeline.cli import main


@pytest.mark.parametrize("argv, unknown", [
    (["batch", "in", "--refrence", str(SEED), "-o", "out"], "--refrence"),
    (["gaps", "--refrence", str(SEED), "r.txt", "-o", "out"], "--refrence"),
    (["gaps", "-r", str(SEED), "r.txt", "--ouput=out"], "--ouput=out"),
    (["checklist", str(SEED), "--outptu", "out"], "--outptu"),
])
def test_commands_unknown_option_is_named_before_missing_required_ones(argv, unknown, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert f"[E005] Invalid option: unrecognized arguments: {unknown}" in err and "required" not in err


@pytest.mark.parametrize("argv, missing", [
    (["batch", "in", "-o", "out"], "--reference/-r"),
    (["gaps", "r.txt", "-o", "out"], "-r/--reference"),
])
def test_commands_missing_required_option_is_still_said(argv, missing, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2 and f"required: {missing}" in capsys.readouterr().err


def test_commands_ambiguous_abbreviation_is_left_to_argparse(capsys):
    with pytest.raises(SystemExit):
        main(["batch", "in", "-r", str(SEED), "-o", "out", "--no"])
    assert "ambiguous option: --no could match --no-progress, --no-store" in capsys.readouterr().err


def test_commands_abbreviated_option_is_known(tmp_path, capsys):
    """``--ref`` (argparse abbreviation of --reference) is accepted as before."""
    (tmp_path / "r.txt").write_text("第一督导组关于落实情况的报告\n我组召开督导会议三次。\n", encoding="utf-8")
    assert main(["gaps", "--ref", str(SEED), str(tmp_path / "r.txt"), "--out", str(tmp_path / "g")]) == 0


@pytest.mark.parametrize("argv, unknown", [
    (["analyze", str(SEED), "--fromat", "md"], "--fromat"),       # review7 M14: every command, not three
    (["evaluate", "--ouput", "x"], "--ouput"),
])
def test_commands_every_command_names_a_mistyped_option(argv, unknown, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2 and f"unrecognized arguments: {unknown}" in capsys.readouterr().err
