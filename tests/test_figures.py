"""images/ is reproducible: every file is drawn by course_utils.figures and matches the committed one."""

from pathlib import Path

import pytest
from matplotlib.testing.compare import compare_images

from course_utils import figures

IMAGES = Path(__file__).resolve().parent.parent / "images"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("images")
    figures.draw_all(outdir)
    return outdir


@pytest.mark.parametrize("filename", sorted(figures.FIGURES))
def test_figure_matches_committed_image(regenerated, filename):
    committed = IMAGES / filename
    assert committed.exists(), f"{filename} is missing: run `python -m course_utils.figures` and commit images/"
    result = compare_images(str(committed), str(regenerated / filename), tol=2)
    assert result is None, result


def test_every_image_is_drawn_by_a_figure_function():
    orphans = sorted(p.name for p in IMAGES.iterdir() if p.is_file() and p.name not in figures.FIGURES)
    assert not orphans, f"files in images/ that no function in course_utils.figures draws: {orphans}"


def test_images_folder_is_small():
    total = sum(p.stat().st_size for p in IMAGES.rglob("*") if p.is_file())
    assert total < 5 * 1024 * 1024, f"images/ is {total / 1024 / 1024:.1f} MB"


def test_every_figure_has_alt_text_and_a_draw_function():
    for filename, (draw, alt_text) in figures.FIGURES.items():
        assert filename.endswith(".png") and callable(draw) and draw.__name__.startswith("draw_")
        assert len(alt_text.split()) >= 8, f"{filename}: alt text too short"


def test_drawing_is_deterministic(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    name = "why_deep_learning_now.png"
    figures.save_figure(figures.FIGURES[name][0](), tmp_path / "a" / name)
    figures.save_figure(figures.FIGURES[name][0](), tmp_path / "b" / name)
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
