"""The playground's training maths (course_utils/widgets/playground/maths.py), checked two ways.

1. Against the course's engine: MLP.forward, MLP.backward and SGD.step give the same weights to
   1e-12 (the fast path claims "the same maths as model.py").
2. Against the original TensorFlow Playground's rules, written out here one example at a time
   as the original's code runs them (its nn.ts and playground.ts: accumulate every example's
   derivatives, update after every batch_size examples of an epoch, dead links under L1).
   This reference is slow and plain on purpose: it shares no code with the fast path.
"""

import numpy as np
import pytest

from course_utils import playground_data
from course_utils.activations import get_activation
from course_utils.model import MLP
from course_utils.optim import SGD
from course_utils.widgets import playground as pgm
from course_utils.widgets.playground import drawing, maths, playground, settings, widget

ACTIVATIONS = ["tanh", "relu", "sigmoid", "linear"]


def copy(params):
    return [Wb.copy() for Wb in params]


def largest_difference(a, b):
    return max(float(np.abs(x - y).max()) for x, y in zip(a, b))


# ------------------------------------------------------------ the reference: the original's loop
def original_training(
    params, X, Y, activation, output, lr, batch_size, epochs, reg="none", rate=0.0
):
    """Train like the original playground, one example at a time; returns the params after
    every epoch and the dead-link masks at the end. params: [Wb_1, ...] as maths.new_network."""
    params = copy(params)
    g, out = get_activation(activation), get_activation(output)  # g'(z) from z, as the original

    acc = [np.zeros_like(Wb) for Wb in params]  # summed derivatives since the last update
    count = 0
    dead = [np.zeros(Wb[:-1].shape, dtype=bool) for Wb in params]
    after_each_epoch = []
    for _ in range(epochs):
        for i, (x, y) in enumerate(zip(X, Y)):
            inputs, pre = [x], []
            for k, Wb in enumerate(params):
                z = inputs[-1] @ Wb[:-1] + Wb[-1]
                pre.append(z)
                inputs.append((out if k == len(params) - 1 else g).function(z))
            dz = (inputs[-1] - y) * out.derivative(pre[-1])  # d(½(ŷ - y)²)/dz
            for k in range(len(params) - 1, -1, -1):
                W = params[k][:-1]
                da = W @ dz
                acc[k][:-1] += np.where(dead[k], 0.0, np.outer(inputs[k], dz))
                acc[k][-1] += dz
                if k:
                    dz = da * g.derivative(pre[k - 1])
            count += 1
            if (i + 1) % batch_size == 0:  # the original's rule: an index within the epoch
                for k, Wb in enumerate(params):
                    W, b = Wb[:-1], Wb[-1]
                    penalty = {"L1": np.sign(W), "L2": W}.get(reg, np.zeros_like(W))  # at the old w
                    moved = W - lr * acc[k][:-1] / count
                    regularised = moved - lr * rate * penalty
                    crossed = moved * regularised < 0 if reg == "L1" else np.zeros_like(dead[k])
                    # a dead link is skipped; one the penalty carries across zero dies at 0
                    W[...] = np.where(dead[k], W, np.where(crossed, 0.0, regularised))
                    dead[k] |= crossed
                    b -= lr * acc[k][-1] / count
                    acc[k][...] = 0
                count = 0
        after_each_epoch.append(copy(params))
    return after_each_epoch, dead


def fast_training(params, X, Y, activation, output, lr, batch_size, epochs, reg="none", rate=0.0):
    """The playground's fast path, epoch by epoch, with leftover points carried over."""
    params = copy(params)
    dead = [np.zeros(Wb[:-1].shape, dtype=bool) for Wb in params]
    X1, carried, after_each_epoch = maths.with_ones(X), None, []
    for _ in range(epochs):
        batches, carried = maths.epoch_batches(X1, Y, batch_size, carried)
        maths.train_epoch(params, batches, activation, output, lr, reg, rate, dead)
        after_each_epoch.append(copy(params))
    return after_each_epoch, dead


