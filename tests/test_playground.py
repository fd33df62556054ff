"""The local Neural Network Playground (notebook 11), driven from Python without a browser.

The original's behaviours are asserted with numbers: L1's dead links stay dead, "New data"
keeps the weights and the epoch, leftover points join the next epoch's first update, Step
pauses a playing playground. Never asserts on wall time: speed is measured by
benchmarks/bench_playground.py.
"""

import base64
import time

import matplotlib.pyplot as plt
import numpy as np
import pytest
from test_playground_maths import original_training

from course_utils import playground_data
from course_utils.widgets import Playground
from course_utils.widgets import playground as pgm


@pytest.fixture
def pg():
    playground = Playground()
    yield playground
    playground.close()


def weights_of(pg):
    return [W.copy() for W in pg.weights]


def same(a, b):
    return all(np.array_equal(x, y) for x, y in zip(a, b))


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


def test_step_trains_exactly_n_epochs_and_the_model_predicts(pg):
    pg.step(3)
    assert pg.state["epoch"] == 3 and pg.state["history"]["epoch"] == [1, 2, 3]
    values = pg.predict(np.array([[0.0, 0.0], [5.0, 5.0]]))
    assert values.shape == (2,) and np.all(np.abs(values) <= 1)
    F = playground_data.feature_matrix(np.array([[0.0, 0.0]]), ["x1", "x2"])
    assert pg.model.predict_proba(F)[0, 0] == pytest.approx(values[0])  # pg.model is trained


# ------------------------------------------------------------ the original's rules
def test_l1_dead_links_stay_dead():
    """Circle, L1 0.01, 500 epochs: the original ends with 12 of 18 weights at 0 (dead links);
    before this playground kept them, they grew back (3 of 18 or fewer at the end)."""
    pg = Playground(dataset="circle", regularization="L1", regularization_rate=0.01)
    pg.step(100)
    dead_early = [mask.copy() for mask in pg.dead]
    pg.step(400)
    zeros = sum(int(np.sum(W == 0)) for W in pg.weights)
    assert zeros >= 10 and pg.state["dead_links"] == zeros, f"{zeros} of 18 weights at 0"
    for W, early in zip(pg.weights, dead_early):  # dead at epoch 100: still exactly 0 at 500
        assert np.all(W[early] == 0)
    assert sum(int(mask.sum()) for mask in dead_early) >= 5


def test_new_data_keeps_the_weights_and_the_epoch(pg):
    pg.step(30)
    weights, X, epoch_losses = weights_of(pg), pg.X.copy(), pg.state["history"]["test_loss"]
    pg.controls.w["new_data"].click()
    state = pg.state
    assert state["epoch"] == 30 and same(weights, pg.weights), "the network must go on"
    assert not np.array_equal(pg.X, X) and state["settings"]["data_draw"] == 1
    assert state["history"]["test_loss"] == epoch_losses  # the curve goes on, nothing erased
    assert "New data" in pg.status
    pg.step(1)
    assert pg.state["epoch"] == 31 and len(pg.state["history"]["epoch"]) == 31
    pg.new_data()
    assert pg.state["settings"]["data_draw"] == 2 and pg.state["epoch"] == 31


def test_new_data_is_reproducible_and_a_twin_gets_the_same_points(pg):
    pg.new_data()
    twin = Playground(**pg.state["settings"])  # what the checkers of notebook 11 do
    assert np.array_equal(twin.X, pg.X) and twin.state["epoch"] == 0
    twin.close()


def test_next_seed_starts_again_with_new_data_and_weights(pg):
    pg.step(10)
    pg.new_data()
    weights, X = weights_of(pg), pg.X.copy()
    pg.controls.w["next_seed"].click()
    state = pg.state
    assert state["epoch"] == 0 and state["history"]["epoch"] == []
    assert state["settings"]["seed"] == 1 and state["settings"]["data_draw"] == 0
    assert not same(weights, pg.weights) and not np.array_equal(pg.X, X)
    assert pg.controls.w["seed"].value == 1 and "Seed 1" in pg.status
    pg.controls.w["seed"].value = 0  # typing a seed back gives the same data and weights again
    fresh = Playground()
    assert np.array_equal(pg.X, fresh.X) and same(pg.weights, fresh.weights)
    fresh.close()


