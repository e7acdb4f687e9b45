"""Keep finished HTML out of Markdown's way.

The hooks put whole blocks of finished HTML into a page's Markdown (the
article, quizzes, source lists, the glossary index). Markdown would parse
each of them with its pure-Python HTML parser only to pass it through
unchanged. `set_aside` swaps every such top-level block for a one-line
comment before Markdown runs; `put_back` restores them in the HTML Markdown
made. Blocks that Markdown must look inside (a `markdown` attribute, raw
text such as scripts or comments) and anything inside a code fence stay.
"""

from __future__ import annotations

import re
import secrets

from .htmlblocks import element_end, holds_raw_text

_START = re.compile(r"<(div|section|ol|ul|dl|p|aside|details|figure|form|table|blockquote)\b[^>]*>")
_MARKDOWN_ATTR = re.compile(r"\smarkdown(?:\s*=|[\s>/])")
_FENCE = re.compile(r"^(`{3,}|~{3,})")


def set_aside(markdown: str) -> tuple[str, dict[str, str]]:
    """Return the Markdown with its finished HTML blocks swapped for
    placeholder comments, and {placeholder: block}."""
    token = secrets.token_hex(6)
    blocks: dict[str, str] = {}
    out: list[str] = []
    pos = 0
    fence: str | None = None  # the opening of the code fence we are in
    n = len(markdown)
    while pos < n:
        line_end = markdown.find("\n", pos)
        line_end = n if line_end < 0 else line_end + 1
        line = markdown[pos:line_end]
        opener = _FENCE.match(line)
        if fence is not None:
            if opener and opener.group(1)[0] == fence[0] and len(opener.group(1)) >= len(fence):
                fence = None
        elif opener:
            fence = opener.group(1)
        else:
            block_end = _block(markdown, pos, line)
            if block_end is not None:
                key = f"rk-stash-{token}-{len(blocks)}"
                blocks[key] = markdown[pos:block_end]
                out.append(f"<!--{key}-->")
                pos = block_end
                continue
        out.append(line)
        pos = line_end
    return "".join(out), blocks


def _block(markdown: str, pos: int, line: str) -> int | None:
    """End of a finished HTML block starting at `pos`, if one does."""
    m = _START.match(line)
    # Markdown's own rule for a raw HTML block: a blank line before and after.
    if m is None or not (pos == 0 or markdown.endswith("\n\n", 0, pos)):
        return None
    if _MARKDOWN_ATTR.search(m.group(0)):
        return None
    end = element_end(markdown, m.group(1), pos + m.end())
    if end is None:
        return None
    # The block must end its line, and hold nothing Markdown has to see.
    rest_end = markdown.find("\n", end)
    rest_end = len(markdown) if rest_end < 0 else rest_end
    next_end = markdown.find("\n", rest_end + 1)
    next_line = markdown[rest_end + 1 :] if next_end < 0 else markdown[rest_end + 1 : next_end]
    if markdown[end:rest_end].strip() or next_line.strip():
        return None
    block = markdown[pos:end]
    if holds_raw_text(block) or _MARKDOWN_ATTR.search(block):
        return None
    return end


def put_back(html: str, blocks: dict[str, str]) -> str:
    """Restore the blocks `set_aside` took out of this page."""
    if not blocks:
        return html
    return re.sub(r"<!--(rk-stash-[0-9a-f]+-\d+)-->", lambda m: blocks.get(m.group(1), m.group(0)), html)
