"""OCR text clean-up: the gaps tesseract puts inside Chinese text go, numbers standing apart keep theirs."""
from __future__ import annotations

import pytest

from pipeline.extract.ocr import ocr_spacing


@pytest.mark.parametrize("raw, clean", [
    ("组织党员集中学习1 6次，人均撰写学习笔记1.5 万字", "组织党员集中学习16次，人均撰写学习笔记1.5万字"),  # QA6 L10c
    ("共 12 人参加", "共12人参加"),
    ("中 共 某 区 委", "中共某区委"),
    ("增长 5.2 %", "增长5.2%"),
    ("2021 2022 2023", "2021 2022 2023"),          # table columns: no Han text around them
    ("Word 文档", "Word 文档"),                    # Latin words keep their space
])
def test_ocr_spacing(raw, clean):
    assert ocr_spacing(raw) == clean
