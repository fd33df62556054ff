"""Property tests of the engine: any input gives a result or a clear error, never a numpy warning.

For the activations, losses, optimisers and MLP, hypothesis generates arguments (arrays of
every float dtype with +-inf and NaN, integers, booleans, ragged lists, text, None, ...) and
checks, for each call:
  - it returns a result, or raises ValueError / TypeError whose message names the argument;
  - numpy never warns (warnings are recorded, not raised, and must be empty);
  - the result is NaN only where the exact answer is NaN (a NaN input), never where the exact
    value is finite or infinite; where a simple reference exists, the result matches it.
Inputs of the losses and the optimisers are finite with magnitudes up to 1e300 and 1e100:
beyond, a sum of a few terms or an update itself leaves float64, in any implementation.
The examples are derandomised (the same on every run) and bounded in number, so this file
runs in seconds.
"""

import math
import re
import warnings

import numpy as np
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.extra import numpy as hnp  # noqa: E402

from course_utils import activations as act  # noqa: E402
from course_utils import losses  # noqa: E402
from course_utils.model import MLP, DivergenceWarning  # noqa: E402
from course_utils.optim import SGD, Adam, Momentum  # noqa: E402

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

FLOAT_DTYPES = [np.float64, np.float32, np.float16]
GARBAGE = st.one_of(
    st.none(),
    st.text(max_size=3),
    st.complex_numbers(allow_nan=False, max_magnitude=10),
    st.just([[1.0, 2.0], [3.0]]),  # ragged
    st.just([1.0, None]),
    st.just({"a": 1}),
    st.just(object()),
)


def any_floats(dtype):
    """Every value of the dtype: +-inf, NaN, subnormals and the largest numbers included."""
    return hnp.from_dtype(np.dtype(dtype), allow_nan=True, allow_infinity=True)


def float_arrays(min_dims=0, max_dims=3):
    """Arrays of any float dtype and small shape, with any values."""
    return st.sampled_from(FLOAT_DTYPES).flatmap(
        lambda dtype: hnp.arrays(
            dtype,
            hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=0, max_side=4),
            elements=any_floats(dtype),
        )
    )


def other_arrays():
    """Integer and boolean arrays (they become float64)."""
    return hnp.arrays(
        st.sampled_from([np.int64, np.int8, np.bool_]), hnp.array_shapes(max_dims=2, max_side=4)
    )


