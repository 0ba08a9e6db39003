"""A grid of runs trained in parallel, returned as a table of numpy arrays (:func:`sweep`)."""

import ctypes
import itertools

import numpy as np

from . import _native, _spec
from .training import _theory_level, _train_handles

SCALARS = ("steps", "singular_steps", "bounced") + _native.REAL_NAMES
VECTORS = _native.VECTOR_NAMES[:7]


class Sweep:
    """A table of runs: one numpy array per column, one entry (or row) per run, in grid order (the last axis
    varying fastest). Columns: each axis given (its value per run), status (str), steps, singular_steps, bounced,
    the scalars of a :class:`Run` (train_loss, test_loss, ..., theorem22_residual, wall_seconds; nan where null)
    and, when every run has the same d, the vectors as runs x d matrices (beta, gain, ln_alpha_inf_squared,
    beta_tilde0, alpha_inf, delta, alpha; nan rows for power:D). ``sweep["test_loss"]`` or ``sweep.test_loss``."""

    def __init__(self, columns):
        self.columns = columns
        """The columns, by name."""

    @property
    def names(self):
        """The column names."""
        return list(self.columns)

    def __getitem__(self, name):
        return self.columns[name]

    def __getattr__(self, name):
        try:
            return self.__dict__["columns"][name]
        except KeyError:
            raise AttributeError(name) from None

    def __len__(self):
        return len(self.columns["status"])

    def __repr__(self):
        return f"Sweep({len(self)} runs; columns {', '.join(self.columns)})"


def sweep(problem=None, *, threads=0, theory="residual", **axes):
    """Trains the grid of every combination of the keyword values given as lists (tuples, ranges, 1-d arrays):
    any of :func:`train`'s keywords, problem keywords included (e.g. ``data_seed=range(1, 6)`` for five datasets,
    ``stepsize=np.geomspace(1e-3, 1e-1, 10)``, ``batch_size=[1, "n"]``, ``seed=range(10)``); a keyword given a single
    value applies to every run (a per-coordinate alpha, u0 or v0 as an axis value: wrap it, ``alpha=[vector]``).
    Runs train in parallel on ``threads`` threads (0: one per core), each the same bits as :func:`train` gives it.
    theory: "residual" (default, as ``dln sweep`` stores it) adds the Theorem 2.2 residual, "full" the whole check
    (its scalars), "none" nothing. Runs record no trajectory checkpoints unless checkpoints_per_decade is given (as
``dln sweep``: the checkpoints' loss evaluations can stop a run at another step). Returns a :class:`Sweep`."""
    known = set(_spec.PROBLEM_KEYS) | set(_spec.TRAINING_KEYS)
    for key in axes:
        if key not in known:
            raise TypeError(f"unknown keyword {key!r}; the sweep keywords are {', '.join(sorted(known))}")
    names, levels = [], []
    fixed = {}
    for key, value in axes.items():
        if isinstance(value, (list, tuple, range)) or (isinstance(value, np.ndarray) and value.ndim == 1):
            names.append(key)
            levels.append(list(value))
        else:
            fixed[key] = value
    grid = list(itertools.product(*levels))
    fixed.setdefault("checkpoints_per_decade", 0)
    runs = [{**fixed, **dict(zip(names, point))} for point in grid]
    handles, problems, _ = _train_handles(runs, problem, threads, _theory_level(theory))
    try:
        return Sweep(_table(handles, problems, names, grid))
    finally:
        for h in handles:
            _native.lib.dln_run_free(h)


def _table(handles, problems, names, grid):
    count = len(handles)
    columns = {}
    for i, name in enumerate(names):
        values = [point[i] for point in grid]
        try:
            columns[name] = np.array(values)
        except ValueError:
            columns[name] = np.array(values, dtype=object)
    status = np.empty(count, dtype="U11")
    ints = np.empty((count, 3), dtype=np.int64)
    reals = np.empty((count, len(_native.REAL_NAMES)))
    ds = {p.d for p in problems}
    d = ds.pop() if len(ds) == 1 else None
    vectors = np.empty((count, len(_native.VECTOR_NAMES), d)) if d is not None else None
    header = np.empty(_native.HEADER_LENGTH, dtype=np.int64)
    for i, handle in enumerate(handles):
        _native.check(_native.lib.dln_run_header(handle, header.ctypes.data))
        h = header.tolist()
        status[i] = _native.STATUS_WORDS[h[0]]
        ints[i] = (h[1], h[2], h[3])
        row = reals[i]
        _native.check(_native.lib.dln_run_read(
            handle, row.ctypes.data, None if vectors is None else vectors[i].ctypes.data, None, None, None))
        for j in range(len(_native.REAL_NAMES)):
            if not h[6] >> j & 1:
                row[j] = np.nan
    columns["status"] = status
    columns["steps"] = ints[:, 0]
    columns["singular_steps"] = ints[:, 1]
    columns["bounced"] = ints[:, 2].astype(bool)
    for j, name in enumerate(_native.REAL_NAMES):
        columns[name] = reals[:, j]
    if vectors is not None:
        for j, name in enumerate(VECTORS):
            columns[name] = vectors[:, j, :]
    return columns
