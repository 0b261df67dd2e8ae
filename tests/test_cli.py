"""The ``duban`` command: exit codes, coded one-line errors, no traceback, no library noise (case 30)."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.batch_fixtures import write_good
from tests.conftest import ROOT, SEED

NOISE = ("Building prefix dict", "Loading model", "Prefix dict has been built", "Dumping model",
         "Warning", "warn(", "Traceback")


def duban(*args, env=None, warnings_as_errors=False):
    flags = ["-W", "error::DeprecationWarning"] if warnings_as_errors else []
    return subprocess.run([sys.executable, *flags, "-m", "pipeline.cli", *map(str, args)], cwd=ROOT,
                          env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=600)


def test_cli_version_exits_0():
    proc = duban("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("duban ")


@pytest.mark.parametrize("args, code", [
    ((), "usage"),
    (("batch",), "E005"),                                   # INPUT_DIR and --reference missing
    (("batch", "x", "-o", "y"), "E005"),                   # --reference missing
    (("batch", "x", "--reference", SEED, "-o", "y", "--workers", "0"), "E005"),
    (("batch", "x", "--reference", SEED, "-o", "y", "--engine", "spark"), "E005"),
    (("batch", "x", "--reference", SEED, "-o", "y", "--scheduler", "tcp://h:1"), "E005"),
])
def test_cli_usage_errors_exit_2_with_a_coded_line(args, code):
    proc = duban(*args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    if code != "usage":
        assert f"[{code}]" in proc.stderr


def test_cli_analyze_has_no_jieba_or_warning_noise_on_a_cold_cache(tmp_path):
    """A fresh jieba cache makes jieba build its prefix dict: that must stay silent."""
    proc = duban("analyze", SEED, "-o", tmp_path / "out.jsonl", env={"DUBAN_CACHE": str(tmp_path / "cache")},
                 warnings_as_errors=True)
    assert proc.returncode == 0, proc.stderr
    assert all(line.startswith("duban: ") for line in proc.stderr.splitlines()), proc.stderr
    assert not any(noise in proc.stderr for noise in NOISE)
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8").count("\n") > 10


def test_cli_batch_stderr_is_only_coded_lines_and_summary(tmp_path):
    """No progress bar either: stderr is not a terminal here."""
    write_good(tmp_path / "in", 3)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    proc = duban("batch", tmp_path / "in", "--reference", SEED, "-o", tmp_path / "out",
                 env={"DUBAN_CACHE": str(tmp_path / "cache")}, warnings_as_errors=True)
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith("duban: ") for line in lines), proc.stderr
    assert not any(noise in proc.stderr for noise in NOISE)
    assert lines[-1].startswith("duban: 4 files:") and "empty 1" in lines[-1]
    assert any("empty.txt" in line for line in lines[:-1])         # the failed file is named
    assert "file/s" not in proc.stderr and "\r" not in proc.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="pseudo-terminal sizing is Linux-specific here")
def test_cli_batch_progress_bar_on_a_terminal_counts_failures(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    write_good(tmp_path / "in", 2, formats=("txt",))
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "batch", str(tmp_path / "in"), "--reference",
                             str(SEED), "-o", str(tmp_path / "out")], cwd=ROOT, stdout=slave, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:                      # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=300) == 1
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "3/3" in screen and "failed=1" in screen and "file/s" in screen
    assert screen.rstrip().splitlines()[-1].startswith("duban: 3 files:")
