"""Text lines from PDF chars, with Word/LibreOffice's Han-Latin spacing read as no space.

Word and LibreOffice put a small gap (about a fifth of an em: 3.2 pt at 16 pt, the 三号 size of
official documents) between a Han character and an adjacent digit or Latin letter, without drawing a
space glyph. pdfplumber's word splitter starts a new word after any gap wider than ``x_tolerance``
(3 pt), so "2025年3月" came out as "2025 年 3 月" at 16 pt (and not at 12 pt). Here a gap next to a
Han character (or CJK punctuation) narrower than ``HAN_GAP_EM`` of the character's height (its font
size) joins; gaps between two Latin characters keep pdfplumber's 3 pt rule, so genuine spaces between
Latin words stay. A space glyph in the PDF (a space the author typed) still separates words.

Both PDF readers (pdfplumber's chars in ``pdf.page_text``, pdfium's in ``pdfium_text``) build their
lines here, so they give the same text.
"""
from __future__ import annotations

import re
from typing import Any

from pdfplumber.utils import objects_to_bbox
from pdfplumber.utils.text import TEXTMAP_KWARGS, WORD_EXTRACTOR_KWARGS, TextMap, WordExtractor

HAN_GAP_EM = 1.0     # a gap next to a Han character narrower than one character width is no space
_HAN = re.compile("[\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]")


def _is_han(text: str) -> bool:
    return bool(text) and bool(_HAN.match(text[0]) or _HAN.match(text[-1]))


class HanWordExtractor(WordExtractor):
    """pdfplumber's word extractor, with a gap beside a Han character joined up to ``HAN_GAP_EM``."""

    def char_begins_new_word(self, prev_char, curr_char, direction, x_tolerance, y_tolerance) -> bool:
        if direction == "ltr" and (_is_han(prev_char["text"][-1:]) or _is_han(curr_char["text"][:1])):
            # the char box height is the font size (pdfminer's, and pdfium_text rebuilds the same box)
            em = prev_char["bottom"] - prev_char["top"]
            x_tolerance = max(x_tolerance, HAN_GAP_EM * em)
        return super().char_begins_new_word(prev_char, curr_char, direction, x_tolerance, y_tolerance)


def han_textmap(chars: list[dict], **kwargs: Any) -> TextMap:
    """``pdfplumber.utils.text.chars_to_textmap`` with ``HanWordExtractor`` (same arguments)."""
    kwargs.update({"presorted": True, "layout_bbox": kwargs.get("layout_bbox") or objects_to_bbox(chars)})
    extractor = HanWordExtractor(**{k: kwargs[k] for k in WORD_EXTRACTOR_KWARGS if k in kwargs})
    return extractor.extract_wordmap(chars).to_textmap(**{k: kwargs[k] for k in TEXTMAP_KWARGS if k in kwargs})


def page_text_lines(page) -> list[dict]:
    """``page.extract_text_lines(return_chars=False)`` of a pdfplumber page, with ``han_textmap``."""
    textmap = han_textmap(page.chars, layout_bbox=page.bbox, layout_width=page.width, layout_height=page.height)
    return textmap.extract_text_lines(strip=True, return_chars=False)
