"""How long an edit takes to reach the browser under plain `mkdocs serve`.

    python bench/bench_serve.py              # 3 edits of a glossary entry, median
    python bench/bench_serve.py --rounds 5
    python bench/bench_serve.py --smoke      # one edit (the test suite runs this)
    python bench/bench_serve.py --without-hook rebuild   # the same, that hook taken out of mkdocs.yml
    python bench/bench_serve.py --poll       # hooks/rebuild.py's caches, but MkDocs' polling watcher

Serves a copy of the project with `mkdocs serve` exactly as a user types it
(no `--watch` flags: the folders come from `watch:` in mkdocs.yml), opens the
livereload long-poll the page's own script opens, edits one glossary entry and
measures the wall time from the write until the poll answers (the moment the
browser starts reloading), then until the reloaded glossary page shows the
edit. It also prints the build times MkDocs logs, so the part spent waiting
for the file watcher can be told apart from the build itself (MkDocs polls
every 0.5 s; hooks/rebuild.py uses the system's file events instead, unless
READING_WATCH=poll, which --poll sets; either way MkDocs then waits 0.1 s
for more changes), and the CPU time the server spent per edit (user +
system, from /proc where there is one), which moves far less than wall time
when other work shares the machine: the load average is printed with it.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchkit import copy_project  # noqa: E402

ENTRY = "glossary/roscosmos.yml"
ANCHOR = "Russia’s state space corporation"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, timeout: float = 90) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def epoch_of(page: str) -> int:
    found = re.search(r"livereload\((\d+),\s*\d+\)", page)
    if found is None:
        sys.exit("the served page carries no livereload script")
    return int(found.group(1))


class Server:
    """`mkdocs serve` on a copy of the project, its log kept for the build times."""

    def __init__(self, project: Path, port: int, poll: bool = False) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
        if poll:
            env["READING_WATCH"] = "poll"
        self.url = f"http://127.0.0.1:{port}/"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.log: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.log.append(line.rstrip())

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                sys.exit("mkdocs serve stopped:\n" + "\n".join(self.log))
            try:
                get(self.url, timeout=2)
                return
            except OSError:
                time.sleep(0.2)
        sys.exit("mkdocs serve did not answer:\n" + "\n".join(self.log))

    def cpu(self) -> float | None:
        """CPU seconds the server process has used so far (None without /proc)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def build_times(self) -> list[float]:
        return [
            float(m.group(1)) for line in self.log if (m := re.search(r"Documentation built in ([\d.]+) seconds", line))
        ]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def one_edit(server: Server, project: Path, n: int) -> tuple[float, float]:
    """Seconds from the write to the poll's answer, and to the page showing it."""
    epoch = epoch_of(get(server.url + "glossary/"))
    answer: list[float] = []

    def poll() -> None:  # what the page's livereload script does
        get(f"{server.url}livereload/{epoch}/{n}")
        answer.append(time.perf_counter())

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    time.sleep(0.3)  # the poll is waiting, as in an open browser tab
    path = project / ENTRY
    text = path.read_text(encoding="utf-8")
    word = f"edit{n}x{time.time_ns()}"
    assert ANCHOR in text
    start = time.perf_counter()
    path.write_text(text.replace(ANCHOR, f"{ANCHOR} {word}", 1), encoding="utf-8")
    poller.join(timeout=90)
    if not answer:
        sys.exit("no reload reached the page within 90 s:\n" + "\n".join(server.log[-20:]))
    page = get(server.url + "glossary/")
    shown = time.perf_counter()
    if word not in page:
        sys.exit(f"the reloaded glossary page does not show the edit ({word}):\n" + "\n".join(server.log[-20:]))
    return answer[0] - start, shown - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="edits to time (the median counts)")
    parser.add_argument("--smoke", action="store_true", help="one edit: checks the bench runs, not the figures")
    parser.add_argument("--without-hook", metavar="NAME", help="take hooks/NAME.py out of the copy's mkdocs.yml")
    parser.add_argument("--poll", action="store_true", help="MkDocs' polling file watcher (READING_WATCH=poll)")
    args = parser.parse_args()
    rounds = 1 if args.smoke else args.rounds
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        config = copy_project(Path(tmp) / "project")
        project = config.parent
        if args.without_hook:
            text = config.read_text(encoding="utf-8")
            line = f"  - hooks/{args.without_hook}.py\n"
            if line not in text:
                sys.exit(f"mkdocs.yml lists no hooks/{args.without_hook}.py")
            config.write_text(text.replace(line, ""), encoding="utf-8")
        server = Server(project, free_port(), poll=args.poll)
        try:
            server.wait_ready()
            load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
            first = len(server.build_times())
            reload_times, shown_times, cpu_times = [], [], []
            for n in range(rounds):
                before = server.cpu()
                reload, shown = one_edit(server, project, n)
                after = server.cpu()
                reload_times.append(reload)
                shown_times.append(shown)
                if before is not None and after is not None:
                    cpu_times.append(after - before)
                time.sleep(0.5)
            builds = server.build_times()[first:]
            load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        finally:
            server.stop()
    watcher = "polling (READING_WATCH=poll)" if args.poll else "as configured"
    print(f"edit of {ENTRY} under plain `mkdocs serve`, {rounds} round(s), file watcher {watcher}:")
    print(
        f"  to the reload signal   median {statistics.median(reload_times):.2f}s  "
        f"({', '.join(f'{t:.2f}' for t in reload_times)})"
    )
    print(
        f"  to the page showing it median {statistics.median(shown_times):.2f}s  "
        f"({', '.join(f'{t:.2f}' for t in shown_times)})"
    )
    if cpu_times:
        print(
            f"  server CPU per edit    median {statistics.median(cpu_times):.2f}s  "
            f"({', '.join(f'{t:.2f}' for t in cpu_times)})"
        )
    if builds:
        print(
            f"  MkDocs' own build time median {statistics.median(builds):.2f}s  ({', '.join(f'{t:.2f}' for t in builds)})"
        )
    if load_before is not None and load_after is not None:
        print(f"  load average (1 min)   {load_before:.2f} before, {load_after:.2f} after, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
