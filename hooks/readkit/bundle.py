"""One stylesheet and one script from the widgets' own small files.

Each widget keeps its own file in docs/assets/ (easy to read and change); pages
load their concatenation, so a phone on a slow connection waits for one
stylesheet request instead of six before it can draw anything.

The bundles are minified as they are made (rjsmin and rcssmin: comments and
white space out, nothing renamed or reordered), which keeps what a phone
downloads within the budget (`BUDGET`, gzipped, JS and CSS together) while the
source files keep their comments.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import rcssmin
import rjsmin

# The project's own JS and CSS that a page loads, gzipped, together (bytes).
BUDGET = 20 * 1024


def is_local(uri: str) -> bool:
    return not uri.startswith(("http://", "https://", "//", "/"))


def minify(text: str, kind: str) -> str:
    """The file without comments and needless white space (same behaviour)."""
    if kind == "js":
        return str(rjsmin.jsmin(text)).strip()
    return str(rcssmin.cssmin(text)).strip()


def bundle(docs_dir: Path, uris: list[str], kind: str, *, minified: bool = False) -> str:
    """Concatenate the files in order, each introduced by a comment naming it
    (minified: one file a line, no comments).

    Scripts are separated by `;` so a file without a final semicolon cannot run
    into the next one.
    """
    parts = []
    for uri in uris:
        text = (docs_dir / uri).read_text(encoding="utf-8")
        if minified:
            parts.append(minify(text, kind) + (";" if kind == "js" else ""))
        else:
            parts.append(f"/* {uri} */\n{text.rstrip()}\n" + (";\n" if kind == "js" else ""))
    return "\n".join(parts) + ("\n" if minified else "")


def gzipped_size(text: str) -> int:
    """Bytes on the wire when served gzip-compressed (level 9, no header name or time)."""
    return len(gzip.compress(text.encode("utf-8"), 9, mtime=0))
