"""How fast does the local playground train while playing, and how long does a redraw take?

The original TensorFlow Playground trains one epoch per animation frame, at most
about 60 epochs per second. Ours trains several epochs per frame. This script
plays the playground without a browser: it ticks the hidden Play widget every
INTERVAL_MS milliseconds, exactly as the browser does (a tick that arrives while
the kernel is still busy waits, as a queued widget message would), and prints:

  - epochs per second while playing, epochs per frame, frames per second;
  - the time of one full redraw (decision map PNG + network SVG + loss curve + labels);
  - the same with frames back to back (no waiting between ticks): the kernel's ceiling;
  - the time of one training epoch, for a few network sizes.

Settings: the defaults (circle, 500 points, 50 % training, batch 10, 2-4-2-1 tanh,
100 x 100 map), then a 6 x 8 network with all seven features (the largest).

Run:  python benchmarks/bench_playground.py          (about 15 seconds)

A benchmark prints; it is never a timed test. Timings depend on the machine and its load.
"""

import os
import platform
import time

import numpy as np

from course_utils.widgets import Playground
from course_utils.widgets import playground as pg_module

PLAY_SECONDS = 4.0


def play(pg, seconds, paced=True):
    """Tick the Play widget for `seconds`; return (epochs, frames, wall seconds)."""
    player = pg._widgets["player"]
    pg.reset()
    pg.play()
    interval = pg_module.INTERVAL_MS / 1000
    start = time.perf_counter()
    next_tick = start
    frames = 0
    while time.perf_counter() - start < seconds:
        if paced:
            delay = next_tick - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            next_tick += interval  # the browser's clock runs on, whatever the kernel does
        before = pg.epoch
        player.value += 1  # what the browser sends: the observer runs one frame
        frames += pg.epoch > before
    wall = time.perf_counter() - start
    epochs = pg.epoch
    pg.pause()
    return epochs, frames, wall


def time_redraw(pg, repeats=30):
    """Milliseconds per full redraw (best of 3 averages)."""
    pg.redraw()
    best = np.inf
    for _ in range(3):
        start = time.perf_counter()
        for _ in range(repeats):
            pg.redraw()
        best = min(best, (time.perf_counter() - start) / repeats)
    return best * 1e3


def time_epoch(pg, epochs=100):
    """Milliseconds per training epoch (loss bookkeeping included), best of 3."""
    pg.reset()
    best = np.inf
    for _ in range(3):
        start = time.perf_counter()
        pg._train(epochs)
        best = min(best, (time.perf_counter() - start) / epochs)
    return best * 1e3


def report(name, pg):
    epochs, frames, wall = play(pg, PLAY_SECONDS)
    redraw = time_redraw(pg)
    fast_epochs, fast_frames, fast_wall = play(pg, PLAY_SECONDS / 2, paced=False)
    epoch_ms = time_epoch(pg)
    print(f"\n{name}")
    print(
        f"  playing ({pg_module.INTERVAL_MS} ms frames): {epochs / wall:7.0f} epochs/s, "
        f"{epochs / max(frames, 1):5.1f} epochs/frame, {frames / wall:5.1f} frames/s "
        f"(the original: 1 epoch/frame, <= 60 epochs/s)"
    )
    print(
        f"  full redraw:                 {redraw:7.1f} ms per frame "
        f"(map PNG {len(pg.boundary_png()) / 1024:.0f} KiB, network SVG {len(pg.network_svg()) / 1024:.0f} KiB)"
    )
    print(
        f"  frames back to back:         {fast_epochs / fast_wall:7.0f} epochs/s, "
        f"{fast_frames / fast_wall:5.1f} frames/s"
    )
    print(
        f"  one training epoch:          {epoch_ms:7.2f} ms ({1000 / epoch_ms:.0f} epochs/s without drawing)"
    )
    print(f"  loss after the play run: train {pg.state['train_loss']:.3f}")


def main():
    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}"
    )
    report("default: circle, 500 points, 2-4-2-1 tanh, batch 10, 100 x 100 map", Playground())
    report(
        "spiral, 7 features, 6 hidden layers of 8 (the largest network)",
        Playground(dataset="spiral", features=list(pg_module.pd.FEATURES), hidden=[8] * 6),
    )
    report("regression (multi-Gaussian), 1200 points, 2-4-2-1", Playground(dataset="multi_gauss"))


if __name__ == "__main__":
    main()
