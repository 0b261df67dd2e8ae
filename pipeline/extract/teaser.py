"""Web teasers: a first line that is an abstract of the body, cut off with "..." (page furniture).

Pages copied from news sites often start with the abstract the listing page showed: the first
two hundred characters of the body and an ellipsis. Kept, it would be labelled and matched twice.
A line is dropped only when it ends with an ellipsis AND its text is found again right after it
(a prefix of the following text, or at least 80% of its characters in order at the start of it),
so real content is never lost.
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

_ELLIPSIS_END = re.compile(r"(?:\.{3,}|…+|。。。)\s*$")
_MIN_CHARS = 20
_MIN_SHARE = 0.8
_MAX_CHARS = 600     # an abstract is short; never run the matcher over a whole one-line document


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def teaser_span(text: str) -> tuple[int, int] | None:
    """Span (including its newline) of a leading teaser line in normalised ``text``, else ``None``."""
    start = 0
    while start < len(text) and text[start] in " \n":
        start += 1
    nl = text.find("\n", start)
    if nl == -1:
        return None
    line = text[start:nl]
    m = _ELLIPSIS_END.search(line)
    if not m:
        return None
    teaser = _squash(line[: m.start()])
    if not _MIN_CHARS <= len(teaser) <= _MAX_CHARS:
        return None
    following = _squash(text[nl + 1: nl + 1 + 3 * len(line) + 200])
    if following.startswith(teaser):
        return start, nl + 1
    window = following[: len(teaser) + len(teaser) // 4 + 10]
    matcher = SequenceMatcher(None, teaser, window, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    if matched >= _MIN_SHARE * len(teaser):
        return start, nl + 1
    return None
