"""One readable label per report in a gap table, and one spelling per unit.

Two reports naming the same unit never merge into one matrix row or sheet (``distinct_labels``:
"区委第四督导组（r05_group4）"), and a unit spelled two ways (绍兴一中 / 绍兴市第一中学) is one
``unit_name`` for filtering (``unit_spellings``). Used by ``gaps.GapTable`` when it is built.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .actor_answers import body_key

if TYPE_CHECKING:
    from .gaps import GapRow


def with_unit_names(rows: tuple[GapRow, ...]) -> tuple[GapRow, ...]:
    """Rows with ``unit_name`` set: the unit as read with aliases resolved (``unit_spellings``), or the
    row label for a report that names no unit (never pooled with another such report)."""
    spelling = unit_spellings(list(dict.fromkeys((r.unit_name, r.report, r.doc_id) for r in rows if r.unit_name)))
    named = [spelling.get(r.unit_name) or r.unit for r in rows]
    if all(name == r.unit_name for name, r in zip(named, rows)):
        return rows
    return tuple(r if name == r.unit_name else replace(r, unit_name=name) for name, r in zip(named, rows))


def unit_spellings(reports: Sequence[tuple[str, str, str]]) -> dict[str, str]:
    """Unit name -> the one spelling of its body, over reports ``(unit, source, doc_id)``.

    Names with one ``actors.body_key`` (绍兴一中 = 绍兴市第一中学, 中共××区卫生局委员会 = ××区卫生局委) are one
    body, spelled as its longest name (the formal one), then the one more reports use, then the first
    in code-point order: the same reports give the same spelling whatever their order. A name only
    containing another (绍兴一中行政支部) is a body of its own.
    """
    counts: dict[str, Counter] = {}
    for unit, _, _ in reports:
        counts.setdefault(body_key(unit) or unit, Counter())[unit] += 1
    chosen = {key: min(names, key=lambda n: (-len(n), -names[n], n)) for key, names in counts.items()}
    return {unit: chosen[body_key(unit) or unit] for unit, _, _ in reports}


def unique_row_units(rows: tuple[GapRow, ...]) -> tuple[GapRow, ...]:
    reports = list(dict.fromkeys((r.unit, r.report, r.doc_id) for r in rows))
    labels = dict(zip(reports, distinct_labels(reports)))
    if all(labels[key] == key[0] for key in reports):
        return tuple(rows)
    return tuple(replace(r, unit=labels[(r.unit, r.report, r.doc_id)]) for r in rows)


def distinct_labels(reports: Sequence[tuple[str, str, str]]) -> list[str]:
    """One readable label per report (``(unit, source, doc_id)``), distinct and deterministic.

    A unit named by one report keeps its name; reports sharing a unit get the file stem
    ("区委第四督导组（r05_group4）"), else the file name ("…（报告.docx）") when stems collide, else the
    parent folder too, else a doc_id fragment, so no two reports ever merge into one row or sheet.
    """
    groups: dict[str, list[int]] = {}
    for k, (unit, _, _) in enumerate(reports):
        groups.setdefault(unit, []).append(k)
    labels = [unit for unit, _, _ in reports]
    for unit, members in groups.items():
        if len({reports[k][1:] for k in members}) < 2:
            continue
        for name_of in (_stem, _file_name, _parent_and_name, _name_and_id):
            names = [name_of(reports[k][1], reports[k][2]) for k in members]
            if len(set(names)) == len(names) and all(names):
                break
        for k, name in zip(members, names):
            labels[k] = f"{unit}（{name}）"
    return labels


def _stem(source: str, doc_id: str) -> str:
    return Path(source).stem


def _file_name(source: str, doc_id: str) -> str:
    return Path(source).name


def _parent_and_name(source: str, doc_id: str) -> str:
    path = Path(source)
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _name_and_id(source: str, doc_id: str) -> str:
    return " ".join(part for part in (Path(source).name, doc_id[:8]) if part)


__all__ = ["distinct_labels", "unique_row_units", "unit_spellings", "with_unit_names"]
