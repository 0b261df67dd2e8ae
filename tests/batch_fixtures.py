"""Builders for batch tests: good reports in three formats and one file of every bad kind.

Everything is generated in code (no committed binaries). The expected outcome of each hostile file
follows ``shared/research/reliability-cases.md`` (case numbers in the table below).
"""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from tests.conftest import CORPORA

REPORTS = CORPORA / "gaps" / "reports"

_CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/word/document.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
       '</Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         'officeDocument" Target="word/document.xml"/></Relationships>')
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def report_sentences() -> list[str]:
    """Lines of the bundled unit reports (a realistic source of report text)."""
    lines = []
    for path in sorted(CORPORA.glob("dev/dev_report_*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


def report_text(i: int, n_lines: int = 12) -> str:
    """A distinct report: a title with a unit name and body lines from the dev reports."""
    lines = report_sentences()
    body = [lines[(i * 7 + k) % len(lines)] for k in range(n_lines)]
    return f"第{i + 1}督导组关于落实情况的报告\n" + "\n".join(body) + "\n"


def make_docx(body_xml: str, *, prolog: str = "", extra_parts: dict | None = None,
              drop: tuple[str, ...] = (), compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A hand-written .docx (three members), so bombs, XXE and broken packages are possible."""
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
                f'<w:document xmlns:w="{_W}"><w:body>{body_xml}</w:body></w:document>')
    parts = {"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": document}
    parts.update(extra_parts or {})
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in parts.items():
            if name not in drop:
                zf.writestr(name, data)
    return buf.getvalue()


def paragraphs_xml(lines) -> str:
    return "".join(f"<w:p><w:r><w:t>{ln}</w:t></w:r></w:p>" for ln in lines)


def docx_of(text: str) -> bytes:
    return make_docx(paragraphs_xml(text.splitlines()))


def pdf_of(text: str, *, password: str | None = None, owner_only: bool = False) -> bytes:
    """A text PDF with a (non-embedded) Chinese CID font, as reportlab writes it."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    encrypt = None
    if password is not None:
        encrypt = StandardEncryption("" if owner_only else password, ownerPassword=password + "-owner")
    c = canvas.Canvas(buf, invariant=1, encrypt=encrypt)
    y = 800
    for line in text.splitlines():
        for start in range(0, max(len(line), 1), 38):
            if y < 60:
                c.showPage()
                y = 800
            c.setFont("STSong-Light", 11)
            c.drawString(50, y, line[start:start + 38])
            y -= 16
    c.showPage()
    c.save()
    return buf.getvalue()


def blank_pdf() -> bytes:
    """A PDF page with no text layer."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, invariant=1)
    c.rect(100, 100, 200, 200)
    c.showPage()
    c.save()
    return buf.getvalue()


def ole_bytes() -> bytes:
    """The OLE compound-file signature (legacy .doc, .wps, encrypted OOXML) plus padding."""
    return bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504


def xlsx_bytes() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active["A1"] = "台账"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def zip_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "附件")
    return buf.getvalue()


def jpg_bytes() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200 + b"\xff\xd9"


def bad_crc_docx() -> bytes:
    data = bytearray(make_docx(paragraphs_xml(["一、总体情况"] * 50), compression=zipfile.ZIP_STORED))
    at = data.find("总体".encode())
    data[at] ^= 0xFF
    return bytes(data)


def zip_bomb_docx(paragraphs: int = 400_000) -> bytes:
    body = "<w:p><w:r><w:t>重要</w:t></w:r></w:p>" * paragraphs
    return make_docx(body)


def many_members_docx(n: int = 10_000) -> bytes:
    return make_docx(paragraphs_xml(["报告"]), extra_parts={f"word/media/m{i}.xml": "" for i in range(n)})


def xxe_docx(secret: Path) -> bytes:
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    return make_docx("<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>" + paragraphs_xml(["一、总体情况。我局认真落实。"]),
                     prolog=prolog)


def laughs_docx() -> bytes:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 9))
    return make_docx("<w:p><w:r><w:t>&lol8;</w:t></w:r></w:p>", prolog=f"<!DOCTYPE w:document [{ents}]>")


# name -> (bytes, expected status or set of acceptable statuses, reliability case)
def hostile_files(tmp: Path) -> dict[str, tuple[bytes, frozenset[str], int]]:
    secret = tmp / "secret.txt"
    secret.write_text("TOPSECRET-42", encoding="utf-8")
    good = report_text(99)
    fail = frozenset
    return {
        "bad/zero.txt": (b"", fail({"empty"}), 1),
        "bad/zero.docx": (b"", fail({"corrupt", "empty"}), 1),
        "bad/zero.pdf": (b"", fail({"corrupt", "empty"}), 1),
        "bad/blank.txt": ("  \n\u3000\n".encode(), fail({"empty"}), 2),
        "bad/blank.pdf": (blank_pdf(), fail({"empty", "needs_ocr"}), 2),
        "bad/docx_named.pdf": (docx_of(good), fail({"ok_with_warnings"}), 3),
        "bad/pdf_named.docx": (pdf_of(good), fail({"ok_with_warnings"}), 3),
        "bad/legacy.doc": (ole_bytes(), fail({"unsupported", "corrupt"}), 4),
        "bad/sheet.xlsx": (xlsx_bytes(), fail({"unsupported"}), 4),
        "bad/bundle.zip": (zip_bytes(), fail({"unsupported"}), 4),
        "bad/photo.jpg": (jpg_bytes(), fail({"unsupported", "needs_ocr"}), 4),
        "bad/locked.docx": (ole_bytes(), fail({"encrypted", "unsupported"}), 5),
        "bad/user_pw.pdf": (pdf_of(good, password="pw"), fail({"encrypted"}), 6),
        "bad/truncated.pdf": (pdf_of(good)[:900], fail({"corrupt"}), 7),
        "bad/not_a.pdf": (b"%PDF-1.4\nthis is no pdf at all\n", fail({"corrupt"}), 7),
        "bad/no_types.docx": (make_docx(paragraphs_xml(["报告"]), drop=("[Content_Types].xml",)),
                              fail({"corrupt"}), 9),
        "bad/no_document.docx": (make_docx("", drop=("word/document.xml",)), fail({"corrupt"}), 9),
        "bad/bad_crc.docx": (bad_crc_docx(), fail({"corrupt"}), 9),
        "bad/sheet_named.docx": (xlsx_bytes(), fail({"unsupported", "corrupt"}), 9),
        "bad/bomb.docx": (zip_bomb_docx(), fail({"too_large"}), 21),
        "bad/members.docx": (many_members_docx(), fail({"too_large"}), 22),
        "bad/xxe.docx": (xxe_docx(secret), fail({"ok", "ok_with_warnings", "corrupt", "empty"}), 23),
        "bad/laughs.docx": (laughs_docx(), fail({"ok", "ok_with_warnings", "corrupt", "empty"}), 23),
    }


# clutter that is skipped and does not fail the batch (case 10)
CLUTTER = {
    "~$报告.docx": ("office_lock_file", b"\x00" * 162),
    ".DS_Store": ("hidden", b"\x00\x00\x00\x01Bud1"),
    "Thumbs.db": ("hidden", ole_bytes()),
    ".hidden_note.txt": ("hidden", "隐藏".encode()),
}


def write_good(folder: Path, n: int, *, formats=("txt", "docx", "pdf")) -> list[str]:
    """``n`` distinct good reports cycling through ``formats``; returns their relative paths."""
    names = []
    for i in range(n):
        fmt = formats[i % len(formats)]
        text = report_text(i)
        data = text.encode("utf-8") if fmt == "txt" else docx_of(text) if fmt == "docx" else pdf_of(text)
        rel = f"good/report_{i:03d}.{fmt}"
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
        names.append(rel)
    return names


def write_clutter(folder: Path) -> dict[str, str]:
    for name, (_, data) in CLUTTER.items():
        (folder / name).write_bytes(data)
    (folder / ".git").mkdir(exist_ok=True)
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    reasons = {name: reason for name, (reason, _) in CLUTTER.items()}
    reasons[".git/"] = "hidden"
    return reasons


def write_links(folder: Path, outside: Path) -> dict[str, str]:
    """A symlink pointing outside the folder and a symlink loop (case 28)."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "elsewhere.txt").write_text(report_text(50), encoding="utf-8")
    (folder / "links").mkdir(exist_ok=True)
    os.symlink(outside / "elsewhere.txt", folder / "links" / "outside.txt")
    os.symlink(folder / "links", folder / "links" / "loop")
    return {"links/loop": "symlink", "links/outside.txt": "symlink"}
