"""images/ is reproducible: each file is drawn by course_tools.figures, as committed.

The figures with numbers in them are also tested on the data behind them (bottom of this file)."""

import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

from course_tools import figures
from course_utils.activations import relu_derivative, sigmoid_derivative
from course_utils.data import house_prices
from course_utils.gradcheck import numerical_gradient, relative_error
from course_utils.losses import huber, mae, mse

IMAGES = Path(__file__).resolve().parent.parent / "images"
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("images")
    figures.draw_all(outdir)
    return outdir


@pytest.mark.parametrize("filename", sorted(figures.FIGURES))
def test_figure_matches_committed_image(regenerated, filename):
    committed = IMAGES / filename
    assert committed.exists(), (
        f"{filename} is missing: run `python -m course_tools.figures` and commit images/"
    )
    result = compare_images(str(committed), str(regenerated / filename), tol=2)
    assert result is None, result


def test_every_image_is_drawn_by_a_figure_function():
    orphans = sorted(
        p.name for p in IMAGES.iterdir() if p.is_file() and p.name not in figures.FIGURES
    )
    assert not orphans, (
        f"files in images/ that no function in course_tools.figures draws: {orphans}"
    )


def test_images_folder_is_small():
    total = sum(p.stat().st_size for p in IMAGES.rglob("*") if p.is_file())
    assert total < 5 * 1024 * 1024, f"images/ is {total / 1024 / 1024:.1f} MB"


def test_every_figure_is_shown_in_a_notebook():
    shown = " ".join(path.read_text(encoding="utf-8") for path in NOTEBOOKS.glob("*.ipynb"))
    unused = sorted(name for name in figures.FIGURES if f"../images/{name}" not in shown)
    assert not unused, f"figures no notebook shows (use them or stop drawing them): {unused}"


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


def test_images_are_small():
    sizes = {p.name: p.stat().st_size for p in IMAGES.iterdir() if p.is_file()}
    too_big = {name: f"{size / 1024:.0f} kB" for name, size in sizes.items() if size > 100 * 1024}
    assert not too_big, f"images over 100 kB: {too_big}"
    assert sum(sizes.values()) < 2.5 * 1024 * 1024


def test_new_figures_are_deterministic(tmp_path):
    for name in ("backprop_graph.png", "normalisation.png", "data_augmentation.png"):
        first, second = tmp_path / f"a_{name}", tmp_path / f"b_{name}"
        figures.save_figure(figures.FIGURES[name][0](), first)
        figures.save_figure(figures.FIGURES[name][0](), second)
        assert first.read_bytes() == second.read_bytes(), name


# --- the data behind the figures: the numbers a learner reads off them must be right ---------


def test_backprop_graph_numbers_match_a_numerical_gradient():
    values, grads = figures.backprop_numbers()
    assert values["z"] == pytest.approx(0.5 * 1.0 - 0.3 * 2.0 + 0.4)
    assert values["a"] == pytest.approx(1 / (1 + np.exp(-0.3)))
    assert values["L"] == pytest.approx((values["a"] - 1.0) ** 2)
    names = ["x1", "x2", "w1", "w2", "b"]

    def loss(params):
        x1, x2, w1, w2, b = params
        return figures.backprop_numbers(x=(x1, x2), w=(w1, w2), b=b, y=1.0)[0]["L"]

    params = np.array([values[name] for name in names])
    numerical = numerical_gradient(loss, params)
    analytic = np.array([grads[name] for name in names])
    assert relative_error(analytic, numerical) < 1e-7
    # the intermediate gradients, by hand: dL/da = 2(a - y), dL/dz = dL/da * a(1 - a)
    assert grads["a"] == pytest.approx(2 * (values["a"] - 1.0))
    assert grads["z"] == pytest.approx(grads["a"] * values["a"] * (1 - values["a"]))


def test_backprop_alt_text_quotes_the_computed_numbers():
    values, grads = figures.backprop_numbers()
    alt = figures.FIGURES["backprop_graph.png"][1]
    for number in (
        values["z"],
        values["a"],
        values["L"],
        grads["a"],
        grads["z"],
        grads["w1"],
        grads["w2"],
    ):
        assert f"{number:.3f}".rstrip("0").rstrip(".") in alt


def test_gradient_descent_run_is_real_and_goes_downhill():
    ws, losses = figures.gradient_descent_1d(
        w0=-2.5, learning_rate=0.15, steps=8, minimum=1.5, floor=0.5
    )
    t = np.arange(9)
    assert np.allclose(
        ws, 1.5 + (-2.5 - 1.5) * (1 - 2 * 0.15) ** t
    )  # w_t - w* shrinks by (1 - 2 eta) each step
    assert np.all(np.diff(losses) < 0) and np.all(ws < 1.5)


