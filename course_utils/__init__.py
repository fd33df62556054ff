"""course_utils: the helper package for the intro-to-deep-learning notebooks.

One module, one idea (read them in this order):

    activations      functions like sigmoid and ReLU, each with its derivative
    losses           loss functions (MSE, cross-entropy, ...) with their gradients
    gradcheck        numerical gradients, to check every backward pass
    layers           Dense, Activation and Dropout layers (forward and backward)
    optim            SGD, momentum, Adam and learning-rate schedules
    model            MLP: a small multi-layer perceptron with fit / predict
    autograd         a tiny scalar automatic-differentiation engine
    data             small seeded synthetic data sets
    experiments      seeded experiments on overfitting and regularisation (notebooks 08, 09)
    xor              many XOR networks trained side by side (notebook 10's 100-seed table)
    playground_data  the data sets and input features of the playground (notebook 11)
    plotting         the house plotting style, decision boundaries, curves
    widgets/         package: ipywidgets explorers and the local playground
    checks/          package: the exercise checkers, one module per notebook
    environment      the environment check of notebook 00

The maintainers' tooling (executing notebooks, drawing images/, building
learner copies and the site) lives apart, in course_tools/ beside this package.
"""

__version__ = "1.0.0"
