"""Compliance gap table: every (unit, checklist item) with a status, a score and evidence.

``assess_report`` rates one report against every checklist leaf (the matching itself lives in
``pipeline.gap_evidence``); ``build_gaps`` does it for many reports and returns a ``GapTable``
with long-format rows, the units × items matrix, the problems ledger (问题清单) and the exemplars
digest (典型经验). Thresholds: ``pipeline/data/gap_thresholds.json`` (``pipeline.gap_calibrate``).
An unreadable or empty report gives ``not_assessable`` rows, never "all missing".

Units: ``unit`` is one label per report (two reports of one unit are told apart by file:
"绍兴一中（dev_report_02）"); ``unit_name`` is the unit as the report names it, aliases resolved to one
spelling (绍兴一中 and 绍兴市第一中学 are one school), so a notebook can pool a unit's reports
(``groupby("unit_name")``). A report that names no unit keeps its label there: it is never pooled.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from importlib import resources
from itertools import zip_longest
from pathlib import Path
from typing import Sequence

from .checklist import Checklist, ChecklistItem, load_reference
from .gap_evidence import (GENERIC_ACTORS, LABEL_FACTOR, Hit, _admits, decide, item_features, resolve,  # noqa: F401 (re-exported)
                           known_unit, score_of, unit_of)
from .gap_scope import leaf_contexts
from .gap_theme import checklist_themes, theme_spellings
from .gap_wording import submission_status
from .model import Document, status_counts
from .report_labels import distinct_labels, unique_row_units, unit_spellings, with_unit_names  # noqa: F401 (re-exported)

STATUSES = ("covered", "partial", "missing", "problem_acknowledged", "not_applicable", "not_assessable")
# not_applicable: the task names a specific responsible body (市教育局, 督导组) and the report's unit is
# another body, with nothing on the task in its report: "missing" would read as the unit's failure
STATUS_ZH = {"covered": "已落实", "partial": "部分落实", "missing": "未体现",
             "problem_acknowledged": "自查有差距", "not_applicable": "不适用（非责任主体）", "not_assessable": "无法评估"}
MIN_TEXT_CHARS = 20


@dataclass(frozen=True, slots=True)
class GapRow:
    unit: str
    report: str
    doc_id: str
    item_id: str
    item_text: str
    status: str
    score: float
    evidence: str = ""
    evidence_location: str = ""
    item_title: str = ""
    similarity: float = 0.0
    coverage: float = 0.0
    evidence_label: str = ""
    hits: tuple[Hit, ...] = ()
    report_status: str = "ok"
    item_actor: str = ""        # the task's 责任主体, so a 不适用 row can be checked
    unit_name: str = ""         # the unit as read, aliases resolved by ``GapTable`` ("" before: not named)
    admissions: tuple[Hit, ...] = ()    # the evidence hits a 自查有差距 row rests on (for the 问题清单)

    def __setstate__(self, state) -> None:
        """Unpickle; a row pickled before ``unit_name``/``admissions`` existed (a ``--resume`` cache
        entry) has fewer values: the missing trailing fields take their defaults."""
        for f, value in zip_longest(fields(self), state, fillvalue=_MISSING):
            object.__setattr__(self, f.name, f.default if value is _MISSING else value)


_MISSING = object()
# columns are appended, never reordered: scripts read gaps.csv and problems.csv by name and by place
LABELLED_COLUMNS = ("unit", "report", "text", "section", "location", "confidence", "unit_name")
PROBLEM_COLUMNS = (*LABELLED_COLUMNS, "item_ids")     # item_ids: the 自查有差距 tasks citing the passage
GAP_COLUMNS = ("unit", "report", "item_id", "item_title", "item_actor", "item_text", "status", "status_zh", "score",
               "similarity", "coverage", "evidence_label", "evidence", "evidence_location", "report_status",
               "unit_name")


@dataclass(frozen=True, slots=True)
class GapTable:
    rows: tuple[GapRow, ...]
    checklist: Checklist
    documents: tuple[Document, ...] = field(default=())
    # (report, reason) of submissions set aside as no unit's report, with batch's manifest reason codes:
    # is_reference, is_checklist, is_output, about_units, superseded_by, duplicate_of (the gap files
    # list them, export.gap_files.SET_ASIDE_ZH)
    set_aside: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self):
        # rows assessed one report at a time (batch workers) may share a unit name: make each
        # report's label unique so the matrix and per-unit sheets never merge two reports; then give
        # every row its unit's one spelling (aliases resolved across the whole table)
        object.__setattr__(self, "rows", with_unit_names(unique_row_units(self.rows)))

    def __repr__(self) -> str:      # short: rows and documents stay out of a notebook cell (QA12 M8)
        aside = f", {len(self.set_aside)} set aside" if self.set_aside else ""
        return (f"GapTable({len(self.units)} reports x {len(self.checklist.leaves)} tasks: "
                f"{status_counts(r.status for r in self.rows)}{aside})")

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.unit for r in self.rows))

    def rows_by_unit(self) -> dict[str, list[GapRow]]:
        """Each unit's rows, units in table order (one pass; writers list every unit's rows)."""
        grouped: dict[str, list[GapRow]] = {unit: [] for unit in self.units}
        for r in self.rows:
            grouped[r.unit].append(r)
        return grouped

    def records(self) -> list[dict]:
        """Long format, one dict per (unit, item), in ``GAP_COLUMNS`` order."""
        return [{c: STATUS_ZH[r.status] if c == "status_zh" else getattr(r, c) for c in GAP_COLUMNS}
                for r in self.rows]

    def to_frame(self):
        """Long format, one row per (unit, checklist leaf); columns in ``GAP_COLUMNS`` order:

        ``unit`` (row label, unique per report), ``report`` (file name), ``item_id``, ``item_title``,
        ``item_actor`` (the task's 责任主体), ``item_text``, ``status`` (covered / partial / missing /
        problem_acknowledged / not_applicable / not_assessable) and ``status_zh`` (已落实 …),
        ``score`` (0-1), ``similarity`` and ``coverage`` (the score's parts), ``evidence_label``
        (label of the best evidence passage), ``evidence`` (its text), ``evidence_location``,
        ``report_status`` (the report's read status), ``unit_name`` (the unit as read, aliases
        resolved; "" when the report names none).
        """
        import pandas as pd

        return pd.DataFrame(self.records(), columns=list(GAP_COLUMNS))

    def matrix_frame(self):
        """Units × item ids, cells holding the status."""
        frame = self.to_frame()
        if frame.empty:
            return frame
        order = list(dict.fromkeys(frame["item_id"]))
        return frame.pivot(index="unit", columns="item_id", values="status").reindex(
            index=list(self.units), columns=order)

    def problem_records(self) -> list[dict]:
        """问题清单: passages labelled problem and the admissions 自查有差距 rows rest on, each once, in
        report order (``PROBLEM_COLUMNS``; ``item_ids`` names the tasks whose rows cite it)."""
        return _label_records(self.documents, "problem", self._units_by_report(), admissions=self._admissions())

    def exemplar_records(self) -> list[dict]:
        return _label_records(self.documents, "exemplar", self._units_by_report())

    def problems_frame(self):
        """问题清单: every passage labelled problem, every admission a 自查有差距 row rests on, and
        every non-empty 存在问题 cell of a self-check form, each once, in report order.

        Columns (``PROBLEM_COLUMNS``): ``unit``, ``report``, ``text``, ``section`` (a form cell: its
        row's 任务), ``location``, ``confidence``, ``unit_name``, ``item_ids`` (the tasks whose rows
        cite the passage, 相关任务).
        """
        import pandas as pd

        return pd.DataFrame(self.problem_records(), columns=list(PROBLEM_COLUMNS))

    def exemplars_frame(self):
        """典型经验: every exemplar sentence of every report, with unit and location."""
        import pandas as pd

        return pd.DataFrame(self.exemplar_records(), columns=list(LABELLED_COLUMNS))

    def not_assessed_records(self) -> list[dict]:
        """The reports that could not be assessed at all (unreadable, empty, too little text), one
        record each in table order: unit label, file, status and the coded reason (never its text)."""
        documents = {(d.doc_id, d.source): d for d in self.documents}
        out, seen = [], set()
        assessed = {(r.doc_id, r.report) for r in self.rows if r.status != "not_assessable"}
        for r in self.rows:
            key = (r.doc_id, r.report)
            if key in assessed or key in seen:
                continue
            seen.add(key)
            doc = documents.get(key)
            reason = (doc.message or doc.reason if doc is not None else "") or too_little_text(doc)
            out.append({"unit": r.unit, "report": r.report, "report_status": r.report_status, "reason": reason})
        return out

    def _units_by_report(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(doc_id, source) -> the report's (row label, unit name); one pass over the rows, not one per
        passage (a 700-report batch otherwise spends seconds scanning the rows for every exemplar sentence)."""
        units: dict[tuple[str, str], tuple[str, str]] = {}
        for r in self.rows:
            units.setdefault((r.doc_id, r.report), (r.unit, r.unit_name or r.unit))
        return units

    def _admissions(self) -> dict[tuple[str, str], dict[int, tuple[Hit, list[str]]]]:
        """(doc_id, source) -> passage index -> (the admission hit, ids of the 自查有差距 rows citing it)."""
        found: dict[tuple[str, str], dict[int, tuple[Hit, list[str]]]] = {}
        for r in self.rows:
            for hit in r.admissions:
                cited = found.setdefault((r.doc_id, r.report), {}).setdefault(hit.index, (hit, []))
                if r.item_id not in cited[1]:
                    cited[1].append(r.item_id)
        return found


def build_gaps(reference, reports: Sequence[Path | str | Document], *, set_aside: bool = True) -> GapTable:
    """Gap table of ``reports`` against ``reference`` (speech, checklist file, Document or Checklist).

    A report that is no unit's report (the reference itself: its bytes, its text in another format,
    or most of a ledger reference's task texts word for word; a ledger duban wrote) is set aside as
    ``duban gaps`` and ``duban batch`` set it aside (``gap_inputs``, ``reference_copies``): named with its
    reason in ``GapTable.set_aside``, not assessed; so is a byte-identical copy of another report
    (``duplicate_of``; the original is the name that does not read as a copy, ``copy_names``).
    ``set_aside=False`` assesses every report (the CLI, which has already set them aside by file name).
    """
    checklist = load_reference(reference)
    if set_aside:
        from .gap_inputs import reports_to_assess

        docs, aside = reports_to_assess(reference, checklist, reports, _prepare)
    else:
        docs, aside = tuple(_prepare(r) for r in reports), ()
    units = unique_units(docs)
    rows: list[GapRow] = []
    for doc, unit in zip(docs, units):
        rows.extend(replace(row, unit=unit) for row in assess_report(checklist, doc))
    return GapTable(tuple(rows), checklist, docs, set_aside=aside)


def assess_report(checklist: Checklist, doc: Document, thresholds: dict | None = None) -> tuple[GapRow, ...]:
    """Rows for one report (labelled or not) against every checklist leaf."""
    doc = _prepare(doc)
    limits = thresholds or default_thresholds()
    leaves = checklist.leaves
    unit = unit_of(doc)
    named = known_unit(doc, unit)       # "" when unit_of fell back to the file name
    if not assessable(doc):
        return tuple(GapRow(unit=unit, report=doc.source, doc_id=doc.doc_id, item_id=i.id, item_text=i.text,
                            item_title=i.title, item_actor=i.actor, status="not_assessable", score=0.0,
                            report_status=doc.status.value, unit_name=named) for i in leaves)
    features = item_features(leaves, doc, limits, unit, leaf_contexts(checklist))
    # a report titled on the checklist's theme may be the very summary a task asks for (QA9)
    on_topic = any(word in (doc.title or "") for word in theme_spellings(checklist_themes(leaves)))
    return tuple(replace(_row(item, feats, limits, unit, doc, on_topic), unit_name=named)
                 for item, feats in zip(leaves, features))


def _row(item: ChecklistItem, feats: dict, limits: dict, unit: str, doc: Document, on_topic: bool = False) -> GapRow:
    feats = resolve(feats, limits)       # the evidence the row is judged on (admitting passages or not)
    status = decide(feats, limits)
    # nothing found shows no passage: an office reads a quote under 落实情况 as "the unit did this" (QA9
    # M11: 67 of 328 未体现 rows quoted the nearest passage); the score still says how near it came
    # ... but a unit saying the task does not apply to it ("此项任务不涉及") is quoted on its 不适用 row: that is its
    # account; on a 未体现 row (the claim too far from the task) nothing is shown either (review8 M2)
    hits = () if status == "missing" or status == "not_applicable" and not feats.get("exempt") else feats["hits"]
    submitted = (submission_status(item.text, item.deadline, doc)
                 if on_topic and status in ("missing", "partial") else None)
    if submitted:        # the task asked for this very report: its title is the evidence
        status, hits = submitted, (Hit(doc.title, doc.source, (), None, 0, "other", 0.0),)
    admission = feats.get("admission_hit")
    admissions: tuple[Hit, ...] = ()
    if status == "problem_acknowledged":
        if admission is not None:
            # the admission itself leads a 自查有差距 row's evidence
            hits = (admission,) + tuple(h for h in hits if h != admission)[:2]
        # what the status rests on: the report's best admission on the task, and evidence that admits
        admissions = tuple(h for h in hits if h == admission or _admits(h))
    return GapRow(unit=unit, report=doc.source, doc_id=doc.doc_id, item_id=item.id, item_text=item.text,
                  item_title=item.title, item_actor=item.actor, status=status, score=score_of(feats, limits),
                  evidence="\n".join(h.text for h in hits), evidence_location="\n".join(h.location for h in hits),
                  similarity=feats["similarity"], coverage=round(feats["coverage"], 4),
                  evidence_label=hits[0].label if hits else "", hits=hits, report_status=doc.status.value,
                  admissions=admissions)


@lru_cache(maxsize=1)
def default_thresholds() -> dict:
    path = resources.files("pipeline") / "data" / "gap_thresholds.json"
    return json.loads(path.read_text(encoding="utf-8"))["thresholds"]


def assessable(doc: Document) -> bool:
    """Readable with some real text: an unreadable or empty report is never 'all missing'."""
    if not doc.status.is_ok:
        return False
    found = 0     # Han characters of the content passages, counted until there are enough
    for p in doc.passages:
        if p.is_content:
            found += len(_HAN.findall(p.text))
            if found >= MIN_TEXT_CHARS:
                return True
    return False


_HAN = re.compile(r"[\u4e00-\u9fff]")


def too_little_text(doc: Document | None) -> str:
    """[E306] with the count for a readable report too short to assess (``assessable``), else ''."""
    if doc is None or not doc.status.is_ok or assessable(doc):
        return ""
    from .errors import error

    found = sum(len(_HAN.findall(p.text)) for p in doc.passages if p.is_content)
    return error("E306", n=found, least=MIN_TEXT_CHARS)


def unique_units(docs: Sequence[Document]) -> list[str]:
    """Unit names, made unique (``distinct_labels``) when two reports name the same unit."""
    return distinct_labels([(unit_of(d), d.source, d.doc_id) for d in docs])


def _prepare(source) -> Document:
    if isinstance(source, Document):
        doc = source
    else:
        from .extract import read_path

        doc = read_path(Path(source))
    if doc.status.is_ok and any(p.is_content and not p.label for p in doc.passages):
        from .classify import label_document

        doc = label_document(doc)
    return doc


def _label_records(docs: Sequence[Document], label: str, units: dict[tuple[str, str], tuple[str, str]],
                   admissions: dict | None = None) -> list[dict]:
    """Every content passage labelled ``label``, and (``admissions``: ``GapTable._admissions``) every
    passage an assessment cited as an admission, once each, in report order."""
    rows = []
    for doc in docs:
        key = (doc.doc_id, doc.source)
        unit, unit_name = units[key] if key in units else (unit_of(doc), unit_of(doc))
        cited = (admissions or {}).get(key, {})
        rows_read = _table_units(doc)          # a form's rows, read once for both uses below
        cells = {p.index for p in doc.passages if p.kind == "table_cell"}
        # a cited table cell is located by its form row's 任务 cell (its own ``section`` is the heading
        # above the table, not its row's task)
        sections = {u.index: u.section for u in rows_read if u.index in cited and u.kind == "sentence"
                    and u.section} if cells & cited.keys() else {}
        # a self-check form's 存在问题 cells are the unit's own shortfalls, whatever label the
        # classifier gave the cell alone (QA7 H4: "整改资金不足。" was "other" and never listed):
        # ``gap_passages.table_rows`` gives them label problem, the column header as lead-in
        stated = {u.index: u for u in rows_read if u.kind == "sentence" and u.label == "problem"
                  and u.lead_in} if label == "problem" else {}
        for p in doc.passages:
            if not p.is_content:
                continue
            admitted = cited.get(p.index)
            if p.index in stated and p.label != label and admitted is None:
                hit = Hit(p.text, doc.source, p.path + stated[p.index].path[len(p.path):], p.page, p.index,
                          "problem", 0.0)
                record = {"unit": unit, "report": doc.source, "text": p.text, "section": stated[p.index].section,
                          "location": hit.location, "confidence": None, "unit_name": unit_name}
                if admissions is not None:
                    record["item_ids"] = ""
                rows.append(record)
                continue
            if p.label == label:
                hit = Hit(p.text, doc.source, p.path, p.page, p.index, p.label, 0.0)
                confidence = None if p.confidence is None else round(p.confidence, 4)
                text = p.text
            elif admitted is not None:
                # the classifier did not call it a problem (a form's 存在问题 cell, "报送不够及时"), the
                # assessment read it as the unit's admission: listed where its row says (a form row's path)
                hit, confidence = admitted[0], None
                text = p.text if hit.text in p.text else hit.text
            else:
                continue
            record = {"unit": unit, "report": doc.source, "text": text, "section": sections.get(p.index, p.section),
                      "location": hit.location, "confidence": confidence, "unit_name": unit_name}
            if admissions is not None:
                record["item_ids"] = "、".join(admitted[1]) if admitted else ""
            rows.append(record)
    return rows


def _table_units(doc: Document) -> list:
    """The evidence units ``gap_passages.table_rows`` reads from a report holding a table (a form's
    rows as items); [] for a report without one."""
    if not any(p.kind == "table_cell" for p in doc.passages):
        return []
    from .gap_passages import table_rows

    return table_rows([p for p in doc.passages if p.is_content and p.kind != "title"])