def test_loss_figure_annotation_is_right():
    assert (
        mse(np.zeros(1), [3.0]) == 9.0
        and mae(np.zeros(1), [3.0]) == 3.0
        and huber(np.zeros(1), [3.0]) == 2.5
    )


@pytest.mark.parametrize(
    "name, formula, function, derivative", [row for row in figures.ZOO if row[3] is not None]
)
def test_activation_zoo_pairs_each_function_with_its_derivative(
    name, formula, function, derivative
):
    z = np.array([-2.5, -1.2, -0.3, 0.4, 1.1, 2.7])  # away from kinks at 0
    numerical = (function(z + 1e-6) - function(z - 1e-6)) / 2e-6
    assert np.allclose(derivative(z), numerical, atol=1e-6), name


def test_jumps_are_drawn_as_gaps_not_vertical_lines():
    fig = Figure()
    ax = fig.subplots()
    z = np.linspace(-1, 1, 201)
    figures._plot_with_jumps(ax, z, relu_derivative(z))
    y = ax.lines[0].get_ydata()
    assert np.isnan(y).sum() == 1 and len(y) == len(z) + 1


def test_dropout_mask_drops_and_keeps_units_in_every_hidden_layer():
    masks = figures.dropout_mask()
    assert all(mask.any() and not mask.all() for mask in masks)
    assert (
        sum(int((~mask).sum()) for mask in masks) == 5
    )  # "five of the ten hidden units" in the alt text
    assert "five of the ten" in figures.FIGURES["dropout.png"][1]


def test_weight_decay_optimum_is_the_penalised_minimum_and_closer_to_zero():
    H, w_star = figures.WEIGHT_DECAY_H, figures.WEIGHT_DECAY_OPTIMUM
    assert np.allclose(figures.weight_decay_optimum(0.0), w_star)
    w_lam = figures.weight_decay_optimum(1.5)
    assert np.allclose(
        H @ (w_lam - w_star) + 1.5 * w_lam, 0
    )  # gradient of L + lam/2 |w|^2 vanishes
    assert np.linalg.norm(w_lam) < np.linalg.norm(w_star)
    grad_loss = H @ (
        w_lam - w_star
    )  # tangency: the loss gradient points along w (the circle's normal)
    assert abs(grad_loss[0] * w_lam[1] - grad_loss[1] * w_lam[0]) < 1e-12
    assert np.linalg.norm(figures.weight_decay_optimum(10.0)) < np.linalg.norm(
        w_lam
    )  # more decay, smaller w
    assert f"({w_lam[0]:.2f}, {w_lam[1]:.2f})" in figures.FIGURES["weight_decay.png"][1]


def test_normalisation_raw_features_zig_zag_and_standardised_go_straight():
    runs = figures.normalisation_paths()
    raw, std = runs["unscaled"], runs["standardised"]
    assert raw["eigenvalues"][1] / raw["eigenvalues"][0] > 10
    assert std["eigenvalues"][1] / std["eigenvalues"][0] < 1.5
    raw_steps = np.diff(raw["path"], axis=0)
    assert np.all(
        raw_steps[:-1, 1] * raw_steps[1:, 1] < 0
    )  # w2 changes direction every step: a zig-zag
    start, goal = std["path"][0], std["optimum"]
    direction = (goal - start) / np.linalg.norm(goal - start)
    offsets = std["path"] - start
    off_line = offsets - np.outer(offsets @ direction, direction)
    # a straight path: no point strays from the line start -> minimum by 5% of its length
    # (the raw path strays by 69%)
    assert np.linalg.norm(off_line, axis=1).max() < 0.05 * np.linalg.norm(goal - start)
    # the caption: each run has its best learning rate; the raw one sits just under the raw
    # problem's limit 2 / lambda_max, and the standardised one is ten times larger
    assert 0.8 < raw["learning_rate"] * raw["eigenvalues"][1] / 2 < 1
    assert std["learning_rate"] > 5 * raw["learning_rate"]

    def final_loss(run):
        return np.mean((run["X"] @ run["path"][-1] - run["y"]) ** 2)

    def best_loss(run):
        return np.mean((run["X"] @ run["optimum"] - run["y"]) ** 2)

    assert best_loss(raw) == pytest.approx(best_loss(std))  # the same model, only rescaled
    assert final_loss(std) < 1.01 * best_loss(std) < final_loss(raw) / 10


def test_normalisation_figure_uses_the_feature_scales_of_notebook_07():
    ratio = figures.NORMALISATION_SCALES[1] / figures.NORMALISATION_SCALES[0]
    fig = figures.draw_normalisation()
    assert f"spread {ratio:g}\u00d7 wider" in fig.axes[0].get_title()
    text = (NOTEBOOKS / "07_training_in_practice.ipynb").read_text(encoding="utf-8")
    assert f"spread {ratio:g} times wider" in text  # "the second spread 5 times wider"
    assert f"[1.0, {ratio:.1f}]" in text  # the experiment's own scales


