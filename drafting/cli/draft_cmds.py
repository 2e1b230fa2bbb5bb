"""Writers' commands: templates, new, render, batch."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
