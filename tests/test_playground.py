"""The local Neural Network Playground (notebook 11), driven from Python without a browser.

Never asserts on wall time: speed is measured by benchmarks/bench_playground.py.
"""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import playground_data as pd
from course_utils.model import MLP
from course_utils.optim import SGD
from course_utils.widgets import Playground
from course_utils.widgets import playground as pgm


# ------------------------------------------------------------ data sets
@pytest.mark.parametrize("name", pd.DATASETS)
def test_every_data_set_is_seeded_and_in_the_square(name):
    X, y = pd.make_dataset(name, seed=3)
    n = pd.DEFAULT_POINTS[pd.problem_of(name)]
    assert X.shape == (n, 2) and y.shape == (n,)
    assert np.all(np.abs(X) <= 6)
    X2, y2 = pd.make_dataset(name, seed=3)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = pd.make_dataset(name, seed=4)
    assert not np.array_equal(X, X3)
    if name in pd.CLASSIFICATION:
        assert set(np.unique(y)) == {-1.0, 1.0}
        assert abs(np.mean(y)) <= 0.1  # both classes, about half each
    else:
        assert np.all(np.abs(y) <= 1.21) and np.std(y) > 0.05


@pytest.mark.parametrize("name", ["circle", "xor"])
def test_noise_flips_labels_of_circle_and_xor_but_does_not_move_points(name):
    X0, y0 = pd.make_dataset(name, noise=0.0, seed=1)
    X5, y5 = pd.make_dataset(name, noise=0.5, seed=1)
    assert np.array_equal(X0, X5)
    assert 0.03 < np.mean(y0 != y5) < 0.5
    if name == "circle":
        assert np.all((np.hypot(*X0.T) < 2.5) == (y0 > 0))  # no noise: the label is the true side
    else:
        assert np.all((X0[:, 0] * X0[:, 1] >= 0) == (y0 > 0))
        assert np.all(np.abs(X0) >= 0.3)  # the padding keeps points off the axes


def test_noise_widens_the_gaussians_and_moves_spiral_points():
    X0, y0 = pd.gauss(noise=0.0, seed=0)
    X5, _ = pd.gauss(noise=0.5, seed=0)
    centre = np.where(y0[:, None] > 0, 2.0, -2.0)
    assert np.var(X0 - centre) == pytest.approx(0.5, rel=0.15)
    assert np.var(X5 - centre) == pytest.approx(4.0, rel=0.15)
    S0, s0 = pd.spiral(noise=0.0, seed=0)
    S5, s5 = pd.spiral(noise=0.5, seed=0)
    assert np.array_equal(s0, s5) and 0 < np.abs(S5 - S0).max() <= 0.5
    radius = np.hypot(*S0.T)
    assert radius.max() < 5 and radius.min() == 0


def test_regression_targets_follow_the_original_formulas():
    X, y = pd.plane(n=100, noise=0.0, seed=0)
    assert np.allclose(y, (X[:, 0] + X[:, 1]) / 10)
    X, y = pd.multi_gauss(n=2000, noise=0.0, seed=0)
    near = np.hypot(X[:, 0] - 4, X[:, 1] - 2.5) < 0.5  # the bump (4, 2.5, +1)
    assert np.all(y[near] > 0.7)
    far = np.all(
        [np.hypot(X[:, 0] - cx, X[:, 1] - cy) > 2 for cx, cy, _ in pd.GAUSSIAN_BUMPS], axis=0
    )
    assert np.all(y[far] == 0)


def test_bad_data_arguments_have_clear_messages():
    with pytest.raises(ValueError, match="noise is a fraction from 0 to 0.5"):
        pd.circle(noise=30)
    with pytest.raises(ValueError, match="data set"):
        pd.make_dataset("donut")


def test_split_keeps_the_order_and_the_share():
    X, y = pd.make_dataset("xor", seed=0)
    X_train, y_train, X_test, y_test = pd.split(X, y, 30)
    assert len(y_train) == 150 and len(y_test) == 350
    assert np.array_equal(np.concatenate([X_train, X_test]), X)