def test_leftover_points_join_the_next_epochs_first_update():
    """Batch 30 on 250 training points: the 10 left over wait for epoch 2, as in the original."""
    pg = Playground(batch_size=30)
    start = [Wb.copy() for Wb in pg.params]
    pg.step(2)
    X_train = pg.F_all[: pg.state["n_train"]]
    reference, _ = original_training(
        start, X_train, pg.y_train[:, None], "tanh", "tanh", 0.03, 30, 2
    )
    assert max(float(np.abs(a - b).max()) for a, b in zip(pg.params, reference[-1])) < 1e-12
    pg.reset()
    pg.step(1)
    short = Playground(batch_size=10)  # divides 250: nothing left over, the same as before
    assert not same(weights_of(pg), weights_of(short))


def test_step_pauses_a_playing_playground(pg):
    pg.play()
    pg.epochs_per_frame = 3
    pg.frame()
    assert pg.playing and pg.state["epoch"] == 3
    pg.controls.w["step"].click()
    assert not pg.playing and not pg.controls.w["player"].playing
    assert pg.state["epoch"] == 4 and pg.status == "Paused, then trained 1 epoch: epoch 4."
    assert pg.frame() == 0  # the next tick from the browser trains nothing
    pg.play()
    pg.step(5)  # from Python too
    assert not pg.playing and pg.state["epoch"] == 9


# ------------------------------------------------------------ settings and controls
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
        ({"batch_size": 25}, lambda pg, old: pg.controls.w["batch_size"].value == 25),
        (
            {"seed": 7},
            lambda pg, old: not np.array_equal(pg.X, old["X"]) and pg.controls.w["seed"].value == 7,
        ),
    ],
)
def test_each_control_changes_what_it_should_and_resets_the_network(pg, change, check):
    pg.step(5)
    old = {"X": pg.X.copy(), "y": pg.y.copy()}
    pg.set(**change)
    assert check(pg, old)
    assert pg.state["epoch"] == 0 and pg.state["history"]["epoch"] == []
    for key, value in change.items():
        assert pg.state["settings"][key] == value


def test_learning_rate_keeps_the_network(pg):
    pg.step(5)
    weights = weights_of(pg)
    pg.set(learning_rate=0.3)
    assert pg.state["epoch"] == 5 and same(weights, pg.weights)
    assert pg.controls.w["learning_rate"].value == 0.3
    pg.set(lr=0.05)  # a rate that is not in the original's list is added to the menu
    assert pg.state["settings"]["learning_rate"] == 0.05
    assert pg.controls.w["learning_rate"].value == 0.05


def test_display_options_redraw_without_reset(pg):
    pg.step(5)
    before = pg.pictures()
    pg.set(show_test=True)
    with_test = pg.pictures()
    pg.set(discretize=True)
    discretized = pg.pictures()
    assert pg.state["epoch"] == 5
    assert with_test["points_png"] != before["points_png"]  # the test points are drawn too
    assert with_test["map_png"] == before["map_png"] != discretized["map_png"]
    assert "pg-pixelated" in pg.controls.w["boundary"]._dom_classes


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

    def norm(pg):
        return sum(float(np.sum(W**2)) for W in pg.weights)

    def zeros(pg):
        return sum(int(np.sum(W == 0)) for W in pg.weights)

    assert norm(l2) < 0.7 * norm(plain)
    assert zeros(l1) > 5 and zeros(plain) == 0 and zeros(l2) == 0


def test_batch_size_changes_the_training(pg):
    other = Playground(batch_size=1)
    pg.step(2)
    other.step(2)
    assert not np.allclose(pg.weights[0], other.weights[0])


def test_widgets_drive_the_settings(pg):
    w = pg.controls.w
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
    assert [value for _, value in w["dataset"].options] == playground_data.REGRESSION


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
        ({"data_draw": -1}, "data_draw must be a whole number"),
        ({"n_points": 100, "train_percent": 20, "batch_size": 30}, "larger than the 20 training"),
    ],
)
def test_bad_settings_give_a_message_not_a_traceback(pg, change, words):
    before = pg.state["settings"]
    pg.set(**change)
    assert words in pg.status and pg.status.startswith("Not changed")
    assert words in pg.controls.w["status"].value
    assert pg.state["settings"] == before


def test_bad_widget_clicks_give_a_message_and_the_widget_springs_back(pg):
    w = pg.controls.w
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


# ------------------------------------------------------------ playing
def test_a_frame_stops_training_at_its_time_budget(pg, monkeypatch):
    """Epochs slower than the playground has measured so far (a first frame at batch size 1
    took 143 ms, and the next ticks were dropped) end the frame's training at its budget: the
    budget here is 22 ms (0.8 of the 40 ms tick less the first guess of a redraw, 10 ms), each
    epoch takes at least 10 ms, so a frame trains 2 epochs (fewer on a busy machine), where
    the first guess of 2 ms per epoch alone would train 11."""
    train_epoch = pgm.maths.train_epoch

    def slow_epoch(*args):
        time.sleep(0.010)
        train_epoch(*args)

    monkeypatch.setattr(pgm.maths, "train_epoch", slow_epoch)
    pg.play()
    assert 1 <= pg.frame() <= 2
    pg.pause()


