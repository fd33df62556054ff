"""XOR experiments: train many small networks at once, to see how often training works.

FAST PATH: the same maths as model.py (MLP.fit, full batch, plain gradient descent),
unrolled for speed so that 1,200 networks train in about a second. To learn how a network
trains, read model.py and layers.py; tests/test_xor.py checks that every network trained
here ends with MLP.fit's weights to 1e-12.

One training run that reaches 100 % accuracy is an anecdote. Notebook 10 asks
a better question: out of 100 random initialisations (seeds), how many runs
learn XOR? Training 100 networks one after another in Python is slow, so this
module trains them side by side:

    100 networks with H hidden units each  =  one wide hidden layer of 100 * H units,
    in which unit u belongs to network  network_of_unit[u]  and only feeds that
    network's output.

So layer 1 of every network is one matrix product, X @ W1 with W1 of shape
(2, n_units), and each network's output adds up only its own units. Every network
is trained exactly as MLP.fit trains it (full batch, plain gradient descent,
sigmoid output, binary cross-entropy), from exactly the initial weights
MLP([2, H, 1], activation, seed=seed) draws, through the same hidden Activation
layer (layers.Activation: the same g and g'); only the order of a few additions
differs, so the numbers agree with MLP.fit to rounding (a test checks 1e-12).

    rates = success_rates([2, 4], ["sigmoid", "tanh"], n_seeds=100, epochs=1000, lr=1.0)
    rates[0, 1]    # fraction of the 100 seeds for which a 2-4-1 sigmoid network learns XOR
"""

import numpy as np

from course_utils import data
from course_utils._validation import check_integer, check_number
from course_utils.activations import get_activation, sigmoid
from course_utils.layers import Activation
from course_utils.model import MLP

ACTIVATIONS = ("sigmoid", "tanh", "relu")


def _check_name(activation):
    """Return the activation's canonical name, or raise a clear ValueError."""
    name = get_activation(activation).name
    if name not in ACTIVATIONS:
        raise ValueError(
            f"course_utils.xor: activation must be one of {', '.join(ACTIVATIONS)}, "
            f"got {activation!r}"
        )
    return name


def initial_weights(networks, activation):
    """The initial weights of many 2-H-1 networks, side by side, as MLP draws them.

    Network k of the list is MLP([2, H_k, 1], activation, seed=seed_k): same weights, bit for bit.
    Inputs:  networks: list of N pairs (H_k, seed_k); activation: hidden activation name.
    Returns: dict with, for U = H_1 + ... + H_N hidden units in all:
             W1 (2, U), b1 (U,): layer 1 of every network, network k's units next to each other;
             w2 (U,): the output weight of every hidden unit; b2 (N,): one output bias per network;
             network_of_unit (U,): k for the units of network k;
             first_unit (N,): the index of network k's first unit.
    Notebook: 10 §4 (does it always work? 100 seeds).
    """
    params = [
        MLP([2, hidden, 1], activation=activation, seed=int(seed)).get_params()
        for hidden, seed in networks
    ]
    sizes = [hidden for hidden, _ in networks]
    return {
        "W1": np.concatenate([p["W1"] for p in params], axis=1),
        "b1": np.concatenate([p["b1"] for p in params]),
        "w2": np.concatenate([p["W2"][:, 0] for p in params]),
        "b2": np.concatenate([p["b2"] for p in params]),
        "network_of_unit": np.repeat(np.arange(len(networks)), sizes),
        "first_unit": np.cumsum([0] + sizes[:-1]),
    }


def _outputs(X, weights, hidden):
    """Forward pass of all networks through the hidden Activation layer `hidden`.

    Formula: A1 = g(X @ W1 + b1);  y_hat_k = sigmoid(sum of A1 * w2 over network k's units + b2_k)
    Inputs:  X (n, 2); weights: dict from initial_weights; hidden: a layers.Activation.
    Returns: A1 (n, n_units) and y_hat (n, N); hidden caches what its backward needs.
    """
    A1 = hidden.forward(X @ weights["W1"] + weights["b1"])  # (n, n_units)
    first_units = weights["first_unit"]
    Z2 = np.add.reduceat(A1 * weights["w2"], first_units, axis=1)  # each network sums its units
    return A1, sigmoid(Z2 + weights["b2"])


