"""course_utils.experiments: polynomial fits, the overfitting data, augmentation, the settings
runner, paired differences and the lecture's XOR network."""

import numpy as np
import pytest

from course_utils import data, experiments


def test_fit_polynomial_recovers_an_exact_polynomial():
    x = np.linspace(-2, 3, 12)
    y = 1 - 2 * x + 0.5 * x**3
    p = experiments.fit_polynomial(x, y, 3)
    assert np.allclose(p(x), y)
    assert np.allclose(p.convert().coef, [1, -2, 0, 0.5])


def test_fit_polynomial_refuses_too_high_a_degree():
    with pytest.raises(ValueError, match="between 0 and n - 1 = 4"):
        experiments.fit_polynomial(np.arange(5.0), np.arange(5.0), 5)
    with pytest.raises(ValueError, match="same number of points"):
        experiments.fit_polynomial(np.arange(5.0), np.arange(4.0), 1)


def test_polynomial_errors_training_error_never_rises_with_degree():
    X, y = data.polynomial_data(n=20, noise=0.25, seed=3)
    X_val, y_val = data.polynomial_data(n=50, noise=0.25, seed=4)
    train, held_out = experiments.polynomial_errors(range(10), X, y, X_val, y_val)
    assert train.shape == held_out.shape == (10,)
    assert np.all(np.diff(train) <= 1e-12)  # nested models: more coefficients never fit worse
    p = experiments.fit_polynomial(X, y, 4)
    assert np.isclose(held_out[4], np.mean((p(X_val[:, 0]) - y_val) ** 2))


def test_overfitting_data_parts_are_disjoint_and_test_does_not_change_them():
    train, val = experiments.overfitting_data()
    assert train[0].shape == (40, 2) and val[0].shape == (200, 2)
    rows = np.vstack([train[0], val[0]])
    assert len(np.unique(rows, axis=0)) == 240
    train2, val2, test = experiments.overfitting_data(n_test=50)
    assert np.array_equal(train2[0], train[0]) and np.array_equal(val2[1], val[1])
    assert test[0].shape == (50, 2) and set(np.unique(test[1])) == {0.0, 1.0}


def test_jitter_keeps_originals_and_labels():
    X = np.array([[0.0, 0.0], [1.0, 1.0]])
    y = np.array([0.0, 1.0])
    X_aug, y_aug = experiments.jitter(X, y, copies=3, scale=0.1, seed=0)
    assert X_aug.shape == (8, 2) and y_aug.shape == (8,)
    assert np.array_equal(X_aug[:2], X) and np.array_equal(y_aug, np.tile(y, 4))
    assert np.all(np.abs(X_aug - np.tile(X, (4, 1))) < 1.0)
    again, _ = experiments.jitter(X, y, copies=3, scale=0.1, seed=0)
    assert np.array_equal(again, X_aug)
    assert np.array_equal(experiments.jitter(X, y, 0, 0.1)[0], X)
    with pytest.raises(ValueError):
        experiments.jitter(X, y[:1], 1, 0.1)


def test_rotated_copies_keep_the_radius():
    X, y = data.circles(n=20, noise=0.1, seed=2)
    X_aug, y_aug = experiments.rotated_copies(X, y, copies=4, seed=1)
    assert X_aug.shape == (100, 2) and np.array_equal(y_aug, np.tile(y, 5))
    assert np.allclose(np.hypot(*X_aug.T), np.tile(np.hypot(*X.T), 5))
    assert not np.allclose(X_aug[20:40], X)
    with pytest.raises(ValueError):
        experiments.rotated_copies(np.zeros((3, 3)), np.zeros(3), 1)


def test_train_network_matches_a_plain_mlp():
    from course_utils.model import MLP

    train, val = experiments.overfitting_data()
    model, history = experiments.train_network(train, val, width=4, seed=2, epochs=30, l2=0.01)
    plain = MLP([2, 4, 1], activation="tanh", seed=2)
    plain.fit(*train, epochs=30, lr=0.02, optimizer="adam", l2=0.01)
    assert np.allclose(model.predict_proba(val[0]), plain.predict_proba(val[0]))
    assert len(history.val_loss) == 30


def test_compare_settings_combine_and_table():
    settings = {"none": {}, "stop early": {"early_stopping": 3}}
    first = experiments.compare_settings(settings, seeds=[1], width=4, epochs=20)
    rest = experiments.compare_settings(settings, seeds=[2], width=4, epochs=20)
    assert first["none"]["epochs"].tolist() == [20]
    assert first["none"]["train"].shape == (1,)
    both = experiments.combine(first, rest)
    assert both["stop early"]["test"].shape == (2,)
    assert np.all((both["none"]["validation"] >= 0) & (both["none"]["validation"] <= 1))
    one = experiments.results_table(first)
    assert "±" not in one and one.splitlines()[0].split()[:2] == ["setting", "train"]
    assert "±" in experiments.results_table(both)
    again = experiments.compare_settings(settings, seeds=[1], width=4, epochs=20)
    assert experiments.results_table(again) == one  # seeded: identical


