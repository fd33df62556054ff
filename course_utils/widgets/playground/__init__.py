"""A local Neural Network Playground for notebook 11, built on ipywidgets.

Inspired by the TensorFlow Neural Network Playground by Daniel Smilkov and Shan Carter
(https://playground.tensorflow.org, Apache-2.0), written afresh: it works offline, on Binder
and in a workshop without internet, and everything it does can be driven from Python:

    pg = Playground(dataset="xor")       # display it: put `pg` last in a cell
    pg.set(hidden=[4], learning_rate=0.1)
    pg.step(100)                         # train 100 epochs, then redraw
    pg.state["test_loss"], pg.state["test_accuracy"], pg.state["epoch"]
    pg.play(); pg.pause(); pg.reset()
    pg.new_data()                        # other points; the network goes on (as the original)
    pg.next_seed()                       # start again: new points, new weights, epoch 0
    fig = pg.figure()                    # a matplotlib picture of the current state
    pg.model                             # the network: a course_utils.model.MLP

Read it part by part:
    settings.py     the knobs: values, defaults, which combinations work, what a change does
    maths.py        the network and its training: the same maths as model.py, unrolled for speed
    drawing.py      the pictures: output map, data points, network, loss curve, static figure
    widget.py       the ipywidgets: controls wired to the playground, and the displays
    playground.py   the Playground class, which holds it all together and plays
"""

from .drawing import colour_map
from .maths import epoch_batches, forward, new_network, train_epoch
from .playground import INTERVAL_MS, Playground
from .settings import (
    ACTIVATIONS,
    DEFAULTS,
    LEARNING_RATES,
    MAX_LAYERS,
    MAX_NEURONS,
    REGULARIZATION_RATES,
    REGULARIZATIONS,
)

__all__ = [
    "ACTIVATIONS",
    "DEFAULTS",
    "INTERVAL_MS",
    "LEARNING_RATES",
    "MAX_LAYERS",
    "MAX_NEURONS",
    "Playground",
    "REGULARIZATIONS",
    "REGULARIZATION_RATES",
    "colour_map",
    "epoch_batches",
    "forward",
    "new_network",
    "train_epoch",
]
