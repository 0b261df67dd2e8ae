"""A unit named only in the file name (QA10 N4, second half): "市生态环境局.txt" with "我局…" and no
signature got 未体现 on every other body's task; the body the file name opens with is now a known
unit, so another body's task is 不适用（非责任主体）."""
from __future__ import annotations

import pytest

from qa10_fixtures import NOTICE, UNSIGNED_BUREAU


@pytest.mark.parametrize("name, unit", [
    ("市生态环境局.txt", "市生态环境局"),
    ("东湖区人民政府-整改报告.docx", "东湖区人民政府"),
    ("市住房和城乡建设局报告.doc", "市住房和城乡建设局"),      # 城乡 is no 乡
    ("石门镇自查表.xlsx", "石门镇"),
    ("城东街道报告.txt", "城东街道"),
    ("整改报告.docx", ""),
    ("关于督察问题整改的报告.docx", ""),
    ("乡村振兴工作报告.docx", ""),
    ("r04_health_bureau.txt", ""),
])
def test_gap_unit_file_name_unit(name, unit):
    from pipeline.gap_unit import file_name_unit

    assert file_name_unit(name) == unit


@pytest.mark.parametrize("name", ["市生态环境局.txt", "市生态环境局-整改进展.txt"])
def test_gap_unit_body_in_file_name_is_not_responsible_for_other_bodies_tasks(tmp_path, name):
    from pipeline.gaps import build_gaps

    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    report = tmp_path / name
    report.write_text(UNSIGNED_BUREAU, encoding="utf-8")
    table = build_gaps(notice, [report])
    by_actor = {r.item_actor: r for r in table.rows}
    assert {r.unit for r in table.rows} == {"市生态环境局"}
    for other in ("市水务局", "市农业农村局", "市住房和城乡建设局"):
        assert by_actor[other].status == "not_applicable", other
    assert by_actor["市生态环境局"].status in ("covered", "partial")
    assert {r.unit_name for r in table.rows} == {"市生态环境局"}


def test_gap_unit_a_file_name_naming_no_body_stays_unknown(tmp_path):
    """"整改报告.txt" says nothing of its unit: other bodies' tasks stay 未体现 (not guessed 不适用)."""
    from pipeline.gaps import build_gaps

    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    report = tmp_path / "整改报告.txt"
    report.write_text(UNSIGNED_BUREAU.replace("我局", "我们"), encoding="utf-8")
    table = build_gaps(notice, [report])
    assert {r.status for r in table.rows if r.item_actor == "市水务局"} == {"missing"}


def test_batch_manifest_names_the_unit_of_the_file_name(tmp_path):
    """QA10 L-e: the manifest's unit column was empty for 市生态环境局.txt while gaps named it."""
    import io

    from pipeline.batch import run_batch

    notice = tmp_path / "通知.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "市生态环境局.txt").write_text(UNSIGNED_BUREAU, encoding="utf-8")
    (tmp_path / "in" / "整改报告.txt").write_text(UNSIGNED_BUREAU.replace("我局", "我们"), encoding="utf-8")
    result = run_batch(tmp_path / "in", reference=notice, out_dir=tmp_path / "b", workers=1, progress=False,
                       store=False, stream=io.StringIO())
    assert {r.path: r.unit for r in result.rows} == {"市生态环境局.txt": "市生态环境局", "整改报告.txt": ""}
