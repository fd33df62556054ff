"""The playground's network maths: the same maths as model.py, unrolled for speed; read model.py.

course_utils/model.py builds an MLP from Dense and Activation layers (layers.py) and trains it
with forward, backward and optim.SGD.step. The playground trains that same network the same
way, but while it plays it runs about 25 updates of up to 7 layers per epoch and hundreds of
epochs per second, so here one update is written out in one loop, without layer objects,
caches or input checks. tests/test_playground_maths.py checks it against MLP.forward,
MLP.backward and SGD.step to 1e-12. The activations are the engine's own
(course_utils.activations.get_activation): g, and g' computed from g's output.

The network, with the original playground's rules:
    A_0 = X (the features);   A_l = g(A_{l-1} @ W_l + b_l);   y_hat = out(A_{L-1} @ W_L + b_L)
    out = tanh for classification (labels -1 / +1), identity for regression
    loss  L = mean over a batch of ½(y_hat - y)²
    start: weights uniform in [-0.5, 0.5), biases 0.1
    an update: W -= lr * (dW + rate * R'(W)), b -= lr * db, where R'(W) is W for L2 and sign(W)
    for L1; biases are never regularised. When the L1 term carries a weight across zero, the
    weight becomes 0 and stays 0 for the rest of training: a dead link.
    batches: the training points in a fixed order, one update after every batch_size points;
    points left over at the end of an epoch join the next epoch's first update.

One storage trick: layer l keeps W_l (n_{l-1}, n_l) and b_l (n_l,) stacked as one array
Wb_l = [W_l; b_l] of shape (n_{l-1} + 1, n_l), and its input gets a column of ones,
X1 = [X, 1] (notebook 10: a bias is the weight of an input that is always 1). Then
    X1 @ Wb = X @ W + b      and      X1.T @ dZ = [X.T @ dZ; dZ summed over rows] = [dW; db],
so one product gives both gradients. The MLP's Dense layers hold views of W and b in Wb.
"""

import numpy as np

from course_utils.activations import get_activation
from course_utils.model import MLP


def new_network(sizes, activation, output, seed):
    """An MLP with the playground's starting parameters, and the stacked arrays it trains.

    Inputs:  sizes: [n_0, n_1, ..., 1] neurons per layer, inputs first; activation: hidden
             activation name; output: "tanh" or "identity"; seed: integer >= 0.
    Returns: (model, params): model an MLP(sizes, activation, output, loss="mse");
             params [Wb_1, ..., Wb_L], Wb_l of shape (n_{l-1} + 1, n_l), with
             model.dense_layers[l - 1].W and .b views of Wb_l[:-1] and Wb_l[-1].
    """
    model = MLP(sizes, activation=activation, output=output, loss="mse", seed=seed)
    rng = np.random.default_rng([seed, 2])
    params = []
    for dense in model.dense_layers:
        Wb = np.empty((dense.n_in + 1, dense.n_out))
        Wb[:-1] = rng.uniform(-0.5, 0.5, size=dense.W.shape)
        Wb[-1] = 0.1
        dense.W, dense.b = Wb[:-1], Wb[-1]  # the MLP sees (and predicts with) what we train
        params.append(Wb)
    return model, params


def with_ones(X):
    """X (n, k) with a column of ones appended: shape (n, k + 1)."""
    return np.hstack([X, np.ones((len(X), 1), dtype=X.dtype)])


def forward(params, X, activation, output):
    """Every layer's output for the inputs X, as MLP.forward computes them.

    Formula: A_0 = X;  A_l = g(A_{l-1} @ W_l + b_l);  y_hat = out(A_{L-1} @ W_L + b_L)
    Inputs:  params: [Wb_1, ...] as new_network returns; X: (n, n_0) features;
             activation: hidden activation name; output: "tanh" or "identity".
    Returns: [A_0, A_1, ..., y_hat], A_l of shape (n, n_l), y_hat of shape (n, 1).
    """
    functions = [get_activation(activation).function] * (len(params) - 1)
    functions.append(get_activation(output).function)
    outputs = [X]
    for Wb, g in zip(params, functions):
        outputs.append(g(outputs[-1] @ Wb[:-1] + Wb[-1]))
    return outputs


