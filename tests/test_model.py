"""Tests of course_utils.model: MLP and History."""

import numpy as np
import pytest

from course_utils import data
from course_utils.gradcheck import check_model_gradients, numerical_gradient, relative_error
from course_utils.layers import Activation, Dense
from course_utils.losses import binary_cross_entropy_from_logits, cross_entropy_from_logits
from course_utils.model import MLP, DivergenceWarning, History
from course_utils.optim import SGD, Adam, step_decay

TOLERANCE = 1e-7  # relative error of a correct backward pass in float64


def gradient_errors(model, X, y, l2=0.0):
    """Relative error of model.gradients against numerical gradients of loss_value, by parameter."""
    analytic = model.gradients(X, y, l2=l2)
    errors = {}
    for name, param, _ in model.parameters():
        numeric = numerical_gradient(lambda _: model.loss_value(X, y, l2=l2), param)
        errors[name] = relative_error(analytic[name], numeric)
    return errors


def small_problem(n_outputs, kind, seed=0):
    """Six examples with 3 features, targets of `kind`: "binary", "labels", "one_hot" or "real"."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(6, 3))
    if kind == "binary":
        y = np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
    elif kind == "labels":
        y = np.array([0.0, 1.0, 2.0, 2.0, 1.0, 0.0])
    elif kind == "one_hot":
        y = np.eye(3)[[0, 1, 2, 2, 1, 0]]
    else:
        y = rng.normal(size=(6, n_outputs)) * 3
    return X, (y[:, 0] if kind == "real" and n_outputs == 1 else y)


def hidden_pre_activations(model, X):
    """Pre-activations Z of every hidden Activation layer after a forward pass of X."""
    model.forward(X)
    return [layer.Z for layer in model.layers[:-1] if isinstance(layer, Activation)]


def checkable_model(X, y, l2=0.0, **mlp_arguments):
    """The MLP with the first seed (0, 1, ...) on which a numerical gradient check is meaningful.

    Two conditions, neither about backward being right:
    - no hidden pre-activation within 1e-3 of 0 (a centred difference across the kink
      of relu at 0 is wrong), and no residual within 1e-3 of the kinks of mae (0) and huber (1);
    - no nonzero gradient entry smaller than 1e-4: the rounding error of a centred difference
      with h = 1e-5 is about 1e-11, which alone is a relative error above 1e-7 on such an entry.
    """
    for seed in range(20):
        model = MLP(seed=seed, **mlp_arguments)
        away_from_kinks = min(np.abs(Z).min() for Z in hidden_pre_activations(model, X)) > 1e-3
        if model.loss in ("mae", "huber"):
            residual = np.abs(model.predict_proba(X) - y.reshape(len(X), -1))
            away_from_kinks = (
                away_from_kinks and np.abs(residual - 1).min() > 1e-3 and residual.min() > 1e-3
            )
        gradients = model.gradients(X, y, l2=l2).values()
        large_enough = all(
            np.all((grad == 0) | (np.abs(grad) > 1e-4)) for grad in gradients
        )  # 0: a dead relu
        if away_from_kinks and large_enough:
            return model
    raise AssertionError(f"no seed in 0..19 gives a checkable model for {mlp_arguments}")


# ------------------------------------------------------------- gradients
@pytest.mark.parametrize("l2", [0.0, 0.1])
@pytest.mark.parametrize(
    "activation", ["tanh", "sigmoid", "relu", "leaky_relu", "elu", "gelu", "softplus"]
)
def test_whole_network_gradients_for_each_hidden_activation(activation, l2):
    X, y = small_problem(1, "binary")
    model = checkable_model(X, y, l2, layer_sizes=[3, 5, 4, 1], activation=activation)
    errors = gradient_errors(model, X, y, l2=l2)
    assert max(errors.values()) < TOLERANCE, errors


@pytest.mark.parametrize(
    "n_outputs, output, loss, kind",
    [
        (1, "sigmoid", "binary_cross_entropy", "binary"),
        (3, "softmax", "cross_entropy", "labels"),
        (3, "softmax", "cross_entropy", "one_hot"),
        (1, "identity", "mse", "real"),
        (2, "identity", "mse", "real"),
        (1, "identity", "huber", "real"),
        (1, "identity", "mae", "real"),
        (1, "sigmoid", "mse", "binary"),
        (3, "softmax", "mse", "one_hot"),
        (1, "identity", "binary_cross_entropy_from_logits", "binary"),
        (3, "identity", "cross_entropy_from_logits", "labels"),
    ],
)
@pytest.mark.parametrize("l2", [0.0, 0.1])
def test_whole_network_gradients_for_each_output_and_loss(n_outputs, output, loss, kind, l2):
    X, y = small_problem(n_outputs, kind)
    model = checkable_model(
        X, y, l2, layer_sizes=[3, 4, n_outputs], activation="tanh", output=output, loss=loss
    )
    errors = gradient_errors(model, X, y, l2=l2)
    assert max(errors.values()) < TOLERANCE, errors


def test_check_model_gradients_from_gradcheck_accepts_an_mlp_with_dropout():
    X, y = small_problem(3, "labels")
    model = MLP([3, 5, 3], activation="gelu", dropout=0.5, seed=3)
    errors = check_model_gradients(model, X, y)
    assert list(errors) == ["W1", "b1", "W2", "b2"]
    assert max(errors.values()) < TOLERANCE, errors
    assert model.training  # mode restored


class SignErrorDense(Dense):
    """A Dense layer with a typical bug: the weight gradient has the wrong sign."""

    def backward(self, dZ):
        dX = super().backward(dZ)
        self.dW *= -1
        return dX


def test_a_wrong_backward_is_caught():
    X, y = small_problem(1, "binary")
    model = MLP([3, 4, 1], seed=0)
    wrong = SignErrorDense(3, 4)
    wrong.W[...] = model.layers[0].W
    model.layers[0] = model.dense_layers[0] = wrong
    errors = gradient_errors(model, X, y)
    assert errors["W1"] > 1e-2  # the check finds the bug ...
    assert errors["W2"] < TOLERANCE  # ... and only where it is


def test_a_wrong_activation_derivative_is_caught():
    X, y = small_problem(1, "binary")
    model = MLP([3, 4, 1], activation="tanh", seed=0)
    hidden = model.layers[1]
    hidden.backward = lambda dA: dA * (1 - hidden.A)  # forgot the square in 1 - tanh^2
    errors = gradient_errors(model, X, y)
    assert errors["W1"] > 1e-2 and errors["W2"] < TOLERANCE


def test_fused_losses_agree_with_losses_module():
    X, y = small_problem(1, "binary")
    model = MLP([3, 4, 1], seed=0)
    model.forward(X)
    expected = binary_cross_entropy_from_logits(y.reshape(-1, 1), model.layers[-1].Z)
    assert abs(model.loss_value(X, y) - expected) < 1e-14
    X, y = small_problem(3, "labels")
    model = MLP([3, 4, 3], seed=0)
    model.forward(X)
    expected = cross_entropy_from_logits(y, model.layers[-1].Z)
    assert abs(model.loss_value(X, y) - expected) < 1e-14


def test_fused_loss_is_finite_for_huge_logits():
    model = MLP([1, 1], output="sigmoid", seed=0)
    model.set_params({"W1": [[1e4]], "b1": [0.0]})
    X, y = np.array([[1.0], [-1.0]]), np.array([0.0, 1.0])  # confidently wrong: logits +-1e4
    assert model.loss_value(X, y) == pytest.approx(1e4)


# ------------------------------------------------- hand-written reference
@pytest.mark.parametrize("loss", ["mse", "binary_cross_entropy"])
def test_reproduces_a_hand_written_numpy_network(loss):
    """Notebook 10: a 2-2-1 sigmoid network written out by hand, full batch, plain SGD."""
    X, y = data.xor()
    Y = y.reshape(-1, 1)
    rng = np.random.default_rng(42)
    W1, b1, W2, b2 = (
        rng.normal(size=(2, 2)),
        rng.normal(size=2),
        rng.normal(size=(2, 1)),
        rng.normal(size=1),
    )
    model = MLP([2, 2, 1], activation="sigmoid", output="sigmoid", loss=loss)
    model.set_params({"W1": W1, "b1": b1, "W2": W2, "b2": b2})
    history = model.fit(X, y, epochs=200, lr=0.5)

    def sigmoid(z):
        return 1 / (1 + np.exp(-z))

    n, lr = len(X), 0.5
    for _ in range(200):
        A1 = sigmoid(X @ W1 + b1)
        y_hat = sigmoid(A1 @ W2 + b2)
        if loss == "mse":
            dZ2 = 2 * (y_hat - Y) / n * y_hat * (1 - y_hat)
        else:
            dZ2 = (y_hat - Y) / n
        dW2, db2 = A1.T @ dZ2, dZ2.sum(axis=0)
        dZ1 = dZ2 @ W2.T * A1 * (1 - A1)
        dW1, db1 = X.T @ dZ1, dZ1.sum(axis=0)
        W1, b1, W2, b2 = W1 - lr * dW1, b1 - lr * db1, W2 - lr * dW2, b2 - lr * db2
    y_hat = sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2)
    if loss == "mse":
        final_loss = np.mean((y_hat - Y) ** 2)
    else:
        final_loss = -np.mean(Y * np.log(y_hat) + (1 - Y) * np.log(1 - y_hat))

    params = model.get_params()
    for name, expected in {"W1": W1, "b1": b1, "W2": W2, "b2": b2}.items():
        np.testing.assert_allclose(params[name], expected, rtol=0, atol=1e-12)
    assert abs(history.loss[-1] - final_loss) < 1e-12  # the loss it really ended with


def test_step_by_step_driving_equals_fit():
    """The playground drives forward / backward / optimizer.step itself; that must equal fit."""
    X, y = data.moons(n=50, seed=1)
    by_fit, by_hand = MLP([2, 6, 1], seed=4), MLP([2, 6, 1], seed=4)
    by_fit.fit(X, y, epochs=20, lr=0.3, l2=0.01)
    optimizer = SGD(lr=0.3)
    params = [param for _, param, _ in by_hand.parameters()]
    grads = [grad for _, _, grad in by_hand.parameters()]
    for _ in range(20):
        by_hand.forward(X)
        by_hand.backward(y, l2=0.01)
        optimizer.step(params, grads)
    for name, value in by_fit.get_params().items():
        np.testing.assert_array_equal(value, by_hand.get_params()[name])


# ---------------------------------------------------------------- learning
def test_xor_is_learned_by_2_4_1_tanh_in_at_least_95_percent_of_seeds():
    X, y = data.xor()
    solved = 0
    for seed in range(50):
        model = MLP([2, 4, 1], activation="tanh", seed=seed)
        model.fit(X, y, epochs=100, lr=0.5, optimizer="momentum")
        solved += model.score(X, y) == 1.0
    assert solved >= 48, f"XOR solved for only {solved} of 50 seeds"


def test_two_moons_reaches_97_percent_test_accuracy():
    X, y = data.moons(n=400, noise=0.2, seed=0)
    X_train, X_test, y_train, y_test = data.train_test_split(X, y, test_size=0.25, seed=0)
    model = MLP([2, 16, 16, 1], activation="tanh", seed=0)
    model.fit(X_train, y_train, epochs=300, lr=0.01, optimizer="adam")
    assert model.score(X_test, y_test) >= 0.97


def test_three_classes_with_softmax():
    X, y = data.blobs(n=150, centers=3, std=0.5, seed=0)
    model = MLP([2, 8, 3], seed=0)
    history = model.fit(X, y, epochs=100, lr=0.05, optimizer="adam", batch_size=32)
    assert model.score(X, y) > 0.95
    assert model.predict(X).shape == (150,) and set(np.unique(model.predict(X))) <= {0.0, 1.0, 2.0}
    np.testing.assert_allclose(model.predict_proba(X).sum(axis=1), 1.0)
    assert history.accuracy[-1] == model.score(X, y)


def test_regression_r2():
    X, y = data.polynomial_data(n=40, noise=0.05, seed=0)
    model = MLP([1, 16, 1], activation="tanh", output="identity", seed=0)
    assert model.loss == "mse"
    history = model.fit(X, y, epochs=500, lr=0.02, optimizer="adam")
    assert model.score(X, y) > 0.9
    assert history.accuracy == [] and model.predict(X).shape == (40,)


def test_same_seed_gives_bitwise_identical_weights():
    X, y = data.moons(n=100, seed=2)

    def train(seed):
        model = MLP([2, 8, 8, 1], seed=seed, dropout=0.2)
        model.fit(X, y, epochs=5, lr=0.01, optimizer="adam", batch_size=16)  # shuffling and dropout
        return model.get_params()

    first, second, other = train(0), train(0), train(1)
    for name in first:
        assert np.array_equal(first[name], second[name])
    assert not np.array_equal(first["W1"], other["W1"])


def test_l2_shrinks_the_weights():
    X, y = data.moons(n=100, seed=0)
    plain, penalised = MLP([2, 16, 1], seed=0), MLP([2, 16, 1], seed=0)
    plain.fit(X, y, epochs=200, lr=0.01, optimizer="adam")
    penalised.fit(X, y, epochs=200, lr=0.01, optimizer="adam", l2=0.1)
    assert np.sum(penalised.get_params()["W1"] ** 2) < np.sum(plain.get_params()["W1"] ** 2)


class RecordingSGD(SGD):
    """SGD that remembers the learning rate of every step."""

    def __init__(self, lr):
        super().__init__(lr)
        self.rates = []

    def step(self, params, grads):
        self.rates.append(self.lr)
        super().step(params, grads)


def test_learning_rate_schedule_is_applied_per_epoch():
    X, y = data.xor()
    optimizer = RecordingSGD(lr=1.0)
    MLP([2, 3, 1]).fit(X, y, epochs=5, optimizer=optimizer, lr=step_decay(0.4, factor=0.5, every=2))
    assert optimizer.rates == [0.4, 0.4, 0.2, 0.2, 0.1]


def test_an_optimizer_object_keeps_its_own_learning_rate():
    X, y = data.xor()
    optimizer = RecordingSGD(lr=1.0)
    MLP([2, 3, 1]).fit(X, y, epochs=3, optimizer=optimizer)
    assert optimizer.rates == [1.0, 1.0, 1.0]


def test_a_learning_rate_given_twice_is_refused():
    """lr=0.5 beside SGD(lr=1.0) used to be ignored without a word."""
    X, y = data.xor()
    with pytest.raises(ValueError, match=r"lr=0.5 and optimizer=.* both set a learning rate"):
        MLP([2, 3, 1]).fit(X, y, epochs=3, optimizer=RecordingSGD(lr=1.0), lr=0.5)


# ------------------------------------------------------------ fit options
def test_history_records_every_epoch_after_the_updates():
    X, y = data.moons(n=80, seed=0)
    X_val, y_val = data.moons(n=40, seed=1)
    model = MLP([2, 6, 1], seed=0)
    history = model.fit(X, y, epochs=7, lr=0.3, validation_data=(X_val, y_val))
    assert history.epochs == list(range(1, 8))
    for key in ["loss", "accuracy", "val_loss", "val_accuracy"]:
        assert len(history[key]) == 7 and all(isinstance(value, float) for value in history[key])
    assert history.keys() == ["loss", "accuracy", "val_loss", "val_accuracy"]
    assert history.loss[-1] == model.loss_value(X, y)  # the loss the model really ended with
    assert history.val_accuracy[-1] == model.score(X_val, y_val)
    assert history.stopped_epoch is None and len(history) == 7
    assert repr(history).startswith("History(7 epochs, loss ")
    with pytest.raises(KeyError, match="Valid: loss, accuracy, val_loss, val_accuracy, epochs"):
        history["acc"]


def test_early_stopping_restores_the_best_weights():
    X, y = data.moons(n=100, seed=0)
    snapshots = {}

    def remember(epoch, model, history):
        snapshots[epoch] = model.get_params()

    model = MLP([2, 8, 1], seed=0)
    # Validation labels are the training labels flipped: the better the fit, the worse val_loss.
    history = model.fit(
        X, y, epochs=200, lr=0.5, validation_data=(X, 1 - y), early_stopping=5, callback=remember
    )
    assert history.stopped_epoch == history.best_epoch + 5 < 200
    assert history.val_loss[history.best_epoch - 1] == min(history.val_loss)
    for name, value in model.get_params().items():
        np.testing.assert_array_equal(value, snapshots[history.best_epoch][name])
    assert "best_epoch=" in repr(history) and "stopped_epoch=" in repr(history)


def test_callback_can_stop_training():
    X, y = data.xor()
    history = MLP([2, 3, 1]).fit(X, y, epochs=50, callback=lambda epoch, model, history: epoch == 3)
    assert history.epochs == [1, 2, 3] and history.stopped_epoch == 3


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # overflow is what divergence looks like
def test_training_stops_when_the_loss_diverges():
    X, y = data.moons(n=100, seed=0)
    model = MLP([2, 16, 16, 1], activation="relu", output="identity", seed=0)
    history = model.fit(X, y, epochs=100, lr=1e3)
    assert not np.isfinite(history.loss[-1]) and history.stopped_epoch == len(history) < 100


def test_progress_is_silent_by_default_and_can_be_switched_on(capsys):
    X, y = data.xor()
    MLP([2, 3, 1]).fit(X, y, epochs=1000)  # pytest's stderr is not a terminal: silent
    assert capsys.readouterr().err == ""
    MLP([2, 3, 1]).fit(X, y, epochs=40, verbose=True)
    err = capsys.readouterr().err
    assert "epoch 40/40, loss" in err and err.endswith("\n")
    MLP([2, 3, 1]).fit(X, y, epochs=40, verbose=False)
    assert capsys.readouterr().err == ""


def test_fit_leaves_the_mode_unchanged():
    X, y = data.xor()
    model = MLP([2, 3, 1], dropout=0.5)
    model.training = False
    model.fit(X, y, epochs=2)
    assert model.training is False and all(layer.training is False for layer in model.layers)


# ---------------------------------------------------------------- errors
def test_wrong_number_of_features_message():
    model = MLP([2, 4, 1])
    with pytest.raises(
        ValueError,
        match=r"MLP.fit: the network \[2, 4, 1\] expects X with 2 features \(columns\), "
        r"got X with shape \(5, 3\)",
    ):
        model.fit(np.ones((5, 3)), np.ones(5))
    with pytest.raises(ValueError, match=r"MLP.predict_proba: .*expects X with 2 features"):
        model.predict(np.ones((5, 3)))


def test_1d_X_message():
    with pytest.raises(
        ValueError, match=r"MLP.predict_proba: X must be 2-D .* got shape \(2,\).*reshape\(1, -1\)"
    ):
        MLP([2, 4, 1]).predict(np.array([0.5, 1.0]))


@pytest.mark.parametrize(
    "layer_sizes, y, message",
    [
        (
            [2, 4, 1],
            np.ones((5, 2)),
            r"y has shape \(5, 2\), expected \(5,\) or \(5, 1\) for 5 examples "
            r"and a network with 1 output$",
        ),
        ([2, 4, 1], np.ones(4), r"y has shape \(4,\), expected \(5,\) or \(5, 1\)"),
        ([2, 4, 3], np.ones((5, 1)), r"expected \(5,\) \(class labels\) or \(5, 3\) \(one-hot\)"),
        ([2, 4, 3], np.array([0, 1, 2, 3, 1.0]), r"class labels y must lie in 0..2"),
        ([2, 4, 1], np.array([0, 1, 2, 0, 1.0]), r"y may only contain the values \{0, 1\}"),
        ([2, 4, 3], np.ones((5, 3)), r"each one-hot row of y must contain exactly one 1"),
    ],
)
def test_wrong_labels_message(layer_sizes, y, message):
    with pytest.raises(ValueError, match=message):
        MLP(layer_sizes).fit(np.ones((5, 2)), y)


@pytest.mark.parametrize("lr", [0, -0.5])
def test_learning_rate_must_be_positive(lr):
    with pytest.raises(
        ValueError, match=f"learning rate lr must be a positive number such as 0.1, got lr={lr}"
    ):
        MLP([2, 4, 1]).fit(np.ones((5, 2)), np.ones(5), lr=lr)


def test_unknown_names_suggest_the_closest():
    with pytest.raises(
        ValueError,
        match=r"Unknown activation 'rellu'\. Valid: identity, step, .* Did you mean 'relu'\?",
    ):
        MLP([2, 4, 1], activation="rellu")
    with pytest.raises(
        ValueError,
        match=r"Unknown loss 'cross_entropyy'\. Valid: mse, .*cross_entropy\. "
        r"Did you mean 'cross_entropy'\?",
    ):
        MLP([2, 4, 3], loss="cross_entropyy")
    with pytest.raises(ValueError, match=r"Unknown optimizer 'adma'.*Did you mean 'adam'\?"):
        MLP([2, 4, 1]).fit(np.ones((5, 2)), np.ones(5), optimizer="adma")


def test_incompatible_output_and_loss():
    with pytest.raises(ValueError, match="loss='cross_entropy' needs output='softmax'"):
        MLP([2, 4, 1], loss="cross_entropy")
    with pytest.raises(ValueError, match="expects logits, but output='sigmoid' already"):
        MLP([2, 4, 1], loss="binary_cross_entropy_from_logits")
    with pytest.raises(ValueError, match="softmax over 1 output"):
        MLP([2, 4, 1], output="softmax")


def test_other_bad_arguments():
    with pytest.raises(ValueError, match=r"layer_sizes .* e.g. \[2, 4, 1\]"):
        MLP([2])
    with pytest.raises(ValueError, match="needs validation_data"):
        MLP([2, 4, 1]).fit(np.ones((5, 2)), np.ones(5), early_stopping=3)
    with pytest.raises(ValueError, match="X contains NaN"):
        MLP([2, 4, 1]).fit(np.array([[np.nan, 1.0]]), np.ones(1))
    with pytest.raises(RuntimeError, match="call forward"):
        MLP([2, 4, 1]).backward(np.ones(5))


# ------------------------------------------------------------ parameters
def test_parameters_names_shapes_and_identity():
    model = MLP([2, 4, 3, 1])
    triples = model.parameters()
    assert [name for name, _, _ in triples] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert [param.shape for _, param, _ in triples] == [(2, 4), (4,), (4, 3), (3,), (3, 1), (1,)]
    assert triples[0][1] is model.dense_layers[0].W and triples[0][2] is model.dense_layers[0].dW
    assert model.n_parameters() == (2 * 4 + 4) + (4 * 3 + 3) + (3 * 1 + 1)


def test_get_params_returns_copies_and_set_params_round_trips():
    model = MLP([2, 3, 1], seed=0)
    params = model.get_params()
    params["W1"][0, 0] = 123.0
    assert model.dense_layers[0].W[0, 0] != 123.0
    other = MLP([2, 3, 1], seed=9)
    other.set_params(params)
    np.testing.assert_array_equal(other.dense_layers[0].W, params["W1"])
    assert other.parameters()[0][1] is other.dense_layers[0].W  # set in place


def test_set_params_errors():
    model = MLP([2, 3, 1], seed=0)
    before = model.get_params()
    with pytest.raises(
        ValueError, match=r"MLP.set_params: W1 must have shape \(2, 3\), got shape \(3, 2\)\."
    ):
        model.set_params({"b1": np.ones(3), "W1": np.ones((3, 2))})
    np.testing.assert_array_equal(model.get_params()["b1"], before["b1"])  # nothing changed
    with pytest.raises(
        ValueError, match=r"MLP.set_params: b2 must have shape \(1,\), got shape \(1, 1\)\."
    ):
        model.set_params({"b2": np.ones((1, 1))})
    with pytest.raises(
        ValueError, match=r"Unknown parameter 'b11'\. Valid: W1, b1, W2, b2\. Did you mean 'b1'\?"
    ):
        model.set_params({"b11": np.ones(3)})


def test_repr():
    assert repr(MLP([2, 4, 1])) == (
        "MLP(2 -> 4 -> 1, activation=tanh, output=sigmoid, loss=binary_cross_entropy, "
        "17 parameters)"
    )
    assert repr(MLP([2, 8, 3], activation="relu", dropout=0.2)) == (
        "MLP(2 -> 8 -> 3, activation=relu, output=softmax, loss=cross_entropy, dropout=0.2, "
        "51 parameters)"
    )
    assert "output=identity, loss=mse" in repr(MLP([1, 5, 1], output="linear"))


def test_history_alone():
    history = History()
    assert repr(history) == "History(0 epochs)" and history.keys() == [] and len(history) == 0


def test_adam_object_can_be_passed():
    X, y = data.xor()
    optimizer = Adam(lr=0.05)
    MLP([2, 4, 1]).fit(X, y, epochs=3, optimizer=optimizer)
    assert optimizer.t == 3


# -------------------------------------------- bad settings are refused (issue 15)
@pytest.mark.parametrize("dropout", [1.0, 1.5, -0.1])
def test_dropout_must_lie_in_0_to_1(dropout):
    """MLP([2, 1], dropout=1.5) was accepted: no hidden layer, so no Dropout to refuse it."""
    with pytest.raises(ValueError, match="dropout"):
        MLP([2, 1], dropout=dropout)


def test_forward_refuses_nan_like_fit_and_predict():
    X = np.array([[np.nan, 1.0], [0.0, 1.0]])
    for call in [MLP([2, 3, 1]).forward, MLP([2, 3, 1]).predict_proba]:
        with pytest.raises(ValueError, match="X contains NaN"):
            call(X)


def test_fit_on_an_empty_X_says_so():
    """It used to say "batch_size must be at least 1, got 0"."""
    with pytest.raises(ValueError, match=r"MLP.fit: X has no rows \(shape \(0, 2\)\)"):
        MLP([2, 3, 1]).fit(np.zeros((0, 2)), np.zeros(0))


@pytest.mark.parametrize(
    "arguments, error, message",
    [
        ({"layer_sizes": None}, TypeError, "layer_sizes lists the width"),
        ({"layer_sizes": "2-4-1"}, TypeError, "layer_sizes lists the width"),
        ({"layer_sizes": [2, 4, 1], "activation": 3}, TypeError, "activation must be"),
        ({"layer_sizes": [2, 4, 1], "output": ["tanh"]}, TypeError, "output must be"),
    ],
)
def test_construction_errors_name_the_argument(arguments, error, message):
    with pytest.raises(error, match=message):
        MLP(**arguments)


def test_callback_must_be_callable():
    with pytest.raises(TypeError, match="callback must be a function"):
        MLP([2, 3, 1]).fit(*data.xor(), epochs=2, callback="print")


def test_ragged_input_is_a_clear_value_error():
    with pytest.raises(ValueError, match="X must be a number or a rectangular array"):
        MLP([2, 3, 1]).predict([[0.0, 1.0], [1.0]])


# ------------------------------------------------ evaluation mode, exception-safe
def test_evaluation_mode_is_restored_even_after_an_error():
    model = MLP([2, 4, 1], dropout=0.5)
    with pytest.raises(ZeroDivisionError):
        with model.evaluation():
            assert model.training is False
            assert all(layer.training is False for layer in model.layers)
            1 / 0
    assert model.training is True and all(layer.training for layer in model.layers)


def test_fit_restores_the_mode_when_a_callback_raises():
    model = MLP([2, 3, 1], dropout=0.5)
    model.training = False

    def fail(epoch, model, history):
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        model.fit(*data.xor(), epochs=3, callback=fail)
    assert model.training is False and all(layer.training is False for layer in model.layers)


# ---------------------------------------------- a second fit continues the first
TWO_FITS = [
    ("sgd", {"lr": 0.5}),
    ("momentum", {"lr": 0.2}),
    ("adam", {"lr": 0.02}),
    ("adam", {"lr": 0.02, "batch_size": 16}),  # shuffling
    ("momentum", {"lr": step_decay(0.3, factor=0.5, every=3)}),  # a schedule counts on
    ("adam", {"lr": 0.01, "batch_size": 32, "dropout": 0.3}),  # masks
]


@pytest.mark.parametrize("optimizer, settings", TWO_FITS)
def test_fit_5_then_fit_5_equals_fit_10_bit_for_bit(optimizer, settings):
    """fit used to start a fresh optimiser every call, so Adam fit(5); fit(5) != fit(10)."""
    X, y = data.moons(n=100, seed=3)
    settings = dict(settings)
    dropout = settings.pop("dropout", 0.0)
    once, twice = (MLP([2, 8, 1], seed=1, dropout=dropout) for _ in range(2))
    history = once.fit(X, y, epochs=10, optimizer=optimizer, **settings)
    first = twice.fit(X, y, epochs=5, optimizer=optimizer, **settings)
    second = twice.fit(X, y, epochs=5, optimizer=optimizer, **settings)
    for name, value in once.get_params().items():
        np.testing.assert_array_equal(twice.get_params()[name], value)
    assert first.loss + second.loss == history.loss
    assert second.epochs == [1, 2, 3, 4, 5] and twice.epochs_trained == 10
    assert twice.optimizer is not None and type(twice.optimizer) is type(once.optimizer)


def test_an_optimizer_object_passed_twice_continues_too():
    X, y = data.xor()
    once, twice = MLP([2, 4, 1], seed=0), MLP([2, 4, 1], seed=0)
    once.fit(X, y, epochs=10, optimizer=Adam(lr=0.05))
    adam = Adam(lr=0.05)
    twice.fit(X, y, epochs=5, optimizer=adam)
    twice.fit(X, y, epochs=5, optimizer=adam)
    np.testing.assert_array_equal(once.get_params()["W1"], twice.get_params()["W1"])
    assert adam.t == 10


def test_a_new_optimizer_object_starts_afresh():
    X, y = data.xor()
    model = MLP([2, 4, 1], seed=0)
    model.fit(X, y, epochs=5, optimizer="adam", lr=0.05)
    model.fit(X, y, epochs=5, optimizer=Adam(lr=0.05))
    assert model.optimizer.t == 5


def test_adam_by_name_uses_adams_default_learning_rate():
    """fit(optimizer="adam") silently trained with fit's lr=0.1; Adam's usual default is 1e-3."""
    X, y = data.moons(n=60, seed=0)
    by_default, explicit = MLP([2, 6, 1], seed=0), MLP([2, 6, 1], seed=0)
    by_default.fit(X, y, epochs=20, optimizer="adam")
    explicit.fit(X, y, epochs=20, optimizer="adam", lr=1e-3)
    assert by_default.optimizer.lr == 1e-3
    np.testing.assert_array_equal(by_default.get_params()["W1"], explicit.get_params()["W1"])
    for name in ["sgd", "momentum"]:
        model = MLP([2, 6, 1], seed=0)
        model.fit(X, y, epochs=2, optimizer=name)
        assert model.optimizer.lr == 0.1  # unchanged: the course's default for these


# -------------------------------------------------------- divergence, in words
def test_divergence_stops_with_one_clear_warning_and_no_numpy_warning():
    X, y = data.moons(n=100, seed=0)
    model = MLP([2, 16, 16, 1], activation="relu", output="identity", seed=0)
    with pytest.warns(DivergenceWarning, match=r"training diverged.*smaller learning rate") as seen:
        history = model.fit(X, y, epochs=100, lr=1e3)
    assert [type(w.message) for w in seen] == [DivergenceWarning]
    assert not np.isfinite(history.loss[-1]) and history.stopped_epoch == len(history) < 100


# ------------------------------------------------------ fit without waste (item 5)
class CountingDense(Dense):
    """A Dense layer that counts its forward passes."""

    calls = 0

    def forward(self, X):
        CountingDense.calls += 1
        return super().forward(X)


def counting_model(**arguments):
    """MLP([2, 6, 1]) whose first layer counts forward passes."""
    model = MLP([2, 6, 1], seed=2, **arguments)
    counting = CountingDense(2, 6)
    counting.W[...] = model.layers[0].W
    model.layers[0] = model.dense_layers[0] = counting
    CountingDense.calls = 0
    return model


def test_full_batch_fit_runs_one_forward_pass_per_epoch():
    """The evaluation after step t is the forward pass of step t + 1 (it ran two per epoch)."""
    X, y = data.moons(n=50, seed=1)
    model = counting_model()
    model.fit(X, y, epochs=20, lr=0.3)
    assert CountingDense.calls == 20 + 1


def test_validation_and_callbacks_keep_the_reuse_honest():
    X, y = data.moons(n=50, seed=1)
    X_val, y_val = data.moons(n=20, seed=2)
    model = counting_model()
    model.fit(X, y, epochs=10, lr=0.3, validation_data=(X_val, y_val))
    assert CountingDense.calls == 1 + 10 * 2  # one training and one validation pass per epoch

    def nudge(epoch, model, history):
        """A callback that changes the weights: fit must not reuse its forward pass."""
        model.dense_layers[1].b[...] += 0.01

    nudged, replayed = counting_model(), counting_model()
    nudged.fit(X, y, epochs=5, lr=0.3, callback=nudge)
    for _ in range(5):
        replayed.fit(X, y, epochs=1, lr=0.3)
        replayed.dense_layers[1].b[...] += 0.01
    np.testing.assert_array_equal(nudged.get_params()["W1"], replayed.get_params()["W1"])


@pytest.mark.parametrize("batch_size, dropout", [(None, 0.0), (None, 0.4), (16, 0.0)])
def test_recorded_loss_is_the_loss_after_each_update(batch_size, dropout):
    """History keeps the loss after the update (notebook 10 §5.3), whatever fit reuses."""
    X, y = data.moons(n=48, seed=5)
    model, replay = (MLP([2, 5, 1], seed=3, dropout=dropout) for _ in range(2))
    history = model.fit(X, y, epochs=6, lr=0.4, batch_size=batch_size)
    for epoch in range(6):
        replay.fit(X, y, epochs=1, lr=0.4, batch_size=batch_size)
        assert history.loss[epoch] == replay.loss_value(X, y)
        assert history.accuracy[epoch] == replay.score(X, y)


def test_score_of_constant_regression_targets_is_defined():
    model = MLP([1, 3, 1], output="identity", seed=0)
    assert model.score(np.ones((4, 1)), np.full(4, 2.0)) == 0.0  # 0 / 0: sklearn's convention


def test_a_diverged_model_refuses_to_predict_until_new_weights_are_set():
    X, y = data.moons(n=100, seed=0)
    model = MLP([2, 16, 16, 1], activation="relu", output="identity", seed=0)
    with pytest.warns(DivergenceWarning):
        model.fit(X, y, epochs=100, lr=1e3)
    assert model.diverged
    for call in [lambda: model.predict(X), lambda: model.score(X, y), lambda: model.fit(X, y)]:
        with pytest.raises(ValueError, match="the weights are unusable .* an earlier fit diverged"):
            call()
    model.set_params(MLP([2, 16, 16, 1], seed=0).get_params())
    assert not model.diverged and np.isfinite(model.predict(X)).all()


def test_an_overflow_inside_the_network_is_named_not_warned():
    model = MLP([1, 2, 1], activation="identity", output="identity", seed=0)
    model.set_params({"W1": [[1e200, -1e200]], "W2": [[1.0], [1.0]]})
    with pytest.raises(ValueError, match=r"output is NaN: a value inside it overflowed float64"):
        model.predict(np.array([[1e200]]))  # Z1 = (inf, -inf), then inf - inf


def test_the_first_layer_passes_no_gradient_back_to_the_data():
    """dX = dZ @ W1.T is work nothing uses (X is data); backward leaves the gradients in place."""
    X, y = small_problem(1, "binary")
    model = MLP([3, 4, 1], seed=0)
    assert model.layers[0].compute_dX is False and model.layers[2].compute_dX is True
    model.forward(X)
    assert model.backward(y) is None
    np.testing.assert_array_equal(model.dense_layers[0].dW, model.gradients(X, y)["W1"])
