""".doc / .wps / .odt / .rtf / Word 2003 XML: LibreOffice converts to .docx, then the docx reader.

``soffice --headless --convert-to docx`` runs in a private temporary directory with a user profile
owned by this process (so parallel workers never share LibreOffice's lock files; reusing it saves
about half a second per file after the first) and a wall-clock timeout from ``Limits``. The input keeps the suffix of its sniffed type and no import filter is forced, so
LibreOffice's own detection picks Word 97 vs Works vs Kingsoft WPS. Without LibreOffice the file is
``unsupported`` with E109 naming the Debian package.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from ..config import Limits
from ..errors import error
from ..model import Extraction, Status
from .sniff import detect, suffix_type
from .zipguard import check_zip

SUFFIX = {"doc": ".doc", "wps": ".wps", "odt": ".odt", "rtf": ".rtf", "wordml": ".xml"}


_PROFILES: dict[int, str] = {}


def _profile_dir() -> Path:
    """A LibreOffice user profile for this process, removed at exit."""
    pid = os.getpid()
    if pid not in _PROFILES:
        _PROFILES[pid] = tempfile.mkdtemp(prefix=f"duban-lo-profile-{pid}-")
        atexit.register(shutil.rmtree, _PROFILES[pid], True)
    return Path(_PROFILES[pid])


def soffice() -> str | None:
    for candidate in ("soffice", "libreoffice"):
        found = shutil.which(candidate)
        if found:
            return found
    fixed = Path("/usr/lib/libreoffice/program/soffice")
    return str(fixed) if fixed.exists() else None


def extract(data: bytes, *, name: str, limits: Limits) -> Extraction:
    """Convert with LibreOffice and read the result as .docx, keeping the original file type."""
    file_type = detect(data, suffix_type(name)).value if data else "unknown"
    if len(data) > limits.max_file_bytes:
        return _fail(file_type, Status.TOO_LARGE, "file_size", error("E106", detail=f"{len(data)} bytes"))
    if file_type == "odt":
        verdict = check_zip(data, limits)
        if not verdict.ok:
            status = Status.TOO_LARGE if verdict.status == "too_large" else Status.CORRUPT
            return _fail(file_type, status, verdict.reason,
                         error("E106", detail=verdict.detail) if status == Status.TOO_LARGE else error("E105", exc=verdict.detail))
    exe = soffice()
    if exe is None:
        return _fail(file_type, Status.UNSUPPORTED, "converter_missing",
                     error("E109", tool="LibreOffice (soffice)", detected=file_type))
    converted = convert_to_docx(exe, data, SUFFIX.get(file_type, ".doc"), limits)
    if isinstance(converted, Extraction):
        return replace(converted, file_type=file_type)
    from . import docx

    result = docx.extract(converted, name="converted.docx", limits=limits)
    return replace(result, file_type=file_type)


def _fail(file_type: str, status: Status, reason: str, message: str) -> Extraction:
    return Extraction(blocks=(), file_type=file_type, status=status, reason=reason, message=message)


def convert_to_docx(exe: str, data: bytes, suffix: str, limits: Limits) -> bytes | Extraction:
    """The .docx LibreOffice makes of ``data``, or a non-ok Extraction (timeout/conversion failure)."""
    with tempfile.TemporaryDirectory(prefix="duban-office-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        out_dir = Path(tmp) / "out"
        profile = _profile_dir()
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(src)]
        env = dict(os.environ, HOME=str(profile), SAL_USE_VCLPLUGIN="svp")
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                                    start_new_session=True)
        except OSError as exc:
            return _fail("", Status.UNSUPPORTED, "converter_missing",
                         error("E109", tool=f"LibreOffice ({type(exc).__name__})", detected=suffix.lstrip(".")))
        try:
            _, stderr = proc.communicate(timeout=limits.timeout_seconds)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            shutil.rmtree(_PROFILES.pop(os.getpid(), str(profile)), ignore_errors=True)   # may hold a stale lock
            return _fail("", Status.TIMEOUT, "conversion_timeout",
                         error("E110", detail=f"LibreOffice took over {limits.timeout_seconds:.0f} s"))
        result = out_dir / "input.docx"
        if proc.returncode != 0 or not result.exists() or result.stat().st_size == 0:
            return _fail("", Status.CORRUPT, "conversion_failed",
                         error("E110", detail=f"LibreOffice exit code {proc.returncode}"))
        return result.read_bytes()


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the converter and its children (soffice.bin) that this call started."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()
