"""Training runs through the native library: one (:func:`train`), many in parallel (:func:`train_many`), and a
finished run against the theory (:func:`check`)."""

import ctypes
import functools

import numpy as np

from . import _native, _spec
from .problem import Problem, generate
from .results import Checkpoints, Run, Spec, Theory, Timing, TrainingSpec

THEORY_LEVELS = {False: 0, "none": 0, "residual": 1, True: 2, "full": 2}


def _problem_of(problem, values):
    """The problem a call trains on: the one given, or the one its problem keywords generate (not both)."""
    if problem is None:
        return generate(**{k: values.get(k) for k in _spec.PROBLEM_KEYS})
    if not isinstance(problem, Problem):
        raise TypeError(f"problem: got {type(problem).__name__}; must be a dlnlab.Problem (from generate or Problem.from_arrays)")
    for key in _spec.PROBLEM_KEYS:
        if values.get(key) is not None:
            raise ValueError(f"--{key.replace('_', '-')}: cannot be combined with problem=; the problem is given")
    return problem


def _theory_level(theory, iterates=False):
    """dln_train's theory argument: the level, plus the record-iterates flag."""
    try:
        level = THEORY_LEVELS[theory]
    except (KeyError, TypeError):
        raise ValueError(f"theory: got {theory!r}; must be True/'full', 'residual' or False/'none'") from None
    if iterates is True:
        return level | _native.RECORD_ITERATES
    if iterates is not False:
        raise ValueError(f"iterates: got {iterates!r}; must be True or False")
    return level


def train(problem=None, *, n=None, d=None, s=None, nonzeros=None, scale=None, support=None, noise=None, mean=None,
          correlation=None, n_test=None, data_seed=None, model=None, alpha=None, u0=None, v0=None, batch_size=None,
          stepsize=None, batch_mode=None, seed=None, label_noise=None, momentum=None, tolerance=None, max_steps=None,
          divergence_factor=None, bounce_factor=None, loss_check_interval=None, checkpoints_per_decade=None, checkpoint_every=None,
          theory=True, iterates=False):
    """One (S)GD run on a diagonal linear network, as ``dln train --json`` makes it: the same bits for the same
    arguments and seeds.

    The problem is ``problem`` (a :class:`Problem`) or the one :func:`generate` makes from n, d, s, nonzeros, scale,
    support, noise, mean, correlation, n_test, data_seed. The run: model "uv" (beta = u * v, default) or "power:D" (beta = w+^D - w-^D);
    alpha > 0 (default 0.1; a number or d numbers): u0 = sqrt(2) alpha, v0 = 0 unless u0/v0 are given (numbers or
    d-vectors); batch_size b in [1, n] or "n" (GD; default 1: SGD); stepsize gamma (default 0.01), a schedule text
    ("step:G,FACTOR,EVERY", "inv:G,TAU", "list:G1,G2,...") or a sequence (list:...); batch_mode "uniform" or "epoch";
    label_noise delta >= 0 (label-noise SGD) and momentum M in [0, 1) (heavy ball), both 0 by default (plain SGD);
    seed of the batches (default 1); stop when the training loss F = 1/(2n) ||X beta - y||^2 <= tolerance (1e-5),
    after max_steps (100000), or as diverged above divergence_factor (1e8) times the initial loss; bounce_factor (2),
    loss_check_interval (0: automatic), checkpoints_per_decade (10), or a checkpoint every checkpoint_every steps
    (default 0: log-spaced). None takes the default.

    theory: True (default, as ``dln train``) adds the theory check (Theorem 2.2 residual, gradient-flow interpolator,
    sharpness, the distance without beta0~, the gain-shape cosine); "residual" only the Theorem 2.2 residual; False
    none. iterates: True records beta_k, the gain so far and the sharpness at every checkpoint (``run.trajectory``'s
    beta, gain, sharpness, as ``dln train --trajectory FILE.npz`` writes them); no bit of the run changes.

    Returns a :class:`Run`; a run that diverges is returned with status "diverged" (not raised), one that ends its
    budget bouncing with status "oscillating". Bad input raises
    ValueError with the CLI's one-line message (e.g. "--batch-size: got 0; must be an integer in [1, 20]").
    """
    values = locals()
    problem = _problem_of(problem, values)
    text = _spec.text(values, _spec.TRAINING_KEYS)
    handle = ctypes.c_void_p()
    _native.check(_native.lib.dln_train(problem._handle, text, _theory_level(theory, iterates), ctypes.byref(handle)))
    try:
        return _read_run(handle.value, problem, text)
    finally:
        _native.lib.dln_run_free(handle.value)