def test_a_frame_fills_its_budget_when_epochs_become_fast_again(pg, monkeypatch):
    """The budget alone sets how many epochs a frame trains, not a guess from earlier frames:
    after frames of slow epochs (10 ms each, as at batch size 1 on a busy machine) the settings
    change and an epoch takes 0.1 ms. The next frame fills its budget, up to the cap of
    MAX_EPOCHS_PER_FRAME; a count computed from the slow frames' mean would train 2. Time here
    is a clock that moves 10 ms per redraw and as set per epoch: the budget is 22 ms."""
    clock = Clock()
    monkeypatch.setattr(pgm.playground, "time", clock)
    train_epoch, show, seconds = pgm.maths.train_epoch, pg.controls.show, [0.010]

    def timed_epoch(*args):
        clock.now += seconds[0]
        train_epoch(*args)

    def timed_show(*args):
        clock.now += 0.010
        show(*args)

    monkeypatch.setattr(pgm.maths, "train_epoch", timed_epoch)
    monkeypatch.setattr(pg.controls, "show", timed_show)
    pg._seconds_per_redraw = 0.010  # what this clock gives (the real first redraw was slower)
    pg.play()
    assert [pg.frame() for _ in range(3)] == [2, 2, 2]  # a third would end at 30 ms
    seconds[0] = 0.0001
    assert pg.frame() == pgm.playground.MAX_EPOCHS_PER_FRAME == 200  # 220 would fit
    seconds[0] = 0.0004
    assert 54 <= pg.frame() <= 55  # 22 ms / 0.4 ms
    pg.pause()


def test_play_pause_and_frames_without_a_browser(pg):
    assert pg.frame() == 0  # not playing: a tick does nothing
    pg.play()
    assert pg.playing and pg.controls.w["player"].playing
    pg.epochs_per_frame = 5
    assert pg.frame() == 5 and pg.state["epoch"] == 5
    pg.epochs_per_frame = None  # automatic: at least one epoch per frame
    assert pg.frame() >= 1
    epoch = pg.state["epoch"]
    pg.controls.w["pause"].click()
    assert not pg.playing and not pg.controls.w["player"].playing
    assert pg.frame() == 0 and pg.state["epoch"] == epoch
    pg.controls.w["play"].click()
    pg._last_frame_end = 0.0
    pg.controls.w["player"].value += 1  # a tick from the browser's Play widget runs one frame
    assert pg.state["epoch"] > epoch
    pg.pause()


class Clock:
    """A clock for the playground that moves only when the test says so."""

    def __init__(self):
        self.now = 100.0

    def perf_counter(self):
        return self.now


def test_ticks_that_waited_for_a_long_frame_run_once_then_are_dropped(pg, monkeypatch):
    """One long frame costs no frame; a kernel slower than the clock drops ticks (no backlog)."""
    clock = Clock()
    monkeypatch.setattr(pgm.playground, "time", clock)
    lengths = iter([0.020, 0.050, 0.050, 0.020])  # how long each frame takes, in seconds
    one_frame = pg.frame

    def frame():
        done = one_frame()
        clock.now += next(lengths)
        return done

    monkeypatch.setattr(pg, "frame", frame)
    pg.play()
    pg.epochs_per_frame = 1
    ran = []
    for at in (0.0, 0.04, 0.09, 0.14, 0.16, 0.18):  # when each tick reaches the kernel
        clock.now = max(clock.now, 100 + at)
        before = pg.frames_played
        pg.controls.w["player"].value += 1
        ran.append(pg.frames_played > before)
    # 0.00 idle: runs (20 ms); 0.04 idle: runs (50 ms, to 0.09); 0.09 waited for it: runs late
    # (50 ms, to 0.14); 0.14 waited again after a late frame: dropped; 0.16 idle: runs (to 0.18);
    # 0.18 waited, but that frame began only 20 ms ago: a duplicate, dropped.
    assert ran == [True, True, True, False, True, False]
    assert pg.ticks_skipped == 2 and pg.state["epoch"] == 4
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
    pg.comm_closed()
    assert not pg.playing and pg.frame() == 0
    pg.play()
    pg.close()
    assert not pg.playing and pg.widget is None
    pg.step(2)  # still usable from Python
    assert pg.state["epoch"] == 2


