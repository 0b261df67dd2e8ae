"""gap_calibrate's switch for gap_scope's rules: ``--no-scope``/``--scope-rules`` score a truth set
with the rules off or only some on, ``--compare-scope`` prints both settings per split. The truth set,
its checklist and its report are generated here: a school's report answering a city aim, which the
rules cap at partial and the school's own work would cover."""
from __future__ import annotations

import json

import pytest

from pipeline import gap_calibrate
from pipeline.checklist import Checklist, ChecklistItem
from pipeline.export.checklist_files import write_checklist

_HEADING = "二、2024年工作的总体要求和主要目标"
_AIM = "2.班主任队伍建设有新提升。开展班主任专题培训，完善班主任考核办法，提高班主任工作水平。"
_REPORT = ("绍兴一中2024年工作总结\n一、班主任队伍建设\n学校开展班主任专题培训6次，参训班主任85人，修订班主任考核办法，"
           "评选优秀班主任12名。\n二、校园安全\n组织学生开展消防演练2次，参与学生1200人。\n绍兴一中\n2024年12月20日\n")


@pytest.fixture(scope="module")
def truth_set(tmp_path_factory):
    """(truth csv, reports folder, reference checklist) with one pair judged partial (the city's aim)."""
    folder = tmp_path_factory.mktemp("scope_truth")
    checklist = Checklist((ChecklistItem(id="1", text=_HEADING, title=_HEADING[2:], kind="group"),
                           ChecklistItem(id="1.1", text=_AIM, title="班主任队伍建设有新提升", section=_HEADING)))
    write_checklist(checklist, folder / "checklist")
    (folder / "r1.txt").write_text(_REPORT, encoding="utf-8")
    truth = folder / "truth.csv"
    truth.write_text("report,item_id,status,split\nr1.txt,班主任队伍建设有新提升,partial,tune\n", encoding="utf-8")
    return ["--truth", str(truth), "--reports", str(folder), "--reference", str(folder / "checklist" / "checklist.json")]


def _run(args, capsys) -> dict:
    assert gap_calibrate.main(args) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("flags, setting, agreement", [
    ([], True, 1.0),                              # rules on (the stored setting): the aim caps at partial
    (["--no-scope"], False, 0.0),                 # off: the school's own 班主任 work covers it
    (["--scope-rules", "aim"], "aim", 1.0),
    (["--scope-rules", "governing,facet,mindset"], "governing,facet,mindset", 0.0),
])
def test_gap_calibrate_scores_with_the_scope_switch(truth_set, capsys, flags, setting, agreement):
    out = _run(truth_set + flags, capsys)
    assert out["custom"]["agreement"]["tune"] == agreement
    assert out["thresholds"]["scope_rules"] == setting


def test_gap_calibrate_compare_scope_prints_on_and_off(truth_set, capsys):
    tune = _run(truth_set + ["--compare-scope"], capsys)["custom"]["tune"]
    assert tune == {"pairs": 1, "on": 1.0, "off": 0.0, "changed": 1, "changed_right_on": 1, "changed_right_off": 0}


@pytest.mark.parametrize("flags", [["--write", "--no-scope"], ["--write", "--scope-rules", "aim"], ["--scope-rules", "aims"]])
def test_gap_calibrate_refuses_a_refit_without_the_stored_rules_and_unknown_rules(truth_set, flags):
    with pytest.raises(SystemExit) as stop:
        gap_calibrate.main(truth_set + flags)
    assert stop.value.code == 2          # argparse's usage error, before any report is read or file written
