"""Every benchmark in bench/ still runs: one round on a small corpus (each
bench's --smoke mode), so a bench that breaks fails the suite instead of
waiting for the next person who times something. The figures are not checked
here: performance is measured by running the benches, never asserted in tests.

Not run here: bench/lighthouse_compare.py, which builds several git revisions
and needs Lighthouse from npm; bench/lighthouse.py runs in its --smoke mode,
which checks everything but Lighthouse itself. The benches that drive
Chromium (axe_matrix, page_cost, density) carry the browser marker too. capture_markdown.py (a hook
bench_build installs) and serve_gzip.py (the server lighthouse.py uses) run
inside those benches.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, build_env, early_output, may_start_early

pytestmark = pytest.mark.bench
BENCH = ROOT / "bench"


def run(*args: str, ok: tuple[int, ...] = (0,)) -> str:
    proc = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=build_env(), capture_output=True, text=True, timeout=600
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode in ok, out
    assert "Traceback" not in out, out
    return out


# These three need nothing the tests build, so they may run beside the other
# tests (helpers.may_start_early); each test checks its own run.
for _test, _script in (
    ("test_bench_build_runs", "bench_build.py"),
    ("test_bench_glossary_runs_both_pairs", "bench_glossary.py"),
    ("test_bench_serve_times_an_edit_under_plain_mkdocs_serve", "bench_serve.py"),
):
    may_start_early(_script, f"{Path(__file__).name}::{_test}", [sys.executable, str(BENCH / _script), "--smoke"])


def started(script: str) -> str:
    code, out, _ = early_output(script)
    assert code == 0, out
    assert "Traceback" not in out, out
    return out


def test_bench_build_runs():
    out = started("bench_build.py")
    assert out.count("ratio with / without") == 3, out
    assert "project JS and CSS" in out


def test_bench_glossary_runs_both_pairs():
    # The real-site pair used to stop: without the glossary hook, the
    # glossary page's marker was left unexpanded.
    out = started("bench_glossary.py")
    assert "ratio 1,000 / 10 terms" in out and "ratio with / without" in out, out


def test_bench_serve_times_an_edit_under_plain_mkdocs_serve():
    out = started("bench_serve.py")
    assert "to the reload signal" in out and "to the page showing it" in out, out


def test_lighthouse_bench_serves_every_page_gzipped(built_site: Path):
    out = run(str(BENCH / "lighthouse.py"), "--smoke", "--site", str(built_site))
    pages = len([p for p in built_site.rglob("*.html") if p.name != "404.html"])
    assert f"smoke: {pages} pages served gzipped" in out, out


def test_lighthouse_bench_builds_and_serves_plain_material(built_site: Path):
    # --baseline: the floor (our theme settings, none of our code) builds with
    # --strict and is served gzipped beside the pages.
    out = run(str(BENCH / "lighthouse.py"), "--smoke", "--baseline", "--site", str(built_site))
    assert "smoke: 1 pages served gzipped" in out, out
    pages = len([p for p in built_site.rglob("*.html") if p.name != "404.html"])
    assert f"smoke: {pages} pages served gzipped" in out, out


def test_lighthouse_bench_refuses_bad_arguments(built_site: Path):
    out = run(str(BENCH / "lighthouse.py"), "--smoke", "--site", str(built_site), "--runs", "0", ok=(2,))
    assert "--runs must be at least 1" in out


def test_asset_weight_bench_runs(built_site: Path):
    # Exit 1 means over budget: a finding (tests/test_assets.py holds the budget), not a crash.
    out = run(str(BENCH / "asset_weight.py"), "--site", str(built_site), ok=(0, 1))
    assert "total every page loads, gzipped" in out, out


@pytest.mark.browser
def test_axe_matrix_bench_runs(built_site: Path):
    # Exit 1 means violations found (the browser tests assert none): a finding, not a crash.
    if not (BENCH / "axe_matrix.py").exists():
        pytest.skip("bench/axe_matrix.py is not in this tree")
    out = run(
        str(BENCH / "axe_matrix.py"),
        "--site",
        str(built_site),
        "--pages",
        "about/",
        "--sizes",
        "390x844",
        "--schemes",
        "light",
        "--modes",
        "default",
        ok=(0, 1),
    )
    assert "about" in out, out


@pytest.mark.browser
def test_page_cost_bench_runs(built_site: Path):
    out = run(str(BENCH / "page_cost.py"), "--site", str(built_site), "--pages", "about/", "--loads", "1")
    assert "about" in out, out


@pytest.mark.browser
def test_density_bench_runs():
    # It builds the site itself, then counts in Chromium.
    out = run(str(BENCH / "density.py"))
    assert out.strip(), out
