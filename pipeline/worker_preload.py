"""Imported once by the multiprocessing forkserver, so every batch worker forks already warm.

jieba's dictionary (about a second to load) and the classifier are loaded here a single time and
shared copy-on-write by the workers, which also makes replacing a killed worker nearly free.
Thread-pool variables are set before numpy/scikit-learn can be imported. Nothing here may raise:
the forkserver would die with it (it only tolerates ImportError).
"""
from __future__ import annotations

try:
    from .worker import quiet, single_threaded_libraries, warm_up

    single_threaded_libraries()
    quiet()
    warm_up()
except Exception:  # noqa: BLE001 - a cold worker is slower, not wrong
    pass