def call(function, *args, **kwargs):
    """Run function; return (result or None, error or None, list of warnings it issued)."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            return function(*args, **kwargs), None, seen
        except (ValueError, TypeError) as error:
            return None, error, seen


def assert_clear_error(error, *names):
    """The message of a refused call names one of the arguments (as a word: "z", not "zero")."""
    message = str(error)
    named = any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", message) for name in names)
    assert named, f"{names} not named in: {message}"


def assert_no_warnings(seen):
    assert not seen, [f"{w.category.__name__}: {w.message}" for w in seen]


# ---------------------------------------------------------------- activations
ELEMENTWISE = [
    "identity",
    "step",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "elu",
    "gelu",
    "softplus",
]
SMOOTH = [name for name in ELEMENTWISE if name != "step"]


@PROPERTY
@given(name=st.sampled_from(ELEMENTWISE), z=st.one_of(float_arrays(), other_arrays(), GARBAGE))
def test_activations_take_any_input(name, z):
    function = act.get_activation(name).function
    out, error, seen = call(function, z)
    assert_no_warnings(seen)
    if error is not None:
        assert_clear_error(error, "z")
        return
    z = np.asarray(z)
    assert out.shape == z.shape
    assert out.dtype == (z.dtype if z.dtype.kind == "f" else np.float64)
    nan_in = np.isnan(z) if z.dtype.kind == "f" else np.zeros(z.shape, bool)
    np.testing.assert_array_equal(np.isnan(out), nan_in)  # NaN exactly where the input is NaN


@PROPERTY
@given(name=st.sampled_from(SMOOTH), z=float_arrays())
def test_derivatives_are_never_nan_for_a_number(name, z):
    out, error, seen = call(act.get_activation(name).derivative, z)
    assert_no_warnings(seen)
    assert error is None
    assert out.shape == z.shape and out.dtype == z.dtype
    assert not np.isnan(out[~np.isnan(z)]).any()  # every derivative is bounded, also at +-inf
    assert np.isfinite(out[~np.isnan(z)]).all()


@PROPERTY
@given(
    name=st.sampled_from(SMOOTH),
    z=hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(-30, 30)),
)
def test_activations_match_a_long_double_reference(name, z):
    """Ordinary inputs: the stable forms agree with the textbook formulas in extended precision."""
    x = z.astype(np.longdouble)
    sigmoid = 1 / (1 + np.exp(-x))
    reference = {
        "identity": x,
        "sigmoid": sigmoid,
        "tanh": np.tanh(x),
        "relu": np.maximum(x, 0),
        "leaky_relu": np.where(x > 0, x, 0.01 * x),
        "elu": np.where(x > 0, x, np.expm1(x)),
        "gelu": 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3))),
        "softplus": np.log1p(np.exp(x)),
    }[name]
    # atol: gelu's 1 + tanh(u) cancels for negative z, losing digits at the scale of z itself
    np.testing.assert_allclose(
        act.get_activation(name).function(z),
        reference.astype(float),
        rtol=1e-12,
        atol=1e-15 * (1 + np.abs(z).max()),
    )


@PROPERTY
@given(z=st.one_of(float_arrays(), other_arrays(), GARBAGE))
def test_softmax_is_a_distribution_in_every_row_without_nan(z):
    out, error, seen = call(act.softmax, z)
    assert_no_warnings(seen)
    if error is not None:
        assert_clear_error(error, "z")
        return
    rows_with_nan = np.isnan(np.asarray(z, dtype=float)).any(axis=-1)
    assert np.isnan(out[rows_with_nan]).all()
    good = out[~rows_with_nan]
    assert np.isfinite(good).all() and (good >= 0).all() and (good <= 1).all()
    np.testing.assert_allclose(
        good.sum(axis=-1), 1.0, rtol=1e-2 if out.dtype == np.float16 else 1e-5
    )


@PROPERTY
@given(z=float_arrays(min_dims=1))
def test_log_sum_exp_is_exact_for_any_row(z):
    out, error, seen = call(act.log_sum_exp, z)
    assert_no_warnings(seen)
    if error is not None:
        assert_clear_error(error, "z")
        return
    x = z.astype(np.longdouble)  # range to 1e4932: nothing below overflows for float64 inputs
    with np.errstate(all="ignore"):
        m = x.max(axis=-1, keepdims=True)
        shift = np.where(np.isfinite(m), m, 0)  # rows with +inf give +inf; rows of -inf, -inf
        exact = (shift + np.log(np.exp(x - shift).sum(axis=-1, keepdims=True))).astype(z.dtype)
    # a few roundings in z's own precision, at the scale of the largest finite |z|
    eps = np.finfo(z.dtype).eps
    finite = np.abs(z[np.isfinite(z)])
    scale = 1 + (finite.max() if finite.size else 0)
    np.testing.assert_allclose(out, exact, rtol=8 * eps, atol=8 * eps * scale)  # NaN, inf match


# --------------------------------------------------------------------- losses
FINITE = st.floats(-1e300, 1e300)
ELEMENTWISE_LOSSES = ["mse", "mae", "huber"]


def same_shape_pairs(elements_true, elements_pred):
    """(y_true, y_pred) of one small shape, float64."""
    return hnp.array_shapes(min_dims=1, max_dims=2, min_side=1, max_side=5).flatmap(
        lambda shape: st.tuples(
            hnp.arrays(np.float64, shape, elements=elements_true),
            hnp.arrays(np.float64, shape, elements=elements_pred),
        )
    )


def check_loss(loss, y_true, y_pred, names):
    """A loss and its gradient: a float / an array of y_pred's shape, never NaN, never a warning."""
    value, error, seen = call(loss.function, y_true, y_pred)
    assert_no_warnings(seen)
    if error is not None:
        assert_clear_error(error, *names)
        return None
    assert isinstance(value, float) and not math.isnan(value) and value >= -1e-12 * abs(value)
    gradient, error, seen = call(loss.gradient, y_true, y_pred)
    assert_no_warnings(seen)
    assert error is None, error
    assert gradient.shape == np.shape(y_pred) and not np.isnan(gradient).any()
    return value


