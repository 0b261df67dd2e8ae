"""Optional OCR of PDF pages with tesseract (chi_sim), rendered by pypdfium2 (a pdfplumber dependency).

Used only when ``tesseract`` is on PATH with the ``chi_sim`` language; otherwise the PDF reader
reports ``needs_ocr`` with E108 naming the packages to install.
"""
from __future__ import annotations

import io
import re
import shutil
import subprocess
from functools import lru_cache

OCR_DPI = 300
# --psm 6 (one uniform block): as accurate as automatic layout on full pages of the seed (0.97
# character similarity either way) and, unlike it, still finds a small text block on a mostly empty scan.
_HAN_GAP = re.compile(r"(?<=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef])[ \t]+(?=[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef])")


# tesseract also spaces digits apart from each other and from the Han text around them ("学习1 6次",
# "1.5 万字", "共 12 人"); Chinese prose never does, so such gaps are the recogniser's
_HAN_DIGIT_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]+(?=\d)|(?<=\d)[ \t]+(?=[\u4e00-\u9fff%％])")
_DIGIT_GAP = re.compile(r"([\u4e00-\u9fff][\d.]*\d)[ \t]+(\d[\d.]*[\u4e00-\u9fff%％])")
# and it sets a full-width colon or semicolon apart as an ASCII one ("县林业局 :", "报告如下 :"), which
# hid an addressee line's colon from the paragraph joiner
_PUNCT_GAP = re.compile(r"(?<=[\u4e00-\u9fff）)])[ \t]+(?=[:;,!?](?:\s|$))")


def ocr_spacing(text: str) -> str:
    """Take out the gaps tesseract puts inside Chinese text: between Han characters, inside a number
    that sits in Han text ("1 6次" -> "16次"), and between a number and the Han text around it. Numbers
    standing apart (table columns "2021 2022") keep their gap."""
    text = _HAN_GAP.sub("", text)
    text = _PUNCT_GAP.sub("", text)
    text = _DIGIT_GAP.sub(r"\1\2", text)
    return _HAN_DIGIT_GAP.sub("", text)


@lru_cache(maxsize=1)
def available() -> bool:
    """tesseract with Simplified Chinese installed."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return "chi_sim" in (out.stdout + out.stderr).split()


def ocr_pages(data: bytes, page_indexes: list[int], *, budget_seconds: float) -> dict[int, str]:
    """Text of pages in ``page_indexes`` (0-based); pages that fail come back empty, pages the time ran
    out for are missing.

    OCR costs seconds per page, so no new page is started once ``budget_seconds`` have passed: a
    long scan yields the pages that fit (the caller reports the rest) instead of a worker timeout.
    """
    import time

    import pypdfium2 as pdfium

    exe = shutil.which("tesseract")
    results: dict[int, str] = {}
    started = time.monotonic()
    pdf = pdfium.PdfDocument(data)
    try:
        for index in page_indexes:
            elapsed = time.monotonic() - started
            if elapsed > budget_seconds:
                break
            page = pdf[index]
            try:
                image = page.render(scale=OCR_DPI / 72).to_pil().convert("L")
            finally:
                page.close()
            png = io.BytesIO()
            image.save(png, format="PNG")
            try:
                text = _recognise(exe, png.getvalue(), timeout=max(budget_seconds - elapsed, 1.0))
            except subprocess.TimeoutExpired:
                break                                    # the budget ran out inside this page
            except (OSError, subprocess.SubprocessError):
                text = ""
            results[index] = ocr_spacing(text)
    finally:
        pdf.close()
    return repair_markers(results)


def _recognise(exe: str, png: bytes, *, timeout: float) -> str:
    """tesseract's text of one rendered page ('' when it fails)."""
    out = subprocess.run([exe, "stdin", "stdout", "-l", "chi_sim", "--psm", "6"], input=png,
                         capture_output=True, timeout=timeout)
    return out.stdout.decode("utf-8", errors="replace") if out.returncode == 0 else ""


def repair_markers(pages: dict[int, str]) -> dict[int, str]:
    """The pages' text with misread "（N）" markers ("《四)") repaired over the whole document in page
    order (the sequence （三）…（五） may cross a page break)."""
    from .markers import repair_ocr_paren_markers

    order = sorted(pages)
    lines = [(index, line) for index in order for line in pages[index].split("\n")]
    repaired = repair_ocr_paren_markers([line for _, line in lines])
    out: dict[int, list[str]] = {index: [] for index in order}
    for (index, _), line in zip(lines, repaired):
        out[index].append(line)
    return {index: "\n".join(out[index]) for index in order}
