"""Result objects print short in a notebook (QA12 M8: a cell ending in ``duban.gaps(R, folder)`` printed
1.3 MB for 16 small files — every Document's text, offsets and passages, every gap row)."""
from __future__ import annotations

import pytest

from tests.conftest import CORPORA, SEED

import pipeline
from pipeline.batch import run_batch

REPORTS = sorted((CORPORA / "gaps" / "reports").glob("*.txt"))[:3]


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = tmp_path_factory.mktemp("b")
    return {"analysis": pipeline.analyze(REPORTS), "gaps": pipeline.gaps(SEED, REPORTS),
            "document": pipeline.read(SEED), "checklist": pipeline.checklist(SEED),
            "batch": run_batch(CORPORA / "gaps" / "reports", reference=SEED, out_dir=out, workers=1,
                               progress=False, store=False)}


@pytest.mark.parametrize("name, says", [
    ("analysis", "Analysis(3 documents: ok 3)"),
    ("gaps", "GapTable(3 reports x 12 tasks: "),
    ("document", "status='ok_with_warnings', kind='speech'"),      # W105: the seed's web teaser
    ("checklist", "Checklist(15 entries, 12 tasks, sources=['speech.txt'])"),
    ("batch", "files: ok "),
])
def test_reprs_are_short_and_say_what_the_result_holds(results, name, says):
    text = repr(results[name])
    assert says in text and len(text) < 400
    assert "督导组要" not in text                  # no document text


def test_reprs_keep_every_field_as_an_attribute(results):
    doc = results["document"]
    assert len(doc.text) > 1000 and doc.passages and f"chars={len(doc.text)}" in repr(doc)
