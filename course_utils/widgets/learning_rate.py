"""The learning-rate explorer: gradient descent on a bowl, a slider for eta (notebook 07).

The loss is a quadratic bowl in two weights, steep along w2 and shallow along w1:

    L(w) = 1/2 (a w1^2 + b w2^2),   gradient (a w1, b w2),   (a, b) = CURVATURE = (0.1, 1.0)

One step w <- w - eta * gradient multiplies w1 by (1 - eta a) and w2 by (1 - eta b). So along a
direction of curvature c the steps shrink for 0 < eta < 2/c (they overshoot and zig-zag once
eta > 1/c) and grow for eta > 2/c: with the steepest curvature b = 1, every eta above 2
diverges (at exactly 2 the steep direction jumps from wall to wall and stays at one height).

Everything the explorer shows is computed by plain functions (tested without a browser);
`learning_rate_explorer()` only wires them to two sliders:

    descent_path(0.5, steps=30)           -> DescentPath: the weights and loss after every step
    plot_descent(0.5, steps=30)           -> the picture: the path on the contours, loss per step
"""

from typing import NamedTuple

import numpy as np

from course_utils.plotting import OKABE_ITO, house_style, subplots

CURVATURE = (0.1, 1.0)  # a (along w1, shallow) and b (along w2, steep)
START = (-4.0, 1.5)
MAX_LOSS = 1e6  # a run whose loss passes this is called diverged and stopped (no overflow to inf)


class DescentPath(NamedTuple):
    """The result of descent_path: lr, path (k+1, 2) weights, losses (k+1,), diverged (bool)."""

    lr: float
    path: np.ndarray
    losses: np.ndarray
    diverged: bool


def bowl_loss(w, curvature=CURVATURE):
    """The loss 1/2 (a w1^2 + b w2^2) at weights w of shape (..., 2); returns shape (...)."""
    w = np.asarray(w, dtype=float)
    return 0.5 * (curvature[0] * w[..., 0] ** 2 + curvature[1] * w[..., 1] ** 2)


def descent_path(lr, steps, start=START, curvature=CURVATURE, max_loss=MAX_LOSS):
    """Run `steps` steps of gradient descent with learning rate `lr` on the bowl, from `start`.

    A run whose loss rises above `max_loss` is stopped there (diverged=True), so the arrays can be
    shorter than steps + 1.
    Inputs:  lr: learning rate eta (> 0); steps: number of steps (int >= 0); start: (2,) weights;
             curvature: (a, b), both > 0; max_loss: the bound that counts as diverged.
    Returns: DescentPath(lr, path of shape (k + 1, 2), losses of shape (k + 1,), diverged),
             k <= steps.
    """
    if not lr > 0:
        raise ValueError(f"descent_path: the learning rate must be positive, got {lr}.")
    if int(steps) != steps or steps < 0:
        raise ValueError(f"descent_path: steps must be a whole number >= 0, got {steps}.")
    if not (curvature[0] > 0 and curvature[1] > 0):
        raise ValueError(f"descent_path: both curvatures must be positive, got {curvature}.")
    curvature = np.asarray(curvature, dtype=float)
    w = np.asarray(start, dtype=float).copy()
    path, losses = [w.copy()], [bowl_loss(w, curvature)]
    diverged = False
    for _ in range(int(steps)):
        w = w - lr * curvature * w  # the gradient of the bowl is (a w1, b w2)
        path.append(w.copy())
        losses.append(bowl_loss(w, curvature))
        if losses[-1] > max_loss:
            diverged = True
            break
    return DescentPath(float(lr), np.array(path), np.array(losses, dtype=float), diverged)


# The learning rates the explorer offers: round numbers, with more of them between 1 and 2.5,
# where the path starts to zig-zag and then diverges (above 2 / curvature of the steep side = 2).
LEARNING_RATES = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0, 1.2, 1.5)
LEARNING_RATES += (1.8, 1.9, 2.0, 2.1, 2.5, 3.0)


