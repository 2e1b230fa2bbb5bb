"""Where the work runs: linting in a small pool of processes, rendering in threads.

Linting is CPU work in pure Python with a large dictionary (jieba): it runs in a
:class:`~concurrent.futures.ProcessPoolExecutor` of ``jobs`` processes started with ``spawn``,
each warmed once by :func:`drafting.serve.library.warm_worker` (jieba and its part-of-speech
tables loaded, patterns compiled), so a request never waits for a dictionary. A worker that
dies (killed, out of memory) breaks the pool: the request that met it gets a Chinese 503, and
the next request starts a new pool.

Rendering takes a few milliseconds and LibreOffice's conversion seconds; both run through
``run_in_executor`` on a thread pool, so the event loop never waits for them.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from drafting.errors import DraftingError
from drafting.serve import library

T = TypeVar("T")


class Busy(DraftingError):
    """The worker processes could not do the job (one died): a 503, try again."""


class Workers:
    """The lint process pool and the render thread pool of one server."""

    def __init__(self, jobs: int = 2, threads: int = 4) -> None:
        self.jobs = max(1, jobs)
        self._threads = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="render")
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=context, initializer=library.warm_worker
        )

    def start(self) -> None:
        """Start the lint processes now and warm them (at server start, not at first use)."""
        pool = self.pool()
        for _ in range(self.jobs):
            pool.submit(int)  # each worker runs its initializer before its first task

    def pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = self._new_pool()
            return self._pool

    async def lint(self, function: Callable[..., T], *args: Any) -> T:
        """Run ``function(*args)`` (a picklable library job) in a lint process."""
        pool = self.pool()
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(pool, function, *args)
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise Busy("审校进程意外退出（可能内存不足），请稍后重试") from None

    async def thread(self, function: Callable[..., T], *args: Any) -> T:
        """Run ``function(*args)`` in a render thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, function, *args)

    def close(self) -> None:
        """Stop the processes and threads (at server shutdown)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        self._threads.shutdown(wait=True, cancel_futures=True)
