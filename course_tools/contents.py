"""The course's table of contents: one place that names every notebook.

The README's contents table, notebook 00's contents and the hygiene tests are
all checked against this list, so a notebook cannot be added, renamed or
reordered in one place and forgotten in another.
"""

from typing import NamedTuple


class Notebook(NamedTuple):
    number: int  # position in the series, 0, 1, 2, ...
    file: str  # file name inside notebooks/
    title: str  # the title in the notebook's first heading
    teaches: str  # one line: what the learner builds or learns
    minutes: int  # workshop time estimate


COURSE = [
    Notebook(
        0,
        "00_start_here.ipynb",
        "Start here",
        "how the series works, an environment check, the contents",
        10,
    ),
    Notebook(
        1,
        "01_what_is_ml.ipynb",
        "What is machine learning?",
        "rules vs learning, regression vs classification, unsupervised learning, representations",
        30,
    ),
    Notebook(
        2,
        "02_the_neuron.ipynb",
        "The neuron",
        "weighted sum + bias + activation, the house-price neuron, a neuron as a linear classifier",
        30,
    ),
    Notebook(
        3,
        "03_forward_pass.ipynb",
        "The forward pass",
        "layers as matrix products, shapes, batching, a hand-wired XOR network",
        30,
    ),
    Notebook(
        4,
        "04_backpropagation.ipynb",
        "Backpropagation",
        "gradient descent, the chain rule, backprop by hand, gradient checking, a tiny autograd",
        40,
    ),
    Notebook(
        5,
        "05_activation_functions.ipynb",
        "Activation functions",
        "the activation zoo, why non-linearity, vanishing gradients, a stable sigmoid",
        30,
    ),
    Notebook(
        6,
        "06_loss_functions.ipynb",
        "Loss functions",
        "MSE, MAE, Huber, cross-entropy, why not MSE for classification, p - y",
        30,
    ),
    Notebook(
        7,
        "07_training_in_practice.ipynb",
        "Training in practice",
        "mini-batches, learning rate, normalisation, initialisation, optimisers",
        40,
    ),
    Notebook(
        8,
        "08_overfitting.ipynb",
        "Overfitting",
        "train/validation/test, under- and overfitting, learning curves, data augmentation",
        30,
    ),
    Notebook(
        9,
        "09_regularization.ipynb",
        "Regularization",
        "L2 weight decay, dropout, early stopping, comparing them honestly",
        30,
    ),
    Notebook(
        10,
        "10_xor_from_scratch.ipynb",
        "XOR from scratch",
        "a network written by hand in numpy, checked, trained and tested over 100 seeds",
        40,
    ),
    Notebook(
        11,
        "11_playground.ipynb",
        "A local Neural Network Playground",
        "an offline playground with guided challenges",
        30,
    ),
    Notebook(
        12,
        "12_where_next.ipynb",
        "Where next",
        "PyTorch, JAX, TensorFlow/Keras, what to learn next, resources",
        15,
    ),
]


def total_minutes():
    """Total workshop time of the series, in minutes."""
    return sum(notebook.minutes for notebook in COURSE)
