"""Plain text: decode (never as latin-1), judge the decoding, one block per non-empty line.

Decoding order: BOM (UTF-8, UTF-16 LE/BE) -> BOM-less UTF-16 (only when NUL bytes say so) -> strict
UTF-8 -> strict GB18030, or Big5 when that decodes too and reads better -> line by line, each line
strict UTF-8 or else strict GB18030 (a UTF-8 file and a GBK one concatenated, a GBK line pasted into
a UTF-8 report: W114) -> near-strict UTF-8/GB18030
(a cut-off last character, a line pasted in another encoding, stray bytes: up to 2 % undecodable
sequences read as U+FFFD, counted in W111) -> charset_normalizer, refusing Western single-byte
guesses. NUL bytes outside UTF-16 (padding after the text, a stray few) are dropped and counted in
W110. A decoding that reads like mojibake (``pipeline.segment.text_quality``) is kept but flagged W102.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..config import Limits
from ..errors import error
from ..model import Block, Extraction, Status, Warning_
from .failure import failed, file_too_large
from .sniff import coded_warning

LOW_QUALITY = 0.5          # text_quality below this reads as mojibake (clean ≈ 0.8+, mojibake < 0.3)
COMMON_SHARE = 0.9        # clean simplified or traditional text: ≥ 0.97 of Han characters are common
# undecodable sequences (per byte) read as U+FFFD: a truncated tail, a GBK line pasted into UTF-8
# (qa6 M3: 13 in a 9 KB report); a file in no codec (or in two halves) stays refused
_NEAR_STRICT = 0.02
_STRAY_NULS = 0.01         # NULs inside the text (not padding before or after it) tolerated as stray
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_PLAUSIBLE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\t\r\n]")
# charset_normalizer guesses accepted: Unicode and the multi-byte East Asian codecs. Every
# single-byte guess (latin-1, cp1252, cp1125 …) would turn Chinese bytes into Western mojibake.
_ACCEPTED = re.compile(r"^(utf_(8|16|32)|gb|hz|big5|cp9(32|36|49|50)|euc_|shift_jis|iso2022|johab)", re.I)


def utf16_variant(head: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``head`` is UTF-16 (by BOM, or NULs + plausible characters)."""
    if head.startswith(b"\xff\xfe") and not head.startswith(b"\xff\xfe\x00\x00"):
        return "utf-16-le"
    if head.startswith(b"\xfe\xff"):
        return "utf-16-be"
    if b"\x00" not in head or len(head) < 8:
        return None
    even = head[: len(head) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(codec)
        except UnicodeDecodeError:
            continue
        if text and len(_PLAUSIBLE.findall(text)) / len(text) >= 0.9 and "\x00" not in text:
            return codec
    return None


def looks_like_text(head: bytes) -> bool:
    """Cheap text-vs-binary check on the first few KB (NULs and control bytes mean binary)."""
    if utf16_variant(head):
        return True
    if b"\x00" in head:
        head = without_padding(head)
        if not head:
            return False
    if len(_CONTROL.findall(head.decode("ascii", errors="ignore"))) > 0.02 * max(len(head), 1):
        return False
    for codec in ("utf-8", "gb18030", "big5"):
        if _undecodable(head, codec) <= 0.01 * len(head) + 1:
            return True
    # lines in two encodings; the head's last line may be cut inside a character
    cut = head.rfind(b"\n")
    return _mixed_lines(head) is not None or (cut > 0 and _mixed_lines(head[:cut]) is not None)


def without_padding(head: bytes) -> bytes | None:
    """``head`` without its NUL bytes when they pad the text (runs before or after it) or are a stray
    few; None when NULs are part of the content, as in every binary format (tar headers, images…)."""
    core = head.strip(b"\x00")
    if core.count(b"\x00") > _STRAY_NULS * len(core):
        return None
    return core.replace(b"\x00", b"")


def _undecodable(data: bytes, codec: str) -> int:
    """How many undecodable sequences ``data`` has in ``codec`` (literal U+FFFD not counted)."""
    return len(data.decode(codec, errors="replace")) - len(data.decode(codec, errors="ignore"))


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _near_strict(data: bytes, codec: str) -> tuple[str, int] | None:
    """The text with undecodable sequences as U+FFFD and their count, when they are few enough and
    the rest reads as Chinese: a file of two encodings (half UTF-8, half GBK) decodes through
    GB18030 with few errors, but its wrong half lands on rare characters."""
    bad = _undecodable(data, codec)
    if bad > max(2, _NEAR_STRICT * len(data)):
        return None
    text = data.decode(codec, errors="replace")
    if bad > 2 and max(_han_share(text, _in_gb2312), _han_share(text, _in_big5_common)) < COMMON_SHARE:
        return None
    return text, bad


# three UTF-8 Han characters in a row: never GBK text (the byte pattern lands across GBK's pairs), so
# a line holding them that is not valid UTF-8 is itself of two encodings
_UTF8_HAN_RUN = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){3}")


