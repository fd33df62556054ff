"""images/ is reproducible: every file is drawn by course_tools.figures and matches the committed one.

The figures with numbers in them are also tested on the data behind them (bottom of this file)."""

from pathlib import Path

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.testing.compare import compare_images

from course_tools import figures
from course_utils.activations import relu_derivative, sigmoid_derivative
from course_utils.gradcheck import numerical_gradient, relative_error
from course_utils.losses import huber, mae, mse

IMAGES = Path(__file__).resolve().parent.parent / "images"


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
    for name in ("backprop_graph.png", "overfitting.png", "data_augmentation.png"):
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


def test_overfitting_degree_15_fits_training_data_best_and_new_data_worse():
    data = figures.overfitting_fits()
    train, test = data["train_mse"], data["test_mse"]
    assert train[15] < train[3] < train[1]
    assert test[15] > test[3] and test[1] > test[3]
    assert data["fits"][15].degree() == 15


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
    std_steps = np.diff(std["path"], axis=0)
    cosines = (
        std_steps
        @ std_steps[0]
        / (np.linalg.norm(std_steps, axis=1) * np.linalg.norm(std_steps[0]))
    )
    assert np.all(cosines > 0.99)  # every step points the same way: a straight path
    distances = np.linalg.norm(std["path"] - std["optimum"], axis=1)
    assert np.all(np.diff(distances) < 0)
    # the caption: eta = 0.055 is just under the raw problem's limit 2 / lambda_max, far under the standardised one
    assert 0.055 < 2 / raw["eigenvalues"][1] < 0.07 and 2 / std["eigenvalues"][1] > 0.5


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
