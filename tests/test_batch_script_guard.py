"""A saved script calling ``pipeline.batch`` without ``if __name__ == "__main__":`` (QA12 M9): each worker
imports the script and starts the batch again; the parent must say to guard the call, not only ask
whether --memory is too small."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import CORPORA, ROOT, SEED

SCRIPT = """import pipeline as duban
r = duban.batch({inbox!r}, reference={ref!r}, out_dir={out!r}, workers=1, progress=False, store=False)
print("done", len(r.rows))
"""


def test_batch_unguarded_script_error_names_the_guard(tmp_path):
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "r.txt").write_text((CORPORA / "gaps" / "reports" / "r01_group1.txt").read_text(encoding="utf-8"),
                                 encoding="utf-8")
    script = tmp_path / "run_batch.py"
    script.write_text(SCRIPT.format(inbox=str(inbox), ref=str(SEED), out=str(tmp_path / "out")), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode != 0 and "done" not in done.stdout
    assert "[E502]" in done.stderr and "if __name__ == '__main__':" in done.stderr
