"""A Content-Security-Policy for every page, as a `<meta http-equiv>` tag.

GitHub Pages cannot send headers, so the policy goes into each page's
`<head>`, before any script. It lets scripts run only from the site itself
plus the exact inline scripts the page carries when it is built (Material
writes three: the storage helpers, the palette restore and the anchor fix);
their SHA-256 hashes are computed from the page's own HTML. Nothing else
inline runs: no `<script>` added later, no `onclick=` or other event
attribute, no `javascript:` URL. Styles come from the site's stylesheets only
(no page has a `style` attribute or `<style>` element; scripts that position
tooltips set `element.style`, which a policy does not restrict). Images may
also be `data:` URLs, because Material's stylesheet draws its icons with
them. No other host is named anywhere.

The offline copy is opened from `file://`. Chromium counts the copy's other
files as 'self' there; browsers that give every file an origin of its own do
not, so the offline variant also names `file:` (local files only: still no
host). Its search worker runs through a shim (docs/assets/vendor/iframe-worker)
that writes one inline script into a frame, which inherits the page's policy;
that script is spelled out from the shim's source at build time and hashed
like the others.
"""

from __future__ import annotations

import base64
import hashlib
import re

# An executable inline script: no src, and no type or a JavaScript type
# (the page's `<script type="application/json">` configuration is data).
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.S | re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.I)


class CSPError(Exception):
    """The page cannot carry the policy (no <head>, or a script before it)."""


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script the browser would run, in page order."""
    out = []
    for m in _SCRIPT.finditer(page):
        attrs = m.group("attrs")
        if _SRC.search(attrs):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _JS_TYPES:
            out.append(m.group("body"))
    return out


def script_hash(text: str) -> str:
    """The CSP source for one inline script: 'sha256-<base64 of its UTF-8 bytes>'."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


# -- The offline copy's search worker shim -------------------------------------------

_TEMPLATE = re.compile(r"document\.write\(`<html><body><script>(?P<body>.*?)<\\/script>")
_CONFIG = re.compile(r'<script id="__config" type="application/json">(?P<json>.*?)</script>', re.S)


def _function_source(js: str, name: str) -> str:
    """The source text of `function name(...){...}` in `js`, as Function.prototype.toString gives it."""
    start = js.find(f"function {name}(")
    if start == -1:
        raise CSPError(f"the worker shim has no function {name}")
    depth, i = 0, js.index("{", start)
    while True:
        if js[i] == "{":
            depth += 1
        elif js[i] == "}":
            depth -= 1
            if depth == 0:
                return js[start : i + 1]
        i += 1


def shim_frame_script(shim: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim writes into its frame for
    `worker_url` (from the shim's template, its functions spelled out). The
    frame inherits the page's policy, so the page must allow this one script."""
    m = _TEMPLATE.search(shim)
    if m is None:
        raise CSPError("the worker shim's frame template was not found")
    return re.sub(
        r"\$\{(\w+)\}",
        lambda p: worker_url if p.group(1) == "e" else _function_source(shim, p.group(1)),
        m.group("body"),
    )


def worker_url(page: str) -> str | None:
    """The search worker's address in the page's Material configuration."""
    import json

    m = _CONFIG.search(page)
    return json.loads(m.group("json")).get("search") if m else None


def policy(hashes: list[str], *, offline: bool = False) -> str:
    """The policy for a page whose inline scripts have these `hashes`."""
    own = "'self' file:" if offline else "'self'"
    scripts = " ".join([own, *dict.fromkeys(hashes)])
    return "; ".join(
        [
            f"default-src {own}",
            f"script-src {scripts}",
            f"style-src {own}",
            f"img-src {own} data:",
            f"font-src {own}",
            f"connect-src {own}",
            f"worker-src {own}",
            f"frame-src {own}",
            f"manifest-src {own}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def meta_tag(content: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'


def add_policy(page: str, *, offline: bool = False, shim: str | None = None) -> str:
    """`page` with its policy inserted right after `<meta charset>` (or `<head>`).
    `shim`: the search worker shim's source, when the page loads it (offline)."""
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        raise CSPError("the page has no <head>")
    first_script = re.search(r"<script\b", page, re.I)
    if first_script is not None and first_script.start() < anchor.end():
        raise CSPError("a script comes before the page's <meta charset>")
    scripts = inline_scripts(page)
    url = worker_url(page) if shim else None
    if shim and url:
        scripts.append(shim_frame_script(shim, url))
    tag = meta_tag(policy([script_hash(s) for s in scripts], offline=offline))
    return page[: anchor.end()] + tag + page[anchor.end() :]
