"""Our .xlsx/.docx open in LibreOffice (headless PDF conversion) and read back without formulas."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPORA, SEED

REPORTS = CORPORA / "gaps" / "reports"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from pipeline.checklist import build_checklist
    from pipeline.export.checklist_files import write_checklist
    from pipeline.export.gap_files import write_gaps
    from pipeline.gaps import build_gaps

    out = tmp_path_factory.mktemp("office")
    checklist = build_checklist([SEED])
    write_checklist(checklist, out)
    write_gaps(build_gaps(checklist, [REPORTS / "r01_group1.txt", REPORTS / "r06_group5.docx"]), out)
    return out


def test_office_files_have_no_formula_cells(outputs):
    from docx import Document
    from openpyxl import load_workbook

    for name in ("checklist.xlsx", "gaps.xlsx"):
        book = load_workbook(outputs / name)
        cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
        assert cells and not [c for c in cells if c.data_type == "f"]
    doc = Document(str(outputs / "checklist.docx"))
    assert doc.paragraphs[0].text == "任务清单"
    assert [c.text for c in doc.tables[0].rows[0].cells] == ["序号", "任务要求", "责任主体", "完成时限", "落实情况",
                                                             "佐证材料", "任务简称"]
    assert sum(p.text.startswith("☐") for p in doc.paragraphs) == 12


def _has_calc() -> bool:
    program = Path(shutil.which("soffice") or "/nonexistent").resolve().parent
    return any(program.glob("*calc*")) or any(Path("/usr/lib/libreoffice/program").glob("libsclo.so"))


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) not installed")
@pytest.mark.parametrize("name", ["checklist.docx", "checklist.xlsx", "gaps.xlsx"])
def test_office_files_convert_to_pdf_with_libreoffice(outputs, tmp_path, name):
    if name.endswith(".xlsx") and not _has_calc():
        pytest.skip("LibreOffice Calc not installed (apt-get install libreoffice-calc-nogui)")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(outputs / name)],
                   check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (Path(name).stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_size > 1000


def test_corpus_docx_reports_are_reproducible():
    sys.path.insert(0, str(CORPORA / "gaps"))
    try:
        import make_docx
    finally:
        sys.path.pop(0)
    from docx import Document

    def content(doc):
        paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
        tables = [[c.text for row in t.rows for c in row.cells] for t in doc.tables]
        return paragraphs, tables

    sources = sorted((CORPORA / "gaps" / "docx_src").glob("*.txt"))
    assert sources
    for source in sources:
        built = make_docx.build(source).doc
        assert content(built) == content(Document(str(REPORTS / f"{source.stem}.docx"))), source.name


def test_real_outputs_are_byte_identical_across_runs(tmp_path):
    from pipeline.checklist import build_checklist
    from pipeline.export.checklist_files import write_checklist
    from pipeline.export.gap_files import write_gaps
    from pipeline.gaps import build_gaps

    reports = sorted(REPORTS.iterdir())[:4]
    runs = []
    for name in ("a", "b"):
        checklist = build_checklist([SEED])
        runs.append(write_checklist(checklist, tmp_path / name) + write_gaps(build_gaps(SEED, reports), tmp_path / name))
    for first, second in zip(*runs):
        assert first.read_bytes() == second.read_bytes(), first.name
