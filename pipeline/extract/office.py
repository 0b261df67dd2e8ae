""".doc / .wps / .odt / .rtf / Word 2003 XML: LibreOffice converts to .docx, then the docx reader.

``soffice --headless --convert-to docx`` runs in a private temporary directory with a wall-clock
timeout from ``Limits``. LibreOffice needs a user profile that no other running instance uses: a
small pool of profiles lives in the project cache, each guarded by an ``flock`` that the kernel
releases even when a worker is killed, so parallel workers never share one, nothing leaks into
/tmp, and a warm profile saves about half a second per file. The input keeps the suffix of its sniffed type and no import filter is forced, so
LibreOffice's own detection picks Word 97 vs Works vs Kingsoft WPS. Without LibreOffice the file is
``unsupported`` with E109 naming the Debian package.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..config import Limits
from ..errors import error
from ..model import Extraction, Status
from .failure import container_refused, failed, file_too_large
from .sniff import detect, suffix_type

SUFFIX = {"doc": ".doc", "wps": ".wps", "odt": ".odt", "rtf": ".rtf", "wordml": ".xml"}


PROFILE_SLOTS = 32


@contextmanager
def profile_slot():
    """A LibreOffice user profile no other live process is using (pool in the cache, else temporary)."""
    try:
        import fcntl

        from ..config import cache_dir

        root = cache_dir() / "libreoffice"
        root.mkdir(parents=True, exist_ok=True)
    except (ImportError, OSError):
        fcntl = None
    if fcntl is not None:
        for slot in range(PROFILE_SLOTS):
            handle = open(root / f"slot-{slot}.lock", "a+")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                handle.close()
                continue
            try:
                yield root / f"slot-{slot}"
            finally:
                handle.close()           # closing releases the lock
            return
    with tempfile.TemporaryDirectory(prefix="duban-lo-profile-") as tmp:
        yield Path(tmp)


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
    # an .odt is a zip checked like .docx; .doc/.wps/.rtf reach LibreOffice as they are
    refused = (container_refused if file_type == "odt" else file_too_large)(data, file_type, limits)
    if refused is not None:
        return refused
    exe = soffice()
    if exe is None:
        return failed(file_type, Status.UNSUPPORTED, "converter_missing",
                      error("E109", tool="LibreOffice (soffice)", detected=file_type))
    converted = convert_to_docx(exe, data, SUFFIX.get(file_type, ".doc"), limits)
    if isinstance(converted, Extraction):
        return replace(converted, file_type=file_type)
    from . import docx

    result = docx.extract(converted, name="converted.docx", limits=limits)
    return replace(result, file_type=file_type)


def convert_to_docx(exe: str, data: bytes, suffix: str, limits: Limits) -> bytes | Extraction:
    """The .docx LibreOffice makes of ``data``, or a non-ok Extraction (timeout/conversion failure)."""
    with tempfile.TemporaryDirectory(prefix="duban-office-") as tmp, profile_slot() as profile:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        out_dir = Path(tmp) / "out"
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), str(src)]
        env = dict(os.environ, HOME=tmp, SAL_USE_VCLPLUGIN="svp")
        try:
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                                    start_new_session=True)
        except OSError as exc:
            return failed("", Status.UNSUPPORTED, "converter_missing",
                          error("E109", tool=f"LibreOffice ({type(exc).__name__})", detected=suffix.lstrip(".")))
        try:
            proc.communicate(timeout=limits.timeout_seconds)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            shutil.rmtree(profile, ignore_errors=True)     # a killed instance may leave a stale lock
            return failed("", Status.TIMEOUT, "conversion_timeout",
                          error("E110", detail=f"LibreOffice took over {limits.timeout_seconds:.0f} s"))
        result = out_dir / "input.docx"
        if proc.returncode != 0 or not result.exists() or result.stat().st_size == 0:
            return failed("", Status.CORRUPT, "conversion_failed",
                          error("E110", detail=f"LibreOffice exit code {proc.returncode}"))
        return result.read_bytes()


def _kill_group(proc: subprocess.Popen) -> None:
    """Kill the converter and its children (soffice.bin) that this call started."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        proc.kill()
    proc.wait()