def test_reset_restores_epoch_and_initial_weights(pg):
    initial = weights_of(pg)
    pg.play()
    pg.step(20)
    assert not np.allclose(initial[0], pg.weights[0])
    pg.controls.w["reset"].click()
    assert pg.state["epoch"] == 0 and not pg.playing and pg.state["history"]["train_loss"] == []
    assert same(initial, pg.weights)


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


def test_no_hidden_layer_is_a_linear_model_of_the_features():
    pg = Playground(dataset="circle", features=["x1^2", "x2^2"], hidden=[])
    assert pg.model.layer_sizes == [2, 1]
    pg.step(100)
    assert pg.state["test_accuracy"] > 0.95


# ------------------------------------------------------------ what it shows
def test_displays_are_filled_and_findable_by_css_class(pg):
    pg.step(2)
    w = pg.controls.w
    assert w["boundary"].value[:4] == b"\x89PNG" and w["points"].value[:4] == b"\x89PNG"
    svg = w["network"].value
    assert svg.startswith("<svg") and svg.count("<line") == 2 * 4 + 4 * 2 + 2
    assert w["curve"].value.count("<polyline") == 2
    assert w["epoch"].value.endswith("000,002")
    assert f"{pg.state['test_loss']:.3f}" in w["test_loss"].value
    for name in ("play", "pause", "step", "reset", "train_loss", "test_loss", "epoch", "boundary"):
        assert f"playground-{name.replace('_', '-')}" in w[name]._dom_classes
    assert "playground" in pg.widget._dom_classes and pg.uid in pg.widget._dom_classes


def test_text_and_lines_take_the_themes_colours(pg):
    """No fixed grey for text or lines: CSS classes, styled with JupyterLab's variables."""
    w = pg.controls.w
    drawn = w["network"].value + w["curve"].value + w["status"].value + w["layers_label"].value
    assert 'fill="#' not in drawn and 'stroke="#' not in drawn and "color:#" not in drawn
    assert 'class="pg-text"' in w["network"].value and 'class="pg-box"' in w["network"].value
    style = w["style"].value
    for rule in (".pg-text", ".pg-box", ".pg-test", ".pg-status", ".pg-heading"):
        line = next(line for line in style.splitlines() if rule + " " in line)
        assert "var(--jp-" in line, line


def test_hovering_a_neuron_shows_its_map_large(pg):
    """Every neuron is a group pg-node-k, and the zoom layer has a window pg-zoom-k onto the same
    sprite with a CSS rule that shows it while pg-node-k is hovered."""
    pg.step(5)
    pictures = pg.pictures()
    names = ["x₁", "x₂"] + [f"hidden 1, neuron {j}" for j in range(1, 5)]
    names += ["hidden 2, neuron 1", "hidden 2, neuron 2", "output"]
    for k, name in enumerate(names):
        assert f'class="pg-node pg-node-{k}"' in pictures["network_svg"]
        assert f".{pg.uid}:has(.pg-node-{k}:hover) .pg-zoom-{k}" in pictures["zoom_html"]
        assert f"pg-zoom pg-zoom-{k}" in pictures["zoom_html"] and name in pictures["zoom_html"]
    assert f'<image id="{pg.uid}-sprite"' in pictures["network_svg"]
    assert pictures["zoom_html"].count(f'href="#{pg.uid}-sprite"') == len(names)
    neuron = pg.neuron_map(1, 2)  # hidden 1, neuron 3: what its big map shows
    assert neuron.shape == (100, 100) and np.all(np.abs(neuron) <= 1)
    np.testing.assert_array_equal(neuron.ravel(), pg.output_grid()[1][:, 2])


def test_the_display_carries_a_picture_for_viewers_without_a_kernel(pg):
    pg.step(10)
    bundle = pg._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # JupyterLab: the live widget
    png = base64.b64decode(bundle["image/png"])  # GitHub, nbviewer, the site: its picture
    assert png[:4] == b"\x89PNG" and len(png) > 20_000
    assert bundle["text/plain"].startswith("Neural Network Playground: circle, network 2-4-2-1")
    assert "epoch 10" in bundle["text/plain"] and "VBox(" not in bundle["text/plain"]
    assert plt.get_fignums() == []  # the picture's figure is closed, not shown twice


def test_figure_shows_map_network_and_curves(pg):
    pg.set(show_test=True)
    pg.step(10)
    fig = pg.figure(title="after 10 epochs")
    assert len(fig.axes) == 3
    assert len(fig.axes[0].images) == 1 and len(fig.axes[2].lines) == 2
    assert fig.axes[2].get_ylim()[0] == 0  # the loss axis starts at 0: small changes look small
    plt.close(fig)
