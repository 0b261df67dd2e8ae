"""Which of several byte-identical submissions is the original and which are the copies.

A report saved twice is assessed once (``duban batch``, ``duban gaps`` and ``pipeline.gaps`` alike).
The one kept should be the one the unit sent, not the copy someone made of it: Windows names a copy
"报告 - 副本.txt" and a browser "报告(1).txt", and "报告 - 副本.txt" sorts *before* "报告.txt", so
keeping the first in path order named the original as the duplicate (QA12 L1). So: the first name
that does not read as a copy, else the first name.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Hashable, Sequence

# "X - 副本", "X - Copy (2)", "X 副本", "X_副本2", "X copy", "X(1)", "X（1）" / "副本 X", "Copy of X", "复制 X"
_COPY_SUFFIX = re.compile(r"(?:\s*-\s*(?:副本|拷贝|copy)|[\s_-]*(?:副本|拷贝)|\s+copy)(?:\s*[(（]?\d+[)）]?)?$"
                          r"|\s*[(（]\d{1,2}[)）]$", re.IGNORECASE)
_COPY_PREFIX = re.compile(r"^(?:副本|复制|拷贝|copy of)[\s_-]*", re.IGNORECASE)


def looks_like_copy(name: str) -> bool:
    """Whether a file name reads as a copy of another file ("报告 - 副本.txt", "报告(1).docx")."""
    stem = PurePosixPath(name.replace("\\", "/")).stem.strip()
    return bool(_COPY_SUFFIX.search(stem) or _COPY_PREFIX.match(stem))


def copies_of(keys: Sequence[Hashable | None], names: Sequence[str]) -> dict[int, int]:
    """Index of each copy -> index of its original, among items with equal ``keys`` (``None``: never a
    copy, e.g. an empty file). The original is the first name that does not read as a copy, else the
    first; the input order is otherwise kept."""
    groups: dict[Hashable, list[int]] = {}
    for index, key in enumerate(keys):
        if key is not None:
            groups.setdefault(key, []).append(index)
    out: dict[int, int] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        original = next((i for i in members if not looks_like_copy(names[i])), members[0])
        out.update({i: original for i in members if i != original})
    return dict(sorted(out.items()))


__all__ = ["copies_of", "looks_like_copy"]