def train_many(runs, problem=None, *, threads=0, theory=False, iterates=False):
    """Many runs trained in parallel on up to ``threads`` threads (0: one per core), each run a dict of
    :func:`train`'s keywords (its own problem keywords, or all on ``problem``). Returns the :class:`Run` list in the
    order of ``runs``, each the same bits as :func:`train` gives it alone, whatever the thread count. Every run is
    validated before any starts. theory: as :func:`train` (default False here); iterates: as :func:`train`."""
    handles, problems, texts = _train_handles(runs, problem, threads, _theory_level(theory, iterates))
    try:
        return [_read_run(h, p, t) for h, p, t in zip(handles, problems, texts)]
    finally:
        for h in handles:
            _native.lib.dln_run_free(h)


def _train_handles(runs, problem, threads, theory):
    """Trains the runs; the run handles (the caller frees them) and the problem of each."""
    problems, texts = [], []
    for i, run in enumerate(runs):
        unknown = set(run) - set(_spec.PROBLEM_KEYS) - set(_spec.TRAINING_KEYS)
        if unknown:
            raise TypeError(f"runs[{i}]: unknown keyword {sorted(unknown)[0]!r}")
        problems.append(_problem_of(problem, run))
        texts.append(_spec.text(run, _spec.TRAINING_KEYS))
    count = len(problems)
    problem_array = (ctypes.c_void_p * count)(*[p._handle for p in problems])
    text_array = (ctypes.c_char_p * count)(*texts)
    handles = (ctypes.c_void_p * count)()
    if not isinstance(threads, int) or isinstance(threads, bool):
        raise ValueError(f"threads: got {threads!r}; must be an integer in [0, 4096]")
    _native.check(_native.lib.dln_train_many(
        ctypes.addressof(problem_array), ctypes.addressof(text_array), count, threads, theory,
        ctypes.addressof(handles)))
    return list(handles), problems, texts


_Header = ctypes.c_int64 * _native.HEADER_LENGTH
_REALS = len(_native.REAL_NAMES)
_VECTORS = len(_native.VECTOR_NAMES)
_VALUES = _native.CHECKPOINT_VALUES
_STATUS = _native.STATUS_WORDS
_run_header = _native.lib.dln_run_header
_run_read = _native.lib.dln_run_read
_new = object.__new__
# The resolved training spec of an option text on a problem of n samples: read from the library once, then reused.
_specs = {}


