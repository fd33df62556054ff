"""Tests of the data behind the plots in course_utils.plotting (not of how they look)."""

import threading

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection

from course_utils import plotting
from course_utils.plotting import (
    house_style,
    plot_data,
    plot_decision_boundary,
    plot_function_and_derivative,
    plot_history,
    plot_network,
    probability_grid,
)


class Logistic:
    """A tiny stand-in model: P(class 1) = sigmoid(X @ w + b), shape (n, 1)."""

    def __init__(self, w, b):
        self.w, self.b = np.asarray(w, dtype=float), b

    def predict_proba(self, X):
        return 1 / (1 + np.exp(-(X @ self.w + self.b)))[:, None]


class ThreeClasses:
    """A stand-in softmax model with 3 classes, shape (n, 3)."""

    def predict_proba(self, X):
        Z = X @ np.array([[1.0, -1.0, 0.0], [0.0, 1.0, -1.0]])
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    return X, (X[:, 0] + X[:, 1] > 0).astype(float)


def test_house_style_leaves_rcparams_unchanged(data):
    X, y = data
    before = dict(matplotlib.rcParams)
    with house_style():
        assert matplotlib.rcParams["font.size"] == plotting.HOUSE_STYLE["font.size"]
    plot_data(X, y)
    plot_decision_boundary(Logistic([1, 1], 0), X, y, resolution=20)
    plot_history({"loss": [1.0, 0.5], "accuracy": [0.5, 0.9]})
    plot_network([np.ones((2, 3)), -np.ones((3, 1))], neuron_labels=[["a", "b"], None, ["c"]])
    plot_function_and_derivative(np.tanh, lambda z: 1 - np.tanh(z) ** 2)
    assert dict(matplotlib.rcParams) == before


def test_style_blocks_in_two_threads_take_turns():
    """A widget redraws in a thread of its own while a cell may run (ipykernel 7). Interleaved,
    the redraw's block saved the cell's style as 'the old settings' and put it back after the
    cell's block had ended: the house style stayed on for every later plot. The blocks take
    turns instead: the redraw starts its block once the cell's has ended."""
    before = dict(matplotlib.rcParams)
    redraw_in, cell_done = threading.Event(), threading.Event()

    def redraw():
        with house_style():
            redraw_in.set()
            cell_done.wait(10)

    thread = threading.Thread(target=redraw)
    with house_style():
        thread.start()
        entered_during_the_cell = redraw_in.wait(1.0)
    cell_done.set()
    thread.join(10)
    assert redraw_in.is_set() and not entered_during_the_cell
    assert dict(matplotlib.rcParams) == before


def test_plot_data_one_marker_per_class(data):
    X, y = data
    ax = plot_data(X, y)
    assert isinstance(ax, Axes)
    markers = [collection.get_paths()[0].vertices.tobytes() for collection in ax.collections]
    assert len(markers) == 2 and markers[0] != markers[1]  # shape differs, not only colour
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["class 0", "class 1"]
    assert ax.get_xlabel() and ax.get_ylabel()


def test_plot_data_rejects_bad_shapes(data):
    X, y = data
    with pytest.raises(ValueError, match=r"shape \(n, 2\).*\(40, 3\)"):
        plot_data(np.ones((40, 3)), y)
    with pytest.raises(ValueError, match=r"\(40,\).*\(39,\)"):
        plot_data(X, y[:-1])


def test_decision_boundary_image_is_predict_proba_on_the_grid(data):
    X, y = data
    model = Logistic([2.0, -1.0], 0.3)
    ax = plot_decision_boundary(model, X, y, resolution=30)
    xs, ys, P = probability_grid(model, X, resolution=30)
    xx, yy = np.meshgrid(xs, ys)
    expected = model.predict_proba(np.column_stack([xx.ravel(), yy.ravel()])).reshape(30, 30)
    shown = np.asarray(ax.images[0].get_array())
    np.testing.assert_allclose(shown, expected)
    left, right, bottom, top = ax.images[0].get_extent()  # pixel centres sit on the grid points
    np.testing.assert_allclose(
        [left + (right - left) / 60, bottom + (top - bottom) / 60], [xs[0], ys[0]]
    )
    assert xs[0] < X[:, 0].min() and xs[-1] > X[:, 0].max()
    assert len(ax.collections) >= 3  # contour at P = 0.5 and the two classes


