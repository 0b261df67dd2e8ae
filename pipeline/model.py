"""The one data model every stage reads and returns.

Data flows one way: bytes -> ``Extraction`` (a reader's blocks) -> ``Document`` (normalised text,
outline and passages) -> labelled ``Document`` -> checklist items / gap rows -> files.

Everything here is a frozen dataclass holding tuples, so a stage can never mutate what an earlier
stage produced; stages return new objects with ``dataclasses.replace``.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields, replace
from enum import Enum
from typing import Iterable


class Status(str, Enum):
    """Per-document outcome: a value, never an exception (docling's ConversionStatus, Tika Pipes)."""

    OK = "ok"
    OK_WITH_WARNINGS = "ok_with_warnings"
    EMPTY = "empty"
    NEEDS_OCR = "needs_ocr"
    UNSUPPORTED = "unsupported"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    TOO_LARGE = "too_large"
    TIMEOUT = "timeout"
    CRASHED = "crashed"
    SKIPPED = "skipped"
    WRITE_FAILED = "write_failed"
    NOT_STARTED = "not_started"

    @property
    def is_ok(self) -> bool:
        return self in (Status.OK, Status.OK_WITH_WARNINGS)


class Label(str, Enum):
    """Passage labels; the contract is ``shared/LABELS.md``."""

    DUTY = "duty"
    REQUIREMENT = "requirement"
    PROBLEM = "problem"
    EXEMPLAR = "exemplar"
    MEASURE = "measure"
    OTHER = "other"


LABELS: tuple[str, ...] = tuple(label.value for label in Label)
LABEL_ZH: dict[str, str] = {
    "duty": "职责",
    "requirement": "要求",
    "problem": "问题",
    "exemplar": "典型",
    "measure": "措施",
    "other": "其他",
}


class DocKind(str, Enum):
    SPEECH = "speech"
    REPORT = "report"
    CHECKLIST = "checklist"
    UNKNOWN = "unknown"


class PassageKind(str, Enum):
    TITLE = "title"          # document title / byline / date lines
    HEADING = "heading"      # a numbered heading standing alone on its line (一、总体情况)
    ITEM = "item"            # the first sentence of an enumerated item (一要…, 第一，…, （一）…)
    SENTENCE = "sentence"    # any other sentence of running text
    TABLE_CELL = "table_cell"
    HEADER = "header"        # page furniture, kept but excluded from classification
    FOOTER = "footer"


# Read for every passage by every stage: a plain frozenset, not Enum attribute lookups.
FURNITURE_KINDS = frozenset({PassageKind.HEADER.value, PassageKind.FOOTER.value})


@dataclass(frozen=True, slots=True)
class Warning_:
    """A coded, content-free warning attached to a document (e.g. W101 extension_mismatch)."""

    code: str
    reason: str
    detail: str = ""

    def __str__(self) -> str:
        return f"[{self.code}] {self.reason}" + (f": {self.detail}" if self.detail else "")


@dataclass(frozen=True, slots=True)
class Block:
    """One block of text as a reader found it: a paragraph, a table cell, a header line, a page line.

    ``marker`` is a list number the format rendered outside the text (Word automatic numbering);
    the outline stage treats it exactly like a marker typed into the text.
    """

    text: str
    kind: str = "paragraph"   # paragraph | heading | table_cell | header | footer | textbox
    page: int | None = None
    marker: str = ""
    style: str = ""
    # a table cell's place: (table number in the document, row, grid column), all from 0; () elsewhere.
    # A reader that knows vertical merges adds a 4th element, the rows the cell covers (1, or more for a
    # docx w:vMerge restart / HTML rowspan), so a task table tells a merged continuation from a blank cell
    cell: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a reader returns: ordered blocks plus what it learned about the bytes."""

    blocks: tuple[Block, ...]
    file_type: str
    encoding: str = ""
    pages: int | None = None
    warnings: tuple[Warning_, ...] = ()
    status: Status = Status.OK
    reason: str = ""   # machine reason code for a non-ok status (zero_bytes, password_required…)
    message: str = ""  # human message for a non-ok status; never contains document text


@dataclass(frozen=True, slots=True)
class OutlineNode:
    """An enumerated item or numbered heading of the outline.

    ``path`` is the list of markers from the root, e.g. ("三要", "第二"). ``lead_in`` is the sentence
    that announced the enumeration this node belongs to ("…提出了四方面职责要求："), or the heading of
    the enclosing section; ``announced`` is the count it announced, when it did.
    """

    node_id: str
    path: tuple[str, ...]
    marker: str
    scheme: str            # cn_dun (一、), cn_paren (（一）), arabic (1.), paren_arabic (（1）), circled (①),
                           # yi_shi (一是), yi_yao (一要), di_yi (第一), shouxian (首先), fangmian (一方面),
                           # di_bufen (第一部分), di_tiao (第一条)
    level: int
    title: str             # the heading clause: text up to the first 。；：or the whole short heading
    start: int             # char span of the whole item in Document.text
    end: int
    lead_in: str = ""
    announced: int | None = None
    parent_id: str = ""


@dataclass(frozen=True, slots=True)
class Passage:
    """The unit everything is labelled at: a sentence (or a finer cut of one), a heading, a cell."""

    passage_id: str
    doc_id: str
    index: int
    kind: str
    text: str
    start: int             # char span into Document.text (normalised text)
    end: int
    page: int | None = None
    path: tuple[str, ...] = ()     # markers from the root of the outline
    marker: str = ""               # this passage's own marker, if it opens an item
    node_id: str = ""              # OutlineNode the passage belongs to ("" at top level)
    section: str = ""              # title of the nearest enclosing heading/item
    lead_in: str = ""              # lead-in of the enumeration the passage sits in
    cell: tuple[int, ...] = ()     # a table cell's (table, row, grid column[, rows covered]): its ``Block.cell``
    label: str = ""
    confidence: float | None = None
    probs: tuple[tuple[str, float], ...] = ()
    cues: tuple[str, ...] = ()

    def __setstate__(self, state) -> None:
        """Unpickle; a Passage pickled before ``cell`` existed (a ``--resume`` cache entry) has one
        value fewer, and its values from ``label`` on would otherwise land one field early."""
        names = [f.name for f in fields(self)]
        if len(state) == len(names) - 1:
            at = names.index("cell")
            state = [*state[:at], (), *state[at:]]
        for name, value in zip(names, state):
            object.__setattr__(self, name, value)

    @property
    def is_content(self) -> bool:
        """Page furniture is kept for the record but never classified or matched."""
        return self.kind not in FURNITURE_KINDS


@dataclass(frozen=True, slots=True)
class Document:
    doc_id: str
    source: str
    sha256: str
    file_type: str
    status: Status = Status.OK
    reason: str = ""
    message: str = ""
    encoding: str = ""
    title: str = ""
    kind: str = DocKind.UNKNOWN.value
    unit: str = ""
    speaker: str = ""
    date: str = ""
    pages: int | None = None
    warnings: tuple[Warning_, ...] = ()
    text: str = ""                  # normalised text all char spans point into
    raw_text: str = ""              # text as the reader gave it, before normalisation
    offsets: tuple[int, ...] = ()   # offsets[i] = index in raw_text of text[i] (len(text)+1 entries)
    outline: tuple[OutlineNode, ...] = ()
    passages: tuple[Passage, ...] = ()

    def __repr__(self) -> str:
        # the generated repr holds the whole text, offsets and passages: a notebook cell ending in a
        # Document printed megabytes (QA12 M8); the fields are all still there as attributes
        return (f"Document(doc_id={self.doc_id!r}, source={self.source!r}, status={self.status.value!r}, "
                f"kind={self.kind!r}, unit={self.unit!r}, title={self.title!r}, chars={len(self.text)}, "
                f"passages={len(self.passages)}, warnings={len(self.warnings)})")

    def with_(self, **changes) -> "Document":
        return replace(self, **changes)

    def to_frame(self):
        """Passages as a pandas DataFrame, one row per passage."""
        return passages_frame([self])


def status_counts(statuses) -> str:
    """"ok 13, empty 1": how many of each status, in name order (the short reprs of result objects)."""
    from collections import Counter

    counts = Counter(statuses)
    return ", ".join(f"{name} {n}" for name, n in sorted(counts.items())) or "none"


def content_id(*parts: object, length: int = 16) -> str:
    """Deterministic id from parts (sha256 of their ``|``-joined text)."""
    joined = "|".join(str(p) for p in parts)
    # surrogatepass: a file name that is not UTF-8 reaches us surrogate-escaped ("\udcd6\udcd0"); valid
    # text encodes exactly as before
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


PASSAGE_COLUMNS = (
    "id", "doc", "source", "index", "kind", "path", "marker", "text", "start", "end", "page",
    "section", "lead_in", "label", "confidence", "cues",
)


def passage_record(doc: Document, p: Passage) -> dict:
    """The flat record `duban analyze` prints and `to_frame` tabulates."""
    return {
        "id": p.passage_id,
        "doc": doc.doc_id,
        "source": doc.source,
        "index": p.index,
        "kind": p.kind,
        "path": list(p.path),
        "marker": p.marker,
        "text": p.text,
        "start": p.start,
        "end": p.end,
        "page": p.page,
        "section": p.section,
        "lead_in": p.lead_in,
        "label": p.label,
        "confidence": None if p.confidence is None else round(float(p.confidence), 4),
        "probs": {k: round(float(v), 4) for k, v in p.probs},
        "cues": list(p.cues),
    }


def passages_frame(docs: Iterable[Document]):
    import pandas as pd

    rows = [passage_record(d, p) for d in docs for p in d.passages]
    return pd.DataFrame(rows, columns=list(PASSAGE_COLUMNS) + ["probs"])


def documents_frame(docs: Iterable[Document]):
    import pandas as pd

    cols = [f.name for f in fields(Document) if f.name not in ("text", "raw_text", "offsets", "outline", "passages")]
    rows = []
    for d in docs:
        row = {c: getattr(d, c) for c in cols}
        row["status"] = d.status.value
        row["warnings"] = "; ".join(str(w) for w in d.warnings)
        row["n_passages"] = len(d.passages)
        rows.append(row)
    return pd.DataFrame(rows, columns=cols + ["n_passages"])


def to_dict(obj) -> dict:
    """Plain-dict view of any model object (Enums become their values)."""
    def convert(value):
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, (list, tuple)):
            return [convert(v) for v in value]
        if isinstance(value, dict):
            return {k: convert(v) for k, v in value.items()}
        return value

    return {k: convert(v) for k, v in asdict(obj).items()}


__all__ = [
    "Status", "Label", "LABELS", "LABEL_ZH", "DocKind", "PassageKind", "Warning_", "Block",
    "Extraction", "OutlineNode", "Passage", "Document", "content_id", "sha256_bytes",
    "passage_record", "passages_frame", "documents_frame", "status_counts", "to_dict", "field",
]
