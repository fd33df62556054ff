"""Shared test set-up: make the repository root importable (for course.py)
and use matplotlib's non-interactive backend; the fixture drawn_titles."""

import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@pytest.fixture
def drawn_titles(monkeypatch):
    """The first Axes title of every figure the explorers turn into a picture, in order."""
    from course_utils.widgets import picture

    titles = []
    to_png = picture.figure_png

    def record(fig):
        titles.append(fig.axes[0].get_title())
        return to_png(fig)

    monkeypatch.setattr(picture, "figure_png", record)
    return titles
