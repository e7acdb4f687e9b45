"""Serve a built site roughly the way GitHub Pages does, for benchmarks.

Text files (html, css, js, json, svg, xml, txt, map) are sent gzip-encoded to
clients that accept gzip; missing paths get the site's 404.html with status 404;
responses carry `Cache-Control: max-age=600`.

    python bench/serve_gzip.py DIR [--port N]      # serve in the foreground

    from serve_gzip import serve
    server = serve(directory, port=0)              # runs in a daemon thread
    port = server.server_address[1]
    ...
    server.shutdown(); server.server_close()
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import io
import os
import sys
import threading
import urllib.parse
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

GZIP_TYPES = {".html", ".htm", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}


@functools.lru_cache(maxsize=4096)
def _compressed(path: str, mtime_ns: int) -> bytes:
    # mtime_ns is part of the cache key so edited files are recompressed.
    with open(path, "rb") as f:
        return gzip.compress(f.read(), compresslevel=6, mtime=0)


class Handler(SimpleHTTPRequestHandler):
    # Keep-alive, as a real host does; every response sets Content-Length.
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if os.environ.get("SERVE_GZIP_LOG"):
            super().log_message(format, *args)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def _accepts_gzip(self) -> bool:
        accept = self.headers.get("Accept-Encoding", "")
        return any(part.split(";")[0].strip() == "gzip" for part in accept.split(","))

    def send_head(self) -> BinaryIO | None:  # type: ignore[override]
        url_path = urllib.parse.urlsplit(self.path).path
        fs_path = self.translate_path(self.path)
        if os.path.isdir(fs_path):
            if not url_path.endswith("/"):
                return super().send_head()  # the stdlib sends the 301 to "dir/"
            fs_path = os.path.join(fs_path, "index.html")
        status = HTTPStatus.OK
        if not os.path.isfile(fs_path):
            fs_path = os.path.join(self.directory, "404.html")
            if not os.path.isfile(fs_path):
                return super().send_head()
            status = HTTPStatus.NOT_FOUND
        ext = os.path.splitext(fs_path)[1].lower()
        if status == HTTPStatus.OK and not (ext in GZIP_TYPES and self._accepts_gzip()):
            return super().send_head()  # binary or no gzip: plain stdlib behaviour

        stat = os.stat(fs_path)
        if ext in GZIP_TYPES and self._accepts_gzip():
            body = _compressed(fs_path, stat.st_mtime_ns)
            encoding: str | None = "gzip"
        else:
            body = Path(fs_path).read_bytes()
            encoding = None
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(fs_path))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)


class Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that drops a kept-alive connection (Lighthouse closes its
        # Chrome between runs) is normal; other errors are still printed.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def serve(directory: str | os.PathLike[str], port: int = 0, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """Start serving directory on host:port (0 = any free port) in a daemon thread."""
    handler = functools.partial(Handler, directory=str(directory))
    server = Server((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True, name="serve_gzip").start()
    return server


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        parser.error(f"not a directory: {args.directory}")
    server = serve(args.directory, args.port, args.host)
    host, port = server.server_address[:2]
    print(f"Serving {args.directory} at http://{host}:{port}/ (gzip), Ctrl-C to stop", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