def test_decision_boundary_takes_a_plain_function_as_well_as_a_model(data):
    X, y = data
    model = Logistic([2.0, -1.0], 0.3)
    from_model = plot_decision_boundary(model, X, y, resolution=30)
    from_function = plot_decision_boundary(
        lambda points: model.predict_proba(points), X, y, resolution=30
    )
    np.testing.assert_array_equal(
        np.asarray(from_function.images[0].get_array()),
        np.asarray(from_model.images[0].get_array()),
    )
    flat = plot_decision_boundary(lambda points: model.predict_proba(points)[:, 0], X, y)
    assert np.asarray(flat.images[0].get_array()).shape == (200, 200)  # (m,) is one column


def test_decision_boundary_says_what_it_needs_when_given_neither(data):
    X, y = data
    with pytest.raises(TypeError, match="predict_proba.*or a function.*got ndarray"):
        plot_decision_boundary(np.ones(3), X, y)
    with pytest.raises(ValueError, match=r"should have shape \(400, k\), got shape \(3, 1\)"):
        plot_decision_boundary(lambda points: np.ones(3), X, y, resolution=20)


def test_decision_boundary_many_classes_shows_argmax(data):
    X, _ = data
    y = np.arange(40) % 3.0
    model = ThreeClasses()
    ax = plot_decision_boundary(model, X, y, resolution=25)
    xs, ys, P = probability_grid(model, X, resolution=25)
    np.testing.assert_array_equal(np.asarray(ax.images[0].get_array()), P.argmax(axis=2))


def test_decision_boundary_without_a_boundary_in_view_does_not_warn(data):
    X, y = data
    plot_decision_boundary(Logistic([0.0, 0.0], 5.0), X, y, resolution=10)  # P > 0.5 everywhere


def test_decision_boundary_into_given_axes(data):
    X, y = data
    fig, (ax1, ax2) = plt.subplots(1, 2)
    assert plot_decision_boundary(Logistic([1, 1], 0), X, y, ax=ax2, resolution=10) is ax2
    assert not ax1.images


def test_history_points_labels_and_dict_input():
    class History:
        loss = [1.0, 0.6, 0.4, 0.3]
        accuracy = [0.5, 0.7, 0.8, 0.9]
        val_loss = [1.1, 0.8, 0.7, 0.7]
        val_accuracy = []

    loss_ax, acc_ax = plot_history(History())
    assert [len(line.get_xdata()) for line in loss_ax.get_lines()] == [4, 4]
    np.testing.assert_array_equal(loss_ax.get_lines()[0].get_xdata(), [1, 2, 3, 4])
    np.testing.assert_array_equal(loss_ax.get_lines()[1].get_ydata(), History.val_loss)
    assert len(acc_ax.get_lines()) == 1
    for ax in (loss_ax, acc_ax):
        assert ax.get_xlabel() == "epoch" and ax.get_ylabel() and ax.get_title()
    axes = plot_history({"loss": [3.0, 2.0, 1.0]})  # a dict, no accuracy: one panel
    assert len(axes) == 1 and len(axes[0].get_lines()) == 1


def test_history_without_loss_is_a_clear_error():
    with pytest.raises(ValueError, match="empty"):
        plot_history({"loss": [], "accuracy": []})


def _edges(ax):
    return next(
        c
        for c in ax.collections
        if isinstance(c, LineCollection) and c.get_gid() == "network_edges"
    )


def test_network_edge_widths_grow_with_abs_weight_and_colour_shows_sign():
    W1 = np.array([[0.1, -2.0, 0.5], [1.0, 0.0, -0.3]])
    W2 = np.array([[3.0], [-0.2], [0.7]])
    ax = plot_network([W1, W2])
    edges = _edges(ax)
    w = np.concatenate([W1.ravel(), W2.ravel()])
    widths = np.asarray(edges.get_linewidths())
    assert len(edges.get_segments()) == w.size == 9
    order = np.argsort(np.abs(w))
    assert np.all(np.diff(widths[order]) > 0)
    colors = edges.get_colors()
    positive = matplotlib.colors.to_rgba(plotting.POSITIVE_COLOR)
    np.testing.assert_allclose(colors[w >= 0], np.tile(positive, (np.sum(w >= 0), 1)))
    assert not np.allclose(colors[w < 0], positive)


