"""The native library (libdlnlab.so, the NativeAOT build of src/DlnLab.Native) and its C ABI, through ctypes.

Every export returns a code: 0 ok, 1 internal error, 2 bad input, 3 a solver did not converge, 4 a buffer too
small; the message of the calling thread's last error is read with ``dln_last_error``. Handles (problems, runs) are
owned by Python objects here and freed with ``dln_problem_free`` / ``dln_run_free``; nothing else is allocated for
the caller.
"""

import ctypes
import os
import pathlib

import numpy as np

OK, INTERNAL, INVALID_INPUT, SOLVER_FAILED = 0, 1, 2, 3

# The layout of a run handle (src/DlnLab.Native/TrainedRun.cs).
HEADER_LENGTH = 11
REAL_NAMES = (
    "train_loss", "test_loss", "population_loss", "distance_to_beta_star", "gain_l1", "max_loss_rise",
    "max_step_gradient", "theorem22_residual", "distance_to_gradient_flow", "sharpness", "gd_stability_threshold",
    "distance_without_beta_tilde0", "gain_shape_cosine", "wall_seconds", "steps_per_second",
)
VECTOR_NAMES = (
    "beta", "gain", "ln_alpha_inf_squared", "beta_tilde0", "alpha_inf", "delta", "alpha", "theorem22_beta",
    "gradient_flow_beta",
)
CHECKPOINT_VALUES = 5
STATUS_WORDS = ("converged", "budget_exhausted", "diverged", "oscillating")
# The flag added to dln_train's theory argument that makes the checkpoints hold the iterates (DLN_RECORD_ITERATES).
RECORD_ITERATES = 4


class SolverError(RuntimeError):
    """A solver (dual Newton, simplex) did not reach its tolerance; the message says how far it got."""


def _library_path():
    override = os.environ.get("DLNLAB_LIBRARY")
    if override:
        return pathlib.Path(override)
    return pathlib.Path(__file__).resolve().parent / "_lib" / "libdlnlab.so"


def _load():
    path = _library_path()
    if not path.is_file():
        raise ImportError(
            f"dlnlab: the native library {path} is missing; build it with tools/build-python.sh "
            "(or point DLNLAB_LIBRARY at a libdlnlab.so)")
    lib = ctypes.CDLL(str(path))
    p, i32, i64, d = ctypes.c_void_p, ctypes.c_int32, ctypes.c_int64, ctypes.c_double
    pp = ctypes.POINTER(ctypes.c_void_p)
    signatures = {
        "dln_last_error": (i32, [ctypes.c_char_p, i32]),
        "dln_version": (i32, [ctypes.c_char_p, i32]),
        "dln_problem_generate": (i32, [ctypes.c_char_p, pp]),
        "dln_problem_from_arrays": (i32, [p, i32, i32, p, p, p, i32, p, d, pp]),
        "dln_problem_shape": (i32, [p, p]),
        "dln_problem_read": (i32, [p, p, p, p, p, p]),
        "dln_problem_spec": (i32, [p, ctypes.c_char_p, i32]),
        "dln_problem_free": (None, [p]),
        "dln_train": (i32, [p, ctypes.c_char_p, i32, pp]),
        "dln_train_many": (i32, [p, p, i32, i32, i32, p]),
        "dln_run_header": (i32, [p, p]),
        "dln_run_read": (i32, [p, p, p, p, p, p]),
        "dln_run_iterates": (i32, [p, p, p]),
        "dln_run_free": (None, [p]),
        "dln_gradient_flow": (i32, [p, ctypes.c_char_p, p, p]),
        "dln_minimum_l1": (i32, [p, p, p, p]),
        "dln_minimum_l2": (i32, [p, p]),
        "dln_check": (i32, [p, ctypes.c_char_p, i32, p, p, p, p, p, p, p, p, p, p]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


lib = _load()


def last_error():
    """The calling thread's last error message."""
    buffer = ctypes.create_string_buffer(1024)
    length = lib.dln_last_error(buffer, len(buffer))
    if length >= len(buffer):
        buffer = ctypes.create_string_buffer(length + 1)
        lib.dln_last_error(buffer, len(buffer))
    return buffer.value.decode("utf-8")


def check(code):
    """Raises the exception for a code other than 0: ValueError (bad input), SolverError, RuntimeError."""
    if code == OK:
        return
    message = last_error()
    if code == INVALID_INPUT:
        raise ValueError(message)
    if code == SOLVER_FAILED:
        raise SolverError(message)
    raise RuntimeError(f"dlnlab: {message} (code {code})")


def version():
    """The library's version, as ``dln --version`` gives it."""
    buffer = ctypes.create_string_buffer(64)
    lib.dln_version(buffer, len(buffer))
    return buffer.value.decode("utf-8")


def pointer(array):
    """The address of a C-contiguous float64 or int64 array (None for None)."""
    if array is None:
        return None
    return array.ctypes.data


def as_doubles(values, name, shape=None):
    """values as a C-contiguous float64 array (a copy only when needed), checked against shape."""
    array = np.ascontiguousarray(values, dtype=np.float64)
    if shape is not None and array.shape != shape:
        raise ValueError(f"{name}: has shape {array.shape}; must be {shape}")
    return array