def _mixed_lines(data: bytes) -> tuple[str, int] | None:
    """(text, number of GB18030 lines) when every line is strict UTF-8 or else strict GB18030 and both
    occur (two files of different encodings concatenated, a GBK paragraph pasted into a UTF-8 report;
    QA12 L15), None otherwise. Multi-byte UTF-8 is tried first: GBK Chinese is almost never valid UTF-8,
    while UTF-8 Chinese often decodes as (rare-character) GB18030. The GB18030 lines must read as
    common Chinese, as a GBK text does, and hold no UTF-8 run (a line that changes encoding halfway
    would be half mojibake: such a file stays with the near-strict reading or is refused)."""
    lines: list[str] = []
    gb_lines: list[str] = []
    utf8_lines = 0
    for part in data.split(b"\n"):
        text = _strict(part, "utf-8")
        if text is None:
            text = _strict(part, "gb18030")
            if text is None or _UTF8_HAN_RUN.search(part):
                return None
            gb_lines.append(text)
        elif not part.isascii():
            utf8_lines += 1
        lines.append(text)
    if not gb_lines or not utf8_lines or _han_share("".join(gb_lines), _in_gb2312) < COMMON_SHARE:
        return None
    return "\n".join(lines), len(gb_lines)


def _mixed_warning(n: int, encoding: str = "utf-8") -> tuple[Warning_, ...]:
    return (coded_warning("W114", n=n, other="gb18030", encoding=encoding),)


def _replaced(bad: int, encoding: str) -> tuple[Warning_, ...]:
    return (coded_warning("W111", n=bad, encoding=encoding),) if bad else ()