@pytest.fixture(scope="module")
def circle():
    X, y = playground_data.make_dataset("circle", seed=0)
    X_train, y_train, _, _ = playground_data.split(X, y, 50)
    return playground_data.feature_matrix(X_train, ["x1", "x2"]), y_train[:, None]


# ------------------------------------------------------------ the engine: model.py
@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize("output", ["tanh", "identity"])
def test_one_epoch_is_mlp_backward_and_sgd_step(activation, output):
    """The fast path equals MLP.forward / backward / SGD.step to 1e-12.

    The MLP's "mse" is mean((ŷ - y)²), twice the playground's ½(ŷ - y)², so its gradient is
    twice ours: the MLP takes lr / 2. Its l2 adds l2 * W to dW, so l2 = 2 * rate there.
    """
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(12, 3)), rng.choice([-1.0, 1.0], size=(12, 1))
    lr, rate = 0.1, 0.05
    model, params = maths.new_network([3, 4, 2, 1], activation, output, seed=1)
    reference = MLP([3, 4, 2, 1], activation=activation, output=output, loss="mse", seed=1)
    reference.set_params(model.get_params())
    parameters = [p for _, p, _ in reference.parameters()]
    gradients = [g for _, _, g in reference.parameters()]
    batches = [(X[s : s + 5], Y[s : s + 5]) for s in range(0, 12, 5)]  # 5, 5 and 2 examples
    for epoch in range(3):
        for X_b, Y_b in batches:
            reference.forward(X_b)
            reference.backward(Y_b, l2=2 * rate)
            SGD(lr=lr / 2).step(parameters, gradients)
        fast = [(maths.with_ones(X_b), Y_b) for X_b, Y_b in batches]
        maths.train_epoch(params, fast, activation, output, lr, "L2", rate)
        for name, value in reference.get_params().items():
            np.testing.assert_allclose(model.get_params()[name], value, rtol=0, atol=1e-12)


def test_the_mlp_sees_the_trained_weights_and_forward_matches_it():
    model, params = maths.new_network([2, 5, 1], "relu", "tanh", seed=0)
    X = np.random.default_rng(0).normal(size=(40, 2))
    maths.train_epoch(params, [(maths.with_ones(X), np.ones((40, 1)))], "relu", "tanh", 0.3)
    np.testing.assert_array_equal(model.dense_layers[0].W, params[0][:-1])  # views, not copies
    outputs = maths.forward(params, X, "relu", "tanh")
    assert [A.shape for A in outputs] == [(40, 2), (40, 5), (40, 1)]
    np.testing.assert_allclose(outputs[-1], model.predict_proba(X), rtol=0, atol=1e-12)


def test_the_playground_uses_the_engines_activation_table(monkeypatch):
    """One activation table: the fast path takes g and g' from course_utils.activations."""
    looked_up = []

    def spy(name):
        looked_up.append(name)
        return get_activation(name)

    monkeypatch.setattr(maths, "get_activation", spy)
    _, params = maths.new_network([2, 3, 1], "sigmoid", "tanh", seed=0)
    X1 = maths.with_ones(np.ones((4, 2)))
    maths.train_epoch(params, [(X1, np.ones((4, 1)))], "sigmoid", "tanh", 0.1)
    maths.forward(params, np.ones((4, 2)), "relu", "identity")
    assert looked_up == ["sigmoid", "tanh", "relu", "identity"]
    modules = [pgm, settings, maths, drawing, widget, playground]
    for name in ("ACTIVATION_FUNCTIONS", "_sigmoid", "pd"):  # no table, sigmoid or alias of its own
        assert not any(hasattr(module, name) for module in modules), name


def test_starting_weights_are_the_originals():
    model, params = maths.new_network([7, 8, 8, 1], "tanh", "tanh", seed=3)
    for Wb in params:
        assert np.all(np.abs(Wb[:-1]) <= 0.5) and np.all(Wb[-1] == 0.1)
    again = maths.new_network([7, 8, 8, 1], "tanh", "tanh", seed=3)[1]
    assert largest_difference(params, again) == 0.0


