"""Benchmark probe, on ``PYTHONPATH`` only while ``make bench`` counts jieba loads.

When ``BENCH_JIEBA_LOG`` names a file, every time a process actually loads jieba's dictionary
(``jieba.Tokenizer.initialize`` on a tokenizer not yet initialised) one line with the process
id is appended to it. Worker processes inherit the environment, so a batch's workers log too.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import sys

LOG = os.environ.get("BENCH_JIEBA_LOG")


def _patch(module) -> None:  # type: ignore[no-untyped-def]
    original = module.Tokenizer.initialize

    def initialize(self, dictionary=None):  # type: ignore[no-untyped-def]
        fresh = not self.initialized
        result = original(self, dictionary)
        if fresh and self.initialized and LOG:
            with open(LOG, "a", encoding="utf-8") as handle:
                handle.write(f"{os.getpid()}\n")
        return result

    module.Tokenizer.initialize = initialize


class _Loader(importlib.abc.Loader):
    def __init__(self, inner: importlib.abc.Loader) -> None:
        self.inner = inner

    def create_module(self, spec):  # type: ignore[no-untyped-def]
        return self.inner.create_module(spec)

    def exec_module(self, module) -> None:  # type: ignore[no-untyped-def]
        self.inner.exec_module(module)
        _patch(module)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name != "jieba":
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec


if LOG:
    sys.meta_path.insert(0, _Finder())
