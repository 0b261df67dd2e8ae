"""A unit's first and revised report: the revision is assessed, the first listed (QA10 N10).

A unit often sends its report, then a corrected one ("市工信局报告.txt" and "市工信局报告（修订稿）.txt":
first "尚有8个问题未完成整改", revised "已全部整改到位"). Both were assessed as two units side by side,
counted twice in the totals, with no note. What an office expects: the revised report *replaces*
the first (that is what 修订稿 means, and what the unit will be held to), so it alone is assessed
and the first is listed as ``superseded_by`` the revision (never silently dropped). Pooling the two
would quote the outdated admission against the revision's "done" and mark a finished task
自查有差距.

Two reports are versions of one report when they name the same unit (``unit_of`` read from the
report, not guessed from the file name; aliases resolved by ``actors.body_key``) AND the same title
or file name once revision marks (修订稿, 修改版, 更新, 终稿, v2, 第二稿 …) and brackets are left out.
Reports of one unit with different titles (a 督导组's stage reports, a bulletin and a summary) are
separate documents and all stay assessed, as before. Among versions the later date wins; on the
same (or no) date, the one whose title or file name carries a revision mark; when neither tells
them apart, or none of them says it is a revision, all stay.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Sequence

from .model import Document

SUPERSEDED_BY = "superseded_by"
_REVISION = re.compile(r"修订|修改|更新|终稿|定稿|最终|第[二三四五六七八九十2-9]稿|[vV]\s*[2-9]|改稿|重报|补报")
# what is left out of a title or file name to compare versions: revision marks, a bracket holding one
# ("（修订稿）", "(v2)"), separators. Other brackets stay: "（第1期）" and "（第2期）" are two briefs, not two
# versions of one (review7 H2: a 督导组's first brief was superseded by its second)
_MARKS = re.compile(r"[（(【\[][^）)】\]]{0,8}?(?:" + _REVISION.pattern + r"|稿|版)[^）)】\]]{0,8}[）)】\]]|"
                    + _REVISION.pattern + r"|稿|版|[\s_\-—·.]+|[vV]\d")


def superseded(docs: Sequence[Document]) -> dict[int, int]:
    """Index in ``docs`` of each superseded report -> index of the report that supersedes it."""
    from .actors import body_key
    from .gap_unit import known_unit, unit_of

    groups: dict[tuple[str, str], list[int]] = {}
    for k, doc in enumerate(docs):
        if not doc.status.is_ok:
            continue
        unit = known_unit(doc, unit_of(doc))
        if not unit:
            continue
        key = body_key(unit) or unit
        for base in {_base(doc.title), _base(Path(doc.source).stem)} - {""}:
            groups.setdefault((key, base), []).append(k)
    out: dict[int, int] = {}
    for members in groups.values():
        members = sorted(set(members))
        if len(members) < 2:
            continue
        newest = _newest([docs[k] for k in members])
        if newest is None:
            continue                     # nothing tells which one is the revision: both stay
        for k in members:
            if k != members[newest]:
                out.setdefault(k, members[newest])
    # a chain (v1 -> v2 -> v3 found through different keys) points at its newest
    for k, newer in list(out.items()):
        seen = {k}
        while newer in out and newer not in seen:
            seen.add(newer)
            newer = out[newer]
        out[k] = newer
    return {k: v for k, v in out.items() if k != v}


def _newest(versions: list[Document]) -> int | None:
    """Position of the revision among ``versions``, or None (all stay): one of them must say it is a
    revision (修订稿 …: two reports of one title and unit without one are two reports, a weekly
    bulletin's issues, say); then the latest date when every one is dated and one date is the latest,
    else the only one marked."""
    marked = [k for k, d in enumerate(versions)
              if _REVISION.search(d.title or "") or _REVISION.search(Path(d.source).stem)]
    if not marked:
        return None
    dates = [d.date[:10] for d in versions]
    if all(dates) and dates.count(max(dates)) == 1:
        return dates.index(max(dates))
    if len(marked) == 1 and (not all(dates) or dates[marked[0]] == max(dates)):
        return marked[0]
    return None


def _base(text: str) -> str:
    return _MARKS.sub("", text or "")


__all__ = ["SUPERSEDED_BY", "superseded"]
