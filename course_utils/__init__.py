"""course_utils: the helper package for the intro-to-deep-learning notebooks.

One module, one idea (read them in this order):

    activations  functions like sigmoid and ReLU, each with its derivative
    losses       loss functions (MSE, cross-entropy, ...) with their gradients
    gradcheck    numerical gradients, to check every backward pass
    layers       Dense, Activation and Dropout layers (forward and backward)
    optim        SGD, momentum, Adam and learning-rate schedules
    model        MLP: a small multi-layer perceptron with fit / predict
    data         small seeded synthetic data sets
    autograd     a tiny scalar automatic-differentiation engine
    plotting     the house plotting style, decision boundaries, curves
    figures      draws every picture in images/
    widgets      ipywidgets explorers and the local playground
    checks       the exercise checkers used in the notebooks
    environment  the environment check of notebook 00
"""

__version__ = "1.0.0"
