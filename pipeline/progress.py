"""The batch progress bar on stderr: done/total, rate, ETA and failures so far.

Off when stderr is not a terminal (logs, CI, tests) or when the user asks; messages then go to
stderr as plain lines, and with the bar they are printed above it so it is never torn.
"""
from __future__ import annotations

import sys


class Progress:
    def __init__(self, total: int, *, enabled: bool = True, stream=None, initial: int = 0):
        self.stream = stream or sys.stderr
        self.failures = 0
        self._bar = None
        if enabled and total and _is_tty(self.stream):
            from tqdm import tqdm

            self._bar = tqdm(total=total, initial=initial, file=self.stream, unit="file", dynamic_ncols=True,
                             desc="duban batch", smoothing=0.1)

    def update(self, failed: bool) -> None:
        if failed:
            self.failures += 1
        if self._bar is not None:
            self._bar.update(1)
            if failed:
                self._bar.set_postfix(failed=self.failures, refresh=False)

    def write(self, line: str) -> None:
        if self._bar is not None:
            self._bar.write(line, file=self.stream)
        else:
            print(line, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _is_tty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
