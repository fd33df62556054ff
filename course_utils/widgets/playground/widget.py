"""The playground's widgets: buttons, menus and sliders wired to a Playground, and its displays.

Every control calls a Playground method (set, play, pause, step, reset, new_data, next_seed,
...), so a click does exactly what the same call from Python does; `sync` shows the
playground's settings in the controls, `show` puts fresh pictures into the displays. The
widgets hold no state of their own that matters.

Layout, as in the original: a top bar (Reset, Play, Pause, Step, epoch, learning rate,
activation, regularisation, problem); below it the data, the features, the network (with
+/- buttons for layers and neurons) and the output (losses, loss curve, the output map).

Colours of text and lines come from JupyterLab's theme variables (--jp-ui-font-color1, ...),
so the playground reads in the light and the dark theme; outside JupyterLab the fallback
colours after the comma apply.
"""

import ipywidgets as widgets

from course_utils import playground_data
from course_utils.plotting import NEGATIVE_COLOR, POSITIVE_COLOR

from .drawing import IMAGE_SIZE, LAYER_WIDTH
from .playground import INTERVAL_MS
from .settings import ACTIVATIONS, LEARNING_RATES, MAX_LAYERS, REGULARIZATION_RATES, REGULARIZATIONS

DATASET_LABELS = {
    "circle": "Circle",
    "xor": "XOR",
    "gauss": "Gaussian",
    "spiral": "Spiral",
    "moons": "Moons",
    "plane": "Plane",
    "multi_gauss": "Multi-Gaussian",
}

STYLE = f"""
.playground .pg-heading {{ font-weight: bold; color: var(--jp-ui-font-color1, #444); }}
.playground .pg-text {{ fill: var(--jp-ui-font-color1, #333); }}
.playground .pg-box {{ fill: none; stroke: var(--jp-ui-font-color1, #333); pointer-events: all; }}
.playground .pg-pos {{ stroke: {POSITIVE_COLOR}; stroke-opacity: 0.85; }}
.playground .pg-neg {{ stroke: {NEGATIVE_COLOR}; stroke-opacity: 0.85; }}
.playground .pg-tile {{ image-rendering: pixelated; }}
.playground .pg-chart {{ fill: var(--jp-layout-color1, #fafafa);
  stroke: var(--jp-border-color1, #ccc); }}
.playground .pg-train {{ fill: none; stroke-width: 1.5; stroke-dasharray: 4 2;
  stroke: var(--jp-ui-font-color2, #777); }}
.playground .pg-test {{ fill: none; stroke-width: 1.5; stroke: var(--jp-ui-font-color0, #000); }}
.playground .pg-status {{ color: var(--jp-ui-font-color1, #333); }}
.playground .pg-error {{ color: var(--jp-error-color1, #b00020); }}
.playground .pg-pixelated img, .playground img.pg-pixelated {{ image-rendering: pixelated; }}
.playground .pg-zoom-layer {{ position: relative; pointer-events: none; }}
.playground .pg-zoom {{ display: none; }}
.playground .pg-zoom-caption {{ position: absolute; top: 4px; left: 4px; padding: 1px 5px;
  background: rgba(255, 255, 255, 0.85); color: #222; font-size: 12px; border-radius: 3px; }}
"""


def _escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _menu(options, description, width):
    return widgets.Dropdown(
        options=options,
        description=description,
        style={"description_width": "initial"},
        layout=widgets.Layout(width=width),
    )


