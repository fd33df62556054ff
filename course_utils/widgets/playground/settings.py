"""The playground's knobs: their values, their defaults, and which combinations work.

Every setting has a name (the keys of DEFAULTS), a default taken from the original
TensorFlow Playground, and a check in `problem_with(settings)`, which returns a sentence
for a learner (or None). Nothing here trains or draws.

What a change does (as in the original):
    DATA_KEYS       draw the data again and start a new network at epoch 0
    "data_draw"     draws other points of the same data set; the network goes on ("New data")
    DISPLAY_KEYS    only redraw
    learning_rate   the network goes on with the new rate
    anything else   a new network at epoch 0
"""

import numpy as np

from course_utils import playground_data

LEARNING_RATES = [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
REGULARIZATION_RATES = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]
REGULARIZATIONS = ["none", "L1", "L2"]
ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear"]  # names in course_utils.activations
MAX_LAYERS, MAX_NEURONS = 6, 8

DEFAULTS = dict(
    dataset="circle",
    noise=0,  # percent, 0 to 50
    train_percent=50,
    batch_size=10,
    features=("x1", "x2"),
    hidden=(4, 2),
    activation="tanh",
    learning_rate=0.03,
    regularization="none",
    regularization_rate=0.0,
    show_test=False,
    discretize=False,
    seed=0,  # the initial weights and the data
    data_draw=0,  # 0: the points of `seed`; 1, 2, ...: other points of the same kind ("New data")
    n_points=None,  # None: 500 for classification, 1200 for regression
)
ALIASES = {
    "lr": "learning_rate",
    "ratio": "train_percent",
    "train_ratio": "train_percent",
    "reg": "regularization",
    "reg_rate": "regularization_rate",
    "layers": "hidden",
    "discretise": "discretize",
    "points": "n_points",
    "data": "dataset",
}
DATA_KEYS = {"dataset", "noise", "train_percent", "seed", "n_points"}
DISPLAY_KEYS = {"show_test", "discretize"}
KEEP_NETWORK_KEYS = DISPLAY_KEYS | {"learning_rate", "data_draw"}


def normalise(changes, dataset):
    """Map other names to setting names and tidy the values; raise TypeError for an unknown name.

    Inputs:  changes: dict of settings as a learner writes them, e.g. {"lr": 0.1, "layers": [4]};
             dataset: the current data set (a change of `problem` picks a data set of that kind).
    Returns: a new dict with canonical names; a value that cannot be understood is replaced by
             a sentence (a str) that problem_with() reports.
    """
    result = {}
    for key, value in changes.items():
        key = ALIASES.get(key, key)
        if key not in DEFAULTS and key != "problem":
            raise TypeError(
                f"Playground.set: unknown setting {key!r}. Valid: {', '.join(DEFAULTS)}, problem."
            )
        result[key] = value
    if "problem" in result:
        problem = result.pop("problem")
        if problem not in ("classification", "regression"):
            result["dataset"] = f"for problem {problem!r}"  # reported by problem_with
        elif "dataset" not in result and playground_data.problem_of(dataset) != problem:
            result["dataset"] = "plane" if problem == "regression" else "circle"
    if "features" in result:
        try:
            result["features"] = tuple(
                playground_data.feature_name(name) for name in result["features"]
            )
        except (ValueError, TypeError) as error:
            result["features"] = str(error)
    if "hidden" in result and not isinstance(result["hidden"], str):
        result["hidden"] = tuple(result["hidden"])
    return result


def _whole(value):
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value)


def n_train(settings):
    """How many training points the settings give: the floor of train_percent % of the points."""
    n = settings["n_points"]
    if n is None:
        n = playground_data.DEFAULT_POINTS[playground_data.problem_of(settings["dataset"])]
    return int(np.floor(n * settings["train_percent"] / 100))


def problem_with(s):
    """A sentence saying what is wrong with the settings s, or None when they work together."""
    if s["dataset"] not in playground_data.DATASETS:
        return (
            f"unknown data set {s['dataset']!r}: choose one of "
            f"{', '.join(playground_data.DATASETS)} (problem: 'classification' or 'regression')."
        )
    if isinstance(s["features"], str):
        return s["features"]
    if len(s["features"]) == 0:
        return "the network needs at least one input feature: switch on x₁ (or another feature)."
    hidden = s["hidden"]
    if isinstance(hidden, str) or not all(_whole(n) for n in hidden):
        return (
            f"hidden must list whole numbers of neurons per layer, such as [4, 2]; got {hidden!r}."
        )
    if len(hidden) > MAX_LAYERS:
        return f"at most {MAX_LAYERS} hidden layers, got {len(hidden)}."
    for layer, n in enumerate(hidden, start=1):
        if not 1 <= n <= MAX_NEURONS:
            return (
                f"hidden layer {layer} has {n} neurons: each layer needs 1 to {MAX_NEURONS} "
                "(to drop a layer, remove it)."
            )
    lr = s["learning_rate"]
    if not _number(lr) or lr <= 0:
        return (
            f"the learning rate must be a positive number such as 0.03, got {lr!r} "
            "(0 never moves the weights; a negative rate climbs the loss)."
        )
    if s["activation"] not in ACTIVATIONS:
        return f"unknown activation {s['activation']!r}: choose one of {', '.join(ACTIVATIONS)}."
    if s["regularization"] not in REGULARIZATIONS:
        return (
            f"regularization must be one of {', '.join(REGULARIZATIONS)}, "
            f"got {s['regularization']!r}."
        )
    rate = s["regularization_rate"]
    if not _number(rate) or rate < 0:
        return f"the regularization rate must be a number >= 0, got {rate!r}."
    for key, low, high in [
        ("noise", 0, 50),
        ("train_percent", 10, 90),
        ("batch_size", 1, 10_000),
        ("seed", 0, 2**31 - 1),
        ("data_draw", 0, 2**31 - 1),
    ]:
        if not _whole(s[key]) or not low <= s[key] <= high:
            return f"{key} must be a whole number from {low} to {high}, got {s[key]!r}."
    n = s["n_points"]
    if n is not None and (not _whole(n) or not 10 <= n <= 5000):
        return f"n_points must be None (the default) or a whole number from 10 to 5000, got {n!r}."
    if s["batch_size"] > n_train(s):
        # The original would then never update (it updates after every batch_size points).
        return (
            f"the batch size {s['batch_size']} is larger than the {n_train(s)} training points: "
            "choose a smaller batch, or more points."
        )
    return None
