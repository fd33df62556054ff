"""One formatter and linter, ruff, over the package, the tooling, the tests and
the notebooks' code cells (settings in pyproject.toml and notebooks/ruff.toml).

To fix what these tests find: `python -m ruff format .` then `python -m ruff check --fix .`.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ruff(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "ruff", *arguments, "--no-cache", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_code_is_formatted():
    result = ruff("format", "--check")
    assert result.returncode == 0, "run `python -m ruff format .`:\n" + result.stdout


def test_code_passes_the_linter():
    result = ruff("check", "--output-format", "concise")
    assert result.returncode == 0, "run `python -m ruff check --fix .`:\n" + result.stdout


def test_notebook_cells_get_the_narrower_line_limit():
    """notebooks/ruff.toml really applies: a 90-character line in a notebook is too long."""
    line = "x = " + " + ".join(["1"] * 21)
    assert 79 < len(line) <= 100
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--diff",
            "--stdin-filename",
            "notebooks/probe.py",
        ],
        cwd=ROOT,
        input=line + "\n",
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "+x = (" in result.stdout + result.stderr, result