def _read_run(handle, problem, text):
    header = _Header()
    code = _run_header(handle, header)
    if code:
        _native.check(code)
    status, steps, singular, bounced, d, k, real_mask, vector_mask, spec_length, theory_level, iterates = header
    # One buffer for the scalars, the vectors, the checkpoints and (as int64) their steps; the run's arrays are views of it.
    vectors_at = _REALS
    checkpoints_at = vectors_at + _VECTORS * d
    steps_at = checkpoints_at + _VALUES * k
    memory = (ctypes.c_double * (steps_at + k))()
    base = ctypes.addressof(memory)
    buffer = np.frombuffer(memory)
    # The run's Spec, per problem and option text (a problem's runs share it).
    spec = problem._run_specs.get(text)
    spec_text = None if spec is not None else ctypes.create_string_buffer(spec_length)
    code = _run_read(handle, base, base + 8 * vectors_at, base + 8 * steps_at, base + 8 * checkpoints_at, spec_text)
    if code:
        _native.check(code)
    if spec is None:
        spec = _run_spec(problem, text, spec_text.raw)
    vectors = buffer[vectors_at:checkpoints_at].reshape(_VECTORS, d)
    checkpoints = buffer[checkpoints_at:steps_at].reshape(k, _VALUES).T
    r = buffer[:_REALS].tolist()
    for i in _absent(real_mask, _REALS):
        r[i] = None
    v = [None] * _VECTORS
    for i in _present(vector_mask, _VECTORS):
        v[i] = vectors[i]
    theory = None
    if theory_level:
        theory = _new(Theory)
        theory.__dict__.update(
            theorem22_residual=r[7], theorem22_beta=v[7], distance_to_gradient_flow=r[8], gradient_flow_beta=v[8],
            sharpness=r[9], gd_stability_threshold=r[10], distance_without_beta_tilde0=r[11], gain_shape_cosine=r[12],
            theorems_cover_run=spec.training.is_plain_sgd)
    trajectory = _new(Checkpoints)
    trajectory.__dict__.update(
        step=buffer[steps_at:].view(np.int64), train_loss=checkpoints[0], test_loss=checkpoints[1],
        gain_l1=checkpoints[2], distance_to_beta_star=checkpoints[3], sharpness=checkpoints[4], beta=None, gain=None)
    if iterates:
        _read_iterates(handle, trajectory, k, d)
    timing = _new(Timing)
    timing.__dict__.update(wall_seconds=r[13], steps_per_second=r[14])
    # The frozen dataclasses are filled in place of their __init__: the same fields and values, 0.3 µs against 2.1 µs
    # for a Run (the __init__ of a frozen dataclass sets each field through object.__setattr__).
    run = _new(Run)
    run.__dict__.update(
        status=_STATUS[status], steps=steps, train_loss=r[0], test_loss=r[1], population_loss=r[2],
        distance_to_beta_star=r[3], gain_l1=r[4], bounced=bool(bounced), max_loss_rise=r[5], singular_steps=singular,
        max_step_gradient=r[6], gain=v[1], beta=v[0], ln_alpha_inf_squared=v[2], beta_tilde0=v[3], alpha_inf=v[4],
        delta=v[5], alpha=v[6], theory=theory, trajectory=trajectory, spec=spec, timing=timing)
    return run


@functools.lru_cache(maxsize=None)
def _absent(mask, count):
    """The indices whose bit in mask is clear (a run's null scalars)."""
    return tuple(i for i in range(count) if not mask >> i & 1)


@functools.lru_cache(maxsize=None)
def _present(mask, count):
    """The indices whose bit in mask is set (a run's present vectors)."""
    return tuple(i for i in range(count) if mask >> i & 1)


def _read_iterates(handle, trajectory, k, d):
    """beta_k and the gain so far of a run trained with iterates=True, into its trajectory (None for an absent gain)."""
    beta, gain = np.empty((k, d)), np.empty((k, d))
    _native.check(_native.lib.dln_run_iterates(handle, beta.ctypes.data, gain.ctypes.data))
    trajectory.__dict__.update(beta=beta, gain=None if k and np.isnan(gain).all() else gain)


def _run_spec(problem, text, raw):
    """The Spec of a run on problem with the option text (the library's resolved options raw), cached on the problem."""
    key = (text, problem.n)
    training = _specs.get(key)
    if training is None:
        if len(_specs) >= 4096:
            _specs.clear()
        training = _specs[key] = _training_spec(raw)
    if len(problem._run_specs) >= 4096:
        problem._run_specs.clear()
    spec = problem._run_specs[text] = Spec(dln_version=_version(), problem=problem.spec, training=training)
    return spec


@functools.lru_cache(maxsize=1)
def _version():
    return _native.version()


def _vector_or_number(text):
    if text == "null":
        return None
    parts = text.split(",")
    return float(parts[0]) if len(parts) == 1 else np.array([float(p) for p in parts])


