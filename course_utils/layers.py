"""Layers of a neural network: Dense, Activation and Dropout.

Every layer has the same three parts:

    forward(X)    computes the layer's output and caches what backward needs
    backward(dA)  takes dL/d(output) and returns dL/d(input), by the chain rule;
                  a Dense layer also stores the gradients of its weights
    parameters()  a list of (name, param, grad) triples (empty if none)

and a `training` flag (only Dropout behaves differently when it is False).

Rows are examples: X has shape (n_samples, n_features) and a Dense layer
computes Z = X @ W + b with W of shape (n_in, n_out) and b of shape (n_out,)
(notebook 03 §2 explains why the course puts examples in rows).
Each docstring names the notebook and section that derives it ("04 §3").
"""

import numpy as np

from course_utils._validation import check_2d, check_integer, check_number, unknown_name_error
from course_utils.activations import get_activation, softmax_backward

INITS = ["he", "xavier", "normal"]


class Layer:
    """What every layer has: a training flag and a (possibly empty) list of parameters.

    Notebook: 03 §3 (a network is a list of layers); 12 §2 (PyTorch's nn.Module).
    """

    training = True

    def parameters(self):
        """The layer's parameters with their gradients.

        Returns: list of (name, param, grad) triples; empty for a layer without weights.
        """
        return []


class Dense(Layer):
    """A fully connected layer: every output is a weighted sum of all inputs plus a bias.

    Forward:  Z = X @ W + b
    Backward: dW = X.T @ dZ,  db = dZ summed over the examples,  dX = dZ @ W.T

    Initial weights, drawn from a normal distribution N(0, std^2); biases start at 0:
      init="he":      std = sqrt(2 / n_in)            (for ReLU-like activations)
      init="xavier":  std = sqrt(2 / (n_in + n_out))  (Glorot normal; for tanh/sigmoid)
      init="normal":  std = 1                         (naive: large layers saturate)

    Inputs:
      n_in, n_out: number of inputs and outputs of the layer;
      init: "he", "xavier" or "normal";
      rng: a numpy Generator or an integer seed (None means seed 0).
    Attributes:
      W (n_in, n_out), b (n_out,) and their gradients dW, db (same shapes);
      compute_dX: True; MLP sets it False for its first layer, whose input is the data X:
        nothing before X learns, so backward skips dX = dZ @ W.T there and returns None
        (PyTorch likewise skips the gradient of an input that does not require grad).
    Notebook: 03 §2 (a dense layer); 04 §3 (its backward pass); 07 §4 (initialisation).
    """

    def __init__(self, n_in, n_out, init="he", rng=None):
        check_integer(n_in, "n_in", 1, "Dense")
        check_integer(n_out, "n_out", 1, "Dense")
        if init not in INITS:
            raise unknown_name_error("init", init, INITS)
        rng = np.random.default_rng(0 if rng is None else rng)
        std = {"he": np.sqrt(2 / n_in), "xavier": np.sqrt(2 / (n_in + n_out)), "normal": 1.0}[init]
        self.n_in, self.n_out = n_in, n_out
        self.W = rng.normal(0.0, std, size=(n_in, n_out))
        self.b = np.zeros(n_out)
        self.dW = np.zeros_like(self.W)
        self.db = np.zeros_like(self.b)
        self.X = None  # the input of the last forward pass (needed for dW)
        self.ones = np.ones(0)  # a column of ones as long as the batch, for db (see backward)
        self.compute_dX = True

    def forward(self, X):
        """Affine map of a batch.

        Formula: Z = X @ W + b
        Inputs:  X: array of shape (n, n_in).
        Returns: Z: array of shape (n, n_out).
        Notebook: 03 §2 (exercise 2: a dense layer).
        """
        X = np.asarray(X)
        if X.ndim != 2 or X.shape[1] != self.n_in:  # tested cheaply, explained only if wrong
            check_2d(X, "X", repr(self))
            raise ValueError(
                f"{self!r} expects inputs with {self.n_in} features, got X with shape {X.shape}"
            )
        self.X = X
        return X @ self.W + self.b

    def backward(self, dZ):
        """Gradients of the affine map; stores dW and db, returns dX.

        Formula: dW = X.T @ dZ,  db = dZ.sum(axis=0),  dX = dZ @ W.T
        Inputs:  dZ: dL/dZ, array of shape (n, n_out).
        Returns: dX: dL/dX, array of shape (n, n_in) (None if compute_dX is False).
        Notebook: 04 §3 (backpropagation through a two-layer network); 10 §2.4 (backward pass).
        """
        if self.X is None:
            raise RuntimeError(f"{self!r}: call forward(X) before backward(dZ).")
        expected = (self.X.shape[0], self.n_out)
        if dZ.shape != expected:
            raise ValueError(f"{self!r}.backward expects dZ with shape {expected}, got {dZ.shape}")
        # db = dZ.sum(axis=0), computed as ones @ dZ: the same sum of the rows (the bias is
        # the weight of an input that is always 1, notebook 10 §3, so db = 1^T dZ just as
        # dW = X.T @ dZ). Measured: 2 us instead of 16 us for dZ of shape (1000, 8), about
        # 20 % of a 2-8-8-1 training step (python benchmarks/bench_mlp.py --profile).
        if len(self.ones) != dZ.shape[0]:  # made again only when the batch size changes
            self.ones = np.ones(dZ.shape[0])
        # out=: the products are written into the existing arrays (no copy), so references
        # from parameters() stay valid.
        np.matmul(self.X.T, dZ, out=self.dW)
        np.matmul(self.ones, dZ, out=self.db)
        return dZ @ self.W.T if self.compute_dX else None

    def parameters(self):
        """Each parameter with its gradient.

        Returns: [("W", W, dW), ("b", b, db)]; W, dW (n_in, n_out); b, db (n_out,).
        """
        return [("W", self.W, self.dW), ("b", self.b, self.db)]

    def __repr__(self):
        return f"Dense({self.n_in} -> {self.n_out})"