def decode(data: bytes) -> tuple[str, str, tuple[Warning_, ...]] | None:
    """(text, encoding, warnings) or None when no acceptable decoding exists. Never latin-1."""
    variant = utf16_variant(data[:4096])
    if variant:
        body = data[2:] if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data
        body = body[: len(body) // 2 * 2]
        text = _strict(body, variant)
        if text is not None:
            return text, variant, ()
        near = _near_strict(body, variant)
        return (near[0], variant, _replaced(near[1], variant)) if near is not None else None
    nuls = data.count(b"\x00")
    dropped = (coded_warning("W110", n=nuls),) if nuls else ()
    decoded = _decode_8bit(data.replace(b"\x00", b"") if nuls else data)
    return (decoded[0], decoded[1], dropped + decoded[2]) if decoded is not None else None


def _decode_8bit(data: bytes) -> tuple[str, str, tuple[Warning_, ...]] | None:
    """``decode`` for bytes that are not UTF-16 and hold no NUL."""
    if data.startswith(b"\xef\xbb\xbf"):
        text = _strict(data[3:], "utf-8")
        if text is not None:
            return text, "utf-8-sig", ()
        mixed = _mixed_lines(data[3:])
        if mixed is not None:
            return mixed[0], "utf-8-sig", _mixed_warning(mixed[1])
        near = _near_strict(data[3:], "utf-8")
        return (near[0], "utf-8-sig", _replaced(near[1], "utf-8")) if near is not None else None
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8", ()
    gb, big5 = _strict(data, "gb18030"), _strict(data, "big5")
    if gb is not None and big5 is not None:
        return (big5, "big5", ()) if _reads_as_big5(gb, big5) else (gb, "gb18030", ())
    if gb is not None:
        return gb, "gb18030", ()
    if big5 is not None:
        return big5, "big5", ()
    mixed = _mixed_lines(data)
    if mixed is not None:
        return mixed[0], "utf-8", _mixed_warning(mixed[1])
    # the codec with fewer undecodable sequences: a UTF-8 report with a pasted GBK line has a dozen
    # as UTF-8 and hundreds as GB18030, a GBK report with stray bytes the other way round
    near = [(found[1], k, codec, found[0]) for k, codec in enumerate(("utf-8", "gb18030"))
            if (found := _near_strict(data, codec)) is not None]
    if near:
        bad, _, codec, text = min(near)
        return text, codec, (coded_warning("W108", encoding=codec),) + _replaced(bad, codec)
    return _detected(data)


def _han_share(text: str, accept) -> float:
    han = [ch for ch in text[:20_000] if "\u4e00" <= ch <= "\u9fff"]
    return sum(1 for ch in han if accept(ch)) / len(han) if han else 0.0


def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _in_big5_common(ch: str) -> bool:
    """Big5 level 1 (lead bytes A4-C6): the 5,401 frequently used characters."""
    try:
        return 0xA4 <= ch.encode("big5")[0] <= 0xC6
    except UnicodeEncodeError:
        return False


def _reads_as_big5(gb: str, big5: str) -> bool:
    """Bytes valid in both codecs: Big5 wins only when it reads better.

    ``text_quality`` (jieba's dictionary) scores traditional text low and short mojibake high, so
    the tie is broken on character commonness: genuine GB text stays inside GB2312, genuine Big5
    text stays inside Big5 level 1; each read through the other codec lands on rare characters.
    Ties go to GB18030, and then jieba's quality score has the last word.
    """
    gb_score, big5_score = _han_share(gb, _in_gb2312), _han_share(big5, _in_big5_common)
    if big5_score > gb_score + 0.05:
        return True
    if abs(big5_score - gb_score) <= 0.05:
        from ..segment import text_quality

        return text_quality(big5) > text_quality(gb) + 0.1
    return False


def _detected(data: bytes) -> tuple[str, str, tuple[Warning_, ...]] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:   # pragma: no cover - a declared dependency
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None or not best.encoding or not _ACCEPTED.match(best.encoding):
        return None
    text = _strict(data, best.encoding)
    if text is None:
        return None
    return text, best.encoding, (coded_warning("W108", encoding=best.encoding),)


def quality_warnings(text: str) -> tuple[Warning_, ...]:
    """W102 when the decoded text reads like mojibake.

    Low jieba dictionary coverage alone would also flag genuine traditional Chinese (jieba's
    dictionary is simplified), so the text must also be off the common character sets: mojibake
    lands on rare characters, real text of either script stays inside GB2312 or Big5 level 1.
    """
    from ..segment import text_quality

    score = text_quality(text)
    if score < LOW_QUALITY and max(_han_share(text, _in_gb2312), _han_share(text, _in_big5_common)) < COMMON_SHARE:
        return (coded_warning("W102", score=score),)
    return ()


def text_blocks(text: str) -> tuple[Block, ...]:
    """One paragraph block per non-blank line (``\\r\\n``, ``\\r`` and ``\\n`` all end a line)."""
    return tuple(Block(text=line) for line in text.splitlines() if line.strip())


def extract(data: bytes, *, name: str, limits: Limits) -> Extraction:
    """Decode ``data`` and return its lines as blocks; never raises for bad bytes."""
    refused = file_too_large(data, "txt", limits)
    if refused is not None:
        return refused
    decoded = decode(data)
    if decoded is None or len(_CONTROL.findall(decoded[0][:20_000])) > 0.02 * min(len(decoded[0]), 20_000) + 1:
        return failed("txt", Status.CORRUPT, "undecodable", error("E107"))
    text, encoding, warnings = decoded
    if len(text) > limits.max_text_chars:
        return failed("txt", Status.TOO_LARGE, "text_chars", error("E106", detail=f"{len(text)} characters"),
                      encoding=encoding)
    return finish(Extraction(blocks=text_blocks(text), file_type="txt", encoding=encoding,
                             warnings=warnings + quality_warnings(text)))


def finish(extraction: Extraction) -> Extraction:
    """Status from content: ``empty`` without any text, ``ok_with_warnings`` with warnings."""
    if extraction.status not in (Status.OK, Status.OK_WITH_WARNINGS):
        return extraction
    if not any(b.text.strip() or b.marker for b in extraction.blocks):
        return replace(extraction, status=Status.EMPTY, reason=extraction.reason or "no_text",
                       message=extraction.message or error("E102"))
    status = Status.OK_WITH_WARNINGS if extraction.warnings else Status.OK
    return replace(extraction, status=status)
