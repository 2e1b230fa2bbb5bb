"""Files the server keeps for a while: an uploaded .docx (to annotate it after the findings
were shown), a batch's zip (to download it from the report page).

They live in one private folder (mode 0700) made at start and removed at shutdown, under random
names; a page refers to one by a random key (``secrets.token_urlsafe``), never by a path. The
store is bounded: at most :data:`MAX_ENTRIES` files and :data:`MAX_TOTAL_BYTES` bytes (the
oldest go first) and each for :data:`TTL_SECONDS`.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from drafting.atomic import write_bytes
from drafting.limits import MIB

MAX_ENTRIES = 64
MAX_TOTAL_BYTES = 2048 * MIB
TTL_SECONDS = 3600.0


@dataclass(frozen=True)
class Entry:
    """A kept file: where it is, the name to download it as, its media type, when it came."""

    path: Path
    filename: str
    media_type: str
    size: int
    created: float


class Kept:
    """The store (thread-safe: batches write their zips from render threads)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="drafting-serve-", dir=root))
        self._entries: dict[str, Entry] = {}
        self._lock = threading.Lock()

    def new_path(self) -> tuple[str, Path]:
        """A fresh key and the path a file for it is to be written to."""
        key = secrets.token_urlsafe(18)
        return key, self.root / key

    def add(self, key: str, path: Path, filename: str, media_type: str) -> None:
        """Keep ``path`` (written under :meth:`new_path`) as ``key``."""
        entry = Entry(path, filename, media_type, path.stat().st_size, time.monotonic())
        with self._lock:
            self._entries[key] = entry
            self._evict()

    def put(self, data: bytes, filename: str, media_type: str) -> str:
        """Keep ``data``; its key."""
        key, path = self.new_path()
        write_bytes(path, data)
        self.add(key, path, filename, media_type)
        return key

    def get(self, key: str) -> Entry | None:
        """The entry for ``key`` if it is still kept."""
        if not isinstance(key, str) or not key.replace("-", "").replace("_", "").isalnum():
            return None
        with self._lock:
            self._evict()
            return self._entries.get(key)

    def _evict(self) -> None:
        now = time.monotonic()
        for key, entry in list(self._entries.items()):
            if now - entry.created > TTL_SECONDS:
                self._drop(key)
        while self._entries and (
            len(self._entries) > MAX_ENTRIES
            or sum(e.size for e in self._entries.values()) > MAX_TOTAL_BYTES
        ):
            self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        entry = self._entries.pop(key)
        entry.path.unlink(missing_ok=True)

    def close(self) -> None:
        """Remove every kept file and the folder."""
        with self._lock:
            self._entries.clear()
        shutil.rmtree(self.root, ignore_errors=True)
