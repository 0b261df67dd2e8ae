"""The notebook API: ``import pipeline`` and every returned object has ``to_frame()``."""
from __future__ import annotations

import pytest

from tests.batch_fixtures import docx_of, report_text, write_good
from tests.conftest import CORPORA, SEED

import pipeline

REPORTS = sorted((CORPORA / "gaps" / "reports").glob("*.txt"))[:3]


def test_api_read_path_and_bytes_agree():
    from_path = pipeline.read(SEED)
    from_bytes = pipeline.read(SEED.read_bytes(), name=SEED.name)
    assert from_path.text == from_bytes.text and from_path.doc_id == from_bytes.doc_id
    assert len(from_path.passages) > 20


def test_api_read_missing_path_is_e001_and_a_bad_file_a_status(tmp_path):
    """Regression (QA6 L2): a mistyped path came back as a 'corrupt' Document ([E111] FileNotFoundError)."""
    from pipeline.errors import UsageError

    with pytest.raises(UsageError) as err:
        pipeline.read(tmp_path / "nope.txt")
    assert err.value.code == "E001"
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 half a docx")
    assert not pipeline.read(tmp_path / "bad.docx").status.is_ok


def test_api_classify_labels_every_content_passage(seed_doc):
    doc = pipeline.classify(seed_doc)
    frame = doc.to_frame()
    content = frame[~frame["kind"].isin(["header", "footer"])]
    assert len(frame) == len(doc.passages)
    assert content["label"].isin(pipeline.model.LABELS).all()


def test_api_analyze_frames():
    analysis = pipeline.analyze([SEED, *REPORTS])
    passages, docs = analysis.to_frame(), analysis.documents_frame()
    assert set(passages["source"]) == {SEED.name, *(p.name for p in REPORTS)}
    assert len(docs) == 4 and (docs["n_passages"] > 0).all()


def test_api_checklist_and_gaps_frames():
    checklist = pipeline.checklist([SEED])
    items = checklist.to_frame()
    assert len(items) == len(checklist.items) > 0
    table = pipeline.gaps(SEED, REPORTS)
    frame = table.to_frame()
    assert len(frame) == len(table.rows) > 0
    assert set(frame["status"]) <= {"covered", "partial", "missing", "problem_acknowledged", "not_assessable"}


def test_api_batch_result_frame(tmp_path):
    write_good(tmp_path / "in", 2, formats=("txt",))
    (tmp_path / "in" / "extra.docx").write_bytes(docx_of(report_text(9)))
    result = pipeline.batch(tmp_path / "in", reference=SEED, out_dir=tmp_path / "out", workers=1, progress=False)
    frame = result.to_frame()
    assert frame["path"].tolist() == ["extra.docx", "good/report_000.txt", "good/report_001.txt"]
    assert result.exit_code == 0 and set(frame["status"]) <= {"ok", "ok_with_warnings"}
    gaps = result.gaps_frame()
    assert len(gaps) == len(result.gap_rows) > 0


@pytest.mark.parametrize("name", ["labels_per_document", "coverage_heatmap"])
def test_api_plots_draw_with_a_cjk_font(name):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from pipeline import plots

    if name == "labels_per_document":
        data = pipeline.analyze(REPORTS).to_frame()
    else:
        data = pipeline.gaps(SEED, REPORTS)
    fig = getattr(plots, name)(data)
    try:
        assert fig.axes and fig.axes[0].get_yticklabels()
        if plots.find_cjk_font() is not None:
            assert matplotlib.rcParams["font.sans-serif"][0] == plots.find_cjk_font()
    finally:
        plt.close(fig)


def test_api_plots_warn_without_a_cjk_font(monkeypatch):
    from pipeline import plots

    monkeypatch.setattr(plots, "find_cjk_font", lambda: None)
    with pytest.warns(UserWarning, match="no CJK font"):
        assert plots.use_cjk_font() is None


def test_api_coverage_matrix_leaves_not_assessable_and_not_applicable_blank():
    import pandas as pd

    from pipeline.plots import coverage_matrix

    frame = pd.DataFrame({"unit": ["甲", "甲", "乙", "乙"], "item_id": ["1", "2", "1", "2"],
                          "status": ["covered", "missing", "not_assessable", "not_applicable"]})
    matrix = coverage_matrix(frame)
    assert matrix.loc["甲", "1"] == 3.0 and matrix.loc["甲", "2"] == 0.0
    assert pd.isna(matrix.loc["乙", "1"]) and pd.isna(matrix.loc["乙", "2"])     # neither rates the unit
