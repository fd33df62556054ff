"""Interactive explorers (ipywidgets) and the local Neural Network Playground.

Each explorer lives in a module of its own; the names are gathered here so a
notebook writes `from course_utils.widgets import Playground`. Every widget's
logic is a plain function or method that the tests call without a browser.
"""

from .activation import ZOO, activation_explorer, plot_activation  # noqa: F401  (notebook 05)
from .hinges import hinge_explorer, hinge_sum, plot_hinges  # noqa: F401  (notebook 01)
from .learning_rate import descent_path, learning_rate_explorer, plot_descent  # noqa: F401  (notebook 07)
from .neuron import gate_data, neuron_explorer, plot_neuron_classifier  # noqa: F401  (notebook 02)
from .playground import Playground  # noqa: F401  (notebook 11)