class Activation(Layer):
    """An activation function applied to every entry: A = g(Z).

    Forward:  A = g(Z)
    Backward: dZ = dA * g'(Z)   (softmax, not elementwise, uses softmax_backward;
              sigmoid, tanh and ReLU compute g'(Z) from the cached A, see
              activations.Activation.derivative_from_output)

    Inputs:
      name: an activation name from course_utils.activations, e.g. "tanh", "relu".
    Notebook: 03 §3 (forward propagation); 04 §3 (back through the activation).
    """

    def __init__(self, name):
        activation = get_activation(name)
        self.name = activation.name
        self.function = activation.function
        self.derivative = activation.derivative
        self.derivative_from_output = activation.derivative_from_output
        self.Z = None  # the input of the last forward pass (needed for g'(Z))
        self.A = None  # the output of the last forward pass

    def forward(self, Z):
        """Apply the activation.

        Formula: A = g(Z)
        Inputs:  Z: pre-activation, array of shape (n, k).
        Returns: A: array of shape (n, k).
        Notebook: 03 §3 (forward propagation, step by step).
        """
        self.Z = Z
        self.A = self.function(Z)
        return self.A

    def backward(self, dA):
        """Chain rule through the activation.

        Formula: dZ = dA * g'(Z)   (elementwise; g'(Z) from the cached A where that is
                 simple, e.g. 1 - A^2 for tanh; softmax: softmax_backward(Z, dA))
        Inputs:  dA: dL/dA, array of shape (n, k).
        Returns: dZ: dL/dZ, array of shape (n, k).
        Notebook: 04 §3 (backpropagation); 10 §5.6 (the derivative written with the output).
        """
        if self.Z is None:
            raise RuntimeError(f"{self!r}: call forward(Z) before backward(dA).")
        if self.name == "softmax":
            return softmax_backward(self.Z, dA)
        if self.derivative_from_output is not None:
            return dA * self.derivative_from_output(self.A)
        return dA * self.derivative(self.Z)

    def __repr__(self):
        return f"Activation({self.name!r})"


class Dropout(Layer):
    """Inverted dropout: in training, zero each entry with probability p and scale the rest.

    Training: A = X * mask,  mask = Bernoulli(1 - p) / (1 - p)   (so the mean of A is X)
    Evaluation (training = False): A = X, the identity.
    Backward: dX = dA * mask  (the identity in evaluation)

    Inputs:
      p: probability of dropping an entry, 0 <= p < 1;
      seed: an integer seed or a numpy Generator for the masks.
    Notebook: 09 §2 (dropout).
    """

    def __init__(self, p, seed=0):
        check_number(p, "p", minimum=0, where="Dropout")
        if p >= 1:
            raise ValueError(
                f"Dropout: p is the probability of dropping a unit and must be < 1, got {p}."
            )
        self.p = p
        self.rng = np.random.default_rng(seed)
        self.mask = None  # mask of the last training forward pass, None if nothing was dropped

    def forward(self, X):
        """Drop entries at random (training) or pass X through (evaluation).

        Formula: A = X * mask  with  mask = Bernoulli(1 - p) / (1 - p)
        Inputs:  X: array of shape (n, k).
        Returns: A: array of shape (n, k).
        Notebook: 09 §2 (dropout).
        """
        if not self.training or self.p == 0:
            self.mask = None
            return X
        keep = 1 - self.p
        self.mask = (self.rng.random(X.shape) < keep) / keep
        return X * self.mask

    def backward(self, dA):
        """Gradient flows only through the kept entries, scaled like them.

        Formula: dX = dA * mask
        Inputs:  dA: array of shape (n, k).
        Returns: dX: array of shape (n, k).
        Notebook: 09 §2 (dropout).
        """
        if self.mask is None:
            return dA
        return dA * self.mask

    def __repr__(self):
        return f"Dropout(p={self.p})"
