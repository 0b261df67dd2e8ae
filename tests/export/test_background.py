"""BackgroundWriter: the store writer runs in a forked child when that is safe, in the parent otherwise,
and a writer that fails or dies is reported by a short reason, never lost silently."""
from __future__ import annotations

import os
import signal
import threading

import pytest

from pipeline.export import background
from pipeline.export.background import BackgroundWriter


def _writer_pid():
    return [os.getpid()]


def test_background_writer_runs_in_a_child_when_single_threaded(monkeypatch):
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    writer = BackgroundWriter(_writer_pid)
    if "fork" not in background.mp.get_all_start_methods():
        pytest.skip("no fork on this platform")
    assert writer.forked
    (pid,) = writer.join()
    assert pid != os.getpid()


def test_background_writer_runs_inline_while_another_thread_lives():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        writer = BackgroundWriter(_writer_pid)
        assert not writer.forked
        assert writer.join() == [os.getpid()]
    finally:
        stop.set()
        thread.join()


def _raises():
    raise ValueError("secret document text")


def _killed():
    os.kill(os.getpid(), signal.SIGKILL)


@pytest.mark.parametrize("writer, reason", [(_raises, "ValueError"), (_killed, "killed by SIGKILL")])
def test_background_writer_failures_are_reported_without_content(monkeypatch, writer, reason):
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    if "fork" not in background.mp.get_all_start_methods():
        pytest.skip("no fork on this platform")
    lost = []
    assert BackgroundWriter(writer, on_lost=lost.append).join() == []
    assert lost == [reason]
    assert "secret" not in lost[0]


def test_background_writer_does_not_repeat_buffered_output(tmp_path):
    """Text buffered on stdout before the fork must not be written again by the child (guards the
    choice of multiprocessing's fork, which flushes first, over a bare os.fork)."""
    import subprocess
    import sys
    from pathlib import Path

    if "fork" not in background.mp.get_all_start_methods():
        pytest.skip("no fork on this platform")
    script = ("import sys\n"
              "from pipeline.export.background import BackgroundWriter\n"
              "print('before the fork')\n"
              "w = BackgroundWriter(lambda: [1])\n"
              "assert w.forked and w.join() == [1]\n")
    out = tmp_path / "out.txt"
    with out.open("w") as fh:          # a file: stdout is block-buffered, as in `duban batch … > log`
        subprocess.run([sys.executable, "-c", script], stdout=fh, check=True,
                       cwd=Path(__file__).resolve().parents[2])
    assert out.read_text().count("before the fork") == 1


def _prints_and_returns():
    import sys

    print("duban: [E401] store could not be written", file=sys.stderr)
    return ["written"]


@pytest.mark.parametrize("single_threaded", [True, False])
def test_background_writer_messages_reach_the_parents_stderr(monkeypatch, capsys, single_threaded):
    """Regression: the store's E401 line, printed in the forked child, never reached the parent's
    (captured) stderr, so a batch whose store failed said nothing about it."""
    if single_threaded:
        monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert BackgroundWriter(_prints_and_returns).join() == ["written"]
    assert capsys.readouterr().err.count("[E401] store could not be written") == 1


def _frozen_objects():
    import gc

    return [gc.get_freeze_count()]


def test_background_writer_child_keeps_inherited_objects_from_the_collector(monkeypatch):
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    if "fork" not in background.mp.get_all_start_methods():
        pytest.skip("no fork on this platform")
    import gc

    parent_frozen = gc.get_freeze_count()
    (frozen,) = BackgroundWriter(_frozen_objects).join()
    assert frozen > 1000                              # the interpreter's and the test session's objects
    assert gc.get_freeze_count() == parent_frozen     # the parent's collector is left as it was
