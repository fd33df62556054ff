"""How fast does course_utils.MLP train, and how much does vectorisation buy?

For playground-size networks (2-8-8-1 and 2-16-16-16-1, tanh, sigmoid output,
binary cross-entropy) on 1000 points of the two-circles data set, full batch
and mini-batches of 32, this prints:

  - ms per training step (forward + backward + optimizer step) and steps per second,
    for the vectorised MLP driven step by step, as the playground does;
  - the same for MLP.fit, which also records loss and accuracy after every epoch;
  - the same for a naive loop that handles one example at a time (the same maths,
    the same initial weights, the same optimizer), and the speed-up of vectorisation;
  - the final training accuracy of both, and how far their final weights differ
    (they compute the same thing, so only rounding separates them);
  - what fit costs per epoch against a bare training step: the same full-batch SGD step of the
    2-8-8-1 network written out in plain numpy (no layers, no checks, no history), the arithmetic
    of course_utils exactly, so both end with the same weights bit for bit. fit does that step
    plus the loss and accuracy after it (history), reusing that forward pass as the next
    step's. The ratio fit / bare step is printed twice: with the threads as set, and in a
    fresh process with OpenBLAS pinned to 1 thread (steadier on a busy machine). The engine
    aims at <= 1.2.

Vectorised timings are the best of 5 runs; the naive loop runs once.

Run:  python benchmarks/bench_mlp.py            (about half a minute)
      python benchmarks/bench_mlp.py --profile  (also: where a 2-8-8-1 full-batch step spends
                                                 its time, part by part and by cProfile)
      python benchmarks/bench_mlp.py --threads  (also: the 2-8-8-1 full-batch step with OpenBLAS on
                                                 1 thread, in a fresh process, next to the default)

The header shows the thread settings in the environment (OPENBLAS_NUM_THREADS, OMP_NUM_THREADS,
OPENBLAS_CORETYPE). The course never changes them; --threads only sets them for its own subprocess.

A benchmark prints; it is never a timed test. Timings depend on the machine and its load.
"""

import argparse
import cProfile
import os
import platform
import pstats
import subprocess
import sys
import time

import numpy as np

from course_utils import data
from course_utils.model import MLP
from course_utils.optim import SGD, Adam

N_POINTS = 1000
NETWORKS = [[2, 8, 8, 1], [2, 16, 16, 16, 1]]
BUDGETS = {
    None: 200,
    32: 20,
}  # epochs per batch size: 200 full-batch steps, or 20 * 32 = 640 mini-batch steps
LEARNING_RATE = 0.01
# Vectorised timings: the best of 5 runs, as timeit does (other programs add noise, never speed).
REPEATS = 5
THREAD_VARIABLES = ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_CORETYPE"]


def batches(n, batch_size, rng):
    """Index arrays of the mini-batches of one epoch (shuffled), or one full batch."""
    if batch_size is None:
        return [np.arange(n)]
    order = rng.permutation(n)
    return [order[i : i + batch_size] for i in range(0, n, batch_size)]


# ------------------------------------------------------------ vectorised
def time_steps(model, X, y, batch_size, epochs, optimizer=None):
    """Train by forward / backward / optimizer.step, as the playground does; seconds per step."""
    optimizer = optimizer or Adam(lr=LEARNING_RATE)
    params = [param for _, param, _ in model.parameters()]
    grads = [grad for _, _, grad in model.parameters()]
    rng = np.random.default_rng(0)
    steps, start = 0, time.perf_counter()
    for _ in range(epochs):
        for index in batches(len(X), batch_size, rng):
            model.forward(X[index] if batch_size else X)
            model.backward(y[index] if batch_size else y)
            optimizer.step(params, grads)
            steps += 1
    return (time.perf_counter() - start) / steps


def time_fit(model, X, y, batch_size, epochs):
    """Train with MLP.fit (history recorded every epoch); return seconds per step."""
    start = time.perf_counter()
    model.fit(X, y, epochs=epochs, lr=LEARNING_RATE, optimizer="adam", batch_size=batch_size)
    steps = epochs * len(batches(len(X), batch_size, np.random.default_rng(0)))
    return (time.perf_counter() - start) / steps


