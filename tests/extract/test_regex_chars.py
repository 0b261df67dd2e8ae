"""regex_chars: the characters it says a match needs are really needed (random texts against re)."""
from __future__ import annotations

import random
import re

import pytest

from pipeline.extract.markers import _PATTERNS
from pipeline.extract.regex_chars import first_chars, trigger_chars


@pytest.mark.parametrize("pattern, expected", [
    (r"职责", {"职"}),
    (r"第一名|一等奖|金牌", {"第", "一", "金"}),
    (r"(局|委)要", {"要"}),
    (r"[：:]$", {"：", ":"}),
    (r"[①-③]", {"①", "②", "③"}),
    (r"(?i:ab)c", {"c"}),          # literals under IGNORECASE stand for several characters: skipped
    (r"(?i)ab", None),
    (r"a?b*", None),               # can match the empty string
    (r"\d+", None),
    (r"[^a]", None),
    (r"x|", None),                 # an empty alternative matches anywhere
    (r"(?=q)", None),
])
def test_regex_chars_trigger_table(pattern, expected):
    found = trigger_chars(re.compile(pattern))
    assert (None if found is None else set(found)) == expected


@pytest.mark.parametrize("pattern, expected", [
    (r"第([一二])部分", {"第"}),
    (r"[（(]([一二]{1,3})[）)]", {"（", "("}),
    (r"a?b", {"a", "b"}),           # an optional start: the next element may start the match
    (r"(?:a|bc)+d", {"a", "b"}),
    (r"^x", {"x"}),                 # anchors are zero width
    (r"(首先|其次)(?=要)", {"首", "其"}),
    (r"[（(]?(\d{1,2})", None),     # \d: too many characters to list
    (r"a?", None),
    (r"(?:a|)b", None),             # conservative: a possibly empty group gives up
    (r"(?i)k", None),
    (r"(?=a)a", None),
])
def test_regex_chars_first_table(pattern, expected):
    found = first_chars(re.compile(pattern))
    assert (None if found is None else set(found)) == expected


_PATTERNS_UNDER_TEST = [r"ab|c[de]", r"(x|yz)+w?", r"a{0,2}b{1,3}", r"(?:p|q)(?:r|s)t?", r"[a-c]d|e", r"^a[^b]c$",
                        r"(a|b)\1", r"(?i:a)b|C", r"a*?b|\bc", r"(?:ab)?c+"]


@pytest.mark.parametrize("pattern", _PATTERNS_UNDER_TEST)
def test_regex_chars_never_miss_a_match(pattern):
    compiled = re.compile(pattern)
    triggers, firsts = trigger_chars(compiled), first_chars(compiled)
    rng = random.Random(pattern)
    matched = started = 0
    for _ in range(3000):
        text = "".join(rng.choice("abcdepqrstwxyzABC ") for _ in range(rng.randint(0, 6)))
        if compiled.search(text):
            matched += 1
            assert triggers is None or set(text) & triggers, (pattern, text)
        if compiled.match(text):
            started += 1
            assert firsts is None or text[:1] in firsts, (pattern, text)
    assert matched and started


def test_regex_chars_marker_patterns_are_all_read():
    # only the two \d schemes are tried for every first character
    unknown = [scheme for scheme, pattern in _PATTERNS if first_chars(pattern) is None]
    assert unknown == ["paren_arabic", "arabic"]
