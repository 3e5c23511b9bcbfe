"""Typed errors. Library code raises these; only the CLI turns them into a message and an exit code."""

from __future__ import annotations


class TqcheckError(Exception):
    """Base of every error tqcheck raises on purpose. ``str(err)`` is a one-line message for a user."""


class InputError(TqcheckError):
    """An input file is missing, unreadable, empty, badly encoded or malformed."""


class UsageError(TqcheckError):
    """Options that cannot be used together, or an option value that makes no sense."""


class DeviceError(UsageError):
    """A device was asked for that this machine does not have (``--device cuda`` without a GPU)."""


class ConfigError(TqcheckError):
    """A configuration, glossary or waiver file is malformed."""


class ModelError(TqcheckError):
    """A translation or embedding model is missing or cannot be loaded."""


class OutputError(TqcheckError):
    """An output cannot be written where it was asked to go."""
