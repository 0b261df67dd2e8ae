"""``duban batch`` on a folder holding a 自查表.xlsx reply: read, assessed and listed in the manifest."""
from __future__ import annotations

from tests.conftest import UNLABELED
from tests.extract.test_xlsx_gaps import _form_xlsx

from pipeline.manifest import read_csv


def test_xlsx_batch_reads_the_reply_and_lists_it(tmp_path):
    from pipeline.batch import run_batch

    src = tmp_path / "in"
    src.mkdir()
    _form_xlsx(src / "自查表.xlsx")
    (src / "旧表.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))   # still refused, listed
    out = tmp_path / "out"
    run_batch(src, reference=UNLABELED / "speech_03.txt", out_dir=out, progress=False, workers=1, store=False,
              timeout=60)
    rows = {row["path"]: row for row in read_csv(out / "manifest.csv")}
    assert rows["自查表.xlsx"]["status"] == "ok"
    assert rows["旧表.xls"]["status"] != "ok"
    gaps = (out / "gaps.csv").read_text(encoding="utf-8-sig")
    assert "绍兴市某某小学" in gaps and "自查表.xlsx" in gaps
