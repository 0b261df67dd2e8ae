"""Discovery of a submissions folder (pipeline/manifest.py): what is clutter and what is a submission."""
from __future__ import annotations

import pytest

from pipeline.manifest import discover, skip_reason


@pytest.mark.parametrize("name, reason", [
    ("mk_more.py", "script"), ("settings.YAML", "script"), ("export.ini", "script"), ("分析.ipynb", "script"),
    ("报告.txt", ""), ("自查表.xlsx", ""), ("通知.pdf", ""), ("v1.0", ""),
    ("Thumbs.db", "hidden"), ("~$报告.docx", "office_lock_file"),
])
def test_manifest_skip_reason(name, reason):
    assert skip_reason(name) == reason


def test_manifest_script_in_the_inbox_is_listed_as_skipped(tmp_path):
    """review7 on QA9 L11: a generator script among the replies is clutter (skipped, the run does not
    fail), not an unsupported submission that makes `duban batch` exit 1."""
    (tmp_path / "白沙乡报告.txt").write_text("我乡开展了排查。", encoding="utf-8")
    (tmp_path / "mk_more.py").write_text("print('开展了排查')\n", encoding="utf-8")
    assert [(i.rel, i.skip_reason) for i in discover(tmp_path)] == [("mk_more.py", "script"), ("白沙乡报告.txt", "")]
