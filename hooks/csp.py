"""Hook: every page carries its Content-Security-Policy (readkit/csp.py).

on_post_page (and on_post_template, for 404.html) inserts the `<meta
http-equiv="Content-Security-Policy">` tag with the hashes of the page's own
inline scripts, once the page's HTML is final. The offline copy (a build with
Material's offline plugin, mkdocs.offline.yml) gets the file:// variant, which
also allows the one inline script the search worker shim (a local file listed
in `extra.polyfills`) writes into its frame.
`mkdocs serve` leaves the tag out: its live reload adds an inline script to
every page it serves, which the policy would block.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from readkit.csp import CSPError, add_policy

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

_serving = {"on": False}


def on_startup(*, command: str, dirty: bool) -> None:
    _serving["on"] = command == "serve"


def _offline(config: MkDocsConfig) -> bool:
    return any(name.split("/")[-1] == "offline" for name in config.plugins)


def _shim(config: MkDocsConfig) -> str | None:
    """The worker shim's source (the local polyfill that writes a frame), if any."""
    for entry in config.extra.get("polyfills") or []:
        path = Path(config.docs_dir) / str(entry)
        if "://" not in str(entry) and path.is_file():
            text = path.read_text(encoding="utf-8")
            if "document.write(`<html><body><script>" in text:
                return text
    return None


def _with_policy(html: str, where: str, config: MkDocsConfig) -> str:
    if _serving["on"]:
        return html
    try:
        offline = _offline(config)
        return add_policy(html, offline=offline, shim=_shim(config) if offline else None)
    except CSPError as err:
        raise PluginError(
            f"{where}: {err}. The Content-Security-Policy must come before any script (see overrides/main.html)"
        ) from None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _with_policy(output, page.file.src_uri, config)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return _with_policy(output_content, template_name, config)
