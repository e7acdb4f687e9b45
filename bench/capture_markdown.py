"""Bench-only hook: after the content hooks, write each page's Markdown as
the hooks left it to $CAPTURE_DIR/<path of the page>, for a build of the same
pages without hooks (see bench_build.py)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority


@event_priority(-99)  # after every hook but markers.py, which sets finished HTML aside
def on_page_markdown(markdown: str, *, page, config, files) -> str:
    out = Path(os.environ["CAPTURE_DIR"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown, encoding="utf-8")
    return markdown
