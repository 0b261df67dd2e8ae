"""label_document builds each labelled passage positionally (_labelled); it equals what
dataclasses.replace gives, field for field, on real documents."""
from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from pipeline.classify import _LABEL_FIELDS, _POSITIONAL, _labelled, label_document
from pipeline.extract import read_path
from pipeline.model import Passage

CORPORA = Path(__file__).resolve().parents[2] / "corpora"


def test_fast_label_positional_copy_equals_replace():
    assert _POSITIONAL        # else the fast path is off and this test checks nothing new
    doc = read_path(CORPORA / "seed" / "speech.txt")
    checked = 0
    for i, p in enumerate(doc.passages):
        args = ("requirement" if i % 2 else "other", 0.25 + i / 1000, (("duty", 0.5), ("other", 0.5)), ("cue:x",))
        fast = _labelled(p, *args)
        plain = replace(p, label=args[0], confidence=args[1], probs=args[2], cues=args[3])
        assert type(fast) is Passage and fast == plain
        assert all(getattr(fast, f.name) is getattr(plain, f.name) for f in fields(Passage))
        checked += 1
    assert checked > 20


def test_fast_label_documents_keep_every_unlabelled_field():
    doc = read_path(CORPORA / "seed" / "speech.txt")
    labelled = label_document(doc)
    kept = [f.name for f in fields(Passage) if f.name not in _LABEL_FIELDS]
    for before, after in zip(doc.passages, labelled.passages):
        assert [getattr(before, k) for k in kept] == [getattr(after, k) for k in kept]
    assert {p.label for p in labelled.passages if p.is_content} - {""}
