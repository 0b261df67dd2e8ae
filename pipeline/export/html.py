"""Self-contained HTML for the gap table: inline CSS, no scripts or external assets, escaped text."""
from __future__ import annotations

import html

from .safe import clean_text

STATUS_COLOURS = {"covered": "#C6EFCE", "partial": "#FFEB9C", "missing": "#FFC7CE",
                  "problem_acknowledged": "#F4B084", "not_applicable": "#DDEBF7",
                  "not_assessable": "#D9D9D9"}
CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",SimSun,sans-serif;margin:24px;color:#222}
h1{font-size:22px}h2{font-size:18px;margin-top:28px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}
th,td{border:1px solid #999;padding:4px 6px;vertical-align:top}
th{background:#D9E1F2}
td.cell{text-align:center;min-width:44px}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border:1px solid #999}
.small{color:#555;font-size:12px}
""".strip()


def esc(value) -> str:
    text, _ = clean_text("" if value is None else str(value))
    return html.escape(text, quote=True).replace("\n", "<br>")


def page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{esc(title)}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def table(header, rows, *, cell_classes=None, cell_colours=None, header_titles=None) -> str:
    """``rows`` of already-plain values; optional per-cell class/background colour grids and
    header tooltips (``title`` attributes, e.g. an item's full heading behind its id)."""
    titles = header_titles or [""] * len(header)
    out = ["<table>", "<tr>" + "".join(
        f'<th title="{esc(t)}">{esc(h)}</th>' if t else f"<th>{esc(h)}</th>" for h, t in zip(header, titles))
        + "</tr>"]
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            cls = cell_classes[r][c] if cell_classes else ""
            colour = cell_colours[r][c] if cell_colours else ""
            attrs = (f' class="{cls}"' if cls else "") + (f' style="background:{colour}"' if colour else "")
            cells.append(f"<td{attrs}>{esc(value)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)
