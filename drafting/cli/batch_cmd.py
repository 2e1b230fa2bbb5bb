"""Offices' command: batch (many records, one document each)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
