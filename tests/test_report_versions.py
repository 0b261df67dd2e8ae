"""A unit's first and revised report (QA10 N10): the revision is assessed, the first listed as
``superseded_by`` it, by batch, gaps and the notebook alike; reports of one unit on different
matters stay separate units."""
from __future__ import annotations

import io

import pytest

from pipeline.batch import run_batch
from pipeline.cli import main
from qa10_fixtures import INDUSTRY_FIRST, INDUSTRY_REVISED, NOTICE, WATER, gaps_csv, said, write

FIRST, REVISED = "市工信局报告.txt", "市工信局报告（修订稿）.txt"


def test_first_report_is_superseded_by_the_revision_in_gaps_batch_and_notebook(tmp_path, capsys):
    import pipeline

    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    folder = write(tmp_path / "in", {FIRST: INDUSTRY_FIRST, REVISED: INDUSTRY_REVISED, "市水务局报告.txt": WATER})
    capsys.readouterr()
    main(["gaps", "-r", str(notice), str(folder), "-o", str(tmp_path / "g")])
    assert said(capsys.readouterr().err)[FIRST].startswith(f"superseded by {REVISED}")
    result = run_batch(folder, reference=notice, out_dir=tmp_path / "b", workers=1, progress=False, store=False,
                       stream=io.StringIO())
    row = {r.path: r for r in result.rows}[FIRST]
    assert (row.reason, row.message) == ("superseded_by", f"superseded by {REVISED}")
    for rows in (gaps_csv(tmp_path / "g"), gaps_csv(tmp_path / "b")):
        industry = {r["report"] for r in rows if "工业和信息化" in r["unit"]}
        assert industry == {REVISED}
        assert {r["unit"] for r in rows if r["report"] == REVISED} == {"市工业和信息化局"}   # no "（file）" label
    table = pipeline.gaps(str(notice), str(folder))
    assert {r.report for r in table.rows} == {REVISED, "市水务局报告.txt"}
    assert ("superseded_by" in {reason for _, reason in table.set_aside})


def _doc(title, date, name, unit="市工业和信息化局"):
    from pipeline.extract import read_bytes

    text = f"{title}\n市生态环境局：\n我局已检查企业45家，发现问题18个，已整改10个。\n{unit}\n{date}\n"
    return read_bytes(text.encode(), name=name)


@pytest.mark.parametrize("docs, expected", [
    # the later date wins among versions one of which says it is a revision, whatever the order
    ([("关于VOCs治理整改情况的报告（修订稿）", "2026年6月1日", "b.txt"), ("关于VOCs治理整改情况的报告", "2026年5月20日", "a.txt")], {1: 0}),
    # review7 H2: two reports of one title, neither a revision (a monthly progress report sent twice
    # over, a bulletin's issues): both stay
    ([("关于VOCs治理整改情况的报告", "2026年6月1日", "b.txt"), ("关于VOCs治理整改情况的报告", "2026年5月20日", "a.txt")], {}),
    ([("第二督导组工作简报（第1期）", "2005年3月4日", "a.txt"), ("第二督导组工作简报（第2期）", "2005年3月11日", "b.txt")], {}),
    # same date: the one marked 修订稿 (title or file name)
    ([("关于VOCs治理整改情况的报告", "2026年5月20日", "报告.txt"), ("关于VOCs治理整改情况的报告", "2026年5月20日", "报告_v2.txt")], {0: 1}),
    ([("关于VOCs治理整改情况的报告", "2026年5月20日", "a.txt"), ("关于VOCs治理整改情况的报告（终稿）", "2026年5月20日", "b.txt")], {0: 1}),
    # nothing tells them apart: both stay
    ([("关于VOCs治理整改情况的报告", "2026年5月20日", "a.txt"), ("关于VOCs治理整改情况的报告", "2026年5月20日", "b.txt")], {}),
    # one unit, two different reports (a 督导组's stage reports): both stay
    ([("关于学习动员阶段工作情况的报告", "2026年3月1日", "a.txt"), ("关于分析评议阶段工作情况的报告", "2026年5月1日", "b.txt")], {}),
])
def test_report_versions_which_report_supersedes(docs, expected):
    from pipeline.report_versions import superseded

    assert superseded([_doc(*d) for d in docs]) == expected


def test_report_versions_other_units_same_title_are_not_versions():
    from pipeline.report_versions import superseded

    docs = [_doc("关于整改情况的报告", "2026年6月1日", "a.txt"),
            _doc("关于整改情况的报告", "2026年5月1日", "b.txt", unit="市水务局")]
    assert superseded(docs) == {}
