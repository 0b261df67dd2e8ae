"""A text's words without spaces and punctuation, and the blank answers units type into a form's cells.

``words`` is the one filter for comparing texts word for word (a task quoted in a reply, the notice
pasted in, a PDF's line breaks and full/half-width punctuation left out): ``reference_copies``,
``own_part``, ``gap_quotes``. ``is_blank`` is the one list of what a cell holds when nothing was
written in it ("/", "—", "无", "暂无", "待填" …): a returned ledger's 落实情况/佐证材料
(``ledger_replies.is_answer``) and a form's 存在问题 cells (``gap_passages.table_rows``, which also
skips its own "no problem" answers, 无问题/未发现问题: there they say nothing is wrong, while in a
落实情况 cell they are the unit's account of a check).
"""
from __future__ import annotations

import re

NOT_WORDS = re.compile(r"[\s\W_]+")       # spaces, punctuation: PDF line breaks, full/half width
# what units type for "nothing to say" (spaces and punctuation left out first: "/", "—", "无。" are blank)
BLANK_WORDS = re.compile(r"^(?:无|暂无|没有|空|略|待填|待定|na)$", re.IGNORECASE)


def words(text: str) -> str:
    """``text`` without spaces and punctuation: "2.1、开展 排查。" -> "21开展排查"."""
    return NOT_WORDS.sub("", text)


def is_blank(cell: str) -> bool:
    """Whether a form's cell holds nothing: empty, punctuation only ("/", "——") or a placeholder
    (``BLANK_WORDS``: "无", "暂无。", "待填", "N/A")."""
    cell_words = words(cell or "")
    return not cell_words or bool(BLANK_WORDS.match(cell_words))


__all__ = ["BLANK_WORDS", "NOT_WORDS", "is_blank", "words"]