def _training_spec(raw):
    v = dict(line.split("=", 1) for line in raw.decode("utf-8").splitlines())
    return TrainingSpec(
        model=v["model"], u0=_vector_or_number(v["u0"]), v0=_vector_or_number(v["v0"]), alpha=_vector_or_number(v["alpha"]),
        batch_size=int(v["batch_size"]), stepsize=v["stepsize"], batch_mode=v["batch_mode"], seed=int(v["seed"]),
        tolerance=float(v["tolerance"]), max_steps=int(v["max_steps"]), divergence_factor=float(v["divergence_factor"]),
        bounce_factor=float(v["bounce_factor"]), loss_check_interval=int(v["loss_check_interval"]),
        checkpoints_per_decade=int(v["checkpoints_per_decade"]), checkpoint_every=int(v["checkpoint_every"]),
        label_noise=float(v["label_noise"]), momentum=float(v["momentum"]), effective_stepsize=float(v["effective_stepsize"]))


def check(run, problem=None):
    """A finished :class:`Run` against the theory, as ``dln train`` reports it (the same numbers as
    ``train(..., theory=True).theory``): the Theorem 2.2 interpolator argmin_{X b = y} D_{psi_{alpha_inf}}(b, beta0~)
    from the run's own alpha_inf and beta0~ and the relative distance to it (converged uv runs), the gradient-flow
    interpolator of the run's model and start and the distance to it, the sharpness and 2 / sharpness, the distance
    to argmin psi_{alpha_inf} without beta0~ and the cosine of the gain with its predicted shape. The problem
    is ``problem`` or the one the run's spec generates. Returns a :class:`Theory`."""
    if problem is None:
        p = run.spec.problem
        if p.generator is None:
            raise ValueError("problem: a run on a problem made from arrays needs that problem passed")
        problem = generate(n=p.n, d=p.d, s=p.s, nonzeros=p.nonzeros, scale=p.scale, support=p.support, noise=p.noise,
                           mean=p.mean, correlation=p.correlation, n_test=p.n_test, data_seed=p.data_seed)
    t = run.spec.training
    text = _spec.text(dict(model=t.model, alpha=t.alpha, u0=t.u0, v0=t.v0, batch_size=t.batch_size, stepsize=t.stepsize,
                           batch_mode=t.batch_mode, seed=t.seed, label_noise=t.label_noise, momentum=t.momentum, tolerance=t.tolerance, max_steps=t.max_steps,
                           divergence_factor=t.divergence_factor, bounce_factor=t.bounce_factor,
                           loss_check_interval=t.loss_check_interval,
                           checkpoints_per_decade=t.checkpoints_per_decade, checkpoint_every=t.checkpoint_every),
                      _spec.TRAINING_KEYS)
    d = problem.d
    arrays = [None if a is None else _native.as_doubles(a, name, (d,)) for name, a in (
        ("beta", run.beta), ("gain", run.gain), ("ln_alpha_inf_squared", run.ln_alpha_inf_squared), ("delta", run.delta),
        ("beta_tilde0", run.beta_tilde0), ("alpha", run.alpha))]
    reals = np.empty(6)
    theorem22_beta, gradient_flow_beta = np.empty(d), np.empty(d)
    present = ctypes.c_int64()
    _native.check(_native.lib.dln_check(
        problem._handle, text, _native.STATUS_WORDS.index(run.status), *[_native.pointer(a) for a in arrays],
        reals.ctypes.data, theorem22_beta.ctypes.data, gradient_flow_beta.ctypes.data, ctypes.addressof(present)))
    mask = present.value
    r = [x if mask >> i & 1 else None for i, x in enumerate(reals.tolist())]
    return Theory(theorem22_residual=r[0], theorem22_beta=theorem22_beta if mask >> 6 & 1 else None,
                  distance_to_gradient_flow=r[1], gradient_flow_beta=gradient_flow_beta if mask >> 7 & 1 else None,
                  sharpness=r[2], gd_stability_threshold=r[3], distance_without_beta_tilde0=r[4],
                  gain_shape_cosine=r[5], theorems_cover_run=t.is_plain_sgd)
