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


# ------------------------------------------------------------------------------------- sources (QA9 H7)


@pytest.fixture(scope="module")
def seed_checklist():
    return pipeline.checklist([SEED])


def _sources_of(call: str, given, checklist) -> list[str]:
    """The source names an API function read from ``given``."""
    if call == "analyze":
        return [d.source for d in pipeline.analyze(given).documents]
    if call == "checklist":
        return list(pipeline.checklist(given).sources)
    return [d.source for d in pipeline.gaps(checklist, given).documents]


@pytest.mark.parametrize("form", ["relative str", "absolute str", "Path", "folder", "Document"])
@pytest.mark.parametrize("call", ["analyze", "checklist", "gaps"])
def test_api_a_single_path_is_one_source(tmp_path, monkeypatch, seed_checklist, call, form):
    """QA9 H7: a path given where a list is expected was iterated character by character:
    ``gaps(ref, "folder")`` made one unit per character, ``checklist("x.txt")`` an empty checklist,
    ``analyze("/abs/x.txt")`` walked "/". A str/PathLike/Document is one source; a folder its files."""
    (tmp_path / "in").mkdir()
    for k, name in enumerate(("甲报告.txt", "乙报告.txt")):
        (tmp_path / "in" / name).write_text(report_text(k), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    one = tmp_path / "in" / "甲报告.txt"
    given = {"relative str": "in/甲报告.txt", "absolute str": str(one), "Path": one, "folder": "in",
             "Document": pipeline.read(one)}[form]
    expected = ["乙报告.txt", "甲报告.txt"] if form == "folder" else ["甲报告.txt"]
    assert _sources_of(call, given, seed_checklist) == expected


@pytest.mark.parametrize("call", ["read", "classify", "analyze", "checklist", "gaps reports", "gaps reference",
                                  "batch"])
@pytest.mark.parametrize("form", ["relative str", "Path"])
def test_api_a_missing_path_is_usage_error_e001(tmp_path, monkeypatch, call, form):
    """Every API function that takes a path says [E001] naming it (as ``pipeline.read`` and the CLI),
    never a 'corrupt' unit, a checklist of nothing or a walk from "/"."""
    from pipeline.errors import UsageError

    monkeypatch.chdir(tmp_path)
    missing = "nope/报告.txt" if form == "relative str" else tmp_path / "nope" / "报告.txt"
    calls = {
        "read": lambda: pipeline.read(missing),
        "classify": lambda: pipeline.classify(missing),
        "analyze": lambda: pipeline.analyze(missing),
        "checklist": lambda: pipeline.checklist(missing),
        "gaps reports": lambda: pipeline.gaps(SEED, missing),
        "gaps reference": lambda: pipeline.gaps(missing, [SEED]),
        "batch": lambda: pipeline.batch(missing, reference=SEED, out_dir=tmp_path / "out", progress=False),
    }
    with pytest.raises(UsageError) as caught:
        calls[call]()
    assert caught.value.code == "E001" and str(missing) in str(caught.value)


def test_api_a_folder_as_the_gaps_reference_is_e006(tmp_path):
    from pipeline.errors import UsageError

    (tmp_path / "a.txt").write_text(report_text(1), encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        pipeline.gaps(tmp_path, [tmp_path / "a.txt"])
    assert caught.value.code == "E006"


# ------------------------------------------------------------------------------------- help (QA9 L3)


@pytest.mark.parametrize("name", ["checklist", "gaps", "batch", "classify"])
def test_api_function_keeps_its_signature_and_docstring_once_its_module_is_imported(name):
    """QA9 L3: after the first call ``pipeline.gaps`` was the module made callable: its signature was
    ``(*args, **kwargs)`` and its docstring the module's (Shift-Tab showed internals). Now the package
    keeps the function; every other attribute is still the submodule's."""
    import importlib
    import inspect
    import pydoc
    import sys

    api = getattr(pipeline, name)
    module = importlib.import_module(f"pipeline.{name}")      # what the first call (or any import) does
    assert getattr(pipeline, name) is api and api is not module
    function = api.__wrapped__
    assert inspect.signature(api) == inspect.signature(function)
    assert "args" not in inspect.signature(api).parameters
    assert api.__doc__ == function.__doc__ and api.__doc__ != module.__doc__
    shown = pydoc.render_doc(api, renderer=pydoc.plaintext)
    assert f"{name}{inspect.signature(function)}" in shown and function.__doc__.splitlines()[0] in shown

    some = next(k for k in vars(module) if not k.startswith("_") and k != name)
    original = getattr(module, some)
    assert getattr(api, some) is original                        # pipeline.gaps.GapTable and the like
    with pytest.MonkeyPatch.context() as patch:                  # patches the module its code reads
        patch.setattr(api, some, "patched")
        assert vars(sys.modules[f"pipeline.{name}"])[some] == "patched"
    assert vars(module)[some] is original                        # and puts it back (not deleted)


@pytest.mark.parametrize("frame, columns", [
    ("Checklist.to_frame", lambda: pipeline.checklist([SEED]).to_frame().columns),
    ("GapTable.to_frame", lambda: pipeline.gaps(SEED, REPORTS[:1]).to_frame().columns),
    ("GapTable.problems_frame", lambda: pipeline.gaps(SEED, REPORTS[:1]).problems_frame().columns),
])
def test_api_frame_docstrings_name_every_column(frame, columns):
    """QA9 L3: ``to_frame`` had no docstring (no column list) and ``problems_frame`` said "every problem
    sentence" while it also holds 存在问题 cells and the admissions 自查有差距 rows rest on."""
    from pipeline.checklist import Checklist
    from pipeline.gaps import GapTable

    owner, method = frame.split(".")
    doc = getattr({"Checklist": Checklist, "GapTable": GapTable}[owner], method).__doc__ or ""
    assert [c for c in columns() if f"``{c}``" not in doc] == []
    if method == "problems_frame":
        assert "存在问题" in doc and "自查有差距" in doc


def test_api_reference_that_is_no_file_is_e003_everywhere(tmp_path, capsys):
    """review7 M7: the reference path is checked by one function for pipeline.gaps, duban gaps and
    duban batch (a FIFO or other non-regular file: E003, before it is opened; batch alone said so)."""
    import os

    from pipeline.cli import main
    from pipeline.errors import UsageError

    fifo = tmp_path / "speech.txt"
    os.mkfifo(fifo)
    reply = tmp_path / "in" / "r.txt"
    reply.parent.mkdir()
    reply.write_text(report_text(1), encoding="utf-8")
    with pytest.raises(UsageError, match=r"\[E003\]"):
        pipeline.gaps(fifo, [reply])
    for argv in (["gaps", "-r", str(fifo), str(reply), "-o", str(tmp_path / "g")],
                 ["batch", str(reply.parent), "-r", str(fifo), "-o", str(tmp_path / "b"), "--no-progress"]):
        assert main(argv) == 2 and "[E003]" in capsys.readouterr().err