# ------------------------------------------------------ bare step and fit
def bare_sgd_step(params, X, Y, lr):
    """One full-batch SGD step of a tanh network with a sigmoid output and binary cross-entropy.

    The arithmetic of course_utils written out with nothing around it: forward (Z = A @ W + b,
    tanh, sigmoid), the fused gradient dZ = (y_hat - Y) / n at the output, backward
    (dW = A.T @ dZ, db = ones @ dZ, dA = dZ @ W.T, dZ = dA * (1 - A^2)), then p -= lr * grad.
    params: [W1, b1, W2, b2, ...], updated in place; X (n, 2); Y (n, 1); lr > 0.
    """
    Ws, bs = params[0::2], params[1::2]
    activations = [X]
    for W, b in zip(Ws[:-1], bs[:-1]):
        activations.append(np.tanh(activations[-1] @ W + b))
    Z = activations[-1] @ Ws[-1] + bs[-1]
    e = np.exp(-np.abs(Z))
    y_hat = np.where(Z >= 0, 1 / (1 + e), e / (1 + e))  # the stable sigmoid of activations.py
    dZ = (y_hat - Y) / Y.size
    ones = np.ones(len(X))
    grads = []
    for layer in reversed(range(len(Ws))):
        grads[:0] = [activations[layer].T @ dZ, ones @ dZ]
        if layer > 0:
            dZ = (dZ @ Ws[layer].T) * (1 - activations[layer] ** 2)
    for p, g in zip(params, grads):
        p -= lr * g


def fit_against_bare_step(X, y, epochs=300, lr=0.1):
    """ms per epoch of MLP.fit and of bare_sgd_step (2-8-8-1 tanh, full batch, SGD), the best of 5.

    Returns (fit ms, bare ms, largest weight difference between the two after `epochs` epochs).
    """
    Y = y.reshape(-1, 1)
    fit_times, bare_times = [], []
    for _ in range(REPEATS):
        model = MLP([2, 8, 8, 1], activation="tanh", seed=0)
        params = [param.copy() for _, param, _ in model.parameters()]
        start = time.perf_counter()
        for _ in range(epochs):
            bare_sgd_step(params, X, Y, lr)
        bare_times.append((time.perf_counter() - start) / epochs)
        start = time.perf_counter()
        model.fit(X, y, epochs=epochs, lr=lr, optimizer="sgd")
        fit_times.append((time.perf_counter() - start) / epochs)
    gap = max(np.abs(a - param).max() for a, (_, param, _) in zip(params, model.parameters()))
    return 1e3 * min(fit_times), 1e3 * min(bare_times), gap


