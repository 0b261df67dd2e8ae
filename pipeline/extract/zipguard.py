"""Zip limits checked before any OOXML/ODF library touches a container (reliability cases 21, 22).

python-docx reads every part with an uncapped ``ZipFile.read``: a 686 KB .docx can inflate to a
127 MB document.xml. So, before python-docx is called:

1. the member count, each member's declared uncompressed size, the declared total and each member's
   compression ratio are checked against ``Limits`` (central directory only, no decompression);
2. every member is then inflated in a stream with a running cap, so a member whose headers lie about
   its size is stopped as soon as it yields more than it declared.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from ..config import Limits

_CHUNK = 1 << 16
_RATIO_FLOOR = 1 << 20     # members under 1 MiB inflated are harmless whatever their ratio


@dataclass(frozen=True, slots=True)
class ZipVerdict:
    """``ok`` or the reason a container is refused (``too_large``/``corrupt``/``encrypted``)."""

    ok: bool
    status: str = ""        # a Status value when not ok
    reason: str = ""
    detail: str = ""        # sizes and counts only, never content


OK = ZipVerdict(True)


def check_zip(data: bytes, limits: Limits) -> ZipVerdict:
    """Declared-size checks, then a capped streamed inflate of every member."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return ZipVerdict(False, "corrupt", "bad_zip", "not a readable zip container")
    with zf:
        infos = zf.infolist()
        verdict = check_declared(infos, limits)
        if not verdict.ok:
            return verdict
        return check_streamed(zf, infos, limits)


def check_declared(infos: list[zipfile.ZipInfo], limits: Limits) -> ZipVerdict:
    if len(infos) > limits.max_zip_members:
        return ZipVerdict(False, "too_large", "too_many_members",
                          f"{len(infos)} zip members (limit {limits.max_zip_members})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            return ZipVerdict(False, "encrypted", "password_required", "zip member is encrypted")
        size = info.file_size
        total += size
        if size > limits.max_member_bytes:
            return ZipVerdict(False, "too_large", "member_too_large",
                              f"a member declares {size} bytes (limit {limits.max_member_bytes})")
        ratio = size / max(info.compress_size, 1)
        if size > _RATIO_FLOOR and ratio > limits.max_compression_ratio:
            return ZipVerdict(False, "too_large", "compression_ratio",
                              f"a member declares {size} bytes from {info.compress_size} "
                              f"(ratio {ratio:.0f}:1, limit {limits.max_compression_ratio:.0f}:1)")
        if total > limits.max_total_unzipped_bytes:
            return ZipVerdict(False, "too_large", "total_too_large",
                              f"members declare over {limits.max_total_unzipped_bytes} bytes in total")
    return OK


def check_streamed(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> ZipVerdict:
    """Inflate every member with a cap; a member yielding more than it declared is refused."""
    total = 0
    for info in infos:
        if info.is_dir():
            continue
        declared = info.file_size
        cap = min(limits.max_member_bytes, declared)
        # zipfile stops at the declared size; ask it for up to the hard cap so a lie shows.
        probe = zipfile.ZipInfo(info.filename, info.date_time)
        for attr in ("compress_type", "compress_size", "CRC", "flag_bits", "header_offset", "extra",
                     "create_system", "create_version", "extract_version", "external_attr", "volume",
                     "internal_attr", "orig_filename"):
            setattr(probe, attr, getattr(info, attr))
        probe.file_size = limits.max_member_bytes + 1
        read = 0
        try:
            with zf.open(probe) as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        break
                    read += len(chunk)
                    if read > cap:
                        return ZipVerdict(False, "too_large", "size_mismatch",
                                          f"a member inflates past its declared {declared} bytes")
        except zipfile.BadZipFile as exc:
            if read == declared and "CRC" in str(exc):
                return ZipVerdict(False, "corrupt", "bad_crc", "a zip member fails its CRC check")
            return ZipVerdict(False, "corrupt", "bad_crc" if "CRC" in str(exc) else "bad_zip",
                              "a zip member could not be inflated")
        except (zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            return ZipVerdict(False, "corrupt", "bad_zip", f"a zip member could not be inflated ({type(exc).__name__})")
        except Exception as exc:  # noqa: BLE001 - zlib.error and friends: the bytes are broken
            return ZipVerdict(False, "corrupt", "bad_zip", f"a zip member could not be inflated ({type(exc).__name__})")
        total += read
        if total > limits.max_total_unzipped_bytes:
            return ZipVerdict(False, "too_large", "total_too_large",
                              f"members inflate to over {limits.max_total_unzipped_bytes} bytes")
    return OK