def train_networks(weights, activation, epochs, lr, X=None, y=None):
    """Train many independent 2-H-1 networks side by side by full-batch gradient descent.

    FAST PATH: MLP.fit's maths (model.py), unrolled for many networks at once; read model.py.
    Formula, for each network: A1 = g(X @ W1 + b1), y_hat = sigmoid(A1 @ w2 + b2),
             loss = binary cross-entropy, so dL/dZ2 = (y_hat - y) / n (fused, as in MLP);
             dw2 = A1.T @ dZ2, db2 = sum of dZ2, dZ1 = (dZ2 w2^T) * g'(Z1) (Activation.backward),
             dW1 = X.T @ dZ1, db1 = sum of dZ1; each parameter p <- p - lr * dp.
    Inputs:  weights: dict from initial_weights (updated IN PLACE); activation: hidden activation;
             epochs: number of steps; lr: learning rate > 0;
             X: (n, 2), y: (n,) the data (default: the XOR truth table).
    Returns: y_hat: (n, N) the probabilities of every network after the last step.
    Notebook: 10 §4 (100 seeds); 10 §2 (the same step for one network, written out).
    """
    activation = _check_name(activation)
    check_integer(epochs, "epochs", 0, "train_networks")
    check_number(lr, "lr", strictly_greater=0, where="train_networks")
    if X is None:
        X, y = data.xor()
    n = X.shape[0]
    network = weights["network_of_unit"]
    hidden = Activation(activation)  # the layer MLP uses: g forward, g' backward
    for _ in range(epochs):
        A1, y_hat = _outputs(X, weights, hidden)
        dZ2 = (y_hat - y[:, None]) / n  # (n, N): sigmoid + cross-entropy
        dZ2_of_unit = dZ2[:, network]  # (n, n_units): each unit sees its own network's error
        dw2 = np.sum(A1 * dZ2_of_unit, axis=0)  # (n_units,)
        db2 = dZ2.sum(axis=0)  # (N,)
        dZ1 = hidden.backward(dZ2_of_unit * weights["w2"])  # (n, n_units): dA1 * g'(Z1)
        dW1 = X.T @ dZ1  # (2, n_units)
        db1 = dZ1.sum(axis=0)  # (n_units,)
        weights["W1"] -= lr * dW1
        weights["b1"] -= lr * db1
        weights["w2"] -= lr * dw2
        weights["b2"] -= lr * db2
    return _outputs(X, weights, hidden)[1]


def _train_and_score(networks, activation, epochs, lr):
    """Train the networks [(H, seed), ...] on XOR.

    Returns: y_hat (N, 4) after training and the trained weights (dict as from initial_weights).
    """
    weights = initial_weights(networks, activation)
    X, y = data.xor()
    return train_networks(weights, activation, epochs, lr, X, y).T, weights


def train_seeds(hidden, activation, seeds, epochs, lr):
    """Train a 2-hidden-1 network on XOR from each seed; report how each run ended.

    Inputs:  hidden: H; activation: "sigmoid", "tanh" or "relu"; seeds: list of N ints;
             epochs: full-batch steps; lr: learning rate.
    Returns: dict with
             probabilities (N, 4): P(class 1) for the four XOR inputs after training;
             loss (N,): final binary cross-entropy; accuracy (N,): fraction of the 4 right;
             success (N,): True where all four are right (p >= 0.5 exactly for class 1);
             params: list of N dicts {"W1", "b1", "W2", "b2"} (MLP shapes) of the trained networks.
    Notebook: 10 §4.1 (a failed run up close).
    """
    check_integer(hidden, "hidden", 1, "train_seeds")
    seeds = [int(seed) for seed in seeds]
    P, weights = _train_and_score([(hidden, seed) for seed in seeds], activation, epochs, lr)
    y = data.xor()[1]
    p_true = np.where(y == 1, P, 1 - P)  # probability given to the right answer
    correct = (P >= 0.5) == (y == 1)
    params = []
    for k in range(len(seeds)):
        units = slice(k * hidden, (k + 1) * hidden)
        params.append(
            {
                "W1": weights["W1"][:, units].copy(),
                "b1": weights["b1"][units].copy(),
                "W2": weights["w2"][units].reshape(hidden, 1).copy(),
                "b2": weights["b2"][k : k + 1].copy(),
            }
        )
    return {
        "probabilities": P,
        "loss": -np.mean(np.log(np.clip(p_true, 1e-300, None)), axis=1),
        "accuracy": correct.mean(axis=1),
        "success": correct.all(axis=1),
        "params": params,
    }


def success_rates(hidden_sizes, activations, n_seeds=100, epochs=1000, lr=1.0):
    """Fraction of seeds 0 ... n_seeds - 1 for which a 2-H-1 network learns XOR (all 4 right).

    All hidden sizes of one activation train together (len(hidden_sizes) * n_seeds networks).
    Inputs:  hidden_sizes: e.g. [2, 3, 4, 8]; activations: e.g. ["sigmoid", "tanh", "relu"];
             n_seeds: runs per cell of the table; epochs, lr: as in MLP.fit (full batch).
    Returns: array of shape (len(activations), len(hidden_sizes)): rates[i, j] is the success
             rate of activations[i] with hidden_sizes[j], a number in [0, 1].
    Notebook: 10 §4 (does it always work? 100 seeds).
    """
    check_integer(n_seeds, "n_seeds", 1, "success_rates")
    for hidden in hidden_sizes:
        check_integer(hidden, "every hidden size", 1, "success_rates")
    y = data.xor()[1]
    networks = [(hidden, seed) for hidden in hidden_sizes for seed in range(n_seeds)]
    rates = np.zeros((len(activations), len(hidden_sizes)))
    for i, activation in enumerate(activations):
        P, _ = _train_and_score(networks, activation, epochs, lr)
        success = np.all((P >= 0.5) == (y == 1), axis=1)  # (len(hidden_sizes) * n_seeds,)
        rates[i] = success.reshape(len(hidden_sizes), n_seeds).mean(axis=1)
    return rates


def format_rates(rates, hidden_sizes, activations):
    """The table of success_rates as text: one row per activation, one column per hidden size.

    Inputs:  rates (len(activations), len(hidden_sizes)); hidden_sizes; activations: names.
    Returns: str, a header line and one line per activation, rates in percent.
    Notebook: 10 §4 (the 100-seed table).
    """
    header = "hidden units " + "".join(f"{h:>7}" for h in hidden_sizes)
    rows = [
        f"{name:12} " + "".join(f"{rate:>7.0%}" for rate in row)
        for name, row in zip(activations, rates)
    ]
    return "\n".join([header, *rows])
