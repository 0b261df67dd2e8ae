"""A file read with warnings says which in the manifest (QA7 L1: ok_with_warnings had an empty
reason and message); the message is the coded warnings, never document text."""
from __future__ import annotations

import io

from conftest import CORPORA, SEED
from pipeline.batch import run_batch


def test_batch_manifest_names_the_warnings_of_a_file(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    text = (CORPORA / "gaps" / "reports" / "r01_group1.txt").read_bytes()
    (inbox / "nulpad.txt").write_bytes(text + b"\0" * 512)          # W110: NUL padding dropped
    (inbox / "clean.txt").write_bytes(text)
    result = run_batch(inbox, reference=SEED, out_dir=tmp_path / "out", workers=1, progress=False, store=False,
                       stream=io.StringIO())
    rows = {r.path: r for r in result.rows}
    warned = rows["nulpad.txt"]
    assert warned.status == "ok_with_warnings"
    assert warned.reason == "nul_bytes_dropped" and "[W110]" in warned.message and "512" in warned.message
    assert rows["clean.txt"].message == "" and rows["clean.txt"].reason == ""
    first_sentence = text.decode("utf-8").splitlines()[2]
    assert first_sentence not in warned.message
