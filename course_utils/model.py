"""MLP: a small multi-layer perceptron built from the layers in layers.py.

    model = MLP([2, 4, 1], activation="tanh")      # 2 inputs, 4 hidden units, 1 output
    history = model.fit(X, y, epochs=500, lr=0.5)
    model.predict(X), model.score(X, y)

The network is a list of layers: Dense, Activation, [Dropout], ..., Dense,
output Activation. Training repeats one step:

    forward(X)          -> y_hat, every layer caching what it needs
    backward(y)         -> the gradient dW, db of every Dense layer
    optimizer.step(...) -> move every parameter against its gradient

Sigmoid output with binary cross-entropy, and softmax output with
cross-entropy, are "fused": the gradient at the output pre-activation Z is
simply dL/dZ = (y_hat - y) / n, and the loss is computed from Z directly,
which is exact and never takes log(0).

All randomness (initial weights, shuffling, dropout masks) comes from one
generator, np.random.default_rng(seed), so the same seed gives the same
weights bit for bit.
"""

import sys

import numpy as np

from course_utils._validation import (
    as_float_array,
    check_2d,
    check_class_labels,
    check_finite,
    check_integer,
    check_number,
    check_values_in,
    unknown_name_error,
)
from course_utils.activations import log_sum_exp, softplus
from course_utils.layers import Activation, Dense, Dropout
from course_utils.losses import LOSSES, get_loss
from course_utils.optim import check_learning_rate, get_optimizer

LOSS_NAMES = list(LOSSES) + ["cross_entropy"]


class History:
    """What happened during fit: one entry per epoch, after that epoch's updates.

    Attributes (lists of floats, empty when not applicable):
      epochs        1, 2, 3, ...
      loss          data loss on the training set (without the L2 penalty)
      accuracy      accuracy on the training set (classification only)
      val_loss, val_accuracy   the same on validation_data (if given)
      best_epoch    epoch with the lowest val_loss (early stopping only)
      stopped_epoch epoch at which training stopped early (None if it ran to the end)
    history["loss"] is the same as history.loss.
    """

    KEYS = ("loss", "accuracy", "val_loss", "val_accuracy")

    def __init__(self):
        self.epochs = []
        self.loss, self.accuracy = [], []
        self.val_loss, self.val_accuracy = [], []
        self.best_epoch = None
        self.stopped_epoch = None

    def __getitem__(self, key):
        if key not in self.KEYS + ("epochs",):
            raise KeyError(f"History has no {key!r}. Valid: {', '.join(self.KEYS)}, epochs.")
        return getattr(self, key)

    def keys(self):
        """Return the names of the non-empty curves, e.g. ["loss", "accuracy"]."""
        return [key for key in self.KEYS if getattr(self, key)]

    def __len__(self):
        return len(self.epochs)

    def __repr__(self):
        parts = [f"{len(self.epochs)} epochs"]
        for key in self.keys():
            values = getattr(self, key)
            parts.append(f"{key} {values[0]:.4f} -> {values[-1]:.4f}")
        if self.best_epoch is not None:
            parts.append(f"best_epoch={self.best_epoch}")
        if self.stopped_epoch is not None:
            parts.append(f"stopped_epoch={self.stopped_epoch}")
        return f"History({', '.join(parts)})"


