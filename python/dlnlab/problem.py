"""Regression problems: generated (the report's sparse regression) or made from arrays, held by the native library."""

import ctypes
import functools

import numpy as np

from . import _native, _spec
from .results import ProblemSpec


class Problem:
    """A regression problem y = X beta* (+ noise) held by the native library: X (n x d), y (n), and when known beta*
    and a test set. Make one with :func:`generate` or :meth:`Problem.from_arrays`; its arrays are read back on first use
    (``problem.X``, ``problem.y``, ``problem.beta_star``, ``problem.X_test``, ``problem.y_test``)."""

    def __init__(self, handle, spec):
        self._handle = handle
        self.spec = spec
        """The :class:`ProblemSpec` of the problem (``spec.problem`` of a run trained on it)."""
        shape = np.zeros(4, dtype=np.int64)
        _native.check(_native.lib.dln_problem_shape(handle, shape.ctypes.data))
        self.n, self.d, self.n_test, has_beta_star = (int(v) for v in shape)
        self._has_beta_star = bool(has_beta_star)
        self._arrays = None
        self._run_specs = {}  # option text -> the Spec of a run on this problem (training._read_run)

    @classmethod
    def from_arrays(cls, X, y, beta_star=None, X_test=None, y_test=None, noise=0.0):
        """A problem from the design X (n x d), the labels y (n), optionally beta* (d) and a test set X_test, y_test
        (both or neither); noise is the label-noise standard deviation, recorded for the population loss. The arrays
        are copied; a bad shape or a non-finite entry raises ValueError."""
        X = _native.as_doubles(X, "X")
        if X.ndim != 2:
            raise ValueError(f"X: has {X.ndim} dimensions; must be a matrix (n x d)")
        n, d = X.shape
        # Shapes are checked here (the library reads the lengths X implies), with the core's messages.
        y = _native.as_doubles(y, "y").ravel()
        if len(y) != n:
            raise ValueError(f"y: has {len(y)} entries but X has {n} rows; they must match")
        if beta_star is not None:
            beta_star = _native.as_doubles(beta_star, "beta*").ravel()
            if len(beta_star) != d:
                raise ValueError(f"beta*: has {len(beta_star)} entries but X has {d} columns; they must match")
        if (X_test is None) != (y_test is None):
            raise ValueError("test set: needs both X_test and y_test, or neither")
        n_test = 0
        if X_test is not None:
            X_test = _native.as_doubles(X_test, "X_test")
            if X_test.ndim != 2 or X_test.shape[1] != d:
                raise ValueError(f"X_test: has shape {X_test.shape}; must have {d} columns as X has")
            n_test = X_test.shape[0]
            y_test = _native.as_doubles(y_test, "y_test").ravel()
            if len(y_test) != n_test:
                raise ValueError(f"y_test: has {len(y_test)} entries but X_test has {n_test} rows; they must match")
        handle = ctypes.c_void_p()
        _native.check(_native.lib.dln_problem_from_arrays(
            _native.pointer(X), n, d, _native.pointer(y), _native.pointer(beta_star), _native.pointer(X_test), n_test,
            _native.pointer(y_test), float(noise), ctypes.byref(handle)))
        return cls(handle.value, ProblemSpec(n=n, d=d, data="arrays"))

    def _read(self):
        if self._arrays is None:
            X = np.empty((self.n, self.d))
            y = np.empty(self.n)
            beta_star = np.empty(self.d) if self._has_beta_star else None
            X_test = np.empty((self.n_test, self.d)) if self.n_test else None
            y_test = np.empty(self.n_test) if self.n_test else None
            _native.check(_native.lib.dln_problem_read(
                self._handle, _native.pointer(X), _native.pointer(y), _native.pointer(beta_star), _native.pointer(X_test),
                _native.pointer(y_test)))
            for array in (X, y, beta_star, X_test, y_test):
                if array is not None:
                    array.setflags(write=False)
            self._arrays = (X, y, beta_star, X_test, y_test)
        return self._arrays

    @property
    def X(self):
        """The training design X (n x d), one sample per row (read-only)."""
        return self._read()[0]

    @property
    def y(self):
        """The training labels y (n)."""
        return self._read()[1]

    @property
    def beta_star(self):
        """The planted beta* (d), or None when unknown."""
        return self._read()[2]

    @property
    def X_test(self):
        """The test design (n_test x d), or None."""
        return self._read()[3]

    @property
    def y_test(self):
        """The test labels (n_test), or None."""
        return self._read()[4]

    def __repr__(self):
        return f"Problem(n={self.n}, d={self.d}, n_test={self.n_test}, spec={self.spec!r})"

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle and _native is not None and _native.lib is not None:
            _native.lib.dln_problem_free(handle)


def generate(n=None, d=None, s=None, nonzeros=None, scale=None, support=None, noise=None, mean=None, correlation=None,
             n_test=None, data_seed=None):
    """The Gaussian sparse-regression problem of the report, as ``dln train`` generates it from its options: X with
    rows x ~ N(mean 1, Sigma), Sigma_ij = correlation^|i-j| (n x d, default 20 x 30; mean a finite number, default 0;
    correlation in (-1, 1), default 0: i.i.d. N(0, 1) entries), beta* with s nonzeros (default 3) drawn from nonzeros
    ("gaussian" N(0, scale^2), "rademacher", "uniform", "constant"; scale default 10) placed by support ("random" or
    "leading"), y = X beta* + noise N(0, noise^2) (default 0), and a test set of n_test points (default 1000); a pure
    function of data_seed (default 1). None takes the default. Bad values raise ValueError with the CLI's message.
    The same arguments give the same problem object (it is immutable)."""
    values = dict(n=n, d=d, s=s, nonzeros=nonzeros, scale=scale, support=support, noise=noise, mean=mean,
                  correlation=correlation, n_test=n_test, data_seed=data_seed)
    return _generated(_spec.text(values, _spec.PROBLEM_KEYS))


@functools.lru_cache(maxsize=64)
def _generated(text):
    handle = ctypes.c_void_p()
    _native.check(_native.lib.dln_problem_generate(text, ctypes.byref(handle)))
    problem = Problem(handle.value, None)
    buffer = ctypes.create_string_buffer(512)
    length = _native.lib.dln_problem_spec(handle.value, buffer, len(buffer))
    if length < 0:
        _native.check(-length)
    values = dict(line.split("=", 1) for line in buffer.value.decode("utf-8").splitlines())
    problem.spec = ProblemSpec(
        n=problem.n, d=problem.d, generator="sparse-regression", s=int(values["s"]), nonzeros=values["nonzeros"],
        scale=float(values["scale"]), support=values["support"], noise=float(values["noise"]),
        mean=float(values["mean"]), correlation=float(values["correlation"]), n_test=int(values["n_test"]), data_seed=int(values["data_seed"]))
    return problem
