"""Typesetting the article's words: quotations set apart from the author's prose.

The article quotes other documents inline, between single curly quotes
(‘…’, with “…” nested inside). `mark_quotations` wraps each such quotation,
its quote marks included, in `<span class="ar-quote">` so the stylesheet
can set it apart; the text itself is unchanged. A closing ’ followed by a
letter is an apostrophe (the country’s), not the end of a quotation.
"""

from __future__ import annotations

import re

# ‘ then anything up to the first ’ that is not followed by a letter or digit
# (an apostrophe inside a word) and does not stop before the quote's first character.
_QUOTATION = re.compile(r"‘(?=\S)[^‘]*?’(?![\w])")


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each inline quotation in text, quote marks included."""
    return [m.span() for m in _QUOTATION.finditer(text)]


def mark_quotations(escaped: str) -> str:
    """Wrap each quotation of already escaped text in <span class="ar-quote">.

    Escaping leaves ‘ and ’ as they are, so the spans of the plain text and
    of the escaped text hold the same quotations."""
    return _QUOTATION.sub(lambda m: f'<span class="ar-quote">{m.group(0)}</span>', escaped)
