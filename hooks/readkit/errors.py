"""Content errors that name the file and line at fault."""

from __future__ import annotations

from pathlib import Path


class ContentError(Exception):
    """A problem in a data or content file, reported as `path:line: what, hint`.

    The hooks turn it into MkDocs' `PluginError`, which stops the build with
    this message and no traceback.
    """

    def __init__(self, path: str | Path, line: int | None, message: str, hint: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text}. {self.hint}" if self.hint else text
