"""Interactive explorers (ipywidgets) and the local Neural Network Playground.

Each explorer lives in a module of its own (the playground in a package of its own); the names
are gathered here so a notebook writes `from course_utils.widgets import Playground`. Every
widget's logic is a plain function or method that the tests call without a browser, and every
widget's display also carries a picture of its state for GitHub, nbviewer and the course site,
where no kernel runs (picture.py).
"""

from .activation import ZOO, activation_explorer, plot_activation  # noqa: F401  (notebook 05)
from .hinges import hinge_explorer, hinge_sum, plot_hinges  # noqa: F401  (notebook 01)
from .learning_rate import (  # noqa: F401  (notebook 07)
    descent_path,
    learning_rate_explorer,
    plot_descent,
)
from .neuron import gate_data, neuron_explorer, plot_neuron_classifier  # noqa: F401  (notebook 02)
from .playground import Playground  # noqa: F401  (notebook 11)