def fit_ratio_in_process(threads):
    """fit_against_bare_step in a fresh process with OPENBLAS/OMP_NUM_THREADS = threads."""
    environment = dict(os.environ)
    if threads is not None:
        environment.update(OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    result = subprocess.run(
        [sys.executable, __file__, "--ratio-only"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(value) for value in result.stdout.split()]


def print_fit_ratio(X, y):
    """Print fit per epoch against the bare step, with the threads as set and pinned to 1."""
    print(
        "MLP.fit per epoch against a bare numpy step (2-8-8-1 tanh, 1000 points, full batch, SGD):"
    )
    for label, threads in [("threads as set", None), ("1 thread, fresh process", 1)]:
        fit_ms, bare_ms, gap = fit_ratio_in_process(threads)
        print(
            f"  {label:<24} fit {fit_ms:.3f} ms per epoch, bare step {bare_ms:.3f} ms: "
            f"ratio {fit_ms / bare_ms:.2f} (target <= 1.2); weights differ by {gap:.1e}"
        )


# ----------------------------------------------------------------- naive
def naive_step(weights, X_batch, y_batch, optimizer):
    """One training step computed one example at a time: the same maths as MLP, in plain loops.

    weights: [W1, b1, W2, b2, ...]; tanh hidden layers, sigmoid output, binary cross-entropy,
    so dL/dz of the output is (p - y) / n for each example, as in the fused MLP.
    """
    Ws, bs = weights[0::2], weights[1::2]
    grads = [np.zeros_like(w) for w in weights]
    dWs, dbs = grads[0::2], grads[1::2]
    n = len(X_batch)
    for x, y in zip(X_batch, y_batch):
        activations = [x]  # a_0 = x, a_1, ..., a_{L-1}: the input of every layer
        for W, b in zip(Ws[:-1], bs[:-1]):
            activations.append(np.tanh(activations[-1] @ W + b))
        p = 1 / (1 + np.exp(-(activations[-1] @ Ws[-1] + bs[-1])))
        dz = (p - y) / n
        for layer in reversed(range(len(Ws))):
            dWs[layer] += np.outer(activations[layer], dz)
            dbs[layer] += dz
            if layer > 0:
                dz = (Ws[layer] @ dz) * (1 - activations[layer] ** 2)
    optimizer.step(weights, grads)


def time_naive(weights, X, y, batch_size, epochs):
    """Train the weights with naive_step; return seconds per step."""
    optimizer = Adam(lr=LEARNING_RATE)
    rng = np.random.default_rng(0)
    steps, start = 0, time.perf_counter()
    for _ in range(epochs):
        for index in batches(len(X), batch_size, rng):
            naive_step(weights, X[index], y[index], optimizer)
            steps += 1
    return (time.perf_counter() - start) / steps


def naive_accuracy(weights, X, y):
    """Training accuracy of the naive network (vectorised here: only its training was naive)."""
    A = X
    for W, b in zip(weights[0:-2:2], weights[1:-2:2]):
        A = np.tanh(A @ W + b)
    z = A @ weights[-2] + weights[-1]
    return np.mean((z[:, 0] >= 0) == y)


# ------------------------------------------------------------------ main
def run_one(sizes, batch_size, X, y):
    """Time one network and batch size three ways and print one row."""
    epochs = BUDGETS[batch_size]
    steppers = [MLP(sizes, activation="tanh", seed=0) for _ in range(REPEATS)]
    initial = [param.copy() for _, param, _ in steppers[0].parameters()]
    step_time = min(time_steps(model, X, y, batch_size, epochs) for model in steppers)
    stepper = steppers[0]

    fits = [MLP(sizes, activation="tanh", seed=0) for _ in range(REPEATS)]
    fit_time = min(time_fit(model, X, y, batch_size, epochs) for model in fits)

    naive_weights = [param.copy() for param in initial]
    naive_time = time_naive(naive_weights, X, y, batch_size, epochs)
    weight_gap = max(
        np.abs(a - param).max() for a, (_, param, _) in zip(naive_weights, stepper.parameters())
    )

    network = "-".join(str(size) for size in sizes)
    batch = "full" if batch_size is None else str(batch_size)
    print(
        f"{network:>14} {batch:>5} {epochs:>6} | {step_time * 1e3:7.3f} {1 / step_time:8.0f} | "
        f"{fit_time * 1e3:7.3f} {1 / fit_time:8.0f} | "
        f"{naive_time * 1e3:8.2f} {1 / naive_time:7.0f} | {naive_time / step_time:6.0f}x | "
        f"{stepper.score(X, y):.3f} {naive_accuracy(naive_weights, X, y):.3f} "
        f"{weight_gap:8.1e}"
    )


def best_time(function, number=200, repeats=7):
    """Seconds per call of function(): the best of `repeats` averages over `number` calls."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            function()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def step_parts(X, y):
    """Time every part of a 2-8-8-1 full-batch step; return [(part, seconds), ...] and the step.

    Each layer's forward and backward runs on the arrays it sees in a real step; "other" is the
    whole step minus the parts: input checks, the loss gradient (y_hat - y) / n, Python calls.
    """
    model = MLP([2, 8, 8, 1], activation="tanh", seed=0)
    optimizer = Adam(lr=LEARNING_RATE)
    params = [param for _, param, _ in model.parameters()]
    grads = [grad for _, _, grad in model.parameters()]

    def step():
        model.forward(X)
        model.backward(y)
        optimizer.step(params, grads)

    step()  # fills every cache, and Adam's m and v
    parts = []
    inputs = [X]
    for layer in model.layers:
        parts.append(
            (f"forward  {layer!r}", best_time(lambda layer=layer, A=inputs[-1]: layer.forward(A)))
        )
        inputs.append(layer.forward(inputs[-1]))
    grad = (model.y_hat - y.reshape(-1, 1)) / len(
        y
    )  # the fused output gradient, as MLP.backward computes it
    for layer in reversed(model.layers[:-1]):
        parts.append(
            (f"backward {layer!r}", best_time(lambda layer=layer, grad=grad: layer.backward(grad)))
        )
        grad = layer.backward(grad)
    parts.append(("Adam step (6 parameters)", best_time(lambda: optimizer.step(params, grads))))
    step_time = best_time(step)
    parts.append(
        ("other: checks, loss gradient, calls", step_time - sum(seconds for _, seconds in parts))
    )
    return parts, step_time


def profile_one_step_kind(X, y, steps=2000):
    """Print where a 2-8-8-1 full-batch step spends its time, part by part, then by cProfile."""
    parts, step_time = step_parts(X, y)
    print(
        "\nA 2-8-8-1 full-batch step, part by part (best of 7 x 200 calls each): "
        f"{step_time * 1e3:.3f} ms"
    )
    for part, seconds in parts:
        print(f"  {part:<38} {seconds * 1e6:7.1f} us  {seconds / step_time:5.1%}")
    values = np.random.default_rng(0).normal(size=(N_POINTS, 8))
    tanh_time = best_time(lambda: np.tanh(values))
    print(
        f"  (np.tanh of {values.size} values alone: {tanh_time * 1e6:.1f} us, "
        f"{tanh_time / values.size * 1e9:.1f} ns per value)"
    )
    ones = np.ones(N_POINTS)
    by_sum, by_product = best_time(lambda: values.sum(axis=0)), best_time(lambda: ones @ values)
    print(
        f"  (db of a ({N_POINTS}, 8) dZ: dZ.sum(axis=0) {by_sum * 1e6:.1f} us, ones @ dZ "
        f"{by_product * 1e6:.1f} us: layers.Dense uses the product, see its comment)"
    )

    model = MLP([2, 8, 8, 1], activation="tanh", seed=0)
    profiler = cProfile.Profile()
    profiler.enable()
    time_steps(model, X, y, None, steps)
    profiler.disable()
    print(f"\ncProfile of {steps} full-batch 2-8-8-1 steps (forward + backward + Adam step):")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


def step_time_with_threads(threads):
    """ms per 2-8-8-1 full-batch Adam step in a fresh process.

    threads: OPENBLAS_NUM_THREADS and OMP_NUM_THREADS for that process (None: as they are now).
    """
    environment = dict(os.environ)
    if threads is not None:
        environment.update(OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads))
    result = subprocess.run(
        [sys.executable, __file__, "--step-only"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout)


def full_batch_step_ms(X, y):
    """ms per 2-8-8-1 full-batch Adam step, the best of REPEATS runs of 500 steps."""
    return 1e3 * min(time_steps(MLP([2, 8, 8, 1], seed=0), X, y, None, 500) for _ in range(REPEATS))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--profile", action="store_true", help="also profile a 2-8-8-1 full-batch step"
    )
    parser.add_argument(
        "--threads", action="store_true", help="also time that step with OpenBLAS on 1 thread"
    )
    parser.add_argument(
        "--step-only", action="store_true", help=argparse.SUPPRESS
    )  # used by --threads
    parser.add_argument("--ratio-only", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()

    X, y = data.circles(n=N_POINTS, noise=0.05, seed=0)
    if arguments.step_only:
        print(full_batch_step_ms(X, y))
        return
    if arguments.ratio_only:
        print(*fit_against_bare_step(X, y))
        return
    settings = ", ".join(f"{name}={os.environ.get(name, 'unset')}" for name in THREAD_VARIABLES)
    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {settings}"
    )
    print(
        f"{N_POINTS} points (circles), tanh hidden units, sigmoid output + BCE, "
        f"Adam lr={LEARNING_RATE}"
    )
    print(
        f"{'network':>14} {'batch':>5} {'epochs':>6} | {'step (vectorised)':>16} | "
        f"{'MLP.fit':>16} | "
        f"{'naive loop':>16} | {'speed':>7} | {'accuracy':>11} {'max |dW|':>8}"
    )
    print(
        f"{'':>14} {'':>5} {'':>6} | {'ms':>7} {'steps/s':>8} | {'ms':>7} {'steps/s':>8} | "
        f"{'ms':>8} {'steps/s':>7} | {'-up':>7} | {'vect.':>5} {'naive':>5} {'vs naive':>8}"
    )
    for sizes in NETWORKS:
        for batch_size in BUDGETS:
            run_one(sizes, batch_size, X, y)
    print(
        "ms = milliseconds per training step; MLP.fit also computes loss and accuracy on all "
        "training points after every epoch; speed-up = naive ms / vectorised step ms."
    )
    sgd_runs = [
        time_steps(MLP([2, 8, 8, 1], seed=0), X, y, None, 500, optimizer=SGD(lr=0.5))
        for _ in range(REPEATS)
    ]
    sgd_time = min(sgd_runs)
    print(
        f"2-8-8-1 full batch with plain SGD instead of Adam: {sgd_time * 1e3:.3f} ms per step "
        f"({1 / sgd_time:.0f} steps/s)"
    )
    print_fit_ratio(X, y)
    if arguments.threads:
        default, one = step_time_with_threads(None), step_time_with_threads(1)
        print(
            f"2-8-8-1 full batch, Adam, fresh processes: {default:.3f} ms with the threads "
            "as set above, "
            f"{one:.3f} ms with OPENBLAS_NUM_THREADS=OMP_NUM_THREADS=1"
        )
    if arguments.profile:
        profile_one_step_kind(X, y)


if __name__ == "__main__":
    main()
