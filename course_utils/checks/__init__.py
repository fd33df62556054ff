"""Exercise checkers for the notebooks.

Each notebook's checkers live in a module of their own (``nb00.py``,
``nb02.py``, ...); the machinery they share is in ``_core.py``. A notebook
writes::

    from course_utils import checks
    checks.neuron_function(neuron)

A checker returns a `Feedback` (see ``_core.py``) and never raises.
"""

from ._core import Feedback, Mistake, check_cases, check_value
from .nb00 import row_sums, square_all
from .nb01 import fit_line, threshold_accuracy, to_polar
from .nb02 import nand_weights, neuron_by_hand, neuron_function
from .nb03 import batch_shapes, dense_forward, network_shapes
from .nb04 import backprop_shapes, fixed_backward, neuron_gradients
from .nb05 import relu_and_derivative, stable_sigmoid
from .nb06 import mse_and_gradient, stable_cross_entropy
from .nb07 import minibatches, standardise
from .nb08 import best_degree, split
from .nb09 import early_stopping_epoch, l2_penalty
from .nb10 import xor_backward, xor_forward, xor_training_choice
from .nb11 import (
    circle_without_hidden_layer,
    diverging_learning_rate,
    overfitting_cured,
    spiral_solved,
    xor_fewest_neurons,
)
from .nb12 import linear_output_shape, parameter_count, pytorch_names

__all__ = [
    "Feedback",
    "Mistake",
    "check_cases",
    "check_value",
    "square_all",
    "row_sums",
    "fit_line",
    "threshold_accuracy",
    "to_polar",
    "neuron_by_hand",
    "neuron_function",
    "nand_weights",
    "network_shapes",
    "dense_forward",
    "batch_shapes",
    "neuron_gradients",
    "backprop_shapes",
    "fixed_backward",
    "relu_and_derivative",
    "stable_sigmoid",
    "mse_and_gradient",
    "stable_cross_entropy",
    "minibatches",
    "standardise",
    "split",
    "best_degree",
    "l2_penalty",
    "early_stopping_epoch",
    "xor_forward",
    "xor_backward",
    "xor_training_choice",
    "xor_fewest_neurons",
    "circle_without_hidden_layer",
    "spiral_solved",
    "overfitting_cured",
    "diverging_learning_rate",
    "pytorch_names",
    "parameter_count",
    "linear_output_shape",
]