def test_features_and_their_other_names():
    X = np.array([[1.0, 2.0], [-3.0, 0.5]])
    F = pd.feature_matrix(X, ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"])
    assert np.allclose(F[1], [-3, 0.5, 9, 0.25, -1.5, np.sin(-3), np.sin(0.5)])
    assert pd.feature_name("sin x1") == "sin(x1)"
    assert pd.feature_name("X1**2") == "x1^2"
    assert pd.feature_name("x1x2") == "x1*x2"
    assert pd.feature_name("x₂²") == "x2^2"
    with pytest.raises(ValueError, match="feature"):
        pd.feature_name("cos x1")


# ------------------------------------------------------------ the maths
def test_train_epoch_is_mlp_backward_and_sgd():
    """The unrolled step equals MLP.forward / backward / SGD.step (mse has twice our gradient: lr / 2)."""
    rng = np.random.default_rng(0)
    F, Y = rng.normal(size=(12, 3)), rng.choice([-1.0, 1.0], size=(12, 1))
    for activation in pgm.ACTIVATIONS:
        reference = MLP([3, 4, 2, 1], activation=activation, output="tanh", loss="mse", seed=1)
        ours = MLP([3, 4, 2, 1], activation=activation, output="tanh", loss="mse", seed=1)
        params = [p for _, p, _ in reference.parameters()]
        grads = [g for _, _, g in reference.parameters()]
        for start in range(0, 12, 5):  # batches of 5, 5, 2
            reference.forward(F[start : start + 5])
            reference.backward(Y[start : start + 5], l2=0.2)
            SGD(lr=0.05).step(params, grads)
        batches = [(F[s : s + 5], Y[s : s + 5]) for s in range(0, 12, 5)]
        # l2 in MLP.backward is the gradient rate * W; with the lr halved it becomes 0.4 in our units
        pgm.train_epoch(
            [d.W for d in ours.dense_layers],
            [d.b for d in ours.dense_layers],
            batches,
            activation,
            "tanh",
            0.1,
            "L2",
            0.2 / 2,
        )
        for (name, a, _), (_, b, _) in zip(reference.parameters(), ours.parameters()):
            assert np.allclose(a, b, atol=1e-12), (activation, name)


def test_forward_all_matches_mlp_and_blocks_change_nothing():
    model = MLP([2, 5, 1], activation="relu", output="tanh", loss="mse", seed=0)
    F = np.random.default_rng(0).normal(size=(4500, 2))
    outputs = pgm.forward_all(
        [d.W for d in model.dense_layers], [d.b for d in model.dense_layers], F, "relu", "tanh"
    )
    assert np.allclose(outputs[-1], model.predict_proba(F))
    blocks = pgm.forward_in_blocks(
        [d.W for d in model.dense_layers],
        [d.b for d in model.dense_layers],
        F,
        "relu",
        "tanh",
        block=1000,
    )
    assert all(np.allclose(a, b) for a, b in zip(outputs, blocks))


def test_l1_pulls_small_weights_to_exactly_zero():
    W, b = [np.array([[0.001], [0.5]])], [np.array([0.0])]
    batch = [(np.zeros((1, 2)), np.zeros((1, 1)))]  # zero inputs: only the penalty moves W
    pgm.train_epoch(W, b, batch, "tanh", "linear", 0.1, "L1", 0.1)
    assert W[0][0, 0] == 0.0 and W[0][1, 0] == pytest.approx(0.5 - 0.01)


def test_colour_map_runs_from_vermillion_through_white_to_blue():
    rgb = pgm.colour_map(np.array([-1.0, 0.0, 1.0, 7.0, np.nan]))
    assert tuple(rgb[1]) == (255, 255, 255)
    assert rgb[0][0] > rgb[0][2] and rgb[2][2] > rgb[2][0]  # red-ish, blue-ish
    assert tuple(rgb[3]) == tuple(rgb[2]) and tuple(rgb[4]) == (255, 255, 255)
    assert set(map(tuple, pgm.colour_map(np.array([-0.1, 0.2]), discretize=True))) == {
        tuple(rgb[0]),
        tuple(rgb[2]),
    }


# ------------------------------------------------------------ the playground
@pytest.fixture
def pg():
    playground = Playground()
    yield playground
    playground.close()


def test_defaults_are_the_originals(pg):
    s = pg.state["settings"]
    assert (s["dataset"], s["noise"], s["train_percent"], s["batch_size"]) == ("circle", 0, 50, 10)
    assert s["features"] == ["x1", "x2"] and s["hidden"] == [4, 2]
    assert (s["activation"], s["learning_rate"], s["regularization"]) == ("tanh", 0.03, "none")
    assert pg.model.layer_sizes == [2, 4, 2, 1] and pg.model.output == "tanh"
    assert pg.state["n_train"] == 250 and pg.state["epoch"] == 0
    assert np.all(np.abs(pg.weights[0]) < 0.5) and np.all(pg.biases[0] == 0.1)
    assert pgm.LEARNING_RATES == [1e-5, 1e-4, 1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]


def test_training_on_xor_reaches_95_percent_test_accuracy():
    pg = Playground(dataset="xor")
    start = pg.state
    pg.step(300)
    state = pg.state
    assert state["epoch"] == 300 and len(state["history"]["test_loss"]) == 300
    assert state["test_accuracy"] > 0.95
    assert state["test_loss"] < start["test_loss"] / 5


def test_step_trains_exactly_n_epochs_and_model_predicts(pg):
    pg.step(3)
    assert pg.state["epoch"] == 3 and pg.state["history"]["epoch"] == [1, 2, 3]
    values = pg.predict(np.array([[0.0, 0.0], [5.0, 5.0]]))
    assert values.shape == (2,) and np.all(np.abs(values) <= 1)
    F = pd.feature_matrix(np.array([[0.0, 0.0]]), ["x1", "x2"])
    assert pg.model.predict_proba(F)[0, 0] == pytest.approx(values[0])


@pytest.mark.parametrize(
    "change, check",
    [
        ({"dataset": "spiral"}, lambda pg, old: not np.array_equal(pg.X, old["X"])),
        (
            {"noise": 30},
            lambda pg, old: np.array_equal(pg.X, old["X"]) and not np.array_equal(pg.y, old["y"]),
        ),
        ({"train_percent": 80}, lambda pg, old: pg.state["n_train"] == 400),
        ({"features": ["x1", "x2", "x1^2"]}, lambda pg, old: pg.model.layer_sizes == [3, 4, 2, 1]),
        ({"hidden": [8, 8, 4]}, lambda pg, old: pg.model.layer_sizes == [2, 8, 8, 4, 1]),
        ({"activation": "relu"}, lambda pg, old: pg.model.activation == "relu"),
        (
            {"regularization": "L2", "regularization_rate": 0.1},
            lambda pg, old: pg.state["epoch"] == 0,
        ),
        ({"batch_size": 25}, lambda pg, old: len(pg._batches) == 10),
        (
            {"seed": 7},
            lambda pg, old: not np.array_equal(pg.X, old["X"]) and pg._widgets["seed"].value == 7,
        ),
    ],
)
def test_each_control_changes_what_it_should_and_resets_the_network(pg, change, check):
    pg.step(5)
    old = {"X": pg.X.copy(), "y": pg.y.copy(), "W": [W.copy() for W in pg.weights]}
    pg.set(**change)
    assert check(pg, old)
    assert pg.state["epoch"] == 0 and pg.state["history"]["epoch"] == []
    for key, value in change.items():
        assert pg.state["settings"][key] == value


def test_learning_rate_keeps_the_network(pg):
    pg.step(5)
    weights = [W.copy() for W in pg.weights]
    pg.set(learning_rate=0.3)
    assert pg.state["epoch"] == 5 and all(np.array_equal(a, b) for a, b in zip(weights, pg.weights))
    assert pg._widgets["learning_rate"].value == 0.3
    pg.set(lr=0.05)  # a rate that is not in the original's list is added to the menu
    assert (
        pg.state["settings"]["learning_rate"] == 0.05 and pg._widgets["learning_rate"].value == 0.05
    )


def test_display_options_redraw_without_reset(pg):
    pg.step(5)
    before = pg.boundary_png()
    pg.set(show_test=True)
    with_test = pg.boundary_png()
    pg.set(discretize=True)
    assert pg.state["epoch"] == 5
    assert len({before, with_test, pg.boundary_png()}) == 3


def test_regularisation_shrinks_weights():
    plain, l2, l1 = (
        Playground(dataset="xor", hidden=[8, 8], **extra)
        for extra in (
            {},
            {"regularization": "L2", "regularization_rate": 0.03},
            {"regularization": "L1", "regularization_rate": 0.03},
        )
    )
    for pg in (plain, l2, l1):
        pg.step(100)
    norm = lambda pg: sum(float(np.sum(W**2)) for W in pg.weights)  # noqa: E731
    assert norm(l2) < 0.7 * norm(plain)
    zeros = lambda pg: sum(int(np.sum(W == 0)) for W in pg.weights)  # noqa: E731
    assert zeros(l1) > 5 and zeros(plain) == 0


def test_batch_size_changes_the_training(pg):
    other = Playground(batch_size=1)
    pg.step(2)
    other.step(2)
    assert not np.allclose(pg.weights[0], other.weights[0])
    assert len(other._batches) == 250


def test_regenerate_moves_to_the_next_seed_and_shows_it(pg):
    X = pg.X.copy()
    pg._widgets["regenerate"].click()
    assert pg.state["settings"]["seed"] == 1 and pg._widgets["seed"].value == 1
    assert not np.array_equal(pg.X, X)
    pg._widgets["seed"].value = 0  # typing a seed back gives the same data again
    assert np.array_equal(pg.X, X)


def test_widgets_drive_the_settings(pg):
    w = pg._widgets
    w["dataset"].value = "xor"
    w["noise"].value = 20
    w["feature x1^2"].value = True
    w["activation"].value = "sigmoid"
    w["add_layer"].click()
    w["more0"].click()
    w["fewer1"].click()
    s = pg.state["settings"]
    assert (s["dataset"], s["noise"], s["activation"]) == ("xor", 20, "sigmoid")
    assert s["features"] == ["x1", "x2", "x1^2"] and s["hidden"] == [5, 1, 2]
    w["remove_layer"].click()
    assert pg.state["settings"]["hidden"] == [5, 1]
    assert w["layer2"].layout.display == "none" and w["layer1"].layout.display == ""
    w["problem"].value = "regression"
    assert pg.state["settings"]["dataset"] == "plane" and pg.model.output == "identity"
    assert [value for _, value in w["dataset"].options] == pd.REGRESSION


@pytest.mark.parametrize(
    "change, words",
    [
        ({"hidden": [4, 0]}, "hidden layer 2 has 0 neurons"),
        ({"hidden": [9]}, "1 to 8"),
        ({"hidden": [2] * 7}, "at most 6 hidden layers"),
        ({"learning_rate": 0}, "learning rate must be a positive number"),
        ({"features": []}, "at least one input feature"),
        ({"features": ["cos x1"]}, "feature"),
        ({"noise": 70}, "noise must be a whole number from 0 to 50"),
        ({"activation": "swish"}, "unknown activation"),
        ({"problem": "clustering"}, "problem"),
    ],
)
def test_bad_settings_give_a_message_not_a_traceback(pg, change, words):
    before = pg.state["settings"]
    pg.set(**change)
    assert words in pg.status and pg.status.startswith("Not changed")
    assert words in pg._widgets["status"].value
    assert pg.state["settings"] == before


def test_bad_widget_clicks_give_a_message_and_the_widget_springs_back(pg):
    w = pg._widgets
    w["feature x2"].value = False
    w["feature x1"].value = False  # the last feature: refused
    assert "at least one input feature" in pg.status
    assert w["feature x1"].value is True and pg.state["settings"]["features"] == ["x1"]
    w["fewer1"].click()
    w["fewer1"].click()  # layer 2 has 2 neurons: the second click would leave 0
    assert "0 neurons" in pg.status and pg.state["settings"]["hidden"] == [4, 1]
    for _ in range(5):
        w["add_layer"].click()
    assert "at most 6 hidden layers" in pg.status and len(pg.state["settings"]["hidden"]) == 6
    pg.step(0)
    assert "whole number >= 1" in pg.status


def test_unknown_setting_names_raise_a_type_error(pg):
    with pytest.raises(TypeError, match="unknown setting 'epochs'"):
        pg.set(epochs=3)


def test_play_pause_and_frames_without_a_browser(pg):
    assert pg.frame() == 0  # not playing: a tick does nothing
    pg.play()
    assert pg.playing and pg._widgets["player"].playing
    pg.epochs_per_frame = 5
    assert pg.frame() == 5 and pg.state["epoch"] == 5
    pg.epochs_per_frame = None  # automatic: at least one epoch per frame
    assert pg.frame() >= 1
    epoch = pg.state["epoch"]
    pg._widgets["pause"].click()
    assert not pg.playing and not pg._widgets["player"].playing
    assert pg.frame() == 0 and pg.state["epoch"] == epoch
    pg._widgets["play"].click()
    pg._last_frame_end = 0.0
    pg._widgets["player"].value += 1  # a tick from the browser's Play widget runs one frame
    assert pg.state["epoch"] > epoch
    pg._widgets["step"].click()
    pg.pause()


def test_play_stops_by_itself_after_max_play_epochs(pg):
    pg.max_play_epochs = 12
    pg.epochs_per_frame = 5
    pg.play()
    trained = [pg.frame() for _ in range(4)]
    assert trained == [5, 5, 2, 0] and not pg.playing
    assert "Paused after 12 epochs" in pg.status


def test_a_closed_comm_or_widget_stops_playing(pg):
    pg.play()
    pg._comm_closed({"content": {}})
    assert not pg.playing and pg.frame() == 0
    pg.play()
    pg.close()
    assert not pg.playing and pg.widget is None
    pg.step(2)  # still usable from Python
    assert pg.state["epoch"] == 2


def test_reset_restores_epoch_and_initial_weights(pg):
    initial = [W.copy() for W in pg.weights]
    pg.play()
    pg.step(20)
    assert not np.allclose(initial[0], pg.weights[0])
    pg._widgets["reset"].click()
    assert pg.state["epoch"] == 0 and not pg.playing and pg.state["history"]["train_loss"] == []
    assert all(np.array_equal(a, b) for a, b in zip(initial, pg.weights))


def test_a_diverging_learning_rate_is_reported_not_warned():
    pg = Playground(dataset="plane", learning_rate=10, hidden=[8, 8])
    pg.play()
    pg.epochs_per_frame = 50
    pg.frame()
    state = pg.state
    assert state["diverged"] and not state["playing"] and state["epoch"] < 50
    assert "too large" in state["status"]
    pg.step(5)
    assert pg.state["epoch"] == state["epoch"] and "lower the learning rate" in pg.status
    pg.set(learning_rate=0.03)
    pg.reset()
    pg.step(5)
    assert not pg.state["diverged"] and pg.state["epoch"] == 5


def test_regression_state_has_no_accuracy():
    pg = Playground(dataset="multi_gauss", n_points=300)
    pg.step(3)
    assert pg.state["problem"] == "regression" and pg.state["test_accuracy"] is None
    assert pg.state["n_train"] + pg.state["n_test"] == 300


def test_displays_are_filled_and_findable_by_css_class(pg):
    pg.step(2)
    w = pg._widgets
    assert w["boundary"].value[:4] == b"\x89PNG"
    assert (
        w["network"].value.startswith("<svg")
        and w["network"].value.count("<line") == 2 * 4 + 4 * 2 + 2
    )
    assert w["curve"].value.count("<polyline") == 2
    assert w["epoch"].value.endswith("0,000,002") or "000,002" in w["epoch"].value
    assert f"{pg.state['test_loss']:.3f}" in w["test_loss"].value
    for name in ("play", "pause", "step", "reset", "train_loss", "test_loss", "epoch", "boundary"):
        assert f"playground-{name.replace('_', '-')}" in w[name]._dom_classes
    bundle = pg._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_figure_shows_map_network_and_curves(pg):
    pg.set(show_test=True)
    pg.step(10)
    fig = pg.figure(title="after 10 epochs")
    assert len(fig.axes) == 3
    assert len(fig.axes[0].images) == 1 and len(fig.axes[2].lines) == 2
    assert (
        fig.axes[2].get_ylim()[0] == 0
    )  # the loss axis starts at 0: small changes do not look big
    plt.close(fig)


def test_no_hidden_layer_is_a_linear_model_of_the_features():
    pg = Playground(dataset="circle", features=["x1^2", "x2^2"], hidden=[])
    assert pg.model.layer_sizes == [2, 1]
    pg.step(100)
    assert pg.state["test_accuracy"] > 0.95