@PROPERTY
@given(name=st.sampled_from(ELEMENTWISE_LOSSES), pair=same_shape_pairs(FINITE, FINITE))
def test_regression_losses_of_any_finite_values(name, pair):
    y_true, y_pred = pair
    value = check_loss(losses.get_loss(name), y_true, y_pred, ["y_true", "y_pred"])
    r = y_pred.astype(np.longdouble) - y_true
    terms = {
        "mse": r**2,
        "mae": np.abs(r),
        "huber": np.where(np.abs(r) <= 1, 0.5 * r**2, np.abs(r) - 0.5),
    }[name]
    if terms.max() <= np.finfo(np.float64).max:
        assert value == pytest.approx(float(np.mean(terms)), rel=1e-9, abs=1e-300)
    else:
        assert value == np.inf  # a term is beyond float64 (a square of a residual above 1.3e154)


@PROPERTY
@given(
    pair=same_shape_pairs(st.sampled_from([0.0, 1.0]), FINITE),
    name=st.sampled_from(["binary_cross_entropy_from_logits", "hinge"]),
)
def test_classification_losses_of_any_finite_scores(pair, name):
    y_true, scores = pair
    if name == "hinge":
        y_true = 2 * y_true - 1
    check_loss(losses.get_loss(name), y_true, scores, ["y_true", "z", "scores"])


@PROPERTY
@given(pair=same_shape_pairs(st.sampled_from([0.0, 1.0]), st.floats(0, 1)))
def test_binary_cross_entropy_of_any_probabilities(pair):
    check_loss(losses.get_loss("binary_cross_entropy"), *pair, ["y_true", "p"])


@PROPERTY
@given(
    Z=hnp.arrays(np.float64, hnp.array_shapes(min_dims=2, max_dims=2, max_side=4), elements=FINITE),
    data=st.data(),
)
def test_cross_entropy_of_any_finite_logits(Z, data):
    n, k = Z.shape
    labels = data.draw(hnp.arrays(np.int64, n, elements=st.integers(0, k - 1)))
    value = check_loss(losses.get_loss("cross_entropy_from_logits"), labels, Z, ["y_true", "Z"])
    if value is not None:
        x = Z.astype(np.longdouble)
        m = x.max(axis=1)
        lse = m + np.log(np.exp(x - m[:, None]).sum(axis=1))
        reference = float(np.mean(lse - x[np.arange(n), labels]))
        # lse - Z_y loses the digits below the logits' own rounding (ulp of max |Z|)
        assert value == pytest.approx(reference, rel=1e-9, abs=8e-16 * (1 + np.abs(Z).max()))


@PROPERTY
@given(
    name=st.sampled_from(list(losses.LOSSES)),
    y_true=st.one_of(GARBAGE, float_arrays(), other_arrays()),
    y_pred=st.one_of(GARBAGE, float_arrays(), other_arrays()),
)
def test_losses_refuse_garbage_by_name(name, y_true, y_pred):
    """Wrong kinds, shapes, NaN, inf or labels: a ValueError/TypeError naming the argument."""
    value, error, seen = call(losses.get_loss(name).function, y_true, y_pred)
    assert_no_warnings(seen)
    if error is not None:
        assert_clear_error(error, "y_true", "y_pred", "p", "z", "Z", "scores")
    else:
        assert isinstance(value, float) and not math.isnan(value)


# ----------------------------------------------------------------- optimisers
ANY_NUMBER = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-5, 5), GARBAGE)
MAGNITUDE = st.one_of(st.just(0.0), st.floats(1e-100, 1e100), st.floats(-1e100, -1e-100))
OPTIMIZERS = {
    "SGD": (SGD, {"lr": ANY_NUMBER}),
    "Momentum": (Momentum, {"lr": ANY_NUMBER, "beta": ANY_NUMBER}),
    "Adam": (Adam, {"lr": ANY_NUMBER, "beta1": ANY_NUMBER, "beta2": ANY_NUMBER, "eps": ANY_NUMBER}),
}