def epoch_batches(X1, Y, batch_size, carried=None):
    """The mini-batches of one epoch, as the original forms them, and the points left over.

    The training points go in a fixed order and an update follows every batch_size points.
    When n is not a multiple of batch_size, the last n % batch_size points wait: their
    gradients join the next epoch's first update, which then averages over them and the next
    batch_size points (the weights do not change in between, so nothing else needs keeping).
    Inputs:  X1 (n, n_0 + 1) features with a column of ones; Y (n, 1) targets;
             batch_size <= n; carried: (X1_c, Y_c) left over from the last epoch, or None.
    Returns: (batches, leftover): a list of (X1_b, Y_b); leftover (X1_r, Y_r) or None.
    """
    n = len(Y)
    end = n - n % batch_size
    batches = [(X1[s : s + batch_size], Y[s : s + batch_size]) for s in range(0, end, batch_size)]
    if carried is not None:
        first_X1, first_Y = batches[0]
        batches[0] = (np.vstack([carried[0], first_X1]), np.vstack([carried[1], first_Y]))
    leftover = (X1[end:], Y[end:]) if end < n else None
    return batches, leftover


def train_epoch(
    params, batches, activation, output, lr, regularization="none", rate=0.0, dead=None
):
    """One epoch of mini-batch gradient descent on ½(y_hat - y)², changing params in place.

    For each batch (X1_b (m, n_0 + 1), Y_b (m, 1)):
      forward:   A_0 = X_b;  A_l = g([A_{l-1}, 1] @ Wb_l);  y_hat = out([A_{L-1}, 1] @ Wb_L)
      backward:  dZ_L = (y_hat - Y_b) * out'(y_hat) / m
                 [dW_l; db_l] = [A_{l-1}, 1].T @ dZ_l;   dZ_{l-1} = dZ_l @ W_l.T * g'(A_{l-1})
      update:    Wb_l -= lr * [dW_l; db_l], plus the regularisation step on W_l (see the module)
    This is MLP.forward, MLP.backward and SGD.step, with dZ multiplied by lr once at the output
    (every gradient below is linear in it), which saves one multiplication per layer.
    Inputs:  params: [Wb_1, ...] (new_network); batches: from epoch_batches;
             activation: hidden activation name; output: "tanh" or "identity"; lr > 0;
             regularization: "none", "L1" or "L2"; rate >= 0;
             dead: for L1, one boolean array per layer shaped like W_l, True for a dead link;
             updated in place (required when regularization is "L1").
    """
    hidden, out = get_activation(activation), get_activation(output)
    g = hidden.function
    g_prime = None if hidden.name == "identity" else hidden.derivative_from_output  # None: g' = 1
    penalty = regularization if rate > 0 else "none"
    weights = [Wb[:-1] for Wb in params]  # views: changing W_l changes Wb_l
    last = len(params) - 1
    ones = {}  # each layer's [A, 1] for each batch size, made once per epoch and refilled
    for X1, Y in batches:
        m = len(Y)
        inputs = [X1]  # each layer's input with its column of ones: [A_{l-1}, 1]
        outputs = [None]  # each layer's output A_l, for g'(A_l)
        for layer, Wb in enumerate(params[:last]):
            A = g(inputs[-1] @ Wb)
            A1 = ones.get((layer, m))
            if A1 is None:
                A1 = ones[layer, m] = np.ones((m, Wb.shape[1] + 1))
            A1[:, :-1] = A
            inputs.append(A1)
            outputs.append(A)
        y_hat = out.function(inputs[-1] @ params[last])
        dZ = y_hat - Y  # dL/dy_hat, times m
        if out.name != "identity":
            dZ *= out.derivative_from_output(y_hat)
        dZ *= lr / m  # lr * dL/dZ_L
        for layer in range(last, -1, -1):
            Wb, W = params[layer], weights[layer]
            dA = dZ @ W.T if layer else None  # with the weights before this update
            step = inputs[layer].T @ dZ  # lr * [dW; db]
            if penalty == "L2":
                step[:-1] += (lr * rate) * W
            if penalty == "L1":
                signs = np.sign(W)
                Wb -= step
                moved = W - (lr * rate) * signs
                dead[layer] |= W * moved < 0  # the L1 step carried w across zero: a dead link
                W[...] = np.where(dead[layer], 0.0, moved)  # dead links stay at 0
            else:
                Wb -= step
            if layer:
                dZ = dA if g_prime is None else dA * g_prime(outputs[layer])


def half_squared_error(y_hat, y):
    """The playground's loss: the mean over the points of ½(y_hat - y)². Inputs: (n, 1) each."""
    return float(0.5 * np.mean((y_hat - y) ** 2)) if len(y) else float("nan")
