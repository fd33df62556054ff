"""Shared test set-up: make the repository root importable (for course.py)
and use matplotlib's non-interactive backend."""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
