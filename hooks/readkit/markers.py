"""HTML-comment shortcodes in Markdown: `<!-- namespace:name args -->`.

A page still renders if a hook is off (a comment shows nothing). Each hook
expands the names of its own namespace; any marker left unexpanded is an error,
so a typo never passes silently. Fenced code is masked first, so pages that
document the syntax are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .errors import ContentError

MARKER = re.compile(r"<!--\s*([a-z][a-z0-9_-]*):([a-z][a-z0-9_-]*)((?:\s+[^\s>][^>]*?)?)\s*-->")
# A fenced block, also indented (inside a list item); it closes at the same fence.
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)[^\n]*\n.*?^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)


@dataclass(frozen=True)
class Marker:
    namespace: str
    name: str
    args: str
    line: int  # 1-based line in the page's source file
    start: int
    end: int


def masked(markdown: str) -> str:
    """The Markdown with fenced code blocks blanked out (same length)."""
    return FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)


def find_markers(markdown: str, line_offset: int = 0, original: str | None = None) -> list[Marker]:
    """Markers outside fenced code, with their lines in the page's file.

    `original` is the page's own Markdown when hooks that ran earlier have
    already changed `markdown` (expanding their markers adds lines): each
    marker then takes the line of the same marker text in `original`.
    """
    text = masked(markdown)
    out = []
    for m in MARKER.finditer(text):
        line = text.count("\n", 0, m.start()) + 1 + line_offset
        out.append(Marker(m.group(1), m.group(2), m.group(3).strip(), line, m.start(), m.end()))
    if original is not None and original != markdown:
        lines_in_original: dict[str, list[int]] = {}
        for mark in find_markers(original, line_offset):
            lines_in_original.setdefault(original[mark.start : mark.end], []).append(mark.line)
        seen: dict[str, int] = {}
        for i, mark in enumerate(out):
            key = markdown[mark.start : mark.end]
            k = seen.get(key, 0)
            seen[key] = k + 1
            if k < len(lines_in_original.get(key, [])):
                out[i] = Marker(mark.namespace, mark.name, mark.args, lines_in_original[key][k], mark.start, mark.end)
    return out


def expand(
    markdown: str,
    namespace: str,
    handlers: Mapping[str, Callable[[Marker], str]],
    path: str,
    line_offset: int = 0,
    original: str | None = None,
) -> str:
    """Replace every `<!-- namespace:name -->` by `handlers[name](marker)`."""
    pieces: list[str] = []
    last = 0
    for marker in find_markers(markdown, line_offset, original):
        if marker.namespace != namespace:
            continue
        handler = handlers.get(marker.name)
        if handler is None:
            raise ContentError(
                path,
                marker.line,
                f"unknown marker '{namespace}:{marker.name}'",
                f"Known {namespace} markers: {', '.join(sorted(handlers))}",
            )
        pieces.append(markdown[last : marker.start])
        pieces.append(handler(marker))
        last = marker.end
    pieces.append(markdown[last:])
    return "".join(pieces)


def front_matter_lines(source: str, markdown: str) -> int:
    """How many lines MkDocs stripped (front matter) before `markdown` begins."""
    stripped = source.rstrip()
    body = markdown.rstrip()
    if body and stripped.endswith(body):
        return stripped[: len(stripped) - len(body)].count("\n")
    return 0
