"""Notebook 11's playground checkers, tested three ways: solved, untouched, typical mistakes."""

import numpy as np
import pytest

from course_utils import checks
from course_utils.checks import nb11
from course_utils.widgets import Playground


def trained(epochs, **settings):
    pg = Playground(**settings)
    pg.step(epochs)
    return pg


@pytest.fixture(scope="module")
def untouched():
    return Playground()


def test_every_checker_says_not_done_on_an_untouched_playground(untouched):
    for checker in (
        checks.xor_fewest_neurons,
        checks.circle_without_hidden_layer,
        checks.spiral_solved,
        checks.overfitting_cured,
        checks.diverging_learning_rate,
    ):
        result = checker(untouched)
        assert result.status == "not done", checker.__name__
        assert checker(...).status == "not done"  # a placeholder instead of the playground


def test_xor_fewest_neurons():
    result = checks.xor_fewest_neurons(trained(500, dataset="xor", hidden=[4], learning_rate=0.1))
    assert result.status == "passed", repr(result)
    result = checks.xor_fewest_neurons(trained(100, dataset="xor", hidden=[], features=["x1*x2"]))
    assert result.status == "passed" and "0 hidden neurons" in repr(result)
    result = checks.xor_fewest_neurons(
        trained(300, dataset="xor", hidden=[8, 8], learning_rate=0.1)
    )
    assert result.status == "failed" and "with fewer" in repr(result)
    result = checks.xor_fewest_neurons(trained(300, dataset="xor", hidden=[2]))
    assert result.status == "failed" and "not solved yet" in repr(result)
    assert checks.xor_fewest_neurons(Playground(dataset="xor")).status == "not done"  # not trained


def test_circle_without_hidden_layer():
    result = checks.circle_without_hidden_layer(trained(100, hidden=[], features=["x1^2", "x2^2"]))
    assert result.status == "passed", repr(result)
    result = checks.circle_without_hidden_layer(trained(100, hidden=[], features=["x1", "x2"]))
    assert result.status == "failed" and "x1² and x2²" in repr(result)
    result = checks.circle_without_hidden_layer(trained(100, features=["x1^2", "x2^2"]))
    assert result.status == "failed" and "remove every hidden layer" in repr(result)


def test_spiral_solved():
    result = checks.spiral_solved(
        trained(1000, dataset="spiral", features=["x1", "x2", "sin x1", "sin x2"], hidden=[8, 8, 4])
    )
    assert result.status == "passed", repr(result)
    result = checks.spiral_solved(trained(200, dataset="spiral"))
    assert result.status == "failed" and "sin x1" in repr(result)


OVERFIT = dict(dataset="xor", noise=50, train_percent=10, hidden=[8, 8, 8])


def test_overfitting_cured():
    result = checks.overfitting_cured(
        trained(500, regularization="L2", regularization_rate=0.01, **OVERFIT)
    )
    assert result.status == "passed", repr(result)
    result = checks.overfitting_cured(trained(200, **OVERFIT))
    assert result.status == "failed" and "not L2" in repr(result)
    result = checks.overfitting_cured(
        trained(200, regularization="L2", regularization_rate=1, **OVERFIT)
    )
    assert result.status == "failed" and "no clear improvement" in repr(result)
    assert (
        checks.overfitting_cured(trained(5, dataset="xor")).status == "not done"
    )  # no overfitting set-up
    left_over = checks.overfitting_cured(
        trained(500, regularization="L2", regularization_rate=0.003, learning_rate=0.1, **OVERFIT)
    )
    assert left_over.status == "failed" and "learning rate 0.1 (use 0.03)" in repr(left_over)


def test_diverging_learning_rate():
    result = checks.diverging_learning_rate(trained(100, dataset="plane", learning_rate=3))
    assert result.status == "passed", repr(result)
    result = checks.diverging_learning_rate(trained(100, dataset="plane", learning_rate=10))
    assert result.status == "failed" and "fails too" in repr(result)
    result = checks.diverging_learning_rate(trained(100, dataset="plane", learning_rate=1))
    assert result.status == "failed" and "still learns" in repr(result)


def test_spiral_hint_quotes_what_the_check_takes():
    """SPIRAL_HINT's numbers (30 seeds: the check passes after 60 to 170 epochs, median 100),
    on a sample of five seeds trained in steps of 10 epochs as they were measured."""
    settings = dict(features=["x1", "x2", "sin x1", "sin x2"], hidden=[8, 8, 4])
    assert "60 to 170 epochs (median 100)" in nb11.SPIRAL_HINT
    passed_after = []
    for seed in range(5):
        pg = Playground(dataset="spiral", seed=seed, **settings)
        for tens in range(1, 18):
            pg.step(10)
            if checks.spiral_solved(pg).passed:
                passed_after.append(10 * tens)
                break
        pg.close()
    assert len(passed_after) == 5 and max(passed_after) <= 170, passed_after
    assert 60 <= np.median(passed_after) <= 150, passed_after
