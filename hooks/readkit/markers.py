"""HTML-comment shortcodes in Markdown: `<!-- namespace:name args -->`.

A page still renders if a hook is off (a comment shows nothing). The marker
pass (readkit.pagepass) hands each marker to the feature of its namespace;
any marker no feature knows is an error, so a typo never passes silently.
Fenced code is masked first, so pages that document the syntax are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


def find_markers(markdown: str, line_offset: int = 0) -> list[Marker]:
    """Markers outside fenced code, with their lines in the page's file
    (`line_offset`: the front-matter lines before `markdown`)."""
    text = masked(markdown)
    out = []
    for m in MARKER.finditer(text):
        line = text.count("\n", 0, m.start()) + 1 + line_offset
        out.append(Marker(m.group(1), m.group(2), m.group(3).strip(), line, m.start(), m.end()))
    return out


def front_matter_lines(source: str, markdown: str) -> int:
    """How many lines MkDocs stripped (front matter) before `markdown` begins."""
    stripped = source.rstrip()
    body = markdown.rstrip()
    if body and stripped.endswith(body):
        return stripped[: len(stripped) - len(body)].count("\n")
    return 0
