"""``pipeline.analyze`` (notebook API and ``duban analyze``): inputs named as the CLI names them.

QA 6, L2: a mistyped path was a "corrupt" Document with [E111] FileNotFoundError in a notebook
while the CLI said [E001]; now both raise the same usage error before anything is read.
"""
from __future__ import annotations

import os

import pytest

from tests.batch_fixtures import report_text

import pipeline
from pipeline.analysis import analyze
from pipeline.errors import UsageError


@pytest.mark.parametrize("make, code", [
    (lambda tmp: tmp / "nope.txt", "E001"),                       # mistyped file
    (lambda tmp: tmp / "no_such_folder" / "a.txt", "E001"),
    (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "E002"),   # a folder with nothing to read
])
def test_analysis_missing_input_is_the_cli_usage_error(tmp_path, make, code):
    good = tmp_path / "good.txt"
    good.write_text(report_text(1), encoding="utf-8")
    bad = make(tmp_path)
    with pytest.raises(UsageError) as caught:
        pipeline.analyze([good, bad])
    assert caught.value.code == code
    if code == "E001":
        assert str(bad) in str(caught.value)

    from pipeline.cli import main                                   # the CLI says the same thing
    assert main(["analyze", str(good), str(bad), "-o", str(tmp_path / "p.csv")]) == 2


def test_analysis_unreadable_file_stays_a_document(tmp_path):
    """A file that exists but cannot be read is still one failed Document, not an exception."""
    locked = tmp_path / "locked.txt"
    locked.write_text(report_text(2), encoding="utf-8")
    locked.chmod(0)
    if os.access(locked, os.R_OK):
        pytest.skip("root reads files whatever their mode")
    (doc,) = pipeline.analyze([locked]).documents
    assert doc.status.value == "corrupt" and "[E111]" in doc.message


def test_analysis_folder_and_gbk_name_read_like_batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(report_text(3), encoding="utf-8")
    (folder / "~$lock.docx").write_bytes(b"x")                     # skipped like batch skips it
    try:
        with open(os.path.join(os.fsencode(folder), "报告.txt".encode("gbk")), "wb") as fh:
            fh.write(report_text(4).encode("gbk"))
    except OSError:
        pytest.skip("file system refuses non-UTF-8 names")
    analysis = analyze([folder], label=False)
    assert sorted(d.source for d in analysis.documents) == ["a.txt", "报告.txt"]
    assert all(d.status.is_ok for d in analysis.documents)
    analysis.to_frame().to_csv(tmp_path / "p.csv", encoding="utf-8")    # writable: no surrogates left
