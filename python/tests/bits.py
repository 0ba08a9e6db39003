"""Bit-level comparison of dlnlab's numbers with the CLI's JSON (finite doubles round-trip exactly; JSON null
stands for a non-finite number or a value that does not exist)."""

import math

import numpy as np


def same_scalar(python, json_value):
    if json_value is None:
        return python is None or not math.isfinite(python)
    if isinstance(json_value, bool) or isinstance(python, str):
        return python == json_value
    return python is not None and np.float64(python).tobytes() == np.float64(json_value).tobytes()


def same_vector(python, json_value):
    if json_value is None:
        return python is None
    expected = np.array([np.nan if v is None else v for v in json_value], dtype=np.float64)
    actual = np.asarray(python, dtype=np.float64)
    if actual.shape != expected.shape:
        return False
    finite = np.isfinite(expected)
    return actual[finite].tobytes() == expected[finite].tobytes() and not np.isfinite(actual[~finite]).any()


def assert_same(python, json_value, name):
    if isinstance(json_value, list) or isinstance(python, np.ndarray):
        assert same_vector(python, json_value), f"{name}: {python!r} != {json_value!r}"
    else:
        assert same_scalar(python, json_value), f"{name}: {python!r} != {json_value!r}"