def test_augmented_images_keep_the_fish():
    images = dict(figures.augmented_images())
    original = images["original"]
    assert original.shape == (12, 12)
    assert np.array_equal(images["flipped left\u2013right"], original[:, ::-1])
    shifted = images["shifted 1 px right, 1 px down"]
    assert shifted.sum() == original.sum()  # nothing falls off the edge
    assert np.array_equal(shifted[1:, 1:], original[:-1, :-1])
    noisy = images["noise added (\u03c3 = 0.2)"]
    assert noisy.min() >= 0 and noisy.max() <= 1 and not np.array_equal(noisy, original)
    assert "shifted 1 pixel right and 1 down" in figures.FIGURES["data_augmentation.png"][1]


def test_sigmoid_saturation_threshold_matches_the_alt_text():
    z = np.linspace(0, 8, 801)
    edge = z[sigmoid_derivative(z) >= figures.SATURATION_LEVEL].max()
    assert round(edge, 1) == 3.9 and "3.9" in figures.FIGURES["sigmoid_vs_relu.png"][1]


def test_leaky_relu_panel_states_the_slope_it_draws():
    ((name, formula, function, derivative),) = [
        row for row in figures.ZOO if row[0].startswith("leaky ReLU")
    ]
    drawn_alpha = float(derivative(np.array([-1.0]))[0])
    assert function(np.array([-1.0]))[0] == pytest.approx(-drawn_alpha)
    assert f"\u03b1 = {drawn_alpha:g}" in name  # the panel says which slope it draws
    if drawn_alpha != 0.01:  # not the package default: say so, and why
        assert "for visibility" in name and "0.01" in formula
        assert f"slope {drawn_alpha:g}" in figures.FIGURES["activation_zoo.png"][1]


def test_neuron_figure_states_the_shapes_notebook_02_uses():
    fig = figures.draw_neuron_computation()
    (caption,) = [t.get_text() for t in fig.axes[0].texts if "shape" in t.get_text()]
    x_shape, w_shape = figures.NEURON_SHAPES["x"], figures.NEURON_SHAPES["w"]
    assert x_shape == w_shape == (3,)  # notebook 02: x = np.array([2.0, 1.0, 3.0]), w alike
    assert f"shape {x_shape}" in caption and "single numbers" in caption
    z = np.ones(x_shape) @ np.ones(w_shape) + 1.0  # x @ w + b
    assert z.ndim == 0  # the caption's "z is a single number" holds for these shapes


def test_regression_figure_prices_the_new_house_like_notebook_01():
    size, price, slope, intercept = figures.house_regression()
    X, y = house_prices(n=30, seed=0)  # notebook 01: data.house_prices(n=30, seed=0)
    np.testing.assert_array_equal(size, X[:, 0])
    np.testing.assert_array_equal(price, y)
    predicted = slope * figures.NEW_HOUSE_SIZE + intercept
    notebook = nbformat.read(NOTEBOOKS / "01_what_is_ml.ipynb", as_version=4)
    printed = "".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    match = re.search(r"predicted price of a (\d+) m\u00b2 house: (\d+) thousand", printed)
    assert match, "notebook 01 should print the predicted price of the new house"
    assert int(match.group(1)) == figures.NEW_HOUSE_SIZE
    assert int(match.group(2)) == round(predicted)
    fig = figures.draw_regression_vs_classification()
    annotation = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert f"predict {round(predicted)} thousand" in annotation


def test_huber_note_states_the_formula_the_curve_follows():
    note = figures.HUBER_NOTE
    assert "\\frac{1}{2}r^2" in note and "half of MSE" in note
    for r in np.linspace(-1, 1, 9):  # |r| <= delta = 1: half the squared error
        assert huber(np.zeros(1), [r]) == pytest.approx(0.5 * r**2)
        assert huber(np.zeros(1), [r]) == pytest.approx(0.5 * mse(np.zeros(1), [r]))
    for r in (-3.0, -1.5, 2.0, 3.0):  # beyond: delta (|r| - delta / 2), straight like MAE
        assert huber(np.zeros(1), [r]) == pytest.approx(abs(r) - 0.5)


def test_activation_zoo_is_in_the_order_of_notebook_05():
    from course_utils.widgets import ZOO as NOTEBOOK_ORDER  # notebook 05's table and plots

    drawn = [row[0].split(" (")[0].lower().replace(" ", "_") for row in figures.ZOO]
    assert drawn == NOTEBOOK_ORDER
