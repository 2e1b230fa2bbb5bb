"""Folder trees deeper than Python's recursion limit, made and removed without recursion
(``os.makedirs``, ``shutil.rmtree`` and pytest's own clean-up of old temporary folders all
recurse once per level and fail on them)."""

from __future__ import annotations

import os
from pathlib import Path


def make_deep_tree(root: Path, levels: int, name: str = "d") -> Path:
    """``root/d/d/…/d`` with ``levels`` folders below ``root`` (made too); the deepest one."""
    path = str(root)
    os.mkdir(path)
    for _ in range(levels):
        path = os.path.join(path, name)
        os.mkdir(path)
    return Path(path)


def remove_tree(root: Path) -> None:
    """Remove ``root`` and everything under it, deepest first, without recursion (symlinks
    are removed, never followed)."""
    if not os.path.lexists(root):
        return
    stack: list[tuple[str, bool]] = [(str(root), False)]
    while stack:
        path, emptied = stack.pop()
        if emptied:
            os.rmdir(path)
            continue
        stack.append((path, True))
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, False))
                else:
                    os.unlink(entry.path)
