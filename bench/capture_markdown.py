"""Bench-only hook: write each page out for a build of the same pages
without hooks (see bench_build.py), as $CAPTURE_STAGE says:

- `markdown`: the page's Markdown as the marker pass leaves it, with its
  finished-HTML fragments written in where their placeholders stand (what
  Markdown would parse if the fragments did not travel apart);
- `html`: the page's finished HTML (after every on_page_content hook), in a
  `<div>` that Markdown passes through as it is.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.plugins import event_priority


def _write(page, text: str) -> None:
    out = Path(os.environ["CAPTURE_DIR"]) / page.file.src_uri
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


@event_priority(-1000)  # after the page hook's marker pass
def on_page_markdown(markdown: str, *, page, config, files) -> str:
    if os.environ["CAPTURE_STAGE"] == "markdown":
        # The page's fragments wait in the build context (hooks/page.py).
        _, fragments = config._readkit_build.pages[page.file.src_uri]
        _write(page, fragments.restore(fragments.restore(markdown, prose=True)))
    return markdown


@event_priority(-1000)  # after every other hook
def on_page_content(html: str, *, page, config, files) -> str:
    if os.environ["CAPTURE_STAGE"] == "html":
        _write(page, f'<div class="captured">\n{html}\n</div>\n')
    return html
