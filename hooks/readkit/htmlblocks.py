"""Finding where a block of generated HTML ends, without a full parser.

Used where a pure-Python HTML parse of a whole block would be wasted work:
setting blocks aside from Markdown (stash) and from the annotation pass.
Callers keep away blocks with raw text (`holds_raw_text`), whose content
could hold tag-like strings.
"""

from __future__ import annotations

import functools
import re

# Elements whose content is not markup (or is kept as typed), and comments.
_RAW = re.compile(r"<(?:script|style|textarea|pre|title)\b|<!--|<!\[CDATA\[", re.IGNORECASE)


def holds_raw_text(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether text[start:end] holds raw text, where tags cannot be counted."""
    return _RAW.search(text, start, len(text) if end is None else end) is not None


@functools.cache
def _tags(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){tag}\b[^>]*>")


def element_end(text: str, tag: str, start: int) -> int | None:
    """End of the `tag` element whose start tag ends at `start`, counting
    nested `tag` elements; None if it never closes."""
    depth = 1
    for m in _tags(tag).finditer(text, start):
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return None