@PROPERTY
@given(name=st.sampled_from(list(OPTIMIZERS)), data=st.data())
def test_optimizer_settings_are_accepted_or_refused_by_name(name, data):
    kind, strategies = OPTIMIZERS[name]
    arguments = {key: data.draw(strategy, label=key) for key, strategy in strategies.items()}
    optimizer, error, seen = call(kind, **arguments)
    assert_no_warnings(seen)
    if error is not None:
        assert_clear_error(error, *arguments)
        return
    for key, value in arguments.items():
        assert math.isfinite(value) and value >= 0  # every accepted setting is a sane number
    assert 0 < optimizer.lr and all(
        0 <= getattr(optimizer, key) < 1 for key in ("beta", "beta1", "beta2") if key in arguments
    )


@PROPERTY
@given(
    name=st.sampled_from(list(OPTIMIZERS)),
    lr=st.floats(1e-6, 10),
    beta=st.floats(0, 0.9999),
    eps=st.floats(1e-12, 1),
    shapes=st.lists(hnp.array_shapes(max_dims=2, max_side=3), min_size=1, max_size=3),
    data=st.data(),
)
def test_optimizer_steps_stay_finite(name, lr, beta, eps, shapes, data):
    settings_ = {"SGD": {}, "Momentum": {"beta": beta}, "Adam": {"beta1": beta, "eps": eps}}
    optimizer = OPTIMIZERS[name][0](lr=lr, **settings_[name])
    params = [data.draw(hnp.arrays(np.float64, shape, elements=MAGNITUDE)) for shape in shapes]
    for _ in range(3):
        grads = [data.draw(hnp.arrays(np.float64, p.shape, elements=MAGNITUDE)) for p in params]
        _, error, seen = call(optimizer.step, params, grads)
        assert error is None
        assert_no_warnings(seen)
        assert all(np.isfinite(p).all() for p in params)


# ------------------------------------------------------------------------ MLP
ACTIVATION_NAMES = ["tanh", "relu", "sigmoid", "identity", "leaky_relu", "elu", "gelu", "softplus"]
HEADS = [  # (output, loss, kind of targets), every combination MLP accepts
    ("sigmoid", None, "binary"),
    ("softmax", None, "labels"),
    ("identity", None, "real"),
    ("identity", "huber", "real"),
    ("identity", "mae", "real"),
    ("sigmoid", "mse", "binary"),
    ("identity", "binary_cross_entropy_from_logits", "binary"),
    ("identity", "cross_entropy_from_logits", "labels"),
]


@st.composite
def networks_and_data(draw):
    """A small network, and finite data of magnitudes up to 1e100 that fits it."""
    n_in, n_out = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    output, loss, kind = draw(st.sampled_from(HEADS))
    if output == "softmax" or kind == "labels":
        n_out = max(n_out, 2)
    hidden = draw(st.lists(st.integers(1, 4), max_size=2))
    model = MLP(
        [n_in, *hidden, n_out],
        activation=draw(st.sampled_from(ACTIVATION_NAMES)),
        output=output,
        loss=loss,
        seed=draw(st.integers(0, 2**32 - 1)),
        dropout=draw(st.sampled_from([0.0, 0.3])),
    )
    n = draw(st.integers(1, 8))
    scale = draw(st.sampled_from([1.0, 1e3, 1e100]))
    X = draw(hnp.arrays(np.float64, (n, n_in), elements=st.floats(-1, 1))) * scale
    if kind == "binary":
        y = draw(hnp.arrays(np.float64, (n, n_out), elements=st.sampled_from([0.0, 1.0])))
    elif kind == "labels":
        y = draw(hnp.arrays(np.float64, n, elements=st.integers(0, n_out - 1).map(float)))
    else:
        y = draw(hnp.arrays(np.float64, (n, n_out), elements=st.floats(-1e3, 1e3)))
    return model, X, y


