"""The Playground class: data, network and training, playable in the browser and from Python.

A Playground holds the settings (settings.py), the data (course_utils.playground_data), the
network and its training (maths.py), and shows itself through widgets (widget.py) with
pictures (drawing.py). Everything a button does is a method; see the package docstring.

Playing: an ipywidgets.Play widget ticks in the browser every 40 ms; each tick calls
`on_tick()`, which runs one frame: train epochs until one more would not fit in about 80 % of
the interval less the time a redraw takes (at most MAX_EPOCHS_PER_FRAME), then redraw. No loop
blocks the kernel and no thread is started: a tick is an ordinary widget message. Ticks stop
when the browser stops sending them (page closed, kernel stopped), when the widget's comm
closes, after `max_play_epochs` epochs of one Play press, and when the loss becomes infinite.
"""

import time
import uuid

import numpy as np

from course_utils import playground_data

from . import drawing, maths
from .settings import (
    DATA_KEYS,
    DEFAULTS,
    KEEP_NETWORK_KEYS,
    MAX_LAYERS,
    normalise,
    problem_with,
)

INTERVAL_MS = 40  # the Play widget (widget.py) ticks every 40 ms: 25 frames per second
TRAIN_SHARE = 0.8  # share of a frame the kernel works (training + redraw); the rest is slack
MAX_EPOCHS_PER_FRAME = 200  # so that the epoch counter and the pictures move smoothly


