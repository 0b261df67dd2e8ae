"""``--resume`` takes the reference's checklist from ``OUT_DIR/.cache`` instead of labelling the
speech again (with the per-file work fast, that labelling was most of a small resumed batch), and
only while the reference's bytes, the pipeline version and the model are unchanged."""
from __future__ import annotations

import importlib
import shutil

import pytest

from tests.batch_fixtures import write_good
from tests.conftest import SEED

from pipeline.batch import run_batch

batch = importlib.import_module("pipeline.batch")     # the module (``pipeline.batch`` is also the API function)


def _run(src, out, reference, **options):
    return run_batch(src, reference=reference, out_dir=out, workers=1, progress=False, **options)


@pytest.fixture()
def finished(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    write_good(src, 3, formats=("txt",))
    reference = tmp_path / "speech.txt"
    shutil.copyfile(SEED, reference)
    first = _run(src, out, reference)
    assert first.exit_code == 0
    return src, out, reference, first


def test_batch_resume_reuses_the_reference_checklist(finished, monkeypatch):
    src, out, reference, first = finished
    gaps_before = (out / "gaps.csv").read_bytes()

    def must_not_label(ref):
        raise AssertionError("the reference was labelled again")

    monkeypatch.setattr(batch, "load_reference_checklist", must_not_label)
    again = _run(src, out, reference, resume=True)
    assert (again.reused, again.processed) == (3, 0)
    assert again.checklist.items == first.checklist.items
    assert (out / "gaps.csv").read_bytes() == gaps_before


def test_batch_resume_relabels_a_changed_reference(finished, monkeypatch):
    src, out, reference, _ = finished
    reference.write_text(reference.read_text(encoding="utf-8") + "\n同志们，要严格落实责任。\n", encoding="utf-8")
    calls = []
    original = batch.load_reference_checklist
    monkeypatch.setattr(batch, "load_reference_checklist", lambda ref: calls.append(ref) or original(ref))
    _run(src, out, reference, resume=True)
    assert calls == [reference]


def test_batch_without_resume_labels_the_reference(finished, monkeypatch):
    src, out, reference, _ = finished
    calls = []
    original = batch.load_reference_checklist
    monkeypatch.setattr(batch, "load_reference_checklist", lambda ref: calls.append(ref) or original(ref))
    _run(src, out, reference)
    assert calls == [reference]


def test_batch_empty_folder_leaves_no_reference_cache(tmp_path):
    (tmp_path / "in").mkdir()
    _run(tmp_path / "in", tmp_path / "out", SEED)
    assert not (tmp_path / "out").exists()
