"""MLP: a small multi-layer perceptron built from the layers in layers.py.

    model = MLP([2, 4, 1], activation="tanh")      # 2 inputs, 4 hidden units, 1 output
    history = model.fit(X, y, epochs=500, lr=0.5)
    model.predict(X), model.score(X, y)

The network is a list of layers: Dense, Activation, [Dropout], ..., Dense,
output Activation. Training repeats one step (notebook 04 §6, notebook 10 §2):

    forward(X)          -> y_hat, every layer caching what it needs
    backward(y)         -> the gradient dW, db of every Dense layer
    optimizer.step(...) -> move every parameter against its gradient

Read the class in that order: forward, backward and one epoch (_train_epoch)
are the engine; evaluation and prediction follow; fit is the epoch loop
around _train_epoch, with its helpers History and EarlyStopping after the
class; every input check is gathered at the end of the file.

Sigmoid output with binary cross-entropy, and softmax output with
cross-entropy, are "fused" (notebook 06 §5): the gradient at the output
pre-activation Z is simply dL/dZ = (y_hat - y) / n, and the loss is computed
from Z directly, which is exact and never takes log(0).

All randomness (initial weights, shuffling, dropout masks) comes from one
generator, np.random.default_rng(seed), so the same seed gives the same
weights bit for bit, and a second call of fit continues the same stream.
"""

import math
import sys
import warnings
from contextlib import contextmanager

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
from course_utils.activations import ACTIVATIONS, log_sum_exp, softplus
from course_utils.layers import Activation, Dense, Dropout
from course_utils.losses import LOSSES, get_loss
from course_utils.optim import check_learning_rate, get_optimizer

LOSS_NAMES = list(LOSSES) + ["cross_entropy"]


class DivergenceWarning(RuntimeWarning):
    """fit stopped because the loss became infinite or NaN (usually: too large a learning rate).

    Notebook: 07 §2 (the learning rate: a sweep; too large a rate diverges).
    """


