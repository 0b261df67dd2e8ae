"""Text normalisation that keeps a character map back to the raw text.

Each step is a small pure ``str -> str`` rewrite (a regex and its replacement). Because every step
is a substitution, the composed normaliser can also carry an offset map: ``offsets[i]`` is the
index in the raw text of normalised character ``i`` (plus one final entry, ``len(raw)``), so any
span of ``Document.text`` maps back to ``Document.raw_text``.

Deliberately NOT blanket NFKC: NFKC would turn the Chinese punctuation ``，：（）；！？`` into ASCII,
which changes how sentences read and how gold files compare. Only full-width letters, digits and
ASCII-like symbols are folded, and Kangxi radicals are mapped to the ideographs they stand for.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

# Chinese punctuation that looks full-width but is the normal form in Chinese text: kept as is.
KEEP_FULLWIDTH = frozenset("，：；（）！？")


def _fullwidth_table() -> dict[str, str]:
    table = {}
    for code in range(0xFF01, 0xFF5F):
        char = chr(code)
        if char not in KEEP_FULLWIDTH:
            table[char] = chr(code - 0xFEE0)
    return table


def _radical_table() -> dict[str, str]:
    """Kangxi radicals (U+2F00–2FD5) and CJK Radicals Supplement (U+2E80–2EF3) -> unified ideographs.

    Kangxi radicals carry a compatibility decomposition to their ideograph; the supplement mostly
    does not, so those come from ``_SUPPLEMENT`` (Unicode's EquivalentUnifiedIdeograph.txt, the
    forms that turn up in PDFs of Chinese text).
    """
    table = {}
    for code in range(0x2F00, 0x2FD6):
        char = chr(code)
        mapped = unicodedata.normalize("NFKC", char)
        if mapped != char and len(mapped) == 1:
            table[char] = mapped
    for code in range(0x2E80, 0x2EF4):
        char = chr(code)
        mapped = unicodedata.normalize("NFKC", char)
        if mapped != char and len(mapped) == 1:
            table[char] = mapped
    table.update(_SUPPLEMENT)
    return table


# From Unicode EquivalentUnifiedIdeograph.txt (CJK Radicals Supplement entries).
_SUPPLEMENT = {
    "\u2E80": "\u4E36", "\u2E81": "\u5382", "\u2E82": "\u4E5B", "\u2E83": "\u4E5A", "\u2E84": "\u4E59",
    "\u2E85": "\u4EBB", "\u2E86": "\u5182", "\u2E87": "\u51E0", "\u2E88": "\u5200", "\u2E89": "\u5202",
    "\u2E8A": "\u535C", "\u2E8B": "\u353E", "\u2E8C": "\u5C0F", "\u2E8D": "\u5C0F", "\u2E8E": "\u5140",
    "\u2E8F": "\u5C23", "\u2E90": "\u5C22", "\u2E91": "\u5C23", "\u2E92": "\u5DF3", "\u2E93": "\u5E7A",
    "\u2E94": "\u5F51", "\u2E95": "\u5F50", "\u2E96": "\u5FC4", "\u2E97": "\u5FC3", "\u2E98": "\u624C",
    "\u2E99": "\u6535", "\u2E9B": "\u65E1", "\u2E9C": "\u65E5", "\u2E9D": "\u6708", "\u2E9E": "\u6B7A",
    "\u2E9F": "\u6BCD", "\u2EA0": "\u6C11", "\u2EA1": "\u6C35", "\u2EA2": "\u6C3A", "\u2EA3": "\u706C",
    "\u2EA4": "\u722B", "\u2EA5": "\u722B", "\u2EA6": "\u4E2C", "\u2EA7": "\u725B", "\u2EA8": "\u72AD",
    "\u2EA9": "\u738B", "\u2EAA": "\u758B", "\u2EAB": "\u7F52", "\u2EAC": "\u793A", "\u2EAD": "\u793B",
    "\u2EAE": "\u7AF9", "\u2EAF": "\u7CF9", "\u2EB0": "\u7E9F", "\u2EB1": "\u7F53", "\u2EB2": "\u7F52",
    "\u2EB3": "\u7F51", "\u2EB4": "\u7F51", "\u2EB5": "\u7F53", "\u2EB6": "\u7F8A", "\u2EB7": "\u7F8A",
    "\u2EB8": "\u7F8B", "\u2EB9": "\u8002", "\u2EBA": "\u8080", "\u2EBB": "\u807F", "\u2EBC": "\u8089",
    "\u2EBD": "\u81FC", "\u2EBE": "\u8279", "\u2EBF": "\u8279", "\u2EC0": "\u8279", "\u2EC1": "\u864E",
    "\u2EC2": "\u8864", "\u2EC3": "\u8980", "\u2EC4": "\u897F", "\u2EC5": "\u89C1", "\u2EC6": "\u89D2",
    "\u2EC7": "\u89D2", "\u2EC8": "\u8BA0", "\u2EC9": "\u8D1D", "\u2ECA": "\u8DB3", "\u2ECB": "\u8F66",
    "\u2ECC": "\u8FB6", "\u2ECD": "\u8FB6", "\u2ECE": "\u8FB6", "\u2ECF": "\u961D", "\u2ED0": "\u9485",
    "\u2ED1": "\u9577", "\u2ED2": "\u9578", "\u2ED3": "\u957F", "\u2ED4": "\u95E8", "\u2ED5": "\u961C",
    "\u2ED6": "\u961D", "\u2ED7": "\u96E8", "\u2ED8": "\u9752", "\u2ED9": "\u97E6", "\u2EDA": "\u9875",
    "\u2EDB": "\u98CE", "\u2EDC": "\u98DE", "\u2EDD": "\u98DF", "\u2EDE": "\u98E0", "\u2EDF": "\u98E0",
    "\u2EE0": "\u9963", "\u2EE1": "\u9996", "\u2EE2": "\u9A6C", "\u2EE3": "\u9AA8", "\u2EE4": "\u9B3C",
    "\u2EE5": "\u9C7C", "\u2EE6": "\u9E1F", "\u2EE7": "\u5364", "\u2EE8": "\u9EA6", "\u2EE9": "\u9EC4",
    "\u2EEA": "\u9EFE", "\u2EEB": "\u6589", "\u2EEC": "\u9F50", "\u2EED": "\u6B6F", "\u2EEE": "\u9F7F",
    "\u2EEF": "\u7ADC", "\u2EF0": "\u9F99", "\u2EF1": "\u9F9C", "\u2EF2": "\u4E80", "\u2EF3": "\u9F9F",
}

FULLWIDTH = _fullwidth_table()
RADICALS = _radical_table()

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_OR_PUNCT = _HAN + r"\u3000-\u303f\uff00-\uffef“”‘’《》【】—…"


@dataclass(frozen=True, slots=True)
class Step:
    """One rewrite: every match of ``pattern`` becomes ``repl`` (a string or ``match -> str``)."""

    name: str
    pattern: re.Pattern
    repl: str | Callable[[re.Match], str]

    def replacement(self, match: re.Match) -> str:
        return self.repl(match) if callable(self.repl) else self.repl

    def __call__(self, text: str) -> str:
        return self.pattern.sub(self.replacement, text)

    def apply(self, text: str, offsets: list[int]) -> tuple[str, list[int]]:
        """Rewrite ``text`` and carry ``offsets`` (one entry per char, plus the end) along.

        Characters of a replacement all point at the raw position of the match they replace
        (the i-th at the i-th matched character while there are enough), so mapped spans stay inside
        the raw span they came from.
        """
        matches = list(self.pattern.finditer(text))
        if not matches:                 # the common case: nothing to rewrite, nothing to copy
            return text, offsets
        out: list[str] = []
        out_offsets: list[int] = []
        pos = 0
        for match in matches:
            start, end = match.span()
            out.append(text[pos:start])
            out_offsets.extend(offsets[pos:start])
            repl = self.replacement(match)
            out.append(repl)
            width = end - start
            for i in range(len(repl)):
                out_offsets.append(offsets[start + min(i, max(width - 1, 0))])
            pos = end
        out.append(text[pos:])
        out_offsets.extend(offsets[pos:])   # includes the final end entry
        return "".join(out), out_offsets


def char_map_step(name: str, table: dict[str, str]) -> Step:
    """A step translating single characters through ``table``."""
    chars = "".join(re.escape(c) for c in sorted(table))
    return Step(name, re.compile(f"[{chars}]"), lambda m: table[m.group(0)])


def regex_step(name: str, pattern: str, repl, flags: int = 0) -> Step:
    return Step(name, re.compile(pattern, flags), repl)


# --- the default steps, in order -----------------------------------------------------------------
NEWLINES = regex_step("newlines", r"\r\n?|[\u2028\u2029\x0b\x0c\x85]", "\n")
# invisible format characters: zero-width spaces and joiners, soft hyphens, BOMs, and the bidirectional
# marks, embeddings, overrides and isolates (U+200E/F, U+202A-E, U+2066-9, U+061C), which Chinese
# text never needs and which make Excel and Word show a task's text reversed (QA12 L5)
ZERO_WIDTH = regex_step("zero_width", r"[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\u061c]", "")
CONTROL = regex_step("control", r"[\x00-\x08\x0e-\x1f\x7f]", "")
# A lone surrogate (from a broken decoder) cannot be encoded by any writer downstream.
SURROGATES = regex_step("surrogates", r"[\ud800-\udfff]", "\ufffd")
HTML_ENTITIES = regex_step(
    "html_entities", r"&(nbsp|ensp|emsp|thinsp);?(?![A-Za-z])|&(amp|lt|gt|quot|ldquo|rdquo|mdash|hellip);",
    lambda m: " " if m.group(1) else {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "ldquo": "“",
                                      "rdquo": "”", "mdash": "—", "hellip": "…"}[m.group(2)],
)


def _numeric_entity(match: re.Match) -> str:
    code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    if code in (0x9, 0xA, 0xD) or 0x20 <= code < 0xD800 or 0xE000 <= code <= 0x10FFFF:
        return chr(code)
    return match.group(0)


NUMERIC_ENTITIES = regex_step("numeric_entities", r"&#(\d{2,7});|&#[xX]([0-9a-fA-F]{2,6});", _numeric_entity)
SPACES = regex_step("spaces", r"[\u00a0\u3000\u2000-\u200a\u202f\u205f\t]", " ")
FULL_WIDTH = char_map_step("full_width", FULLWIDTH)
KANGXI = char_map_step("radicals", RADICALS)
# Single spaces inside a run of three or more spaced Han characters are letter-spacing ("盛 阅 春",
# "只 争 朝 夕"), not word breaks; a lone space between two words ("博雅通达 求真力行") is kept.
# The space-handling patterns start with the literal space and look behind from after it: the
# regex engine then jumps from space to space instead of trying a lookbehind at every character
# (0.07 -> 0.001 ms per 4,000 characters each; same matches as "(?<=X) (?=Y)", tests/extract/test_fast_normalise.py).
HAN_SPACING = regex_step(
    "han_spacing", rf" (?:(?<=[{_HAN}] )(?=[{_HAN}] [{_HAN}])|(?<=[{_HAN}] [{_HAN}] )(?=[{_HAN}]))", "")
COLLAPSE_SPACES = regex_step("collapse_spaces", r" {2,}", " ")
_LETTER_SPACED_MAX = 80


@lru_cache(maxsize=1024)
def is_letter_spaced(line: str) -> bool:
    """A short line whose Han characters are mostly set one space apart ("弘 扬“四气” 提 振 精 神")."""
    spaced = len(re.findall(rf"[{_HAN}] (?=[{_HAN}“‘《（])|[”’》）] (?=[{_HAN}])", line))
    tight = len(re.findall(rf"[{_HAN}](?=[{_HAN}])", line))
    return spaced >= 2 and spaced >= tight


def _letter_spacing(match: re.Match) -> str:
    text, pos = match.string, match.start()
    line_start = text.rfind("\n", max(0, pos - _LETTER_SPACED_MAX), pos) + 1
    line_end = text.find("\n", pos, pos + _LETTER_SPACED_MAX)
    if (line_start == 0 and pos > _LETTER_SPACED_MAX) or line_end == -1 and len(text) - pos > _LETTER_SPACED_MAX:
        return " "                       # a long line: body text, never letter-spaced
    line = text[line_start: line_end if line_end != -1 else len(text)]
    return "" if is_letter_spaced(line) else " "


# A title set with letter-spacing loses its spaces (only whole short lines that are mostly spaced).
LETTER_SPACING = regex_step("letter_spacing", r" (?<=\S )(?=\S)", _letter_spacing)      # (?<=\S) (?=\S)
TRIM_LINES = regex_step("trim_lines", r"(?m) (?:(?<=^ ) *| *$)", "")                     # (?m)^ +| +$

DEFAULT_STEPS: tuple[Step, ...] = (
    NEWLINES, ZERO_WIDTH, CONTROL, SURROGATES, HTML_ENTITIES, NUMERIC_ENTITIES, SPACES, FULL_WIDTH, KANGXI,
    COLLAPSE_SPACES, LETTER_SPACING, HAN_SPACING, TRIM_LINES,
)


@dataclass(frozen=True, slots=True)
class Normalised:
    text: str
    offsets: tuple[int, ...]   # len(text) + 1 entries

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span a normalised span came from."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1

    def delete(self, start: int, end: int) -> "Normalised":
        """Remove ``text[start:end]`` (e.g. a dropped teaser line) keeping the map consistent."""
        return Normalised(self.text[:start] + self.text[end:], self.offsets[:start] + self.offsets[end:])

    def map_chars(self, convert: Callable[[str], str]) -> "Normalised":
        """Rewrite characters one for one (traditional -> simplified): the offset map stays as it is.

        Raises:
            ValueError: ``convert`` changed the length, which would shift every offset after it.
        """
        text = convert(self.text)
        if len(text) != len(self.text):
            raise ValueError("a one-for-one character rewrite changed the text length")
        return self if text == self.text else Normalised(text, self.offsets)


def make_normaliser(*steps: Step) -> Callable[[str], Normalised]:
    """Compose steps into ``raw -> Normalised``; with no steps, ``DEFAULT_STEPS``."""
    chosen = steps or DEFAULT_STEPS

    def normalise(raw: str) -> Normalised:
        text, offsets = raw, list(range(len(raw) + 1))
        for step in chosen:
            text, offsets = step.apply(text, offsets)
        return Normalised(text, tuple(offsets))

    return normalise


normalise = make_normaliser()


def normalise_text(raw: str) -> str:
    """Just the normalised string (for comparing gold text with passages the same way)."""
    text = raw
    for step in DEFAULT_STEPS:
        text = step(text)
    return text
