"""Passage records as JSON Lines, CSV or Markdown (``duban analyze``).

Offsets are into the normalised text: a record's ``text`` is ``Document.text[start:end]`` (the
passage as normalised, which is what is classified and matched), not a slice of the file's raw text;
``Document.offsets[start]`` (and ``offsets[end - 1] + 1``) give the raw span.
"""
from __future__ import annotations

import json
import sys
from typing import Iterable

from ..model import Document, passage_record

RECORD_FIELDS = ("id", "doc", "source", "index", "kind", "path", "marker", "text", "start", "end",
                 "page", "label", "confidence", "probs", "cues")


def records(docs: Iterable[Document]):
    for doc in docs:
        for p in doc.passages:
            rec = passage_record(doc, p)
            yield {k: rec[k] for k in RECORD_FIELDS}


def render(docs: Iterable[Document], fmt: str) -> str:
    rows = list(records(docs))
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        from .safe import csv_text

        # no byte-order mark: this text also goes to standard output, into pipes
        return csv_text(RECORD_FIELDS, ([_flat(r[k]) for k in RECORD_FIELDS] for r in rows), bom=False)
    if fmt == "md":
        from .md import md_table

        return md_table(["doc", "index", "path", "label", "text"],
                        [[r["source"], r["index"], " / ".join(r["path"]), r["label"], r["text"]] for r in rows])
    raise ValueError(fmt)


def write_passages(docs: Iterable[Document], *, fmt: str, path: str | None) -> None:
    text = render(docs, fmt)
    if path:
        from .atomic import atomic_write_text

        if fmt == "csv":
            # a file is opened in Excel, which reads UTF-8 without a byte-order mark as the local code
            # page (mojibake on Chinese Windows); standard output stays unmarked for pipes
            text = "\ufeff" + text
        atomic_write_text(path, text)
    else:
        sys.stdout.write(text)


def _flat(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value