def test_compare_settings_data_depends_on_seed():
    settings = {"none": {}}
    a = experiments.compare_settings(settings, seeds=[1], width=2, epochs=5)
    b = experiments.compare_settings(settings, seeds=[3], width=2, epochs=5)
    assert not np.array_equal(
        a["none"]["validation"], b["none"]["validation"]
    ) or not np.array_equal(a["none"]["test"], b["none"]["test"])


def _results(**settings):
    """compare_settings-style results from lists of test accuracies."""
    return {
        name: {part: np.array(values, dtype=float) for part in ("train", "validation", "test")}
        for name, values in settings.items()
    }


def test_paired_differences_subtract_seed_by_seed():
    results = _results(none=[0.70, 0.80, 0.90, 0.75], L2=[0.72, 0.80, 0.93, 0.74])
    row = experiments.paired_differences(results)["L2"]
    d = np.array([0.02, 0.0, 0.03, -0.01])
    assert np.allclose(row["differences"], d)
    assert np.isclose(row["mean"], d.mean())
    assert np.isclose(row["se"], d.std(ddof=1) / 2)  # sqrt(4 seeds) = 2
    assert (row["better"], row["worse"], row["same"]) == (2, 1, 1)
    assert set(experiments.paired_differences(results)) == {"L2"}


def test_paired_differences_remove_the_seed_to_seed_spread():
    # A setting 1 point better on every seed: large spread per setting, none in the pairs.
    base = [0.6, 0.9, 0.7, 0.8, 0.65]
    results = _results(none=base, better=[b + 0.01 for b in base])
    row = experiments.paired_differences(results)["better"]
    assert np.isclose(row["mean"], 0.01) and row["se"] < 1e-12 and row["better"] == 5
    assert results["better"]["test"].std() > 0.1


def test_paired_differences_refuse_one_seed_or_a_missing_baseline():
    with pytest.raises(ValueError, match="at least 2 seeds"):
        experiments.paired_differences(_results(none=[0.7], L2=[0.8]))
    with pytest.raises(ValueError, match="no setting named 'plain'"):
        experiments.paired_differences(_results(none=[0.7, 0.8]), baseline="plain")


def test_differences_table_in_points():
    results = _results(none=[0.70, 0.80, 0.90, 0.75], L2=[0.72, 0.80, 0.93, 0.74])
    table = experiments.differences_table(results)
    header, columns, row = table.splitlines()
    assert header == "test accuracy minus 'none' on the same seed, in points (4 seeds)"
    assert columns.split() == ["setting", "mean", "±", "SE", "better", "worse", "same"]
    assert row.split() == ["L2", "+1.0", "±", "0.9", "2", "1", "1"]  # SE = sqrt(10 / 3) / 2


def test_train_network_augments_the_training_data_with_its_seed():
    from course_utils.model import MLP

    train, val = experiments.overfitting_data()

    def rotate(X, y, seed):
        return experiments.rotated_copies(X, y, copies=2, seed=seed)

    model, _ = experiments.train_network(train, width=4, seed=3, epochs=20, augment=rotate)
    plain = MLP([2, 4, 1], activation="tanh", seed=3)
    plain.fit(*rotate(*train, seed=3), epochs=20, lr=0.02, optimizer="adam")
    assert np.allclose(model.predict_proba(val[0]), plain.predict_proba(val[0]))


def _lecture_network_one_seed(seed, iterations, report_every):
    """The lecture's network written plainly, one seed: (reported loss, final loss, outputs)."""
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    Y = np.array([[0], [1], [1], [0]], dtype=float)
    rng = np.random.default_rng(seed)
    w1, w2 = rng.random((3, 4)), rng.random((4, 1))
    for i in range(iterations):
        l1 = 1 / (1 + np.exp(-(X @ w1)))
        out = 1 / (1 + np.exp(-(l1 @ w2)))
        if i % report_every == 0:
            reported = np.mean((Y - out) ** 2)
        delta = 2 * (Y - out) * out * (1 - out)
        w1, w2 = w1 + X.T @ ((delta @ w2.T) * l1 * (1 - l1)), w2 + l1.T @ delta
    out = 1 / (1 + np.exp(-(1 / (1 + np.exp(-(X @ w1))) @ w2)))
    return reported, np.mean((Y - out) ** 2), out


def test_lecture_xor_runs_match_the_network_run_seed_by_seed():
    seeds = [0, 5, 17]
    runs = experiments.lecture_xor_runs(seeds, iterations=300, report_every=100)
    for k, seed in enumerate(seeds):
        reported, final, out = _lecture_network_one_seed(seed, 300, 100)
        assert abs(runs["reported"][k] - reported) < 1e-12
        assert abs(runs["final"][k] - final) < 1e-12
        assert runs["success"][k] == np.all((out[:, 0] >= 0.5) == np.array([0, 1, 1, 0]))


def test_lecture_xor_runs_report_a_stale_loss():
    runs = experiments.lecture_xor_runs([0, 1], iterations=2000, report_every=1000)
    assert runs["success"].all()
    # the printed "final" loss is 1000 updates old: larger than the loss the network ends with
    assert np.all(runs["reported"] > 2 * runs["final"])
