"""``duban checklist`` given the same speech twice (QA9 L2): every task once, the repeat named."""
from __future__ import annotations

import json

from tests.conftest import SEED

from pipeline.cli import main


def _ids(out) -> list[str]:
    return [item["id"] for item in json.loads((out / "checklist.json").read_text(encoding="utf-8"))["items"]]


def test_checklist_command_same_speech_twice_gives_each_task_once(tmp_path, capsys):
    assert main(["checklist", str(SEED), "-o", str(tmp_path / "once")]) == 0
    copy = tmp_path / "讲话副本.txt"
    copy.write_bytes(SEED.read_bytes())
    capsys.readouterr()
    assert main(["checklist", str(SEED), str(SEED), str(copy), "-o", str(tmp_path / "thrice")]) == 0
    err = capsys.readouterr().err
    assert _ids(tmp_path / "thrice") == _ids(tmp_path / "once")          # not 1-1, 2-1 … from three "sources"
    assert err.count("duplicate_of") == 2 and "the same file: read once" in err and "same bytes: read once" in err


def test_checklist_command_ledger_given_twice_is_re_rendered_once(tmp_path, capsys):
    assert main(["checklist", str(SEED), "-o", str(tmp_path / "cl")]) == 0
    ledger = tmp_path / "cl" / "checklist.xlsx"
    assert main(["checklist", str(ledger), str(ledger), "-o", str(tmp_path / "again")]) == 0   # was E008
    assert _ids(tmp_path / "again") == _ids(tmp_path / "cl")
