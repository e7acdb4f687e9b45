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
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import rcssmin
import rjsmin

# The project's own JS and CSS that a page loads, gzipped, together (bytes).
BUDGET = 20 * 1024


@dataclass
class Plan:
    """What one build bundles: the local stylesheets and plain scripts, in
    order, and the scripts fetched on demand (path -> CSS selector)."""

    minified: bool = True
    css: list[str] = field(default_factory=list)
    js: list[str] = field(default_factory=list)
    on_demand: dict[str, str] = field(default_factory=dict)


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


ON_DEMAND_DIR = "assets/on-demand"


def on_demand_uri(uri: str) -> str:
    """Where a script loaded on demand is served (minified like the bundle)."""
    return f"{ON_DEMAND_DIR}/{PurePosixPath(uri).name}"


def loader(on_demand: dict[str, str]) -> str:
    """A few lines for the end of the bundle: on every page (Material's
    instant navigation included) each script in `on_demand` (uri -> CSS
    selector) is loaded once, when what the selector names first comes
    within 600px of the screen (an element hidden until its script runs is
    watched through the element before it). Addresses are relative to the
    bundle's own, so the site works under any base path and from disk. The
    bundle runs once the page is parsed (`defer`, or fetched after the load
    event), so the page is there to look at."""
    if not on_demand:
        return ""
    table = json.dumps(
        {sel: PurePosixPath(on_demand_uri(uri)).relative_to("assets").as_posix() for uri, sel in on_demand.items()},
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return (
        "(function(){var L=" + table + ",B=document.currentScript.src,D={},"
        "W=new IntersectionObserver(function(es){es.forEach(function(e){"
        'if(e.isIntersecting){W.unobserve(e.target);get(e.target.arDemand)}})},{rootMargin:"600px"});'
        'function get(s){if(!D[s]){D[s]=1;var e=document.createElement("script");e.src=new URL(L[s],B).href;'
        "document.body.appendChild(e)}}"
        "function go(){for(var s in L){var el=document.querySelector(s),"
        "at=el&&(el.hidden?el.previousElementSibling||el.parentElement:el);"
        "if(at&&!D[s]){at.arDemand=s;W.observe(at)}}}"
        "window.document$?document$.subscribe(go):go()})();\n"
    )


def site_js(docs_dir: Path, uris: list[str], on_demand: dict[str, str], *, minified: bool = True) -> str:
    """The bundle pages load: every script but those loaded on demand, then the loader."""
    return bundle(docs_dir, [u for u in uris if u not in on_demand], "js", minified=minified) + loader(on_demand)


# Pages whose content is shorter than this (characters of HTML) fetch the
# bundle once they have loaded instead of with `defer` (see fetch_after_load).
SHORT_PAGE = 32_000


def fetch_after_load(content_chars: int, *, section: bool) -> bool:
    """Whether a page fetches the bundle after its load event (mode.js,
    data-later) rather than with `defer`.

    Not on a section page: its first screen waits for the bundle (the glosses
    of Explain words). Not on a long page either: there Material's own
    start-up when the page is parsed is heavy, and a deferred script after
    Material's keeps that work out of the task that runs Material's bundle;
    without it the two make one long task (measured on the glossary and
    sources pages). On the short pages left, nothing on the first screen
    needs the bundle, and fetching it later takes its download and start-up
    out of the page's first moments."""
    return not section and content_chars < SHORT_PAGE


def gzipped_size(text: str) -> int:
    """Bytes on the wire when served gzip-compressed (level 9, no header name or time)."""
    return len(gzip.compress(text.encode("utf-8"), 9, mtime=0))
