"""The errors a user can cause, each carrying its exit code and a one-line Chinese message."""

from __future__ import annotations


class DraftingError(Exception):
    """A user-facing error: printed as one Chinese line, exit code 2 unless stated."""

    exit_code = 2

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        self.path = path
        self.line = line
        super().__init__(message)

    def __str__(self) -> str:
        message = super().__str__()
        if self.path and self.line:
            return f"{self.path}:{self.line}: {message}"
        if self.path:
            return f"{self.path}: {message}"
        return message


class DataError(DraftingError):
    """Malformed or invalid data (YAML/JSON/TOML, a field that is missing or ill-typed)."""


class TemplateError(DraftingError):
    """Unknown template, a template with a syntax error, or one that fails in rendering."""


class InputError(DraftingError):
    """An input file that cannot be read: encoding, corrupt .docx, too large, empty."""


class OutputError(DraftingError):
    """An output that would overwrite a file without --force, or cannot be written."""


class ConfigError(DraftingError):
    """Bad linter configuration: unknown rule code, bad option, unreadable config file."""
