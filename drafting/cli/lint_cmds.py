"""Reviewers' commands: lint, rules, explain."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
