"""Hard-wrapped text: which line breaks only wrap a paragraph, and joining them back.

Text pasted from a PDF, an e-mail or a fixed-width editor is cut at one width (characters, or display
columns where a Han character takes two), and sometimes only in places. ``hard_breaks`` decides which
breaks go from the lines alone (widths, how a line ends, how the next one opens, whether the break
cuts a jieba word); ``unwrap_hard_wraps`` removes them while keeping the offset map to the raw text.
Headings, list items and table rows keep their lines (reliability case 18).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from .normalise import Normalised, Step

_WRAP_END_OK = re.compile(r"[。！？!?：:；;…][”’」』）)》]*$")
_MIN_WRAP_WIDTH = 16
_WRAP_TOLERANCE = 3


# East Asian wide and full-width characters: two columns on a terminal (wcwidth); the "ambiguous"
# quotes “” and dash — count one, as there (the 3-column tolerance covers editors that set them wide)
_WIDE_RANGES = ("\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
                "\uff00-\uff60\uffe0-\uffe6")
# counted by their complement: a Chinese line holds few narrow characters, so findall builds a short list
_NARROW = re.compile(f"[^{_WIDE_RANGES}]")


def display_width(line: str) -> int:
    """Columns ``line`` takes in a fixed-width font (a Han character two, a digit or letter one)."""
    return 2 * len(line) - len(_NARROW.findall(line))


def wrap_width(lines: list[str], measure: Callable[[str], int] = len) -> int | None:
    """The fixed width a text was hard-wrapped at (in ``measure`` units), or ``None`` if it was not.

    A wrapped text has most of its lines at (about) one length and most of those ending mid-clause;
    ordinary paragraphs vary in length and end with a full stop.
    """
    sizes = [measure(line) for line in lines]
    lengths = [n for n in sizes if n >= _MIN_WRAP_WIDTH]
    if len(lengths) < 5:
        return None
    counts = Counter(lengths)
    width = max(counts, key=lambda n: (counts[n], n))
    near = [line for line, n in zip(lines, sizes) if width - _WRAP_TOLERANCE <= n <= width + _WRAP_TOLERANCE]
    longer = [n for n in sizes if n > width + _WRAP_TOLERANCE]
    open_ended = [line for line in near if not _WRAP_END_OK.search(line)]
    if len(near) < max(5, 0.4 * len(lines)) or len(open_ended) < 0.5 * len(near):
        return None
    if len(longer) > 0.05 * len(lines):     # real paragraphs run past the "width": not wrapped
        return None
    return width


def wrap_measure(lines: list[str]) -> tuple[Callable[[str], int], int] | None:
    """How a text wrapped throughout was cut: every ``width`` characters, or every ``width``
    display columns (an editor's ruler: a line holding digits or Latin letters has more characters)."""
    for measure in (len, display_width):
        width = wrap_width(lines, measure)
        if width is not None:
            return measure, width
    return None


_ENGLISH_TAIL = re.compile(r"[A-Za-z]+ [A-Za-z]+$")
_ENGLISH_HEAD = re.compile(r"[A-Za-z]+ [A-Za-z]+")


def unwrap_hard_wraps(norm: Normalised, starts_item: Callable[[str], bool] = lambda line: False) -> Normalised:
    """Join hard-wrapped lines back into paragraphs (reliability case 18); see ``hard_breaks`` for
    which line breaks go. A removed break becomes a space only between two English words.
    Texts that are not hard-wrapped come back unchanged."""
    lines = norm.text.split("\n")
    breaks = hard_breaks(lines, starts_item)
    if not breaks:
        return norm
    joins: set[int] = set()
    pos = 0
    for k, line in enumerate(lines[:-1]):
        pos += len(line)
        if k in breaks:
            joins.add(pos)
        pos += 1

    def repl(match: re.Match) -> str:
        if match.start() not in joins:
            return "\n"
        text = match.string
        before, after = text[match.start() - 1:match.start()], text[match.end():match.end() + 1]
        # English words wrapped at a space get it back ("report every" / "week"); a token cut inside
        # Chinese text does not ("村B" / "A", "5" / "G手机", "4" / "0年来")
        english = (_ENGLISH_TAIL.search(text, max(0, match.start() - 40), match.start())
                   or _ENGLISH_HEAD.match(text, match.end()))
        return " " if english and before.isascii() and before.isalpha() and after.isascii() and after.isalpha() else ""

    text, offsets = Step("unwrap", re.compile("\n"), repl).apply(norm.text, list(norm.offsets))
    return Normalised(text, tuple(offsets))


# A line ending like this stops mid-sentence; a line opening like this continues the one before.
_DANGLING_END = re.compile(r"(?:[，、“‘（《(]|(?<!目)的|[和把被])$")
_CONTINUING_START = re.compile(r"^[，、。；：！？,;:!?）)》」』】”’%]")
_SENTENCE_INSIDE = re.compile(r"[。！？!?；;]")
_SENTENCE_END = re.compile(r"[。！？!?；;：:][”’」』）)》]*$")
_OPEN_END = re.compile(r"[，、“‘（《(—至向从与及把被将有]$")      # a clause cannot stop here
_EARLY_END = re.compile(r"^[^。！？!?；;]{0,12}[。！？!?；;]")
_TABLE_ROW_END = re.compile(r"(?:\s\d[\d.,%]*){3}$")    # "…申请数量 3001 53 0 0 61 4 3119"
_PARTICLE_START = re.compile(r"^的(?!确)")     # "…始终掌握党和国家事业发展" / "的历史主动。"
_MIN_SHORT_WRAP = 3             # lines at one width that end mid-sentence before a text counts as wrapped
_SHORT_WRAP_TOLERANCE = 2       # "2." and "3．" take one column each: cut lines differ by a character or two
_WRAP_SPLIT_SHARE = 0.25        # of those breaks, the share that must cut a word or open with punctuation
_MIN_DANGLING_LINE = 6
_MAX_FRAGMENT = 8               # a run-on piece this short between two breaks continues its sentence


def hard_breaks(lines: list[str], starts_item: Callable[[str], bool] = lambda line: False,
                splits_word: Callable[[str, str], bool] | None = None) -> set[int]:
    """Indexes ``k`` of the lines whose line break (before ``lines[k + 1]``) is a hard wrap, not a
    paragraph end. A break before a line opening with a list marker ("二要优供应。…", "第一，…",
    "（一）…") always stays. The cases:

    * the whole text is wrapped at one width, in characters or display columns (``wrap_measure``):
      every line that runs to it without
      ending a clause, and a line filled to the full width that happens to end on a sentence end
      ("…重要讲话。" / "马书记…": a paragraph break there would close the inline list "一要…。二要…"
      the paragraph holds) — but not a heading, unless the break cuts a word or a clause
      ("一、大力弘扬…正能量" / "站在…" stays apart, "（一）…切实做" / "好…" is joined);
    * some paragraphs are cut at a shorter width of their own (a report pasted from a PDF whose first
      lines were cut at 24 characters, "…由于教育体制和管" / "理体制等因素…"), also inside a
      text wrapped throughout: 3+ lines of one width (-2) that end mid-sentence, at least half of all
      such lines, and a quarter of their breaks cut a word (``splits_word``, jieba) or the next line
      opens with punctuation;
    * a line ending on "，", "、", an opening bracket, "的", "和" … or a next line opening with
      "，", "）", "”" …, at any length; and a piece of up to 8 characters joined that way that does
      not end the sentence joins the next line too ("…发展的" / "主要目标" / "是：…").

    A heading is a line opening with a list marker that holds no sentence end ("二、开展学习教育
    活动，加强…建设"); "3．完善…机制。结合…的要" is an item's text, wrapped.
    """
    splits_word = splits_word or _splits_word

    def joinable(k: int) -> bool:
        return bool(lines[k].strip() and lines[k + 1].strip()) and not _TABLE_ROW_END.search(lines[k]) \
            and not starts_item(lines[k + 1])

    # the cheap line-end test first: joinable asks starts_item (match_marker) about the next line
    open_lines = [k for k in range(len(lines) - 1) if not _WRAP_END_OK.search(lines[k]) and joinable(k)]
    measured = wrap_measure(lines)
    measure, width = measured if measured is not None else (len, None)
    wrapped = _width_wraps(lines, width, measure, starts_item, splits_word) if width is not None else set()
    candidates = [k for k in open_lines if k not in wrapped and not _heading(lines[k], starts_item)
                  and (width is None or measure(lines[k]) < width - _WRAP_TOLERANCE)]
    breaks = {k for k in candidates if len(lines[k].strip()) >= _MIN_DANGLING_LINE and (
        _DANGLING_END.search(lines[k].rstrip()) or _CONTINUING_START.match(lines[k + 1].lstrip()))}
    breaks |= _short_wraps(lines, candidates, splits_word)
    # a short fragment that continues a sentence and does not end it runs on into the next line
    # ("…发展的" / "主要目标" / "是：…")
    for k in sorted(candidates):
        if len(lines[k].strip()) <= _MAX_FRAGMENT and (k - 1 in breaks or (
                k - 1 in wrapped and _DANGLING_END.search(lines[k].rstrip()))):    # "…专" / "项会议，" / "校党委…"
            breaks.add(k)
    return wrapped | breaks


def _heading(line: str, starts_item: Callable[[str], bool]) -> bool:
    """A line opening with a list marker that holds no sentence end ("二、开展学习教育活动，加强…")."""
    return starts_item(line) and not _SENTENCE_INSIDE.search(line)


def _width_wraps(lines: list[str], width: int, measure: Callable[[str], int], starts_item: Callable[[str], bool],
                 splits_word: Callable[[str, str], bool]) -> set[int]:
    """The breaks of a text wrapped throughout at ``width`` ``measure`` units (see ``hard_breaks``)."""
    def full(k: int) -> bool:       # filled up: at most one column short of the width (a Han character is two)
        return measure(lines[k]) >= width - (measure is display_width)

    def ends_sentence_soon(j: int) -> bool:
        """The next line ends its first sentence within 12 characters ("度。", "要求。全面…"):
        the heading line's sentence goes on; a heading's paragraph opens with a sentence of its own."""
        return bool(_EARLY_END.match(lines[j].lstrip()))

    breaks: set[int] = set()
    for k in range(len(lines) - 1):
        line, nxt = lines[k].rstrip(), lines[k + 1].lstrip()
        if not (line.strip() and nxt) or _TABLE_ROW_END.search(line):
            continue
        if starts_item(nxt):
            # a marker the wrap happened to put at a line start, mid-word or mid-clause
            # ("思想上的统" / "一是党的…", "（" / "2）提高…", "…的做法，" / "一是…")
            if full(k) and (_OPEN_END.search(line) or not _WRAP_END_OK.search(line) and splits_word(line, nxt)):
                breaks.add(k)
            continue
        if _WRAP_END_OK.search(line):
            # a sentence end that happens to fill the line ("…重要讲话。" / "马书记…")
            if full(k) and _SENTENCE_END.search(line):
                breaks.add(k)
            continue
        if measure(line) < width - _WRAP_TOLERANCE:
            continue
        if _heading(line, starts_item) and not (
                _DANGLING_END.search(line) or _OPEN_END.search(line) or _CONTINUING_START.match(nxt)
                or _PARTICLE_START.match(nxt)
                or splits_word(line, nxt) or full(k) and ends_sentence_soon(k + 1)):
            continue        # "一、大力弘扬…正能量" / "站在…": a heading keeps its own line
        breaks.add(k)
    return breaks


def _short_wraps(lines: list[str], candidates: list[int], splits_word: Callable[[str, str], bool]) -> set[int]:
    """The breaks of the lines cut at one width in a text that is only partly wrapped."""
    long_enough = [k for k in candidates if len(lines[k]) >= _MIN_WRAP_WIDTH]
    if len(long_enough) < _MIN_SHORT_WRAP:
        return set()
    counts = Counter(len(lines[k]) for k in long_enough)
    low = _SHORT_WRAP_TOLERANCE
    width = max(counts, key=lambda n: (sum(counts[m] for m in range(n - low, n + 1)), n))
    cluster = [k for k in long_enough if width - low <= len(lines[k]) <= width]
    if len(cluster) < _MIN_SHORT_WRAP or len(cluster) < 0.5 * len(long_enough):
        return set()
    cut = sum(1 for k in cluster if _CONTINUING_START.match(lines[k + 1].lstrip())
              or splits_word(lines[k].rstrip(), lines[k + 1].lstrip()))
    return set(cluster) if cut >= _WRAP_SPLIT_SHARE * len(cluster) else set()


def _splits_word(before: str, after: str) -> bool:
    """True when jieba reads a word across the break ("…管" + "理体制…" -> 管理体制)."""
    from ..segment import default_segmenter

    # cut() drops whitespace tokens, so whitespace is taken out first: counted, it would shift every
    # later position and put the break in the wrong word
    head, tail = "".join(before.split())[-6:], "".join(after.split())[:6]
    position = 0
    for token in default_segmenter().cut(head + tail):
        if position < len(head) < position + len(token):
            return True
        position += len(token)
    return False
