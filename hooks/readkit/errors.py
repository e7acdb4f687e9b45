"""Content errors that name the file and line at fault."""

from __future__ import annotations

import os
from pathlib import Path

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


def project_root(path: Path) -> Path | None:
    """The nearest folder at or above `path` that holds an mkdocs.yml."""
    for folder in path.parents:
        if any((folder / name).is_file() for name in CONFIG_NAMES):
            return folder
    return None


def display_path(path: str | Path) -> str:
    """`path` as a person would type it: relative to the project's folder (the
    one with mkdocs.yml), else to the current folder, else as given."""
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()
    for base in (project_root(path), Path(os.getcwd())):
        if base is not None and path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return path.as_posix()


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
        return self.text(self.path)

    def display(self) -> str:
        """The message as the build prints it: paths relative to the project
        (also those the message and hint name, e.g. another data file)."""
        root = project_root(Path(self.path)) if Path(self.path).is_absolute() else None
        if root is None:
            return self.text(display_path(self.path))
        prefix = f"{root}{os.sep}"
        return self.text(display_path(self.path), self.message.replace(prefix, ""), self.hint.replace(prefix, ""))

    def text(self, path: str, message: str | None = None, hint: str | None = None) -> str:
        message = self.message if message is None else message
        hint = self.hint if hint is None else hint
        where = f"{path}:{self.line}" if self.line else path
        text = f"{where}: {message}"
        return f"{text}. {hint}" if hint else text
