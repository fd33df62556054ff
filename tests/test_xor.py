"""course_utils.xor: many XOR networks trained side by side (notebook 10's 100-seed table)."""

import numpy as np
import pytest

from course_utils import data, xor
from course_utils.model import MLP

HIDDEN_SIZES = [2, 3, 4, 8]
ACTIVATIONS = ["sigmoid", "tanh", "relu"]
# The table printed in notebook 10 (100 seeds, 1000 epochs, lr = 1.0): successes out of 100.
NOTEBOOK_TABLE = [[70, 94, 100, 100], [52, 93, 99, 100], [18, 50, 70, 95]]


def test_success_rates_reproduce_the_notebook_table():
    rates = xor.success_rates(HIDDEN_SIZES, ACTIVATIONS, n_seeds=100, epochs=1000, lr=1.0)
    assert rates.shape == (3, 4)
    np.testing.assert_array_equal(np.round(rates * 100).astype(int), NOTEBOOK_TABLE)


def test_format_rates():
    text = xor.format_rates(np.array([[0.7, 1.0]]), [2, 4], ["sigmoid"])
    assert text.splitlines() == ["hidden units       2      4", "sigmoid          70%   100%"]


def test_initial_weights_are_the_mlp_weights():
    weights = xor.initial_weights([(2, 0), (3, 7)], "tanh")
    first, second = (
        MLP([2, h, 1], activation="tanh", seed=s).get_params() for h, s in [(2, 0), (3, 7)]
    )
    np.testing.assert_array_equal(weights["W1"], np.hstack([first["W1"], second["W1"]]))
    np.testing.assert_array_equal(
        weights["w2"], np.concatenate([first["W2"][:, 0], second["W2"][:, 0]])
    )
    np.testing.assert_array_equal(weights["network_of_unit"], [0, 0, 1, 1, 1])
    np.testing.assert_array_equal(weights["first_unit"], [0, 2])
    assert weights["b1"].shape == (5,) and weights["b2"].shape == (2,)


@pytest.mark.parametrize("hidden", [2, 4])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_the_fast_path_equals_mlp_fit_to_1e_12(activation, hidden):
    """Each network of the side-by-side batch ends where MLP.fit alone ends: xor.py is a
    fast path of model.py's maths, not a second engine."""
    seeds = [0, 1, 6]
    result = xor.train_seeds(hidden, activation, seeds, epochs=1000, lr=1.0)
    X, y = data.xor()
    for k, seed in enumerate(seeds):
        model = MLP([2, hidden, 1], activation=activation, seed=seed)
        history = model.fit(X, y, epochs=1000, lr=1.0)
        for name, value in model.get_params().items():
            np.testing.assert_allclose(result["params"][k][name], value, rtol=0, atol=1e-12)
        np.testing.assert_allclose(
            result["probabilities"][k], model.predict_proba(X)[:, 0], rtol=0, atol=1e-12
        )
        assert result["loss"][k] == pytest.approx(history.loss[-1], abs=1e-12)
        assert result["accuracy"][k] == history.accuracy[-1]
        assert result["success"][k] == (history.accuracy[-1] == 1.0)


def test_the_fast_path_says_so_and_trains_through_the_mlp_activation_layer():
    assert "FAST PATH" in xor.__doc__ and "read model.py" in xor.__doc__
    assert "FAST PATH" in xor.train_networks.__doc__
    assert not hasattr(xor, "_derivative")  # g' comes from layers.Activation, as in MLP


def test_a_known_failure_is_the_xor_local_minimum():
    """Seed 6 (2-2-1 sigmoid) gets stuck: two inputs at p = 0.5, loss -> ln(2) / 2."""
    result = xor.train_seeds(2, "sigmoid", [6], epochs=3000, lr=1.0)
    assert not result["success"][0]
    assert result["loss"][0] == pytest.approx(np.log(2) / 2, abs=0.01)
    assert np.sum(np.abs(result["probabilities"][0] - 0.5) < 0.01) == 2


def test_zero_epochs_changes_nothing():
    weights = xor.initial_weights([(2, 0)], "sigmoid")
    before = {key: value.copy() for key, value in weights.items()}
    y_hat = xor.train_networks(weights, "sigmoid", epochs=0, lr=1.0)
    model = MLP([2, 2, 1], activation="sigmoid", seed=0)
    np.testing.assert_allclose(y_hat[:, 0], model.predict_proba(data.xor()[0])[:, 0], atol=1e-15)
    for key in before:
        np.testing.assert_array_equal(weights[key], before[key])


def test_bad_arguments_give_clear_errors():
    with pytest.raises(ValueError, match="activation must be one of sigmoid, tanh, relu"):
        xor.train_seeds(2, "elu", [0], epochs=10, lr=1.0)
    with pytest.raises(ValueError, match="lr"):
        xor.train_seeds(2, "tanh", [0], epochs=10, lr=0.0)
    with pytest.raises(ValueError, match="n_seeds"):
        xor.success_rates([2], ["tanh"], n_seeds=0)
    with pytest.raises(ValueError, match="hidden"):
        xor.success_rates([0], ["tanh"], n_seeds=1)