class MLP:
    """A multi-layer perceptron: Dense layers with an activation after each.

    Formula: A0 = X;  Z_l = A_{l-1} @ W_l + b_l;  A_l = g(Z_l);  y_hat = A_L = output(Z_L)
    Inputs:
      layer_sizes: e.g. [2, 4, 1]: 2 inputs, a hidden layer of 4 units, 1 output;
      activation: hidden activation name ("tanh", "relu", "sigmoid", ...);
      output: output activation; None means "sigmoid" for 1 output, else "softmax";
              use "identity" for regression;
      loss: None means "binary_cross_entropy" for a sigmoid output, "cross_entropy"
            for softmax, "mse" otherwise; any name from course_utils.losses works too;
      init: weight initialisation "he", "xavier" or "normal" (see layers.Dense);
      seed: integer seed for weights, shuffling and dropout;
      dropout: probability of dropping each hidden unit while training, 0 <= dropout < 1.
    predict and score treat the network as a classifier when the output is sigmoid or
    softmax, and as a regression model otherwise.
    Attributes: layers, dense_layers; optimizer: the optimiser of the last fit (None before);
      epochs_trained: epochs of all fits so far; y_hat: the output of the last forward pass;
      diverged: True once a fit's loss became inf or NaN (then predict, score and fit refuse).
    Notebook: 03 §3 (forward propagation); 04 §5 (the same gradients from MLP);
              10 §2.10 (the same numbers from MLP); 10 §6 (from your network to MLP).
    """

    def __init__(
        self, layer_sizes, activation="tanh", output=None, loss=None, init="he", seed=0, dropout=0.0
    ):
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        n_outputs = self.layer_sizes[-1]
        if output is None:
            output = "sigmoid" if n_outputs == 1 else "softmax"
        self.activation = _check_activation(activation, "activation")
        self.output = _check_activation(output, "output")
        self.loss, self.fused = _choose_loss(self.output, loss, n_outputs)
        self._loss = None if self.fused else get_loss(self.loss)  # Loss(name, function, gradient)
        _check_dropout(dropout)
        check_integer(seed, "seed", 0, "MLP")
        self.init, self.seed, self.dropout = init, seed, dropout
        self.rng = np.random.default_rng(seed)
        self.layers = self._build_layers()
        self.dense_layers = [layer for layer in self.layers if isinstance(layer, Dense)]
        self.optimizer = None  # the optimiser of the last fit; the next fit continues it
        self.epochs_trained = 0  # over every call of fit: a schedule continues from here
        self.diverged = False  # True after a fit whose loss became inf or NaN
        self._training = True
        self.y_hat = None  # output of the last forward pass
        self._forward_input = None  # the X of the last forward pass (see _train_epoch)
        self._params = self._grads = None  # the arrays fit's optimiser updates

    def _build_layers(self):
        """Dense, Activation, [Dropout] for each hidden layer; then Dense and the output Activation.

        Returns: the list of layers, in the order forward runs them.
        """
        layers = []
        sizes = self.layer_sizes
        for n_in, n_out in zip(sizes[:-2], sizes[1:-1]):
            layers.append(Dense(n_in, n_out, init=self.init, rng=self.rng))
            layers.append(Activation(self.activation))
            if self.dropout > 0:
                layers.append(Dropout(self.dropout, seed=self.rng))
        layers.append(Dense(sizes[-2], sizes[-1], init=self.init, rng=self.rng))
        layers.append(Activation(self.output))
        layers[0].compute_dX = False  # its input is the data: no gradient to pass back
        return layers

    # ------------------------------------------------- forward and backward
    def forward(self, X):
        """Run X through every layer (in the current mode) and cache what backward needs.

        Formula: A0 = X;  Z_l = A_{l-1} @ W_l + b_l;  A_l = g_l(Z_l);  y_hat = A_L
        Inputs:  X: array of shape (n, n_features), finite.
        Returns: y_hat: array of shape (n, n_outputs).
        Notebook: 03 §3 (forward propagation, step by step).
        """
        return self._forward(_checked_X(self, X, "MLP.forward"))

    def _forward(self, X):
        """forward without input checks (fit checks its data once)."""
        A = X
        for layer in self.layers:
            A = layer.forward(A)
        self.y_hat = A
        self._forward_input = X
        return A

    def backward(self, y, l2=0.0):
        """Backpropagate from the loss of the last forward pass; fills dW, db of every Dense layer.

        Formula: start with dL/dy_hat from the loss (fused: dL/dZ_out = (y_hat - y) / n),
                 then each layer, last to first, maps its output gradient to its input
                 gradient; with l2 > 0 add l2 * W to each dW.
        Inputs:  y: targets for the X of the last forward (shapes as in fit);
                 l2: weight penalty >= 0.
        Returns: None: the gradients are in every Dense layer's dW and db (and in
                 parameters()), as PyTorch's loss.backward() leaves them in each .grad.
        Notebook: 04 §3 (backpropagation through a two-layer network); 09 §1 (the L2 gradient).
        """
        if self.y_hat is None:
            raise RuntimeError("MLP.backward: call forward(X) before backward(y).")
        check_number(l2, "l2", minimum=0, where="MLP.backward")
        self._backward(_checked_targets(self, y, self.y_hat.shape[0], "MLP.backward"), l2)

    def _backward(self, Y, l2):
        """backward without input checks; Y has shape (n, n_outputs).

        The first Dense layer computes no dX (its compute_dX is False): X is data.
        """
        if self.fused:
            grad = (self.y_hat - Y) / _loss_count(self.output, Y)  # dL/dZ of the output layer
            layers = self.layers[:-1]  # the output activation is already accounted for
        elif np.isfinite(self.y_hat).all():
            grad = self._loss.gradient(Y, self.y_hat)  # dL/dy_hat
            layers = self.layers
        else:  # diverged within an epoch: NaN weights, and fit stops at the end of the epoch
            grad, layers = np.full_like(self.y_hat, np.nan), self.layers
        for layer in reversed(layers):
            grad = layer.backward(grad)
        if l2 > 0:
            for dense in self.dense_layers:
                dense.dW += l2 * dense.W  # gradient of (l2 / 2) * sum(W ** 2)

    # ------------------------------------------------------------ one epoch
    def _train_epoch(self, X, Y, batch_size, shuffle, l2, validation):
        """One pass over the training set, then the loss after it.

        Formula: for each mini-batch (X_b, Y_b):
                   forward(X_b);  backward(Y_b);  optimizer.step(params, grads)
                 then loss and accuracy on all of (X, Y), and on validation, in evaluation mode.
        Inputs:  X (n, n_features), Y (n, n_outputs): checked training data; batch_size >= 1;
                 shuffle: a new batch order every epoch; l2 >= 0;
                 validation: checked (X_val, Y_val), or None.
        Returns: ((loss, accuracy) on (X, Y), the same on validation or None), after the
                 epoch's updates (notebook 10 §5.3); accuracy is None for regression.
        Full batch without dropout, the forward pass that measures the loss after an epoch
        IS the next epoch's forward pass (same weights, same X; without dropout both modes
        compute the same), so it is kept, not run twice.
        """
        if self._reuses_forward_pass(X, batch_size):
            if self._forward_input is not X:  # the first epoch, or after a validation pass
                self._forward(X)
            self._step(Y, l2)
            validation_scores = self._evaluate(*validation) if validation else None
            self._forward(X)  # the loss after this step, and the next step's forward pass
            return (self._data_loss(Y), self._accuracy(Y)), validation_scores
        for rows in self._batches(X.shape[0], batch_size, shuffle):
            self._forward(X[rows])
            self._step(Y[rows], l2)
        validation_scores = self._evaluate(*validation) if validation else None
        return self._evaluate(X, Y), validation_scores

    def _step(self, Y, l2):
        """backward from the last forward pass, then one optimiser step on every parameter."""
        self._backward(Y, l2)
        self.optimizer.step(self._params, self._grads)

    def _reuses_forward_pass(self, X, batch_size):
        """True at full batch without dropout: the evaluation pass can double as the next step's."""
        return batch_size >= X.shape[0] and self.dropout == 0

    def _batches(self, n, batch_size, shuffle):
        """Row indices of every mini-batch of one epoch (a new random order if shuffle).

        Returns: [slice(None)] for the full batch (nothing shuffled or copied), else a list of
                 index arrays of batch_size rows (the last one may be shorter).
        """
        if batch_size >= n:
            return [slice(None)]
        order = self.rng.permutation(n) if shuffle else np.arange(n)
        return [order[start : start + batch_size] for start in range(0, n, batch_size)]

    # ------------------------------------------------------- evaluation mode
    @property
    def training(self):
        """True in training mode (dropout active), False in evaluation mode. Settable."""
        return self._training

    @training.setter
    def training(self, value):
        self._training = bool(value)
        for layer in self.layers:
            layer.training = self._training

    @contextmanager
    def evaluation(self):
        """Run a block in evaluation mode (no dropout), then restore the mode, even after an error.

            with model.evaluation():
                y_hat = model.forward(X)

        Returns: a context manager; inside it model.training is False.
        Notebook: 09 §2 (dropout: on while training, off for predictions).
        """
        with self._mode(training=False):
            yield self

    @contextmanager
    def _mode(self, training):
        """Switch to training (True) or evaluation (False) mode for a block, then restore it."""
        before = self._training
        if before != training:
            self.training = training
        try:
            yield
        finally:
            if self._training != before:
                self.training = before

    def _evaluate(self, X, Y):
        """Data loss and accuracy on checked data (X, Y), in evaluation mode.

        A value beyond float64 becomes +-inf without numpy's warning (tanh, sigmoid and ReLU
        then give their exact limits); a NaN that follows from it is reported by the callers.
        """
        with self._mode(training=False), np.errstate(over="ignore", invalid="ignore"):
            self._forward(X)
            return self._data_loss(Y), self._accuracy(Y)

    def _data_loss(self, Y):
        """Data loss of the last forward pass against checked targets Y (n, n_outputs).

        The fused losses are computed from the logits Z (the input of the output
        activation), exactly as course_utils.losses does, but without checking Y
        again on every call (fit checked it once):
          sigmoid + BCE:    L = mean(softplus(Z) - Y * Z)
          softmax + CE:     L = mean over rows of (logsumexp(Z) - sum_j Y_j * Z_j)
        Each mean is written sum / count: the same number as np.mean, without its
        few microseconds of bookkeeping (fit computes this loss every epoch).
        """
        if not self.fused:
            if not np.isfinite(self.y_hat).all():  # diverged (the losses refuse such y_pred)
                return math.inf
            return self._loss.function(Y, self.y_hat)
        Z = self.layers[-1].Z
        if self.output == "sigmoid":
            losses = softplus(Z) - Y * Z  # (n, n_outputs)
        else:
            losses = log_sum_exp(Z, axis=1) - np.sum(Y * Z, axis=1, keepdims=True)  # (n, 1)
        return float(np.sum(losses)) / losses.size

    def _accuracy(self, Y):
        """Fraction of correct predictions of the last forward pass; None for regression.

        Formula: mean(prediction == y), counted as (number right) / (number of entries)
        """
        if self.output == "sigmoid":
            right = (self.y_hat >= 0.5) == Y
        elif self.output == "softmax":
            right = self.y_hat.argmax(axis=1) == Y.argmax(axis=1)
        else:
            return None
        return np.count_nonzero(right) / right.size

    def loss_value(self, X, y, l2=0.0):
        """The loss of the network on (X, y), in evaluation mode (no dropout).

        Formula: L = data loss(y, y_hat) + (l2 / 2) * sum over layers of sum(W ** 2)
        Inputs:  X: (n, n_features); y: targets (shapes as in fit); l2: weight penalty >= 0.
        Returns: float.
        Notebook: 04 §4 (the loss that gradient checking differentiates); 09 §1 (the penalty).
        """
        X, Y = _checked_data(self, X, y, "MLP.loss_value")
        _check_usable(self, "MLP.loss_value")
        check_number(l2, "l2", minimum=0, where="MLP.loss_value")
        loss, _ = self._evaluate(X, Y)
        _check_not_nan(loss, X, "MLP.loss_value")
        return loss + l2 / 2 * sum(np.sum(dense.W**2) for dense in self.dense_layers)

    def gradients(self, X, y, l2=0.0):
        """Gradients of loss_value(X, y, l2) with respect to every parameter (evaluation mode).

        Formula: dL/dW_l, dL/db_l by backward after forward, as in fit
        Inputs:  X: (n, n_features); y: targets; l2: weight penalty >= 0.
        Returns: dict {"W1": dW1, "b1": db1, ...} of copies, each shaped like its parameter.
        Notebook: 04 §5 (the same gradients from course_utils.MLP).
        """
        X, Y = _checked_data(self, X, y, "MLP.gradients")
        _check_usable(self, "MLP.gradients")
        check_number(l2, "l2", minimum=0, where="MLP.gradients")
        with self.evaluation():
            self._forward(X)
            self._backward(Y, l2)
        return {name: grad.copy() for name, _, grad in self.parameters()}

    # ---------------------------------------------------------- prediction
    def predict_proba(self, X):
        """Output of the network in evaluation mode: probabilities for classification.

        Formula: y_hat = forward(X) with dropout off
        Inputs:  X: array of shape (n, n_features), finite.
        Returns: array of shape (n, n_outputs) (sigmoid: P(y = 1); softmax: one row per example).
        Notebook: 03 §5 (a network that computes XOR); 10 §2.10.
        """
        X = _checked_X(self, X, "MLP.predict_proba")
        _check_usable(self, "MLP.predict_proba")
        with self.evaluation(), np.errstate(over="ignore", invalid="ignore"):  # see _evaluate
            y_hat = self._forward(X)
        _check_not_nan(y_hat, X, "MLP.predict_proba")
        return y_hat

    def predict(self, X):
        """Predicted classes (or values, for regression).

        Formula: sigmoid output: 1.0 where P(y = 1) >= 0.5, else 0.0;  softmax: the most
                 probable class;  other outputs: the output values.
        Inputs:  X: array of shape (n, n_features).
        Returns: array of shape (n,) (or (n, n_outputs) for several sigmoid/regression outputs),
                 float64.
        Notebook: 01 §3 (classification: a threshold); 06 §3 (classification).
        """
        y_hat = self.predict_proba(X)
        if self.output == "softmax":
            return y_hat.argmax(axis=1).astype(np.float64)
        if self.output == "sigmoid":
            y_hat = (y_hat >= 0.5).astype(np.float64)
        return y_hat[:, 0] if y_hat.shape[1] == 1 else y_hat

    def score(self, X, y):
        """Accuracy for classification (sigmoid/softmax output), R^2 for regression.

        Formula: accuracy = mean(prediction == y);
                 R^2 = 1 - sum((y - y_hat)^2) / sum((y - mean(y))^2)
                 (for constant y, where R^2 is 0 / 0: 1.0 if every prediction is exact,
                 else 0.0, the convention of scikit-learn)
        Inputs:  X: (n, n_features); y: targets (shapes as in fit).
        Returns: float.
        Notebook: 01 §3 (regression and classification); 08 §1 (scoring held-out data).
        """
        X, Y = _checked_data(self, X, y, "MLP.score")
        _check_usable(self, "MLP.score")
        _, accuracy = self._evaluate(X, Y)
        _check_not_nan(self.y_hat, X, "MLP.score")
        if accuracy is not None:
            return accuracy
        with np.errstate(over="ignore"):  # a square beyond 1.8e308 is inf: R^2 is then -inf
            residual = np.sum((Y - self.y_hat) ** 2)
            total = np.sum((Y - Y.mean(axis=0)) ** 2)
        if total == 0:
            return 1.0 if residual == 0 else 0.0
        return float(1 - residual / total)

    # ------------------------------------------------------------ training
    def fit(
        self,
        X,
        y,
        epochs=100,
        lr=None,
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

        One epoch = one pass over the training set, in mini-batches of batch_size examples
        (None: the full batch, one step per epoch); see _train_epoch. Each step: forward,
        backward, optimizer.step on every parameter. With l2 > 0 the loss gets the penalty
        (l2 / 2) * sum(W ** 2) over all weights (not biases), so each dW gets + l2 * W.
        A second call continues the first: the same optimiser (velocities, Adam's running
        means and step count), the same random stream for shuffling and dropout, and a
        schedule counts on from model.epochs_trained; so fit(5) then fit(5) gives the
        weights of fit(10), bit for bit (early stopping aside, which restores old weights).
        To start the optimiser afresh, pass a new object: optimizer=Adam(lr=0.01).
        Inputs:
          X: (n, n_features), n >= 1; y: (n,) or (n, 1) for one output, (n,) labels or (n, k)
             one-hot for softmax, (n, k) for several outputs;
          epochs: number of passes >= 1;
          lr: learning rate > 0, or a schedule lr(epoch) from course_utils.optim, or None for
            the optimiser's default (SGD and momentum 0.1, Adam 0.001);
          batch_size: None or an int >= 1;
          optimizer: "sgd", "momentum", "adam" (continued if the last fit used the same kind),
            or an optimiser object, which keeps its own lr (so lr must then be None or a schedule);
          l2: weight penalty >= 0; validation_data: (X_val, y_val) or None;
          early_stopping: patience (int): stop when val_loss has not improved for that
            many epochs, then restore the weights of the best epoch;
          callback: function(epoch, model, history) called after every epoch; returning
            True stops training; shuffle: reshuffle the mini-batches every epoch;
          verbose: show progress on stderr (None: only in a terminal and for >= 1000 epochs).
        Returns: History with per-epoch loss, accuracy, val_loss, val_accuracy, counted from
                 epoch 1 in every call. If the loss becomes inf or NaN, training stops there
                 with a DivergenceWarning (lower the learning rate).
        Notebook: 04 §6 (training); 07 §1 (mini-batches); 07 §5 (optimisers);
                  09 §1, §3 (L2, early stopping); 10 §5.3 (the loss after the last update).
        """
        X, Y, validation, batch_size = _checked_fit_arguments(
            self, X, y, epochs, batch_size, l2, validation_data, early_stopping, callback
        )
        _check_usable(self, "MLP.fit")
        schedule = lr if callable(lr) else None
        self.optimizer = get_optimizer(optimizer, None if schedule else lr, current=self.optimizer)
        self._params = [param for _, param, _ in self.parameters()]
        self._grads = [grad for _, _, grad in self.parameters()]
        self._forward_input = None  # the weights may have changed since the last forward pass
        stopper = None if early_stopping is None else EarlyStopping(early_stopping)
        show_progress = verbose if verbose is not None else (epochs >= 1000 and sys.stderr.isatty())
        history = History()
        # A diverging run overflows: fit reports that once, in words, instead of numpy's warnings.
        with (
            self._mode(training=True),
            np.errstate(over="ignore", invalid="ignore", divide="ignore"),
        ):
            for epoch in range(1, epochs + 1):
                if schedule is not None:
                    self.optimizer.lr = check_learning_rate(schedule(self.epochs_trained))
                history.append(epoch, *self._train_epoch(X, Y, batch_size, shuffle, l2, validation))
                self.epochs_trained += 1
                stop = self._should_stop(epoch, history, stopper, callback)
                if show_progress:
                    _show_progress(epoch, epochs, history, final=stop or epoch == epochs)
                if stop:
                    history.stopped_epoch = epoch if epoch < epochs else None
                    break
        if stopper is not None:
            stopper.restore_best(self)
        if not math.isfinite(history.loss[-1]):
            self.diverged = True
            _warn_diverged(history, self.optimizer)
        return history

    def _should_stop(self, epoch, history, stopper, callback):
        """After an epoch: did training diverge, early stopping fire, or the callback say stop?

        Inputs:  epoch: its number; history: the History so far; stopper: an EarlyStopping or
                 None; callback: function(epoch, model, history) or None.
        Returns: True to stop training.
        """
        stop = not math.isfinite(history.loss[-1])  # diverged: nothing left to learn
        if stopper is not None:
            stop = stopper.update(epoch, history.val_loss[-1], self) or stop
            history.best_epoch = stopper.best_epoch
        if callback is not None:
            stop = bool(callback(epoch, self, history)) or stop
            self._forward_input = None  # the callback may have changed the weights
        return stop

    # ------------------------------------------------------------ parameters
    def parameters(self):
        """Every parameter with its gradient, for optimizers: [("W1", W1, dW1), ...].

        The arrays are the model's own (not copies): an optimizer updates them in place,
        and backward writes new gradients into the same grad arrays.
        Returns: list of (name, param, grad) triples; W_l (n_in, n_out), b_l (n_out,).
        Notebook: 12 §2 (counting parameters, as PyTorch's model.parameters()).
        """
        triples = []
        for number, dense in enumerate(self.dense_layers, start=1):
            for name, param, grad in dense.parameters():
                triples.append((f"{name}{number}", param, grad))
        return triples

    def get_params(self):
        """Copies of all parameters.

        Returns: dict {"W1": (n_in, n_out) array, "b1": (n_out,) array, ...}.
        Notebook: 04 §5 (give an MLP our weights); 09 §3 (early stopping keeps the best).
        """
        return {name: param.copy() for name, param, _ in self.parameters()}

    def set_params(self, params):
        """Overwrite parameters by name (only the names given); shapes must match.

        Inputs:  params: dict like get_params(), e.g. {"W1": array (2, 4), "b1": array (4,)},
                 finite values. Nothing is changed unless every entry passes the checks.
        Notebook: 04 §5 (give an MLP our weights); 10 §2.10.
        """
        current = {name: param for name, param, _ in self.parameters()}
        checked = {name: _checked_param(current, name, value) for name, value in params.items()}
        for name, value in checked.items():  # only after every check passed
            current[name][...] = value
        self._forward_input = None  # the cached forward pass used the old weights
        self.diverged = False

    def n_parameters(self):
        """Number of trainable numbers (all weights and biases).

        Formula: sum over layers of n_in * n_out + n_out
        Notebook: 12 §2 (exercise 2: count the parameters).
        """
        return sum(param.size for _, param, _ in self.parameters())

    def __repr__(self):
        sizes = " -> ".join(str(size) for size in self.layer_sizes)
        extra = f", dropout={self.dropout:g}" if self.dropout > 0 else ""
        return (
            f"MLP({sizes}, activation={self.activation}, output={self.output}, loss={self.loss}"
            f"{extra}, {self.n_parameters()} parameters)"
        )


# ------------------------------------------------------------ fit's helpers
class History:
    """What happened during fit: one entry per epoch, after that epoch's updates.

    Attributes (lists of floats, empty when not applicable):
      epochs        1, 2, 3, ... (counted from 1 in every call of fit)
      loss          data loss on the training set (without the L2 penalty)
      accuracy      accuracy on the training set (classification only)
      val_loss, val_accuracy   the same on validation_data (if given)
      best_epoch    epoch with the lowest val_loss (early stopping only)
      stopped_epoch epoch at which training stopped early (None if it ran to the end)
    history["loss"] is the same as history.loss.
    Notebook: 07 §1 (loss curves); 08 §4 (learning curves).
    """

    KEYS = ("loss", "accuracy", "val_loss", "val_accuracy")

    def __init__(self):
        self.epochs = []
        self.loss, self.accuracy = [], []
        self.val_loss, self.val_accuracy = [], []
        self.best_epoch = None
        self.stopped_epoch = None

    def append(self, epoch, train, validation=None):
        """Record one epoch.

        Inputs:  epoch: its number; train: (loss, accuracy or None);
                 validation: (loss, accuracy or None), or None.
        """
        self.epochs.append(epoch)
        self.loss.append(train[0])
        if train[1] is not None:
            self.accuracy.append(train[1])
        if validation:
            self.val_loss.append(validation[0])
            if validation[1] is not None:
                self.val_accuracy.append(validation[1])

    def __getitem__(self, key):
        if key not in self.KEYS + ("epochs",):
            raise KeyError(f"History has no {key!r}. Valid: {', '.join(self.KEYS)}, epochs.")
        return getattr(self, key)

    def keys(self):
        """The names of the curves that were recorded.

        Returns: list of str, e.g. ["loss", "accuracy"] (empty curves left out).
        """
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


class EarlyStopping:
    """Stop when the validation loss has not improved for `patience` epochs; keep the best weights.

    Formula: an epoch is a new best when its val_loss is strictly lower than every earlier one;
             stop at epoch e once e - best_epoch >= patience; then restore the best epoch's weights.
    Inputs:  patience: an int >= 1.
    Notebook: 09 §3 (early stopping; exercise 2: when to stop).
    """

    def __init__(self, patience):
        self.patience = patience
        self.best_loss, self.best_epoch, self.best_params = np.inf, None, None

    def update(self, epoch, val_loss, model):
        """Take one epoch's validation loss; remember model's weights if it is a new best.

        Inputs:  epoch: its number (from 1); val_loss: float; model: the MLP being trained.
        Returns: True when training should stop.
        """
        if val_loss < self.best_loss:
            self.best_loss, self.best_epoch, self.best_params = val_loss, epoch, model.get_params()
            return False
        return epoch - (self.best_epoch or 0) >= self.patience

    def restore_best(self, model):
        """Give model the weights of the best epoch (if there was one).

        Inputs:  model: the MLP that was trained.
        """
        if self.best_params is not None:
            model.set_params(self.best_params)


def _show_progress(epoch, epochs, history, final):
    """Overwrite one progress line on stderr about 20 times per run; end it at the last epoch."""
    if epoch % max(1, epochs // 20) == 0 or final:
        sys.stderr.write(f"\rMLP.fit: epoch {epoch}/{epochs}, loss {history.loss[-1]:.4f}")
        if final:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _warn_diverged(history, optimizer):
    """Say, once, that training stopped because the loss left the floating-point range."""
    warnings.warn(
        f"MLP.fit: training diverged: the loss became {history.loss[-1]} at epoch "
        f"{history.epochs[-1]}, so fit stopped there (history.stopped_epoch). The weights are no "
        f"longer usable; try a smaller learning rate than lr={optimizer.lr:g}.",
        DivergenceWarning,
        stacklevel=3,
    )


def _loss_count(output, Y):
    """The n in the fused gradient (y_hat - Y) / n: rows for softmax, entries for sigmoid."""
    return Y.shape[0] if output == "softmax" else Y.size


# ---------------------------------------------------------------- input checks
# Every check of what a learner passes to MLP is here, so the class above reads like the maths.
# Each raises ValueError (or TypeError for a wrong kind of object) naming the argument.
def _check_layer_sizes(layer_sizes):
    """Return layer_sizes as a list of ints >= 1 with at least 2 entries, or raise."""
    example = "e.g. [2, 4, 1]"
    if isinstance(layer_sizes, (str, bytes)) or not hasattr(layer_sizes, "__len__"):
        raise TypeError(
            f"MLP: layer_sizes lists the width of every layer, inputs first and outputs last, "
            f"{example}; got {layer_sizes!r}."
        )
    if len(layer_sizes) < 2:
        raise ValueError(
            f"MLP: layer_sizes lists the width of every layer, inputs first and outputs last, "
            f"{example}; got {layer_sizes!r}."
        )
    for size in layer_sizes:
        check_integer(size, "every layer size", 1, "MLP")
    return [int(size) for size in layer_sizes]


def _check_activation(name, argument):
    """Return the canonical name of an activation given as `argument` (activation or output)."""
    if not isinstance(name, str):
        raise TypeError(
            f"MLP: {argument} must be an activation name such as 'tanh', got {name!r}. "
            f"Valid: {', '.join(ACTIVATIONS)}."
        )
    return Activation(name).name


def _check_dropout(dropout):
    """Raise unless 0 <= dropout < 1."""
    check_number(dropout, "dropout", minimum=0, where="MLP")
    if dropout >= 1:
        raise ValueError(
            f"MLP: dropout is the probability of dropping a hidden unit and must be < 1 "
            f"(at 1 every unit is dropped), got dropout={dropout}."
        )


def _choose_loss(output, loss, n_outputs):
    """Return (loss name, fused?) for an output activation and a loss name (None: the default)."""
    if output == "softmax" and n_outputs == 1:
        raise ValueError(
            "MLP: a softmax over 1 output is always 1; use output='sigmoid' for two classes."
        )
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


def _checked_X(model, X, where):
    """X as a finite float array of shape (n, n_features), or a clear error."""
    X = as_float_array(X, "X", where)
    check_2d(X, "X", where)
    n_features = model.layer_sizes[0]
    if X.shape[1] != n_features:
        raise ValueError(
            f"{where}: the network {model.layer_sizes} expects X with {n_features} features "
            f"(columns), got X with shape {X.shape}"
        )
    check_finite(X, "X", where)
    return X


def _checked_targets(model, y, n, where):
    """Targets as an array Y of shape (n, n_outputs) (labels become one-hot), or a clear error."""
    y = as_float_array(y, "y", where)
    check_finite(y, "y", where)
    k = model.layer_sizes[-1]
    takes_class_labels = model.output == "softmax" or model.loss == "cross_entropy_from_logits"
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
    if model.fused and not np.all((Y == 0) | (Y == 1)):  # the cheap test first
        check_values_in(Y, [0, 1], "y", where)  # raises, naming the values that are not 0 or 1
    if model.fused and model.output == "softmax" and not np.all(Y.sum(axis=1) == 1):
        raise ValueError(f"{where}: each one-hot row of y must contain exactly one 1.")
    return Y


def _checked_data(model, X, y, where):
    """Checked (X, Y): X (n, n_features) finite with n >= 1, Y (n, n_outputs)."""
    X = _checked_X(model, X, where)
    if X.shape[0] == 0:
        raise ValueError(
            f"{where}: X has no rows (shape {X.shape}); a loss needs at least one example."
        )
    return X, _checked_targets(model, y, X.shape[0], where)


def _checked_fit_arguments(
    model, X, y, epochs, batch_size, l2, validation_data, early_stopping, callback
):
    """Check fit's arguments (lr and optimizer are checked by get_optimizer).

    Returns: (X, Y, validation: checked (X_val, Y_val) or None, batch_size as an int).
    """
    X, Y = _checked_data(model, X, y, "MLP.fit")
    validation = None
    if validation_data is not None:
        if not isinstance(validation_data, (tuple, list)) or len(validation_data) != 2:
            raise ValueError("MLP.fit: validation_data must be a pair (X_val, y_val).")
        validation = _checked_data(model, *validation_data, "MLP.fit (validation_data)")
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
    if callback is not None and not callable(callback):
        raise TypeError(
            f"MLP.fit: callback must be a function(epoch, model, history), got {callback!r}."
        )
    return X, Y, validation, int(batch_size)


def _check_usable(model, where):
    """Raise ValueError if the last fit diverged, or a weight or bias is NaN or infinite."""
    bad = [name for name, param, _ in model.parameters() if not np.isfinite(param).all()]
    if model.diverged or bad:
        reason = f"{bad[0]} contains NaN or inf" if bad else "its outputs overflow"
        raise ValueError(
            f"{where}: the weights are unusable ({reason}): an earlier fit diverged. "
            "Build a new MLP and train it with a smaller learning rate (or set_params)."
        )


def _check_not_nan(result, X, where):
    """Raise ValueError if an output of the network is NaN although X and the weights are finite.

    That happens only when a value overflowed float64 inside the network (inf - inf).
    """
    if np.isnan(result).any():
        raise ValueError(
            f"{where}: the network's output is NaN: a value inside it overflowed float64 "
            f"(the largest |X| is {np.abs(X).max():.3g}). Standardise X (notebook 07 §3)."
        )


def _checked_param(current, name, value):
    """value as a float array of the shape of parameter `name`, finite, or a clear error."""
    if name not in current:
        raise unknown_name_error("parameter", name, list(current))
    value = as_float_array(value, name, "MLP.set_params")
    if value.shape != current[name].shape:
        raise ValueError(
            f"MLP.set_params: {name} must have shape {current[name].shape}, "
            f"got shape {value.shape}."
        )
    check_finite(value, name, "MLP.set_params")
    return value