class MLP:
    """A multi-layer perceptron: Dense layers with an activation after each.

    Inputs:
      layer_sizes: e.g. [2, 4, 1]: 2 inputs, a hidden layer of 4 units, 1 output;
      activation: hidden activation name ("tanh", "relu", "sigmoid", ...);
      output: output activation; None means "sigmoid" for 1 output, else "softmax";
              use "identity" for regression;
      loss: None means "binary_cross_entropy" for a sigmoid output, "cross_entropy"
            for softmax, "mse" otherwise; any name from course_utils.losses works too;
      init: weight initialisation "he", "xavier" or "normal" (see layers.Dense);
      seed: integer seed for weights, shuffling and dropout;
      dropout: probability of dropping each hidden unit while training (0 = no dropout).
    predict and score treat the network as a classifier when the output is sigmoid or
    softmax, and as a regression model otherwise.
    """

    def __init__(
        self, layer_sizes, activation="tanh", output=None, loss=None, init="he", seed=0, dropout=0.0
    ):
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        n_outputs = self.layer_sizes[-1]
        if output is None:
            output = "sigmoid" if n_outputs == 1 else "softmax"
        self.activation = Activation(activation).name  # also checks the name
        self.output = Activation(output).name
        if self.output == "softmax" and n_outputs == 1:
            raise ValueError(
                "MLP: a softmax over 1 output is always 1; use output='sigmoid' for two classes."
            )
        self.loss, self.fused = _choose_loss(self.output, loss)
        self._loss = None if self.fused else get_loss(self.loss)  # Loss(name, function, gradient)
        check_number(dropout, "dropout", minimum=0, where="MLP")
        check_integer(seed, "seed", 0, "MLP")
        self.init, self.seed, self.dropout = init, seed, dropout
        self.rng = np.random.default_rng(seed)
        self.layers = self._build_layers()
        self.dense_layers = [layer for layer in self.layers if isinstance(layer, Dense)]
        self._training = True
        self.y_hat = None  # output of the last forward pass

    def _build_layers(self):
        """Dense, Activation, [Dropout] for each hidden layer; then Dense and the output Activation."""
        layers = []
        sizes = self.layer_sizes
        for n_in, n_out in zip(sizes[:-2], sizes[1:-1]):
            layers.append(Dense(n_in, n_out, init=self.init, rng=self.rng))
            layers.append(Activation(self.activation))
            if self.dropout > 0:
                layers.append(Dropout(self.dropout, seed=self.rng))
        layers.append(Dense(sizes[-2], sizes[-1], init=self.init, rng=self.rng))
        layers.append(Activation(self.output))
        return layers

    # ------------------------------------------------------------ mode
    @property
    def training(self):
        """True in training mode (dropout active), False in evaluation mode. Settable."""
        return self._training

    @training.setter
    def training(self, value):
        self._training = bool(value)
        for layer in self.layers:
            layer.training = self._training

    # ------------------------------------------------- forward and backward
    def forward(self, X):
        """Run X through every layer (in the current mode) and cache what backward needs.

        Formula: A0 = X;  Z_l = A_{l-1} @ W_l + b_l;  A_l = g_l(Z_l);  y_hat = A_L
        Inputs:  X: array of shape (n, n_features).
        Returns: y_hat: array of shape (n, n_outputs).
        """
        return self._forward(self._check_X(X, "MLP.forward"))

    def _forward(self, X):
        """forward without input checks (used by fit on data it checked once)."""
        A = X
        for layer in self.layers:
            A = layer.forward(A)
        self.y_hat = A
        return A

    def backward(self, y, l2=0.0):
        """Backpropagate from the loss of the last forward pass; fills dW, db of every Dense layer.

        Formula: start with dL/dy_hat from the loss (fused: dL/dZ_out = (y_hat - y) / n),
                 then each layer, last to first, maps its output gradient to its input
                 gradient; with l2 > 0 add l2 * W to each dW.
        Inputs:  y: targets for the X of the last forward (shapes as in fit); l2: weight penalty >= 0.
        Returns: dX: gradient with respect to the input, shape (n, n_features).
        """
        if self.y_hat is None:
            raise RuntimeError("MLP.backward: call forward(X) before backward(y).")
        check_number(l2, "l2", minimum=0, where="MLP.backward")
        return self._backward(self._check_y(y, self.y_hat.shape[0], "MLP.backward"), l2)

    def _backward(self, Y, l2):
        """backward without input checks; Y has shape (n, n_outputs)."""
        if self.fused:
            grad = (self.y_hat - Y) / _loss_count(self.output, Y)  # dL/dZ of the output layer
            layers = self.layers[:-1]  # the output activation is already accounted for
        else:
            grad = self._loss.gradient(Y, self.y_hat)  # dL/dy_hat
            layers = self.layers
        for layer in reversed(layers):
            grad = layer.backward(grad)
        if l2 > 0:
            for dense in self.dense_layers:
                dense.dW += l2 * dense.W  # gradient of (l2 / 2) * sum(W ** 2)
        return grad

    # ---------------------------------------------------------------- loss
    def loss_value(self, X, y, l2=0.0):
        """The loss of the network on (X, y), in evaluation mode (no dropout).

        Formula: L = data loss(y, y_hat) + (l2 / 2) * sum over layers of sum(W ** 2)
        Inputs:  X: (n, n_features); y: targets (shapes as in fit); l2: weight penalty >= 0.
        Returns: float.
        """
        X, Y = self._check_data(X, y, "MLP.loss_value")
        check_number(l2, "l2", minimum=0, where="MLP.loss_value")
        loss, _ = self._evaluate(X, Y)
        return loss + l2 / 2 * sum(np.sum(dense.W**2) for dense in self.dense_layers)

    def gradients(self, X, y, l2=0.0):
        """Gradients of loss_value(X, y, l2) with respect to every parameter (evaluation mode).

        Inputs:  X: (n, n_features); y: targets; l2: weight penalty >= 0.
        Returns: dict {"W1": dW1, "b1": db1, ...} of copies, each shaped like its parameter.
        """
        X, Y = self._check_data(X, y, "MLP.gradients")
        check_number(l2, "l2", minimum=0, where="MLP.gradients")
        was_training = self.training
        self.training = False
        self._forward(X)
        self._backward(Y, l2)
        self.training = was_training
        return {name: grad.copy() for name, _, grad in self.parameters()}

    def _data_loss(self, Y):
        """Data loss of the last forward pass against checked targets Y (n, n_outputs).

        The fused losses are computed from the logits Z (the input of the output
        activation), exactly as course_utils.losses does, but without checking Y
        again on every call (fit checked it once):
          sigmoid + BCE:    L = mean(softplus(Z) - Y * Z)
          softmax + CE:     L = mean over rows of (logsumexp(Z) - sum_j Y_j * Z_j)
        """
        if not self.fused:
            return self._loss.function(Y, self.y_hat)
        Z = self.layers[-1].Z
        if self.output == "sigmoid":
            return float(np.mean(softplus(Z) - Y * Z))
        return float(np.mean(log_sum_exp(Z, axis=1) - np.sum(Y * Z, axis=1, keepdims=True)))

    def _accuracy(self, Y):
        """Fraction of correct predictions of the last forward pass; None for regression."""
        if self.output == "sigmoid":
            return float(np.mean((self.y_hat >= 0.5) == Y))
        if self.output == "softmax":
            return float(np.mean(self.y_hat.argmax(axis=1) == Y.argmax(axis=1)))
        return None

    def _evaluate(self, X, Y):
        """Data loss and accuracy on checked data (X, Y), in evaluation mode."""
        was_training = self.training
        self.training = False
        self._forward(X)
        result = self._data_loss(Y), self._accuracy(Y)
        self.training = was_training
        return result

    # ---------------------------------------------------------- prediction
    def predict_proba(self, X):
        """Output of the network in evaluation mode: probabilities for classification.

        Inputs:  X: array of shape (n, n_features).
        Returns: array of shape (n, n_outputs) (sigmoid: P(y = 1); softmax: one row per example).
        """
        X = self._check_X(X, "MLP.predict_proba")
        check_finite(X, "X", "MLP.predict_proba")
        was_training = self.training
        self.training = False
        y_hat = self._forward(X)
        self.training = was_training
        return y_hat

    def predict(self, X):
        """Predicted classes (or values, for regression).

        sigmoid output: 1.0 where P(y = 1) >= 0.5, else 0.0;  softmax: the most probable class;
        other outputs: the output values.
        Inputs:  X: array of shape (n, n_features).
        Returns: array of shape (n,) (or (n, n_outputs) for several sigmoid/regression outputs), float64.
        """
        y_hat = self.predict_proba(X)
        if self.output == "softmax":
            return y_hat.argmax(axis=1).astype(np.float64)
        if self.output == "sigmoid":
            y_hat = (y_hat >= 0.5).astype(np.float64)
        return y_hat[:, 0] if y_hat.shape[1] == 1 else y_hat

    def score(self, X, y):
        """Accuracy for classification (sigmoid/softmax output), R^2 for regression.

        Formula: accuracy = mean(prediction == y);  R^2 = 1 - sum((y - y_hat)^2) / sum((y - mean(y))^2)
        Inputs:  X: (n, n_features); y: targets (shapes as in fit).
        Returns: float.
        """
        X, Y = self._check_data(X, y, "MLP.score")
        _, accuracy = self._evaluate(X, Y)
        if accuracy is not None:
            return accuracy
        residual = np.sum((Y - self.y_hat) ** 2)
        total = np.sum((Y - Y.mean(axis=0)) ** 2)
        return float(1 - residual / total)

    # ------------------------------------------------------------ training
    def fit(
        self,
        X,
        y,
        epochs=100,
        lr=0.1,
        batch_size=None,
        optimizer="sgd",
        l2=0.0,
        validation_data=None,
        early_stopping=None,
        callback=None,
        shuffle=True,
        verbose=None,
    ):
        """Train the network by (mini-batch) gradient descent; return a History.

        One epoch = one pass over the training set, in mini-batches of batch_size
        examples (None: the full batch, one step per epoch). Each step:
        forward, backward, optimizer.step on every parameter.
        With l2 > 0 the loss gets the penalty (l2 / 2) * sum(W ** 2) over all weights
        (not biases), so each dW gets + l2 * W.
        Inputs:
          X: (n, n_features); y: (n,) or (n, 1) for one output, (n,) labels or (n, k) one-hot
             for softmax, (n, k) for several outputs;
          epochs: number of passes; lr: learning rate > 0, or a schedule lr(epochs_done)
            from course_utils.optim; batch_size: None or an int;
          optimizer: "sgd", "momentum", "adam", or an optimizer object, which keeps its own lr
            unless lr is a schedule;
          l2: weight penalty >= 0; validation_data: (X_val, y_val) or None;
          early_stopping: patience (int): stop when val_loss has not improved for that
            many epochs, then restore the weights of the best epoch;
          callback: function(epoch, model, history) called after every epoch; returning
            True stops training; shuffle: reshuffle the mini-batches every epoch;
          verbose: show progress on stderr (None: only in a terminal and for >= 1000 epochs).
        Returns: History with per-epoch loss, accuracy, val_loss, val_accuracy.
        """
        X, Y = self._check_data(X, y, "MLP.fit")
        validation = None
        if validation_data is not None:
            X_val, y_val = _unpack_validation(validation_data)
            validation = self._check_data(X_val, y_val, "MLP.fit (validation_data)")
        check_integer(epochs, "epochs", 1, "MLP.fit")
        check_number(l2, "l2", minimum=0, where="MLP.fit")
        batch_size = X.shape[0] if batch_size is None else batch_size
        check_integer(batch_size, "batch_size", 1, "MLP.fit")
        if early_stopping is not None:
            check_integer(early_stopping, "early_stopping", 1, "MLP.fit")
            if validation_data is None:
                raise ValueError(
                    "MLP.fit: early_stopping watches the validation loss, so it needs validation_data."
                )
        schedule = lr if callable(lr) else None
        optimizer = get_optimizer(
            optimizer, check_learning_rate(lr if schedule is None else schedule(0))
        )
        show_progress = verbose if verbose is not None else (epochs >= 1000 and sys.stderr.isatty())

        history = History()
        params = [param for _, param, _ in self.parameters()]
        grads = [grad for _, _, grad in self.parameters()]
        best_loss, best_params = np.inf, None
        was_training = self.training
        for epoch in range(1, epochs + 1):
            if schedule is not None:
                optimizer.lr = check_learning_rate(schedule(epoch - 1))
            self._train_one_epoch(X, Y, batch_size, shuffle, optimizer, params, grads, l2)

            train_scores = self._evaluate(X, Y)
            validation_scores = self._evaluate(*validation) if validation else None
            _append(history, epoch, train_scores, validation_scores)
            stop = not np.isfinite(history.loss[-1])  # diverged: nothing left to learn
            if early_stopping is not None:
                if history.val_loss[-1] < best_loss:  # a new best: remember these weights
                    best_loss, best_params = history.val_loss[-1], self.get_params()
                    history.best_epoch = epoch
                elif epoch - (history.best_epoch or 0) >= early_stopping:
                    stop = True
            if callback is not None and callback(epoch, self, history):
                stop = True
            if show_progress:
                _show_progress(epoch, epochs, history, final=stop or epoch == epochs)
            if stop:
                history.stopped_epoch = epoch if epoch < epochs else None
                break
        if best_params is not None:
            self.set_params(best_params)
        self.training = was_training
        return history

    def _train_one_epoch(self, X, Y, batch_size, shuffle, optimizer, params, grads, l2):
        """One pass over (X, Y) in mini-batches; for each: forward, backward, optimizer step."""
        self.training = True
        n = X.shape[0]
        if batch_size >= n:  # full batch: X[:] is X itself, so nothing is shuffled or copied
            batches = [slice(None)]
        else:
            order = self.rng.permutation(n) if shuffle else np.arange(n)
            batches = [order[start : start + batch_size] for start in range(0, n, batch_size)]
        for rows in batches:
            self._forward(X[rows])
            self._backward(Y[rows], l2)
            optimizer.step(params, grads)

    # ------------------------------------------------------------ parameters
    def parameters(self):
        """Every parameter with its gradient, for optimizers: [("W1", W1, dW1), ("b1", b1, db1), ...].

        The arrays are the model's own (not copies): an optimizer updates them in place,
        and backward writes new gradients into the same grad arrays.
        Returns: list of (name, param, grad) triples.
        """
        triples = []
        for number, dense in enumerate(self.dense_layers, start=1):
            for name, param, grad in dense.parameters():
                triples.append((f"{name}{number}", param, grad))
        return triples

    def get_params(self):
        """Copies of all parameters. Returns: dict {"W1": (n_in, n_out) array, "b1": (n_out,) array, ...}."""
        return {name: param.copy() for name, param, _ in self.parameters()}

    def set_params(self, params):
        """Overwrite parameters by name (only the names given); shapes must match.

        Inputs:  params: dict like get_params(), e.g. {"W1": array (2, 4), "b1": array (4,)}.
        """
        current = {name: param for name, param, _ in self.parameters()}
        checked = {}
        for name, value in params.items():
            if name not in current:
                raise unknown_name_error("parameter", name, list(current))
            value = as_float_array(value, name, "MLP.set_params")
            if value.shape != current[name].shape:
                raise ValueError(
                    f"MLP.set_params: {name} must have shape {current[name].shape}, got shape {value.shape}."
                )
            check_finite(value, name, "MLP.set_params")
            checked[name] = value
        for name, value in checked.items():  # only after every check passed
            current[name][...] = value

    def n_parameters(self):
        """Number of trainable numbers (all weights and biases)."""
        return sum(param.size for _, param, _ in self.parameters())

    def __repr__(self):
        sizes = " -> ".join(str(size) for size in self.layer_sizes)
        extra = f", dropout={self.dropout:g}" if self.dropout > 0 else ""
        return (
            f"MLP({sizes}, activation={self.activation}, output={self.output}, loss={self.loss}"
            f"{extra}, {self.n_parameters()} parameters)"
        )

    # ------------------------------------------------------------ checks
    def _check_X(self, X, where):
        """X as a float array of shape (n, n_features), or a clear ValueError."""
        X = as_float_array(X, "X", where)
        check_2d(X, "X", where)
        n_features = self.layer_sizes[0]
        if X.shape[1] != n_features:
            raise ValueError(
                f"{where}: the network {self.layer_sizes} expects X with {n_features} features "
                f"(columns), got X with shape {X.shape}"
            )
        return X

    def _check_y(self, y, n, where):
        """Targets as an array Y of shape (n, n_outputs) (labels become one-hot), or a clear ValueError."""
        y = as_float_array(y, "y", where)
        check_finite(y, "y", where)
        k = self.layer_sizes[-1]
        takes_class_labels = self.output == "softmax" or self.loss == "cross_entropy_from_logits"
        if takes_class_labels and y.shape == (n,):
            check_class_labels(y, k, "y", where)
            return np.eye(k)[y.astype(int)]
        Y = y.reshape(n, 1) if (k == 1 and y.shape == (n,)) else y
        if Y.shape != (n, k):
            if takes_class_labels:
                expected = f"({n},) (class labels) or ({n}, {k}) (one-hot)"
            elif k == 1:
                expected = f"({n},) or ({n}, 1)"
            else:
                expected = f"({n}, {k})"
            raise ValueError(
                f"{where}: y has shape {y.shape}, expected {expected} "
                f"for {n} examples and a network with {k} output{'s' if k > 1 else ''}"
            )
        if self.fused and not np.all(
            (Y == 0) | (Y == 1)
        ):  # cheap test first: backward runs every step
            check_values_in(Y, [0, 1], "y", where)  # raises, naming the values that are not 0 or 1
        if self.fused and self.output == "softmax" and not np.all(Y.sum(axis=1) == 1):
            raise ValueError(f"{where}: each one-hot row of y must contain exactly one 1.")
        return Y

    def _check_data(self, X, y, where):
        """Checked (X, Y): X (n, n_features) finite, Y (n, n_outputs)."""
        X = self._check_X(X, where)
        check_finite(X, "X", where)
        return X, self._check_y(y, X.shape[0], where)


