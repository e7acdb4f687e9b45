"""Compare two built sites: every page's <article>, the search index and the sitemap.

    python scripts/compare_builds.py OLD_SITE NEW_SITE

Prints one line per difference (the page and the first differing text) and
a summary; exits 1 if anything differs. A page whose article differs only
in white space between tags or in how a character is written (`'` or
`&#x27;`) is reported as such: the same page to a browser. Used to show that a change to the
build left the built site as it was (or changed only what it meant to).
"""

from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def article(path: Path) -> str | None:
    m = ARTICLE.search(path.read_text(encoding="utf-8"))
    return m.group(1) if m else None


def normalized(text: str) -> str:
    """What a browser makes of the text: white space between tags and character references aside."""
    return html.unescape(re.sub(r">\s+<", "><", text))


def first_difference(old: str, new: str, context: int = 60) -> str:
    """Where the two texts part, with a little text around it from each."""
    i = 0
    while i < min(len(old), len(new)) and old[i] == new[i]:
        i += 1
    start = max(0, i - context)
    return f"at {i}: {old[start : i + context]!r} -> {new[start : i + context]!r}"


def compare(old_site: Path, new_site: Path) -> list[str]:
    problems: list[str] = []
    old_pages = {p.relative_to(old_site) for p in old_site.rglob("*.html")}
    new_pages = {p.relative_to(new_site) for p in new_site.rglob("*.html")}
    for missing in sorted(old_pages - new_pages):
        problems.append(f"{missing}: only in the old site")
    for added in sorted(new_pages - old_pages):
        problems.append(f"{added}: only in the new site")
    for rel in sorted(old_pages & new_pages):
        a, b = article(old_site / rel), article(new_site / rel)
        if a != b:
            same = a is not None and b is not None and normalized(a) == normalized(b)
            kind = "differs in white space or character references only" if same else "differs"
            problems.append(f"{rel}: <article> {kind} {first_difference(a or '', b or '')}")
    index = Path("search/search_index.json")
    if (old_site / index).exists() or (new_site / index).exists():
        a_json = json.loads((old_site / index).read_text(encoding="utf-8"))
        b_json = json.loads((new_site / index).read_text(encoding="utf-8"))
        if a_json != b_json:
            a_docs = {d["location"]: d for d in a_json.get("docs", [])}
            b_docs = {d["location"]: d for d in b_json.get("docs", [])}
            changed = sorted(k for k in a_docs.keys() | b_docs.keys() if a_docs.get(k) != b_docs.get(k))
            same = all(
                k in a_docs and k in b_docs and normalized(a_docs[k]["text"]) == normalized(b_docs[k]["text"])
                for k in changed
            )
            kind = "in character references only" if same else ""
            problems.append(f"search index differs {kind}: {len(changed)} entries, e.g. {changed[:5]}")
    sitemap = Path("sitemap.xml")
    if (old_site / sitemap).read_text(encoding="utf-8") != (new_site / sitemap).read_text(encoding="utf-8"):
        problems.append("sitemap.xml differs")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    old_site, new_site = Path(argv[0]), Path(argv[1])
    problems = compare(old_site, new_site)
    pages = len(list(old_site.rglob("*.html")))
    for line in problems:
        print(line)
    print(f"{pages} pages compared (article, search index, sitemap): {len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