def plot_descent(lr, steps=30, start=START, curvature=CURVATURE):
    """Draw the descent path on the loss contours (left) and the loss after every step (right).

    Inputs:  as descent_path.
    Returns: the matplotlib Figure.
    """
    run = descent_path(lr, steps, start=start, curvature=curvature)
    limit1, limit2 = 1.25 * abs(start[0]) + 0.5, 1.6 * abs(start[1]) + 0.5
    w1, w2 = np.meshgrid(np.linspace(-limit1, limit1, 201), np.linspace(-limit2, limit2, 201))
    grid = bowl_loss(np.stack([w1, w2], axis=-1), curvature)
    if run.diverged:
        verdict = f"diverged (loss above {MAX_LOSS:.0e} after {len(run.losses) - 1} steps)"
    else:
        verdict = f"loss {run.losses[0]:.3g} → {run.losses[-1]:.3g} in {len(run.losses) - 1} steps"
    with house_style():
        fig, (left, right) = subplots(1, 2, figsize=(13, 4.5), layout="constrained")
        left.contour(
            w1, w2, grid, levels=np.geomspace(0.01, grid.max(), 12), cmap="cividis", linewidths=1.2
        )
        left.plot(
            run.path[:, 0],
            run.path[:, 1],
            marker="o",
            markersize=4,
            color=OKABE_ITO["vermillion"],
            label="gradient descent",
        )
        left.plot(
            *run.path[0],
            marker="s",
            markersize=9,
            color=OKABE_ITO["black"],
            linestyle="none",
            label="start",
        )
        left.plot(
            0,
            0,
            marker="*",
            markersize=14,
            color=OKABE_ITO["green"],
            linestyle="none",
            label="minimum",
        )
        left.set(
            xlim=(-limit1, limit1),
            ylim=(-limit2, limit2),
            aspect="equal",
            xlabel="$w_1$ (shallow)",
            ylabel="$w_2$ (steep)",
            title=f"η = {lr:.3g}: {verdict}",
        )
        left.legend(loc="lower right", fontsize=10)
        right.plot(np.arange(len(run.losses)), run.losses, marker="o", markersize=4)
        right.set(
            yscale="log",
            xlim=(-0.5, max(steps, 1) + 0.5),
            xlabel="step",
            ylabel="loss (log scale)",
            title="Loss after every step",
        )
    return fig


def learning_rate_explorer(lr=0.3, steps=30):
    """A slider for the learning rate (round values from 0.001 to 3, LEARNING_RATES, closer
    together near the edge at 2; `lr` is added if it is not one of them) and a slider for the
    number of steps; the plot follows live.

    Returns: an ipywidgets VBox (display it as the last line of a cell); where no kernel runs
             (GitHub, the site), its display is a picture of the plot.
    """
    import ipywidgets as widgets

    from .picture import PictureVBox, live_picture

    # A list of values, not a log-scale float slider: that one moves a start off its grid
    # (0.3 became 0.316 when it rendered) and offers values such as 1.78 instead of 1.8.
    rates = sorted({*LEARNING_RATES, float(lr)})
    lr_slider = widgets.SelectionSlider(
        options=[(f"{rate:g}", rate) for rate in rates], value=float(lr), description="η"
    )
    steps_slider = widgets.IntSlider(value=steps, min=1, max=50, step=1, description="steps")

    def draw_picture():
        return plot_descent(lr_slider.value, steps_slider.value)

    def describe():
        run = descent_path(lr_slider.value, steps_slider.value)
        verdict = (
            "diverged" if run.diverged else f"loss {run.losses[0]:.3g} -> {run.losses[-1]:.3g}"
        )
        return f"Learning-rate explorer: η = {run.lr:.3g}, {steps_slider.value} steps, {verdict}"

    output = live_picture(draw_picture, [lr_slider, steps_slider])
    return PictureVBox([widgets.HBox([lr_slider, steps_slider]), output], draw_picture, describe)