# ---------------------------------------------------------------- helpers
def _check_layer_sizes(layer_sizes):
    """Return layer_sizes as a list of ints >= 1 with at least 2 entries, or raise."""
    if isinstance(layer_sizes, (int, np.integer)) or len(layer_sizes) < 2:
        raise ValueError(
            f"MLP: layer_sizes lists the width of every layer, inputs first and outputs last, "
            f"e.g. [2, 4, 1]; got {layer_sizes!r}."
        )
    for size in layer_sizes:
        check_integer(size, "every layer size", 1, "MLP")
    return [int(size) for size in layer_sizes]


def _choose_loss(output, loss):
    """Return (loss name, fused?) for an output activation and a loss name (None: the default)."""
    if loss is None:
        loss = {"sigmoid": "binary_cross_entropy", "softmax": "cross_entropy"}.get(output, "mse")
    if not isinstance(loss, str) or loss.lower() not in LOSS_NAMES:
        raise unknown_name_error("loss", loss, LOSS_NAMES)
    loss = loss.lower()
    if loss == "cross_entropy" and output != "softmax":
        raise ValueError(
            f"MLP: loss='cross_entropy' needs output='softmax', got output={output!r} "
            "(for raw scores use output='identity' with loss='cross_entropy_from_logits')."
        )
    squashed_twice = [
        ("sigmoid", "binary_cross_entropy_from_logits"),
        ("softmax", "cross_entropy_from_logits"),
    ]
    if (output, loss) in squashed_twice:
        fused_name = "binary_cross_entropy" if output == "sigmoid" else "cross_entropy"
        raise ValueError(
            f"MLP: loss={loss!r} expects logits, but output={output!r} already turns them into "
            f"probabilities. Use loss={fused_name!r}: the model then works from the logits itself."
        )
    fused = (output, loss) in [("sigmoid", "binary_cross_entropy"), ("softmax", "cross_entropy")]
    return loss, fused


def _loss_count(output, Y):
    """The n in the fused gradient (y_hat - Y) / n: rows for softmax, entries for sigmoid."""
    return Y.shape[0] if output == "softmax" else Y.size


def _unpack_validation(validation_data):
    """Return (X_val, y_val) from validation_data, or raise a clear ValueError."""
    if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
        raise ValueError("MLP.fit: validation_data must be a pair (X_val, y_val).")
    return validation_data


def _append(history, epoch, train, validation):
    """Add one epoch's (loss, accuracy) pairs for training and validation to history."""
    history.epochs.append(epoch)
    history.loss.append(train[0])
    if train[1] is not None:
        history.accuracy.append(train[1])
    if validation:
        history.val_loss.append(validation[0])
        if validation[1] is not None:
            history.val_accuracy.append(validation[1])


def _show_progress(epoch, epochs, history, final):
    """Overwrite one progress line on stderr about 20 times per run, and end it at the last epoch."""
    if epoch % max(1, epochs // 20) == 0 or final:
        sys.stderr.write(f"\rMLP.fit: epoch {epoch}/{epochs}, loss {history.loss[-1]:.4f}")
        if final:
            sys.stderr.write("\n")
        sys.stderr.flush()
