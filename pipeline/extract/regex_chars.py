"""Characters a regular expression needs, read from the stdlib's parse of the pattern.

Fast paths use them to skip patterns that cannot match: ``first_chars`` (a ``match`` must start
with one of them) lets ``markers.match_marker`` try only the schemes a line's first character
allows; ``trigger_chars`` (every match contains one of them) lets ``classify.lexicon.fired`` search
only the cues whose characters occur in a passage. Both answer None whenever they cannot be sure
(classes such as ``\\d``, case-insensitive flags, patterns that can match the empty string), and
the caller then always tries the pattern.
"""
from __future__ import annotations

import re

try:                                      # re._parser from Python 3.11, sre_parse before
    import re._constants as _c
    import re._parser as _parser
except ImportError:                       # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _parser

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT)
_WIDEST_RANGE = 64                        # a class wider than this is not worth a character set


def _parse(pattern: re.Pattern):
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    return None if parsed.state.flags & re.IGNORECASE else list(parsed)   # a literal stands for several chars


def _class_chars(items) -> set[str] | None:
    chars: set[str] = set()
    for kind, value in items:
        if kind is _c.LITERAL:
            chars.add(chr(value))
        elif kind is _c.RANGE and value[1] - value[0] < _WIDEST_RANGE:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:                             # NEGATE, CATEGORY (\d, \w …) or a wide range
            return None
    return chars


# ------------------------------------------------------------------------------------ trigger chars
def trigger_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """Characters of which every match of ``pattern`` contains at least one; None when unknown.

    A mandatory element gives a set: a literal, a small character class, a group, a branch (the
    union of its alternatives' sets) or a repeat of at least once; the smallest set wins.
    """
    items = _parse(pattern)
    found = _sequence_triggers(items) if items is not None else None
    return frozenset(found) if found else None


def _sequence_triggers(items) -> set[str] | None:
    best = None
    for op, arg in items:
        found = _item_triggers(op, arg)
        if found and (best is None or len(found) < len(best)):
            best = found
    return best


def _item_triggers(op, arg) -> set[str] | None:
    if op is _c.LITERAL:
        return {chr(arg)}
    if op is _c.IN:
        return _class_chars(arg)
    if op is _c.SUBPATTERN:               # (group, add_flags, del_flags, items)
        return None if arg[1] & re.IGNORECASE else _sequence_triggers(list(arg[3]))
    if op is _c.BRANCH:
        chars: set[str] = set()
        for branch in arg[1]:
            found = _sequence_triggers(list(branch))
            if not found:                 # an alternative without triggers can match anywhere
                return None
            chars |= found
        return chars
    if op in _REPEATS and arg[0] >= 1:
        return _sequence_triggers(list(arg[2]))
    return None


# -------------------------------------------------------------------------------------- first chars
def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """Characters a match of ``pattern`` (at any position) can start with; None when unknown.

    None also when the pattern can match the empty string, as such a match has no first character.
    """
    items = _parse(pattern)
    found = _sequence_first(items) if items is not None else None
    return frozenset(found) if found is not None else None


def _sequence_first(items) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is _c.AT:                   # ^, $, \b: zero width, the next element starts the match
            continue
        if op in _REPEATS:
            found = _sequence_first(list(arg[2]))
            if found is None:
                return None
            chars |= found
            if arg[0] >= 1:
                return chars
            continue                      # optional: the match may also start with what follows
        found = _item_first(op, arg)
        return None if found is None else chars | found
    return None                           # every element optional: can match the empty string


def _item_first(op, arg) -> set[str] | None:
    if op is _c.LITERAL:
        return {chr(arg)}
    if op is _c.IN:
        return _class_chars(arg)
    if op is _c.SUBPATTERN:
        return None if arg[1] & re.IGNORECASE else _sequence_first(list(arg[3]))
    if op is _c.BRANCH:
        chars: set[str] = set()
        for branch in arg[1]:
            found = _sequence_first(list(branch))
            if found is None:
                return None
            chars |= found
        return chars
    return None                           # lookarounds, back-references, ANY …: unknown
