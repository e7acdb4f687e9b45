"""The shared test helpers keep the suite's builds in this process: a build
that crashes here runs again in a subprocess (see helpers.build), which hides
the crash and costs an interpreter start and every import."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import ROOT, SUBPROCESS_BUILDS, bench_module


def test_a_bench_module_leaves_sys_path_and_modules_as_they_were():
    bench_module("page_cost")  # imports bench/benchkit.py, lighthouse.py and serve_gzip.py
    assert str(ROOT / "bench") not in sys.path
    assert "benchkit" not in sys.modules and "serve_gzip" not in sys.modules


def test_the_sites_build_ran_in_this_process(built_site: Path):
    assert (built_site / "index.html").is_file()
    fell_back = [line for config, line in SUBPROCESS_BUILDS if config == str(ROOT / "mkdocs.yml")]
    assert not fell_back, f"the site's build crashed in the test process: {fell_back[0]}"
