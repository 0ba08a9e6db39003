"""Keyword arguments as the native library's spec text: ``key=value`` lines under ``dln train``'s option names.

Numbers are written so that they parse back to the same bits (``repr`` of a float; ``Infinity``/``NaN`` spelled as
.NET reads them); sequences become comma-separated lists (alpha, u0, v0 per coordinate; a stepsize list becomes
``list:g0,g1,...``); ``None`` leaves the key out, so the core's default applies.
"""

import math
import numbers

import numpy as np

PROBLEM_KEYS = ("n", "d", "s", "nonzeros", "scale", "support", "noise", "mean", "correlation", "n_test", "data_seed")
TRAINING_KEYS = (
    "model", "alpha", "u0", "v0", "batch_size", "stepsize", "batch_mode", "seed", "label_noise", "momentum", "tolerance", "max_steps",
    "divergence_factor", "bounce_factor", "loss_check_interval", "checkpoints_per_decade", "checkpoint_every",
)


def number(x):
    """One value as the core reads it."""
    if isinstance(x, (bool, np.bool_)):
        return str(bool(x))
    if isinstance(x, numbers.Integral):
        return str(int(x))
    if isinstance(x, numbers.Real):
        x = float(x)
        if math.isnan(x):
            return "NaN"
        if math.isinf(x):
            return "Infinity" if x > 0 else "-Infinity"
        return float.__repr__(x)
    return str(x)


def value(key, x):
    if isinstance(x, str):
        if "\n" in x or "\r" in x:
            raise ValueError(f"--{key.replace('_', '-')}: got a value with a line break; give one line")
        return x
    if isinstance(x, (list, tuple, np.ndarray)):
        text = ",".join(number(v) for v in np.asarray(x).ravel().tolist())
        return "list:" + text if key == "stepsize" else text
    return number(x)


# "key=" as the spec text starts each key's line.
_PREFIX = {key: key.replace("_", "-") + "=" for key in PROBLEM_KEYS + TRAINING_KEYS}


def text(values, keys):
    """The spec lines of the given keys (those whose value is not None), as bytes."""
    parts = []
    for key in keys:
        x = values.get(key)
        if x is None:
            continue
        # The common exact types first (the same text as value() gives them), then value() for everything else.
        kind = type(x)
        if kind is float and math.isfinite(x):
            x = float.__repr__(x)
        elif kind is int:
            x = int.__repr__(x)
        elif kind is not str or "\n" in x or "\r" in x:
            x = value(key, x)
        parts.append(_PREFIX.get(key) or key.replace("_", "-") + "=")
        parts.append(x)
        parts.append("\n")
    return "".join(parts).encode("utf-8")
