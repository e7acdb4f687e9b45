"""One stylesheet and one script from the widgets' own small files.

Each widget keeps its own file in docs/assets/ (easy to read and change); pages
load their concatenation, so a phone on a slow connection waits for one
stylesheet request instead of six before it can draw anything.
"""

from __future__ import annotations

from pathlib import Path


def is_local(uri: str) -> bool:
    return not uri.startswith(("http://", "https://", "//", "/"))


def bundle(docs_dir: Path, uris: list[str], kind: str) -> str:
    """Concatenate the files in order, each introduced by a comment naming it.

    Scripts are separated by `;` so a file without a final semicolon cannot run
    into the next one.
    """
    parts = []
    for uri in uris:
        text = (docs_dir / uri).read_text(encoding="utf-8")
        parts.append(f"/* {uri} */\n{text.rstrip()}\n" + (";\n" if kind == "js" else ""))
    return "\n".join(parts)