# ------------------------------------------------------------ the original's rules
def test_leftover_points_join_the_next_epochs_first_update(circle):
    """Batch 30 on 250 points: 8 updates, then 10 points wait and join epoch 2's first update."""
    X, Y = circle
    start = maths.new_network([2, 4, 2, 1], "tanh", "tanh", seed=0)[1]
    reference, _ = original_training(start, X, Y, "tanh", "tanh", 0.03, 30, epochs=3)
    fast, _ = fast_training(start, X, Y, "tanh", "tanh", 0.03, 30, epochs=3)
    for epoch in range(3):
        assert largest_difference(fast[epoch], reference[epoch]) < 1e-12, epoch
    # The rule matters: an update on a short last batch every epoch gives other weights.
    short = copy(start)
    X1 = maths.with_ones(X)
    maths.train_epoch(
        short, [(X1[s : s + 30], Y[s : s + 30]) for s in range(0, 250, 30)], "tanh", "tanh", 0.03
    )
    assert largest_difference(short, fast[0]) > 1e-3


def test_epoch_batches_carry_the_leftover_and_only_it():
    X1, Y = maths.with_ones(np.arange(14.0)[:, None]), np.arange(14.0)[:, None]
    batches, leftover = maths.epoch_batches(X1, Y, 4)
    assert [len(Y_b) for _, Y_b in batches] == [4, 4, 4] and leftover[1].ravel().tolist() == [
        12,
        13,
    ]
    batches, again = maths.epoch_batches(X1, Y, 4, carried=leftover)
    assert [len(Y_b) for _, Y_b in batches] == [6, 4, 4]
    assert batches[0][1].ravel().tolist() == [12, 13, 0, 1, 2, 3]
    assert maths.epoch_batches(X1[:12], Y[:12], 4)[1] is None  # nothing left over


@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_l1_dead_links_stay_dead_as_in_the_original(circle, activation):
    """A weight that the L1 step carries across zero is 0 for the rest of training."""
    X, Y = circle
    start = maths.new_network([2, 4, 2, 1], activation, "tanh", seed=0)[1]
    args = (X, Y, activation, "tanh", 0.03, 10)
    reference, reference_dead = original_training(start, *args, epochs=12, reg="L1", rate=0.3)
    fast, dead = fast_training(start, *args, epochs=12, reg="L1", rate=0.3)
    for epoch in range(12):
        assert largest_difference(fast[epoch], reference[epoch]) < 1e-12, epoch
    assert all(np.array_equal(a, b) for a, b in zip(dead, reference_dead))
    n_dead = sum(int(mask.sum()) for mask in dead)
    assert n_dead >= 4, f"only {n_dead} of 18 links died"
    zero_sets = [[Wb[:-1] == 0 for Wb in params] for params in fast]
    for earlier, later in zip(zero_sets, zero_sets[1:]):  # once 0, always 0
        assert all(np.all(later_l[earlier_l]) for earlier_l, later_l in zip(earlier, later))
    for Wb, mask in zip(fast[-1], dead):
        assert np.all(Wb[:-1][mask] == 0)


def test_l1_zero_crossing_and_biases():
    """A small weight is set to 0 and dies; a large one shrinks by lr * rate; biases are free."""
    params = [np.array([[0.001], [0.5], [0.2]])]  # W = (0.001, 0.5), b = 0.2
    dead = [np.zeros((2, 1), dtype=bool)]
    batch = [(np.array([[0.0, 0.0, 1.0]]), np.array([[0.2]]))]  # zero inputs, target = output
    maths.train_epoch(params, batch, "tanh", "identity", 0.1, "L1", 0.1, dead)
    assert params[0][0, 0] == 0.0 and dead[0][0, 0] and not dead[0][1, 0]
    assert params[0][1, 0] == pytest.approx(0.5 - 0.01) and params[0][2, 0] == 0.2


def test_l2_shrinks_weights_not_biases():
    params = [np.array([[1.0], [0.0]])]  # W = 1, b = 0
    batch = [(np.array([[0.0, 1.0]]), np.array([[0.0]]))]
    maths.train_epoch(params, batch, "tanh", "identity", 0.1, "L2", 0.5)
    assert params[0][0, 0] == pytest.approx(1 - 0.1 * 0.5) and params[0][1, 0] == 0.0
