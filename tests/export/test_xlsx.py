"""XlsxBook fast paths: ledger sheets built with formats looked up once per row colour, and strings
written without the type tests, give the same bytes as the plain per-cell build."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from pipeline.export.safe import EXCEL_TEXT_LIMIT, cell_text, naive_shanghai
from pipeline.export.xlsx import Column, SheetSpec, XlsxBook, print_setup


class PlainBook(XlsxBook):
    """The definition: a format and a type dispatch for every cell."""

    def write_value(self, sheet, row, col, value, cell_format=None):
        if value is None or value == "":
            sheet.write_blank(row, col, None, cell_format)
            return False
        if isinstance(value, bool):
            sheet.write_boolean(row, col, value, cell_format)
            return False
        if isinstance(value, (int, float)):
            sheet.write_number(row, col, value, cell_format)
            return False
        if isinstance(value, dt.datetime):
            sheet.write_datetime(row, col, naive_shanghai(value), self.fmt(num_format="yyyy-mm-dd hh:mm"))
            return False
        text, cut = cell_text(value, self.stats)
        sheet.write_string(row, col, text, cell_format)
        return cut

    def add_table(self, spec: SheetSpec):
        sheet = self.book.add_worksheet(spec.name)
        header = self.fmt(bold=True, text_wrap=True, bg_color="#D9E1F2", border=1, align="center",
                          valign="vcenter")
        for c, col in enumerate(spec.columns):
            sheet.set_column(c, c, col.width)
            sheet.write_string(0, c, col.header, header)
        for r, row in enumerate(spec.rows, start=1):
            colour = spec.row_formats[r - 1] if r - 1 < len(spec.row_formats) else None
            for c, value in enumerate(row):
                props = {"text_wrap": spec.columns[c].wrap, "border": 1}
                if colour:
                    props["bg_color"] = colour
                self.write_value(sheet, r, c, value, self.fmt(**props))
        if spec.freeze:
            sheet.freeze_panes(1, 0)
        if spec.autofilter and spec.columns:
            sheet.autofilter(0, 0, max(len(spec.rows), 1), len(spec.columns) - 1)
        print_setup(sheet)
        return sheet


class Label(str):
    """A str subclass: not the exact type the fast path takes, so it goes the long way."""


def _value(rng: random.Random):
    return rng.choice([
        None, "", " ", "督查", "=HYPERLINK(\"http://x\",\"点我\")", "+86 10", "-加强", "@SUM(A1)", "\t制表",
        "页\x0c页\x00空\ud800", "长" * (EXCEL_TEXT_LIMIT + 3), Label("标签"), Label(""), True, False, 0, 7, -3.5,
        0.1234, 1e300, dt.datetime(2024, 5, 6, 7, 8), dt.datetime(2024, 5, 6, 23, 30, tzinfo=dt.timezone.utc),
        ("元组", 1), 12345678901234567890,
    ])


def _specs(seed: int) -> list[SheetSpec]:
    rng = random.Random(seed)
    colours = ["#C6EFCE", "#FFEB9C", "#FFC7CE", None, ""]
    specs = []
    for k in range(4):
        columns = [Column(f"列{c}", width=rng.choice([6, 12, 30]), wrap=rng.random() < 0.7)
                   for c in range(rng.randint(1, 6))]
        n = rng.choice([0, 1, 5, 40])
        rows = [[_value(rng) for _ in range(rng.randint(0, len(columns)))] for _ in range(n)]
        specs.append(SheetSpec(name=f"表{k}", columns=columns, rows=rows,
                               row_formats=[rng.choice(colours) for _ in range(rng.randint(0, n))],
                               freeze=rng.random() < 0.5, autofilter=rng.random() < 0.5))
    return specs


@pytest.mark.parametrize("seed", range(12))
def test_xlsx_add_table_bytes_equal_the_plain_per_cell_build(seed):
    fast, plain = XlsxBook("标题"), PlainBook("标题")
    for spec in _specs(seed):
        fast.add_table(spec)
        plain.add_table(spec)
    assert fast.to_bytes() == plain.to_bytes()
    assert fast.stats == plain.stats
