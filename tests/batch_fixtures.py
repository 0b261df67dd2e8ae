"""Builders for batch tests: good reports in three formats and one file of every bad kind.

Everything is generated in code (no committed binaries). The expected outcome of each hostile file
follows ``shared/research/reliability-cases.md`` (case numbers in the table below).
"""
from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import CORPORA
from tests.fixtures.make import (
    make_billion_laughs_docx, make_docx, make_docx_bad_crc, make_docx_many_members, make_docx_python_docx,
    make_encrypted_pdf, make_ole, make_pdf, make_pdf_text, make_plain_zip, make_xlsx_bytes, make_xxe_docx,
    make_zip_bomb_docx, paragraph_xml,
)

REPORTS = CORPORA / "gaps" / "reports"

def report_sentences() -> list[str]:
    """Sentence-like lines of the bundled unit reports (a realistic source of report text)."""
    lines = []
    for path in sorted(REPORTS.glob("*.txt")) + sorted(CORPORA.glob("dev/dev_report_*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if "。" in ln]
    return lines


def report_text(i: int, n_lines: int = 12) -> str:
    """A distinct report: a title with a unit name and body lines from the dev reports."""
    lines = report_sentences()
    body = [lines[(i * 7 + k) % len(lines)] for k in range(n_lines)]
    return f"第{i + 1}督导组关于落实情况的报告\n" + "\n".join(body) + "\n"


def docx_of(text: str) -> bytes:
    return make_docx_python_docx(text.splitlines())


def pdf_of(text: str, **options) -> bytes:
    return make_pdf_text(text.splitlines(), **options)


def jpg_bytes() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200 + b"\xff\xd9"


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
        "bad/blank.pdf": (make_pdf(b""), fail({"empty", "needs_ocr"}), 2),
        "bad/docx_named.pdf": (docx_of(good), fail({"ok_with_warnings"}), 3),
        "bad/pdf_named.docx": (pdf_of(good), fail({"ok_with_warnings"}), 3),
        "bad/legacy.doc": (make_ole(), fail({"unsupported", "corrupt"}), 4),   # corrupt: LibreOffice present
        "bad/sheet.xlsx": (make_xlsx_bytes(), fail({"unsupported"}), 4),
        "bad/bundle.zip": (make_plain_zip(), fail({"unsupported"}), 4),
        "bad/photo.jpg": (jpg_bytes(), fail({"unsupported", "needs_ocr"}), 4),
        "bad/locked.docx": (make_ole(("EncryptionInfo", "EncryptedPackage")), fail({"encrypted"}), 5),
        "bad/user_pw.pdf": (make_encrypted_pdf(good), fail({"encrypted"}), 6),
        "bad/truncated.pdf": (pdf_of(good)[:900], fail({"corrupt"}), 7),
        "bad/not_a.pdf": (b"%PDF-1.4\nthis is no pdf at all\n", fail({"corrupt"}), 7),
        "bad/no_types.docx": (make_docx(paragraph_xml("报告"), content_types=False), fail({"corrupt"}), 9),
        "bad/no_document.docx": (make_docx("", document=False), fail({"corrupt"}), 9),
        "bad/bad_crc.docx": (make_docx_bad_crc(), fail({"corrupt"}), 9),
        "bad/sheet_named.docx": (make_xlsx_bytes(), fail({"unsupported", "corrupt"}), 9),
        "bad/bomb.docx": (make_zip_bomb_docx(), fail({"too_large"}), 21),
        "bad/members.docx": (make_docx_many_members(), fail({"too_large"}), 22),
        "bad/content_bomb.pdf": (content_bomb_pdf(), fail({"too_large", "timeout"}), 26),
        "bad/xxe.docx": (make_xxe_docx(str(secret)), fail({"ok", "ok_with_warnings", "corrupt", "empty"}), 23),
        "bad/laughs.docx": (make_billion_laughs_docx(), fail({"ok", "ok_with_warnings", "corrupt", "empty"}), 23),
    }


# clutter that is skipped and does not fail the batch (case 10)
CLUTTER = {
    "~$报告.docx": ("office_lock_file", b"\x00" * 162),
    ".DS_Store": ("hidden", b"\x00\x00\x00\x01Bud1"),
    "Thumbs.db": ("hidden", make_ole(("Catalog",))),
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


def content_bomb_pdf(references: int = 9000, stream_bytes: int = 100_000) -> bytes:
    """Case 26 (unstructured SEC-146): one ~100 KB Flate content stream referenced ``references``
    times by a single page, about 60 KB on disk; naive parsing inflates it to ~900 MB."""
    import zlib

    from tests.fixtures.pdfs import serialise_pdf

    ops = b"0 0 m 1 1 l S\n" * (stream_bytes // 14)
    packed = zlib.compress(ops, 9)
    refs = b" ".join(b"4 0 R" for _ in range(references))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> /Contents [" + refs + b"] >>",
        b"<< /Length " + str(len(packed)).encode() + b" /Filter /FlateDecode >>\nstream\n" + packed + b"\nendstream",
    ]
    return serialise_pdf(objects)