def test_network_from_sizes_counts_neurons_and_edges():
    ax = plot_network([3, 4, 1], layer_labels=["in", "hidden", "out"])
    assert len(ax.patches) == 3 + 4 + 1
    assert len(_edges(ax).get_segments()) == 3 * 4 + 4 * 1
    assert [t.get_text() for t in ax.texts] == ["in", "hidden", "out"]


def test_network_rejects_mismatched_weights():
    with pytest.raises(ValueError, match=r"W1 has shape \(2, 3\) but W2 has shape \(4, 1\)"):
        plot_network([np.ones((2, 3)), np.ones((4, 1))])


def test_function_and_derivative_curves():
    ax = plot_function_and_derivative(np.tanh, lambda z: 1 - np.tanh(z) ** 2, name="tanh")
    f_line, df_line = ax.get_lines()[-2:]
    z = f_line.get_xdata()
    np.testing.assert_allclose(f_line.get_ydata(), np.tanh(z))
    np.testing.assert_allclose(df_line.get_ydata(), 1 - np.tanh(z) ** 2)
    assert ax.get_xlabel() and ax.get_ylabel()


# --- plot_hinges (course_utils.widgets.hinges): the explorer's picture ------------------------


def test_hinge_plot_shows_the_explorers_starting_sum_and_keeps_the_legend_off_the_curves():
    from course_utils.widgets.hinges import (
        DEFAULT_INTERCEPT,
        DEFAULT_KNOTS,
        DEFAULT_SLOPES,
        plot_hinges,
    )

    fig = plot_hinges(DEFAULT_KNOTS, DEFAULT_SLOPES, DEFAULT_INTERCEPT)
    (ax,) = fig.axes
    low, high = ax.get_ylim()
    curves = [line for line in ax.get_lines() if len(line.get_xdata()) == 201]
    total = curves[-1]  # the sum of hinges, drawn last
    assert total.get_label() == "sum of hinges"
    assert low <= total.get_ydata().min() and total.get_ydata().max() <= high
    for line in curves:  # the target and every hinge of the starting picture are in view too
        assert low <= line.get_ydata().min() and line.get_ydata().max() <= high
    fig.canvas.draw()
    legend = ax.get_legend().get_window_extent()
    axes_box = ax.get_window_extent()
    assert legend.y1 <= axes_box.y0, "the legend must sit outside the plot area, not on the curves"
    assert fig.bbox.x0 <= legend.x0 and legend.x1 <= fig.bbox.x1  # and inside the figure


@pytest.mark.parametrize(
    "name, jump_at",
    [("relu", 0.0), ("leaky_relu", 0.0), ("step", None), ("sigmoid", None), ("gelu", None)],
)
def test_jumps_in_a_derivative_are_gaps_not_vertical_lines(name, jump_at):
    from course_utils.activations import get_activation

    activation = get_activation(name)
    z = np.linspace(-6, 6, 401)
    slope = activation.derivative if name != "step" else lambda z: np.zeros_like(z)
    ax = plot_function_and_derivative(activation.function, slope, z=z, name=name)
    for line in ax.get_lines()[-2:]:
        y = np.asarray(line.get_ydata(), dtype=float)
        x = np.asarray(line.get_xdata(), dtype=float)
        finite = ~np.isnan(y[:-1]) & ~np.isnan(y[1:])
        assert np.all(np.abs(np.diff(y))[finite] < 0.5), f"{name}: a vertical segment"
        np.testing.assert_allclose(x[~np.isnan(x)], z)  # every point still drawn
    derivative_gaps = np.isnan(ax.get_lines()[-1].get_ydata()).sum()
    assert derivative_gaps == (1 if jump_at is not None else 0)


def test_smooth_curves_on_a_coarse_grid_get_no_gaps():
    from course_utils.plotting import with_gaps_at_jumps

    for z in (np.linspace(-5, 5, 11), np.linspace(-20, 20, 401)):
        for values in (1 / (1 + np.exp(-z)), np.tanh(z), z**2, np.exp(z / 4)):
            assert not np.isnan(with_gaps_at_jumps(z, values)[1]).any()