@PROPERTY
@given(
    problem=networks_and_data(),
    epochs=st.integers(1, 4),
    lr=st.one_of(st.none(), st.floats(1e-4, 10)),
    optimizer=st.sampled_from(["sgd", "momentum", "adam"]),
    batch_size=st.one_of(st.none(), st.integers(1, 4)),
    l2=st.sampled_from([0.0, 0.01]),
)
def test_fit_then_predict_never_warns_and_never_gives_nan(
    problem, epochs, lr, optimizer, batch_size, l2
):
    model, X, y = problem
    history, error, seen = call(
        model.fit, X, y, epochs=epochs, lr=lr, optimizer=optimizer, batch_size=batch_size, l2=l2
    )
    assert error is None, error
    assert all(issubclass(w.category, DivergenceWarning) for w in seen), [
        str(w.message) for w in seen
    ]
    if seen:  # diverged: stopped at once, said so, and the broken model refuses to predict
        assert not math.isfinite(history.loss[-1]) and len(seen) == 1
        assert all(math.isfinite(loss) for loss in history.loss[:-1])
        _, error, seen = call(model.predict, X)
        assert_no_warnings(seen)
        assert_clear_error(error, "an earlier fit diverged")
        return
    assert all(math.isfinite(loss) for loss in history.loss)
    for method in (model.predict_proba, model.predict):
        out, error, seen = call(method, X)
        assert_no_warnings(seen)
        if error is not None:  # only where a value inside the network overflowed float64
            assert_clear_error(error, "overflowed float64 (the largest |X|")
            continue
        assert not np.isnan(out).any()
    score, error, seen = call(model.score, X, y)
    assert_no_warnings(seen)
    assert error is not None or not math.isnan(score)


MLP_ARGUMENTS = {
    "layer_sizes": st.one_of(st.lists(st.integers(-1, 4), max_size=4), GARBAGE, st.integers()),
    "activation": st.one_of(st.sampled_from(ACTIVATION_NAMES + ["softmax", "rellu"]), GARBAGE),
    "output": st.one_of(st.sampled_from([None, "sigmoid", "softmax", "identity", "tanh"]), GARBAGE),
    "loss": st.one_of(st.sampled_from([None, *losses.LOSSES, "cross_entropy"]), GARBAGE),
    "init": st.one_of(st.sampled_from(["he", "xavier", "normal", "zeros"]), GARBAGE),
    "seed": st.one_of(st.integers(-2, 2**40), ANY_NUMBER),
    "dropout": ANY_NUMBER,
}


@PROPERTY
@given(data=st.data())
def test_mlp_settings_are_accepted_or_refused_by_name(data):
    arguments = {key: data.draw(strategy, label=key) for key, strategy in MLP_ARGUMENTS.items()}
    model, error, seen = call(MLP, **arguments)
    assert_no_warnings(seen)
    if error is not None:
        assert_clear_error(error, *arguments, "layer size")
    else:
        assert 0 <= model.dropout < 1 and len(model.layer_sizes) >= 2


FIT_ARGUMENTS = {
    "X": st.one_of(float_arrays(), other_arrays(), GARBAGE),
    "y": st.one_of(float_arrays(), other_arrays(), GARBAGE),
    "epochs": st.one_of(st.integers(-1, 3), ANY_NUMBER),
    "lr": st.one_of(st.none(), ANY_NUMBER),
    "batch_size": st.one_of(st.none(), st.integers(-1, 3), ANY_NUMBER),
    "optimizer": st.one_of(st.sampled_from(["sgd", "adam", "momentum", "adma"]), GARBAGE),
    "l2": ANY_NUMBER,
    "early_stopping": st.one_of(st.none(), st.integers(-1, 2), GARBAGE),
    "validation_data": st.one_of(st.none(), GARBAGE, st.tuples(float_arrays(), float_arrays())),
    "callback": st.one_of(st.none(), GARBAGE),
}


@PROPERTY
@given(data=st.data())
def test_fit_arguments_are_accepted_or_refused_by_name(data):
    arguments = {key: data.draw(strategy, label=key) for key, strategy in FIT_ARGUMENTS.items()}
    model = MLP([2, 3, 1], seed=0)
    history, error, seen = call(model.fit, **arguments)
    assert all(issubclass(w.category, DivergenceWarning) for w in seen), [
        str(w.message) for w in seen
    ]
    if error is not None:
        names = [*arguments, "learning rate", "X_val", "y_val"]
        assert_clear_error(error, *names)
    else:
        assert len(history) >= 1
