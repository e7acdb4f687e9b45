"""Shared by the hook files: content errors become PluginError."""

from __future__ import annotations

from mkdocs.exceptions import PluginError

from readkit.errors import ContentError


class errors:
    """`with errors(): ...` turns a ContentError into a PluginError, so the
    build stops with `path:line: what is wrong. How to fix it.` and no traceback."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, err, tb) -> bool:
        if isinstance(err, ContentError):
            raise PluginError(str(err)) from None
        return False