class Playground:
    """The Neural Network Playground: data, network, training and pictures, with widgets.

    Inputs (all optional; the defaults are the original's): dataset ("circle", "xor", "gauss",
    "spiral", "moons"; regression: "plane", "multi_gauss"), noise (0-50, %), train_percent
    (10-90), batch_size (1-30), features (names from playground_data.FEATURES), hidden (list of
    neurons per hidden layer, e.g. [4, 2]), activation ("relu", "tanh", "sigmoid", "linear"),
    learning_rate, regularization ("none", "L1", "L2"), regularization_rate, show_test,
    discretize, seed (initial weights and data), data_draw (0: the points of the seed; 1, 2,
    ...: other points, see new_data), n_points (None: 500 / 1200).
    Display it by putting it last in a cell. See the package docstring for the Python API.
    """

    def __init__(self, **settings):
        self.settings = dict(DEFAULTS)
        self.uid = f"pg-{uuid.uuid4().hex[:10]}"  # names this playground's parts in the page
        self.max_play_epochs = 10_000  # one Play press trains at most this many epochs, then pauses
        self.epochs_per_frame = None  # None: as many as fit in the frame's budget (see frame)
        self.playing = False
        self.status = ""
        self.frames_played = 0  # frames that trained (for benchmarks and curious learners)
        self.ticks_skipped = 0  # ticks dropped because they queued up while the kernel was busy
        self._seconds_per_redraw = 0.01
        self._last_tick = 0.0  # when the last frame began
        self._last_frame_end = 0.0
        self._ran_late = False  # the last frame ran from a tick that had waited
        self._played = 0
        self._cache = {}  # pictures that change rarely: the points, the zoom layer
        changes = normalise(settings, self.settings["dataset"])
        self.settings.update(changes)
        message = problem_with(self.settings)
        if message:
            raise ValueError(f"Playground: {message}")
        self.controls = self._build_widgets()
        self.widget = self.controls.box if self.controls else None
        self._sync()
        self._make_data()
        self._make_network()
        self.show_status("Ready. Press Play, or call pg.step(100) from Python.")
        self.redraw()

    def _build_widgets(self):
        try:
            from .widget import PlaygroundWidget
        except ImportError:  # without ipywidgets the playground still trains and draws figures
            return None
        return PlaygroundWidget(self)

    # ------------------------------------------------------------ settings
    def set(self, **changes):
        """Change settings, as the widgets do: pg.set(dataset="xor", hidden=[2], learning_rate=0.1).

        A change that does not work (no features, 0 neurons, learning rate 0, ...) is refused
        with a message in the status line (pg.status), and nothing changes. What a change does
        is in settings.py: new data, a new network at epoch 0, or the network goes on.
        """
        changes = normalise(changes, self.settings["dataset"])
        new = {**self.settings, **changes}
        if "seed" in changes and "data_draw" not in changes:
            new["data_draw"] = 0  # a new seed: its own points
        message = problem_with(new)
        if message:
            self.show_status(f"Not changed: {message}", error=True)
            self._sync()  # put the control that asked for it back
            return
        changed = {key for key in new if new[key] != self.settings[key]}
        self.settings = new
        self._sync()
        if not changed:
            return
        if changed & (DATA_KEYS | {"data_draw"}):
            self._make_data()
        if changed - KEEP_NETWORK_KEYS:
            self.pause(keep_status=True)  # a new network starts paused at epoch 0
            self._make_network()
            self.show_status(f"Changed {', '.join(sorted(changed))}: new network, epoch 0.")
        elif "data_draw" in changed:
            self._prepare_features()
            self._record_losses(record=False)
            self.show_status(
                f"New data (draw {new['data_draw']} of seed {new['seed']}): the network keeps its "
                f"weights and goes on from epoch {self.epoch:,}."
            )
        elif "learning_rate" in changed:
            self.show_status(
                f"Learning rate now {new['learning_rate']:g}; the network keeps training."
            )
        self.redraw()

    def _sync(self):
        if self.controls:
            self.controls.sync(self.settings, self.problem)

    def show_status(self, text, error=False):
        """Write `text` in the status line (and in pg.status)."""
        self.status = text
        if self.controls:
            self.controls.show_status(text, error)

    def add_layer(self):
        """Add a hidden layer of 2 neurons (as the original's + button), at most MAX_LAYERS."""
        hidden = list(self.settings["hidden"])
        if len(hidden) >= MAX_LAYERS:
            self.show_status(f"Not changed: at most {MAX_LAYERS} hidden layers.", error=True)
            return
        self.set(hidden=hidden + [2])

    def remove_layer(self):
        """Remove the last hidden layer (none left is allowed: a linear model of the inputs)."""
        hidden = list(self.settings["hidden"])
        if not hidden:
            self.show_status("Not changed: there is no hidden layer left to remove.", error=True)
            return
        self.set(hidden=hidden[:-1])

    def change_neurons(self, layer, delta):
        """Add (delta=+1) or remove (-1) a neuron in hidden layer `layer` (0-based)."""
        hidden = list(self.settings["hidden"])
        hidden[layer] += delta
        self.set(hidden=hidden)

    def new_data(self):
        """Other points of the same data set, as the original's "regenerate" button.

        The network keeps its weights and the epoch count goes on, so you see how the trained
        network does on fresh points. Each press draws the next set (pg.settings["data_draw"]).
        """
        self.set(data_draw=self.settings["data_draw"] + 1)

    def next_seed(self):
        """Start again from the next seed: new points, new initial weights, epoch 0."""
        self.set(seed=self.settings["seed"] + 1)
        self.show_status(
            f"Seed {self.settings['seed']}: new data and new initial weights, epoch 0."
        )

    # ------------------------------------------------------------ data and network
    @property
    def problem(self):
        """ "classification" or "regression" (follows the data set)."""
        return playground_data.problem_of(self.settings["dataset"])

    @property
    def _output(self):
        return "identity" if self.problem == "regression" else "tanh"

    def _make_data(self):
        s = self.settings
        X, y = playground_data.make_dataset(
            s["dataset"], s["n_points"], s["noise"] / 100, s["seed"], s["data_draw"]
        )
        self.X_train, self.y_train, self.X_test, self.y_test = playground_data.split(
            X, y, s["train_percent"]
        )
        self.X, self.y = X, y
        self._features_of = None

    def _prepare_features(self):
        """Feature matrices of the points and of the map's grid, computed once per feature set."""
        features = self.settings["features"]
        if self._features_of == (features, id(self.X)):
            return
        self._features_of = (features, id(self.X))
        n_train = len(self.y_train)
        self.F_all = playground_data.feature_matrix(self.X, features)
        self.Y_all = self.y[:, None]
        self._X1_train = maths.with_ones(self.F_all[:n_train])
        self._Y_train = self.Y_all[:n_train]
        limit = playground_data.LIMIT
        xs = np.linspace(-limit, limit, drawing.GRID)
        x1, x2 = np.meshgrid(xs, xs[::-1])  # row 0 is the top of the picture: x2 = +6
        self.F_grid = playground_data.feature_matrix(
            np.column_stack([x1.ravel(), x2.ravel()]), features
        )
        self._F_grid32 = self.F_grid.astype(np.float32)
        step = drawing.NEURON_STRIDE
        small = self.F_grid.reshape(drawing.GRID, drawing.GRID, -1)[::step, ::step]
        self._feature_maps = small / np.maximum(np.abs(small).max(axis=(0, 1)), 1e-12)

    def _make_network(self):
        """A new network with the playground's initial weights (of this seed); epoch 0."""
        s = self.settings
        self._prepare_features()
        sizes = [len(s["features"]), *s["hidden"], 1]
        self.model, self.params = maths.new_network(sizes, s["activation"], self._output, s["seed"])
        self.weights = [Wb[:-1] for Wb in self.params]  # views: the MLP's W and b, trained in place
        self.biases = [Wb[-1] for Wb in self.params]
        self.dead = [np.zeros(W.shape, dtype=bool) for W in self.weights]  # L1's dead links
        self._carried = None  # training points waiting for the next epoch's first update
        self.epoch = 0
        self.diverged = False
        self.history = {"epoch": [], "train_loss": [], "test_loss": []}
        self._record_losses(record=False)

    def _record_losses(self, record=True):
        """The loss on the training and test points now; added to the history if record is True."""
        with np.errstate(all="ignore"):
            y_hat = maths.forward(
                self.params, self.F_all, self.settings["activation"], self._output
            )
        y_hat = y_hat[-1]
        n_train = len(self.y_train)
        self.train_loss = maths.half_squared_error(y_hat[:n_train], self.Y_all[:n_train])
        self.test_loss = maths.half_squared_error(y_hat[n_train:], self.Y_all[n_train:])
        self._y_hat = y_hat
        if record:
            self.history["epoch"].append(self.epoch)
            self.history["train_loss"].append(self.train_loss)
            self.history["test_loss"].append(self.test_loss)

    # ------------------------------------------------------------ training
    def _train(self, epochs, budget=None):
        """Train up to `epochs` epochs; fewer if the loss becomes infinite or when one more
        would end after `budget` seconds (None: no limit). Returns how many."""
        if self.diverged:
            self.show_status(
                "The loss became infinite: lower the learning rate, then press Reset.", error=True
            )
            return 0
        s = self.settings
        done = 0
        start = time.perf_counter()
        with np.errstate(all="ignore"):  # a too-large learning rate overflows: we say so, not warn
            for _ in range(epochs):
                batches, self._carried = maths.epoch_batches(
                    self._X1_train, self._Y_train, s["batch_size"], self._carried
                )
                maths.train_epoch(
                    self.params,
                    batches,
                    s["activation"],
                    self._output,
                    s["learning_rate"],
                    s["regularization"],
                    s["regularization_rate"],
                    self.dead,
                )
                self.epoch += 1
                done += 1
                self._record_losses()
                if not (
                    np.isfinite(self.train_loss) and all(np.isfinite(p).all() for p in self.params)
                ):
                    self.diverged = True
                    self.show_status(
                        f"Diverged at epoch {self.epoch}: the loss became infinite. The learning "
                        f"rate {s['learning_rate']:g} is too large; lower it and press Reset.",
                        error=True,
                    )
                    break
                elapsed = time.perf_counter() - start
                if budget is not None and elapsed + elapsed / done > budget:
                    break  # one more epoch, as long as the mean so far, would end too late
        return done

    def step(self, epochs=1):
        """Train `epochs` epochs (Step trains one), then redraw; pause first if playing."""
        if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or epochs < 1:
            self.show_status(
                f"step(epochs): epochs must be a whole number >= 1, got {epochs!r}.", error=True
            )
            return
        was_playing = self.playing
        if was_playing:
            self.pause(keep_status=True)  # as the original's Step button
        done = self._train(int(epochs))
        if done and not self.diverged:
            paused = "Paused, then trained" if was_playing else "Trained"
            self.show_status(f"{paused} {done:,} epoch{'s' * (done > 1)}: epoch {self.epoch:,}.")
        self.redraw()

    # ------------------------------------------------------------ playing
    def frame(self):
        """One animation frame while playing: train a few epochs, then redraw. Returns how many.

        The browser's Play widget calls it (through on_tick) every INTERVAL_MS ms; tests call it.
        """
        if not self.playing:
            return 0
        budget = None
        if self.epochs_per_frame is None:
            # Train for what TRAIN_SHARE of a frame leaves after drawing (a redraw's time is
            # measured as it plays), never for less time than a drawing takes. _train measures
            # its epochs as it goes, so new settings or a busy CPU change the count at once.
            frame = TRAIN_SHARE * INTERVAL_MS / 1000
            budget = max(frame - self._seconds_per_redraw, self._seconds_per_redraw)
            n = MAX_EPOCHS_PER_FRAME
        else:
            n = int(self.epochs_per_frame)
        n = max(0, min(n, self.max_play_epochs - self._played))
        done = self._train(n, budget)
        self._played += done
        self.frames_played += 1
        if self.diverged:
            self.pause(keep_status=True)
        elif self._played >= self.max_play_epochs:
            self.pause(keep_status=True)
            self.show_status(
                f"Paused after {self.max_play_epochs:,} epochs of play (so a forgotten tab does "
                "not keep the computer busy). Press Play to go on."
            )
        self.redraw()
        return done

    def on_tick(self):
        """A tick of the Play widget: one frame, unless the kernel is behind the browser's clock.

        A tick that comes right at the end of the last frame waited while it ran. It still runs a
        frame (so one long frame costs no frame), unless the last frame began less than 3/4 of a
        tick ago or itself ran late: then it is skipped, so a kernel slower than the clock drops
        ticks instead of falling ever further behind, and Pause is answered at once.
        """
        now = time.perf_counter()
        interval = INTERVAL_MS / 1000
        waited = now - self._last_frame_end < 0.1 * interval
        if waited and (self._ran_late or now - self._last_tick < 0.75 * interval):
            self.ticks_skipped += 1
            return
        self._ran_late = waited
        self._last_tick = now
        try:
            self.frame()
        except Exception as error:  # never let a frame raise inside the widget machinery
            self.pause(keep_status=True)
            self.show_status(f"Stopped: {type(error).__name__}: {error}", error=True)
        self._last_frame_end = time.perf_counter()

    def play(self):
        """Start training in the browser's animation loop (one frame every INTERVAL_MS ms)."""
        if self.diverged:
            self.show_status(
                "The loss became infinite: lower the learning rate, then press Reset.", error=True
            )
            return
        self.playing = True
        self._played = 0
        self._last_tick, self._ran_late = 0.0, False
        self.show_status("Playing...")
        if self.controls:
            self.controls.set_playing(True)

    def pause(self, keep_status=False):
        """Stop the animation loop (the network keeps its weights)."""
        self.playing = False
        if self.controls:
            self.controls.set_playing(False)
        if not keep_status:
            self.show_status(f"Paused at epoch {self.epoch:,}.")

    def reset(self):
        """Pause and start again: the same data, the initial weights (of this seed), epoch 0."""
        self.pause(keep_status=True)
        self._make_network()
        self.show_status("Reset: initial weights, epoch 0.")
        self.redraw()

    def close(self):
        """Stop playing and close every widget; the playground still works from Python."""
        self.playing = False
        if self.controls:
            self.controls.close()
        self.controls = self.widget = None

    def comm_closed(self):
        """The page closed the widget: stop playing."""
        self.playing = False

    # ------------------------------------------------------------ state
    def _accuracy(self, rows):
        if self.problem == "regression" or self.diverged:
            return None
        y_hat, y = self._y_hat[rows, 0], self.y[rows]
        return float(np.mean((y_hat >= 0) == (y > 0))) if len(y) else None

    @property
    def state(self):
        """A snapshot (a new dict each time) of what the playground shows now.

        Keys: epoch, train_loss, test_loss, train_accuracy, test_accuracy (None for regression),
        n_train, n_test, hidden_neurons (total), n_parameters, dead_links (weights L1 has set to
        0 for good), problem, playing, diverged, status, settings (every setting, see
        Playground), history (epoch, train_loss, test_loss lists).
        """
        n_train = len(self.y_train)
        return {
            "epoch": self.epoch,
            "train_loss": self.train_loss,
            "test_loss": self.test_loss,
            "train_accuracy": self._accuracy(slice(0, n_train)),
            "test_accuracy": self._accuracy(slice(n_train, None)),
            "n_train": n_train,
            "n_test": len(self.y_test),
            "hidden_neurons": int(sum(self.settings["hidden"])),
            "n_parameters": self.model.n_parameters(),
            "dead_links": int(sum(mask.sum() for mask in self.dead)),
            "problem": self.problem,
            "playing": self.playing,
            "diverged": self.diverged,
            "status": self.status,
            "settings": {
                **self.settings,
                "features": list(self.settings["features"]),
                "hidden": list(self.settings["hidden"]),
            },
            "history": {key: list(values) for key, values in self.history.items()},
        }

    def predict(self, X):
        """The network's output for points X (n, 2): (n,) values, in [-1, 1] for classification."""
        F = playground_data.feature_matrix(np.asarray(X, dtype=float), self.settings["features"])
        with np.errstate(all="ignore"):
            return maths.forward(self.params, F, self.settings["activation"], self._output)[-1][
                :, 0
            ]

    def output_grid(self):
        """The output on the GRID x GRID map (row 0 at x2 = +6) and every neuron's output there.

        Returns: [A_0, A_1, ..., y_hat], arrays of shape (GRID * GRID, n_l), as maths.forward.
        """
        self._prepare_features()
        with np.errstate(all="ignore"):
            return maths.forward(
                self.params, self.F_grid, self.settings["activation"], self._output
            )

    def neuron_map(self, layer, neuron):
        """What one neuron computes over the plane: a (GRID, GRID) array, row 0 at x2 = +6.

        Inputs: layer: 0 for the inputs, 1 for the first hidden layer, ..., the last for the
                output; neuron: 0-based index in that layer. (The widget shows it large while
                the mouse is over the neuron.)
        """
        outputs = self.output_grid()
        return outputs[layer][:, neuron].reshape(drawing.GRID, drawing.GRID)

    def __repr__(self):
        s = self.settings
        sizes = "-".join(str(n) for n in [len(s["features"]), *s["hidden"], 1])
        return (
            f"Playground({s['dataset']}, {sizes} {s['activation']}, lr={s['learning_rate']:g}, "
            f"epoch {self.epoch}, train loss {self.train_loss:.3f}, test loss {self.test_loss:.3f})"
        )

    # ------------------------------------------------------------ drawing
    def pictures(self):
        """Everything the widget shows, drawn now: a dict of map_png, points_png (bytes),
        network_svg, zoom_html, loss_svg (text). The pictures are computed in float32 (a colour
        has 255 levels; float32 has 7 digits and is several times faster)."""
        s = self.settings
        self._prepare_features()
        params32 = [Wb.astype(np.float32) for Wb in self.params]
        with np.errstate(all="ignore"):
            outputs = maths.forward(params32, self._F_grid32, s["activation"], self._output)
        grid, step = drawing.GRID, drawing.NEURON_STRIDE
        node_maps = [self._feature_maps] + [
            A.reshape(grid, grid, -1)[::step, ::step] for A in outputs[1:]
        ]
        tile = node_maps[0].shape[0]
        labels = [playground_data.FEATURE_LABELS[name] for name in s["features"]]
        sizes = (len(s["features"]), *s["hidden"], 1)
        points_key = (id(self.X), s["show_test"], self.problem)
        if self._cache.get("points_key") != points_key:
            self._cache["points_key"] = points_key
            self._cache["points_png"] = drawing.points_png(
                self.X_train,
                self.y_train,
                self.X_test,
                self.y_test,
                s["show_test"],
                self.problem == "regression",
            )
        zoom_key = (sizes, tuple(labels))
        if self._cache.get("zoom_key") != zoom_key:
            self._cache["zoom_key"] = zoom_key
            self._cache["zoom_html"] = drawing.zoom_html(
                drawing.node_names(sizes, labels), tile, self.uid
            )
        return {
            "map_png": drawing.map_png(outputs[-1].reshape(grid, grid), s["discretize"]),
            "points_png": self._cache["points_png"],
            "network_svg": drawing.network_svg(
                self.weights, drawing.sprite_png(node_maps), tile, labels, s["activation"], self.uid
            ),
            "zoom_html": self._cache["zoom_html"],
            "loss_svg": drawing.loss_curve_svg(
                self.history["train_loss"], self.history["test_loss"]
            ),
        }

    def redraw(self):
        """Update every display widget from the current state (cheap: no matplotlib)."""
        if not self.controls:
            return
        start = time.perf_counter()
        self.controls.show(self.pictures(), self)
        seconds = time.perf_counter() - start
        self._seconds_per_redraw = 0.7 * self._seconds_per_redraw + 0.3 * seconds

    def figure(self, title=None):
        """A static matplotlib figure of the current state: output map, network, loss curves.

        Returns: the Figure (show it with plt.show(), save it with fig.savefig(...)).
        """
        return drawing.figure(self, title)

    def _repr_mimebundle_(self, **kwargs):
        """The live widget for JupyterLab, and a picture of the current state for viewers
        without a kernel (GitHub, nbviewer, the site): see course_utils.widgets.picture."""
        from course_utils.widgets.picture import add_picture

        bundle = self.widget._repr_mimebundle_(**kwargs) if self.widget is not None else {}
        s = self.settings
        sizes = "-".join(str(n) for n in [len(s["features"]), *s["hidden"], 1])
        summary = (
            f"Neural Network Playground: {s['dataset']}, network {sizes} {s['activation']}, "
            f"epoch {self.epoch}, test loss {self.test_loss:.3f}"
        )
        return add_picture(bundle, self.figure(), summary)