class PlaygroundWidget:
    """The ipywidgets of one Playground: `box` is what the notebook shows, `w` names every part."""

    def __init__(self, playground):
        self.pg = playground
        self.syncing = False  # True while sync() sets values: their handlers must not act
        w = self.w = {}
        small = widgets.Layout(width="auto")
        for name, icon, tip in (
            ("reset", "undo", "Reset the network: initial weights, epoch 0"),
            ("play", "play", "Play"),
            ("pause", "pause", "Pause"),
            ("step", "step-forward", "Train one epoch (pauses first)"),
        ):
            w[name] = widgets.Button(
                description=name.capitalize(), icon=icon, tooltip=tip, layout=small
            )
            w[name].add_class(f"playground-{name}")
        w["epoch"] = widgets.HTML()
        w["epoch"].add_class("playground-epoch")
        w["learning_rate"] = _menu(
            [(f"{lr:g}", lr) for lr in LEARNING_RATES], "Learning rate", "170px"
        )
        w["activation"] = _menu(
            [(a if a != "relu" else "ReLU", a) for a in ACTIVATIONS], "Activation", "160px"
        )
        w["regularization"] = _menu(REGULARIZATIONS, "Regularization", "180px")
        w["regularization_rate"] = _menu(
            [(f"{r:g}", r) for r in REGULARIZATION_RATES], "Reg. rate", "140px"
        )
        w["problem"] = _menu(["classification", "regression"], "Problem", "200px")
        w["dataset"] = widgets.ToggleButtons(options=[], style={"button_width": "86px"})
        w["noise"] = widgets.IntSlider(min=0, max=50, step=5, description="Noise %")
        w["train_percent"] = widgets.IntSlider(min=10, max=90, step=10, description="Train %")
        w["batch_size"] = widgets.IntSlider(min=1, max=30, description="Batch size")
        for name in ("train_percent", "noise", "batch_size"):
            w[name].layout.width = "300px"
        w["seed"] = widgets.BoundedIntText(
            min=0, max=2**31 - 1, description="Seed", layout=widgets.Layout(width="180px")
        )
        w["new_data"] = widgets.Button(
            description="New data",
            icon="refresh",
            layout=widgets.Layout(width="110px"),
            tooltip="Other points of the same data set; the network keeps training",
        )
        w["new_data"].add_class("playground-new-data")
        w["next_seed"] = widgets.Button(
            description="Next seed",
            icon="random",
            layout=widgets.Layout(width="110px"),
            tooltip="Start again from the next seed: new points, new initial weights, epoch 0",
        )
        w["next_seed"].add_class("playground-next-seed")
        for name in playground_data.FEATURES:
            w[f"feature {name}"] = widgets.ToggleButton(
                description=playground_data.FEATURE_LABELS[name],
                layout=widgets.Layout(width="62px"),
            )
        w["add_layer"] = widgets.Button(description="+ layer", layout=small)
        w["remove_layer"] = widgets.Button(description="− layer", layout=small)
        w["layers_label"] = widgets.HTML()
        for k in range(MAX_LAYERS):
            w[f"more{k}"] = widgets.Button(
                description="+",
                tooltip=f"One more neuron in layer {k + 1}",
                layout=widgets.Layout(width="34px", padding="0"),
            )
            w[f"fewer{k}"] = widgets.Button(
                description="−",
                tooltip=f"One neuron fewer in layer {k + 1}",
                layout=widgets.Layout(width="34px", padding="0"),
            )
            w[f"neurons{k}"] = widgets.HTML()
            w[f"layer{k}"] = widgets.VBox(
                [widgets.HBox([w[f"more{k}"], w[f"fewer{k}"]]), w[f"neurons{k}"]],
                layout=widgets.Layout(width=f"{LAYER_WIDTH}px", align_items="center"),
            )
        w["network"] = widgets.HTML()
        w["network"].add_class("playground-network")
        w["train_loss"] = widgets.HTML()
        w["train_loss"].add_class("playground-train-loss")
        w["test_loss"] = widgets.HTML()
        w["test_loss"].add_class("playground-test-loss")
        w["curve"] = widgets.HTML()
        # The output map: three layers in one grid cell. The map (a small PNG the browser
        # scales up), a neuron's map while the mouse is over it, and the data points on top.
        stacked = widgets.Layout(grid_area="1 / 1 / 2 / 2")
        w["boundary"] = widgets.Image(
            format="png", width=IMAGE_SIZE, height=IMAGE_SIZE, layout=stacked
        )
        w["boundary"].add_class("playground-boundary")
        w["zoom"] = widgets.HTML(layout=widgets.Layout(grid_area="1 / 1 / 2 / 2"))
        w["zoom"].add_class("pg-zoom-layer")
        w["points"] = widgets.Image(
            format="png",
            width=IMAGE_SIZE,
            height=IMAGE_SIZE,
            layout=widgets.Layout(grid_area="1 / 1 / 2 / 2"),
        )
        w["points"].add_class("playground-points")
        size = f"{IMAGE_SIZE}px"
        w["map"] = widgets.GridBox(
            [w["boundary"], w["zoom"], w["points"]],
            layout=widgets.Layout(grid_template_columns=size, grid_template_rows=size),
        )
        w["show_test"] = widgets.Checkbox(description="Show test data", indent=False)
        w["discretize"] = widgets.Checkbox(description="Discretize output", indent=False)
        w["status"] = widgets.HTML()
        w["status"].add_class("playground-status")
        w["player"] = widgets.Play(
            interval=INTERVAL_MS,
            min=0,
            max=10**9,
            repeat=True,
            show_repeat=False,
            layout=widgets.Layout(display="none"),
        )
        w["player"].add_class("playground-player")
        w["style"] = widgets.HTML(f"<style>{STYLE}</style>", layout=widgets.Layout(display="none"))
        self._wire()
        self.box = self._lay_out()
        self.box.add_class("playground")
        self.box.add_class(playground.uid)

    def _wire(self):
        """Connect every control to the playground."""
        w, pg = self.w, self.pg
        for name in (
            "learning_rate",
            "activation",
            "regularization",
            "regularization_rate",
            "noise",
            "train_percent",
            "batch_size",
            "seed",
            "show_test",
            "discretize",
            "dataset",
            "problem",
        ):
            w[name].observe(self._changed(name), names="value")
        for name in playground_data.FEATURES:
            w[f"feature {name}"].observe(self._feature_toggled, names="value")
        actions = {
            "play": pg.play,
            "pause": pg.pause,
            "step": pg.step,
            "reset": pg.reset,
            "new_data": pg.new_data,
            "next_seed": pg.next_seed,
            "add_layer": pg.add_layer,
            "remove_layer": pg.remove_layer,
        }
        for k in range(MAX_LAYERS):
            actions[f"more{k}"] = lambda k=k: pg.change_neurons(k, +1)
            actions[f"fewer{k}"] = lambda k=k: pg.change_neurons(k, -1)
        for name, action in actions.items():
            w[name].on_click(lambda _, action=action: self._safely(action))
        w["player"].observe(lambda change: pg.on_tick(), names="value")
        w["player"].observe(self._player_playing, names="playing")
        for name in ("player", "play"):
            comm = getattr(w[name], "comm", None)
            if comm is not None and hasattr(comm, "on_close"):
                comm.on_close(lambda message: pg.comm_closed())

    def _lay_out(self):
        w = self.w

        def heading(text):
            label = widgets.HTML(f"<span class='pg-heading'>{text}</span>")
            return label

        top = widgets.HBox(
            [
                w["reset"],
                w["play"],
                w["pause"],
                w["step"],
                w["epoch"],
                w["learning_rate"],
                w["activation"],
                w["regularization"],
                w["regularization_rate"],
                w["problem"],
                w["player"],
                w["style"],
            ],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center", grid_gap="6px"),
        )
        data = widgets.VBox(
            [
                heading("DATA"),
                w["dataset"],
                w["train_percent"],
                w["noise"],
                w["batch_size"],
                w["seed"],
                widgets.HBox([w["new_data"], w["next_seed"]]),
            ],
            layout=widgets.Layout(width="310px"),
        )
        features = widgets.VBox(
            [heading("FEATURES")] + [w[f"feature {name}"] for name in playground_data.FEATURES],
            layout=widgets.Layout(min_width="84px"),
        )
        above_inputs = widgets.HTML(layout=widgets.Layout(width=f"{LAYER_WIDTH}px"))
        network = widgets.VBox(
            [
                widgets.HBox([w["add_layer"], w["remove_layer"], w["layers_label"]]),
                widgets.HBox([above_inputs] + [w[f"layer{k}"] for k in range(MAX_LAYERS)]),
                w["network"],
            ],
            layout=widgets.Layout(flex="0 0 auto"),
        )
        output = widgets.VBox(
            [
                heading("OUTPUT"),
                w["test_loss"],
                w["train_loss"],
                w["curve"],
                w["map"],
                w["show_test"],
                w["discretize"],
            ],
            layout=widgets.Layout(min_width=f"{IMAGE_SIZE + 10}px", flex="0 0 auto"),
        )
        # On a narrow screen the output column moves below the others instead of being squeezed.
        middle = widgets.HBox(
            [data, features, network, output],
            layout=widgets.Layout(grid_gap="12px", flex_flow="row wrap"),
        )
        self._containers = [top, data, features, network, output, middle]
        return widgets.VBox([top, middle, w["status"]])

    # ------------------------------------------------------------ from the widgets
    def _safely(self, action):
        try:
            action()
        except Exception as error:  # a click must never print a traceback into the log
            self.pg.show_status(f"{type(error).__name__}: {error}", error=True)

    def _changed(self, name):
        def handler(change):
            if not self.syncing:
                self._safely(lambda: self.pg.set(**{name: change["new"]}))

        return handler

    def _feature_toggled(self, change):
        if self.syncing:
            return
        chosen = [name for name in playground_data.FEATURES if self.w[f"feature {name}"].value]
        self._safely(lambda: self.pg.set(features=chosen))

    def _player_playing(self, change):
        if not change["new"] and not self.syncing:
            self.pg.playing = False  # paused in the browser

    # ------------------------------------------------------------ to the widgets
    def set_playing(self, playing):
        self.syncing = True
        try:
            self.w["player"].playing = playing
            self.w["play"].button_style = "success" if playing else ""
        finally:
            self.syncing = False

    def show_status(self, text, error=False):
        kind = "pg-error" if error else "pg-status"
        self.w["status"].value = f'<span class="{kind}">{_escape(text)}</span>'

    def sync(self, settings, problem):
        """Show the settings in the controls, without triggering their handlers."""
        w, s = self.w, settings
        self.syncing = True
        try:
            w["problem"].value = problem
            names = (
                playground_data.CLASSIFICATION
                if problem == "classification"
                else playground_data.REGRESSION
            )
            options = [(DATASET_LABELS[name], name) for name in names]
            if list(w["dataset"].options) != options:
                w["dataset"].options = options
            w["dataset"].value = s["dataset"]
            for name in ("learning_rate", "regularization_rate"):
                value = s[name]
                if value not in [option for _, option in w[name].options]:  # e.g. lr=0.05
                    w[name].options = sorted(
                        [*w[name].options, (f"{value:g}", value)], key=lambda pair: pair[1]
                    )
                w[name].value = value
            for name in (
                "activation",
                "regularization",
                "noise",
                "train_percent",
                "show_test",
                "discretize",
                "seed",
            ):
                w[name].value = s[name]
            w["batch_size"].max = max(30, s["batch_size"])
            w["batch_size"].value = s["batch_size"]
            for name in playground_data.FEATURES:
                w[f"feature {name}"].value = name in s["features"]
                w[f"feature {name}"].button_style = "info" if name in s["features"] else ""
        finally:
            self.syncing = False

    def show(self, pictures, pg):
        """Put fresh pictures and numbers into the displays (an unchanged value is not sent)."""
        w, hidden = self.w, pg.settings["hidden"]
        w["boundary"].value = pictures["map_png"]
        if pg.settings["discretize"]:
            w["boundary"].add_class("pg-pixelated")
        else:
            w["boundary"].remove_class("pg-pixelated")
        w["points"].value = pictures["points_png"]
        w["zoom"].value = pictures["zoom_html"]
        w["network"].value = pictures["network_svg"]
        w["network"].layout.width = f"{(len(hidden) + 2) * LAYER_WIDTH}px"
        w["curve"].value = pictures["loss_svg"]
        w["epoch"].value = f"<b>Epoch</b> {pg.epoch:07,d}"
        w["train_loss"].value = f"Training loss <b>{pg.train_loss:.3f}</b>"
        w["test_loss"].value = f"Test loss <b>{pg.test_loss:.3f}</b>"
        w["layers_label"].value = f"<b>{len(hidden)} hidden layers</b>"
        for k in range(MAX_LAYERS):
            shown = k < len(hidden)
            w[f"layer{k}"].layout.display = "" if shown else "none"
            if shown:
                w[f"neurons{k}"].value = f"{hidden[k]} neurons"

    def close(self):
        self.w["player"].playing = False
        for widget in [*self.w.values(), *self._containers, self.box]:
            widget.close()
