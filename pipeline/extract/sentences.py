"""Sentence units with exact character spans (the contract in shared/LABELS.md, "Sentence units").

A line is split after 。！？!? (with any closing quotes/brackets that follow), never at ；：，.
On top of that an inline enumeration is cut finer, because each item is what later stages label:

* text after a colon that opens with a first marker ("…四方面职责要求：第一，督导组要…") starts a
  new unit, so the lead-in "…四方面职责要求：" stands alone;
* a run of consecutive markers inside one sentence after ，/； ("一是…；二是…；三是…") is cut
  before each marker, so every item is its own unit.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .markers import Marker, match_marker

TERMINALS = "。！？!?"
CLOSERS = "”’」』）)》\"'"
TERMINAL = re.compile(f"[{TERMINALS}]")        # one sentence-ending character (metadata, doc_kind, html)
_SENTENCE_END = re.compile(rf"[{TERMINALS}]+[{re.escape(CLOSERS)}]*")
_COLONS = "：:"
_SEPARATORS = "，；,;"
INLINE_SCHEMES = ("yi_shi", "yi_yao", "di_yi", "circled", "paren_arabic", "cn_paren", "arabic", "cn_dun")
# How much text after a candidate position the marker patterns need to see (never the whole sentence).
_MARKER_WINDOW = 64
# Characters a marker can start with: a cheap test before trying the marker patterns.
_MARKER_START = frozenset("一二三四五六七八九十第（(0123456789①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
# A colon or separator, spaces, then a character a marker can start with: where an item may be cut.
# (One C-level scan instead of a Python loop over every character of every sentence.)
_CUT_CANDIDATE = re.compile(rf"([{re.escape(_COLONS + _SEPARATORS)}]) *[{re.escape(''.join(sorted(_MARKER_START)))}]")


@dataclass(frozen=True, slots=True)
class Unit:
    """A span of ``text`` that becomes one passage.

    ``position`` says where it starts: ``line`` (start of a line), ``sentence`` (after a sentence
    end), ``colon`` (cut after a colon that opens an enumeration), ``inline`` (cut before a marker of
    an enumeration running inside one sentence).
    """

    start: int
    end: int
    position: str
    line: int


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-empty lines of ``text[start:end]`` as spans, surrounding spaces excluded."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        s, e = pos, stop
        while s < e and text[s] == " ":
            s += 1
        while e > s and text[e - 1] == " ":
            e -= 1
        if e > s:
            spans.append((s, e))
        if nl == -1:
            break
        pos = nl + 1
    return spans


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one line span after sentence terminals (plus closing quotes/brackets)."""
    spans = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.end() > pos:
            spans.append((pos, m.end()))
            pos = m.end()
    if pos < end:
        spans.append((pos, end))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] == " ":
        s += 1
    while e > s and text[e - 1] == " ":
        e -= 1
    return s, e


def inline_cuts(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Positions inside one sentence where an enumeration item (or its lead-in's end) is cut."""
    return cuts_at(text, start, end, cut_candidates(text, start, end))


def cut_candidates(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    """(position, the colon or separator before it) of every place in ``text[start:end]`` where an
    item may start: a colon or separator, spaces, then a character a marker can start with."""
    for found in _CUT_CANDIDATE.finditer(text, start, end):
        yield found.end() - 1, found.group(1)


def cuts_at(text: str, start: int, end: int, candidates: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """``inline_cuts`` from the candidate positions: where a marker really stands, and of those the
    chains of consecutive values of one scheme starting at 1 (one item each)."""
    cuts: dict[int, str] = {}
    found: list[tuple[int, Marker, str]] = []
    head = match_marker(text[start:min(end, start + _MARKER_WINDOW)], schemes=INLINE_SCHEMES)
    if head is not None:
        found.append((start, head, "start"))
    for pos, char in candidates:
        marker = match_marker(text[pos:min(end, pos + _MARKER_WINDOW)], schemes=INLINE_SCHEMES)
        if marker is None:
            continue
        if char in _COLONS and marker.value == 1 and pos < end - marker.length:
            cuts[pos] = "colon"
        found.append((pos, marker, "colon" if char in _COLONS else "inline"))
    by_scheme: dict[str, list[tuple[int, Marker, str]]] = {}
    for cand in found:
        by_scheme.setdefault(cand[1].scheme, []).append(cand)
    for cands in by_scheme.values():
        chain: list[tuple[int, Marker, str]] = []
        for cand in cands:
            if cand[1].value == 1:
                chain = [cand]
            elif chain and cand[1].value == chain[-1][1].value + 1:
                chain.append(cand)
                if len(chain) >= 2:
                    for pos, _, kind in chain:
                        if pos != start:
                            cuts.setdefault(pos, kind)
    return sorted(cuts.items())


def split_units(text: str, start: int = 0, end: int | None = None, *, first_line: int = 0) -> list[Unit]:
    """All units of ``text[start:end]`` in order."""
    units: list[Unit] = []
    for line_no, (ls, le) in enumerate(line_spans(text, start, end), start=first_line):
        for k, (ss, se) in enumerate(sentence_spans(text, ls, le)):
            position = "line" if k == 0 else "sentence"
            pos = ss
            for cut, kind in inline_cuts(text, ss, se):
                if cut <= pos:
                    continue
                s, e = _strip(text, pos, cut)
                if e > s:
                    units.append(Unit(s, e, position, line_no))
                pos, position = cut, kind
            s, e = _strip(text, pos, se)
            if e > s:
                units.append(Unit(s, e, position, line_no))
    return units
