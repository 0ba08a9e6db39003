"""dlnlab: diagonal linear networks trained with (S)GD, and the interpolators the theory predicts, from Python.

A pure-Python package over DlnLab's native library (libdlnlab.so, a NativeAOT build of the C# core) through
ctypes and numpy: the same bits as ``dln train`` and the C# ``Dln`` facade for the same spec and seeds.

>>> import dlnlab
>>> r = dlnlab.train(n=20, d=30, s=3, alpha=0.1, batch_size=1, stepsize=0.01, seed=1)
>>> r.status, r.steps, r.test_loss, r.gain_l1           # doctest: +SKIP
>>> table = dlnlab.sweep(stepsize=[0.005, 0.01, 0.02], data_seed=range(1, 4), batch_size=1)
>>> table["test_loss"]                                   # doctest: +SKIP

Functions: :func:`generate` (a problem), :func:`train`, :func:`train_many`, :func:`sweep`, :func:`check`,
:func:`gradient_flow`, :func:`minimum_l1`, :func:`minimum_l2`. Bad input raises ValueError with the message the
CLI prints; a solver that does not converge raises :class:`SolverError`.
"""

from ._native import SolverError, version as _native_version
from .problem import Problem, generate
from .results import Checkpoints, ProblemSpec, Run, Spec, Theory, Timing, TrainingSpec
from .solvers import GradientFlowSolution, MinimumL1Solution, gradient_flow, minimum_l1, minimum_l2
from .sweep import Sweep, sweep
from .training import check, train, train_many

__version__ = _native_version()

__all__ = [
    "Checkpoints", "GradientFlowSolution", "MinimumL1Solution", "Problem", "ProblemSpec", "Run", "SolverError", "Spec",
    "Sweep", "Theory", "Timing", "TrainingSpec", "check", "generate", "gradient_flow", "minimum_l1", "minimum_l2",
    "sweep", "train", "train_many",
]
