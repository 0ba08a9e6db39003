/*
 * dlnlab.h: the C ABI of DlnLab's native library (src/DlnLab.Native, built with
 *   dotnet publish src/DlnLab.Native -c Release -r linux-x64
 * into python/dlnlab/_lib/libdlnlab.so). python/dlnlab is its reference caller.
 *
 * Conventions
 * - Every function but the *_free ones returns a code: 0 ok, 1 internal error, 2 bad input (as `dln`'s exit code),
 *   3 a solver did not reach its tolerance. On a code other than 0, dln_last_error gives the calling thread's
 *   message; for bad input it is the line `dln train` prints after "dln: error: " (e.g.
 *   "--batch-size: got 0; must be an integer in [1, 20]").
 * - Specs are UTF-8 text of key=value lines under `dln train`'s option names without "--": problem keys n, d, s,
 *   nonzeros, scale, support, noise, mean, correlation, n-test, data-seed; training keys model, alpha, u0, v0,
 *   batch-size, stepsize, batch-mode, seed, tolerance, max-steps, divergence-factor, bounce-factor,
 *   loss-check-interval, checkpoints-per-decade, checkpoint-every. Absent keys take the CLI's defaults; values are read as the CLI reads them.
 * - Arrays are the caller's: row-major doubles with their lengths given or implied (d, n, ...). The library
 *   allocates only handles, and the caller frees each with dln_problem_free or dln_run_free.
 * - Results are the same bits as `dln train --json` and the C# facade (DlnLab.Dln) for the same spec and seeds,
 *   whatever the thread count. The library is built for the building machine's instruction set.
 */
#ifndef DLNLAB_H
#define DLNLAB_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef void *dln_problem;
typedef void *dln_run;

/* Copies the text into buffer (NUL-terminated, cut to fit); returns its full length in bytes. */
int32_t dln_last_error(char *buffer, int32_t capacity);
int32_t dln_version(char *buffer, int32_t capacity);

/* Problems. */
int32_t dln_problem_generate(const char *spec, dln_problem *problem);
int32_t dln_problem_from_arrays(const double *x, int32_t n, int32_t d, const double *y, const double *beta_star,
                                const double *x_test, int32_t n_test, const double *y_test, double noise,
                                dln_problem *problem);
/* shape[0..3] = n, d, n_test, beta* known (0/1). */
int32_t dln_problem_shape(dln_problem problem, int64_t *shape);
/* Any buffer may be NULL (skipped). */
int32_t dln_problem_read(dln_problem problem, double *x, double *y, double *beta_star, double *x_test, double *y_test);
/* The generator's settings as key=value lines (dln train --json's spec.problem names); the length, or -code. */
int32_t dln_problem_spec(dln_problem problem, char *buffer, int32_t capacity);
void dln_problem_free(dln_problem problem);

/*
 * Training. theory: 0 none, 1 the Theorem 2.2 residual (as dln sweep stores it), 2 the whole check of dln train;
 * plus DLN_RECORD_ITERATES: the checkpoints also hold beta_k, the gain so far and the sharpness (as
 * `dln train --trajectory FILE.npz` records them; no bit of the run changes).
 */
#define DLN_RECORD_ITERATES 4
int32_t dln_train(dln_problem problem, const char *options, int32_t theory, dln_run *run);
/* count runs in parallel on up to threads threads (0: one per core); runs[i] gets run i (on problems[i]). */
int32_t dln_train_many(const dln_problem *problems, const char *const *options, int32_t count, int32_t threads,
                       int32_t theory, dln_run *runs);

/*
 * header[11]: status (0 converged, 1 budget, 2 diverged, 3 oscillating), steps, singular_steps, bounced, d,
 * checkpoints k, present-scalar mask, present-vector mask, spec text length, theory level (0/1/2), iterates
 * recorded (0/1).
 */
int32_t dln_run_header(dln_run run, int64_t *header);
/*
 * reals[15]: train_loss, test_loss, population_loss, distance_to_beta_star, gain_l1, max_loss_rise,
 *   max_step_gradient, theorem22_residual, distance_to_gradient_flow, sharpness, gd_stability_threshold,
 *   distance_without_beta_tilde0, gain_shape_cosine, wall_seconds, steps_per_second (NaN where the mask says null);
 * vectors[9 * d]: beta, gain, ln_alpha_inf_squared, beta_tilde0, alpha_inf, delta, alpha, theorem22_beta,
 *   gradient_flow_beta (NaN rows where absent);
 * steps[k] and checkpoints[k * 5] (train_loss, test_loss, gain_l1, distance_to_beta_star, sharpness: NaN
 *   unless iterates were recorded) of the trajectory;
 * spec: the resolved training options as key=value lines (not NUL-terminated). Any buffer may be NULL.
 */
int32_t dln_run_read(dln_run run, double *reals, double *vectors, int64_t *steps, double *checkpoints, char *spec);
/* beta[k * d] and gain[k * d]: the iterates at the checkpoints (NaN rows where absent; any buffer may be NULL). */
int32_t dln_run_iterates(dln_run run, double *beta, double *gain);
void dln_run_free(dln_run run);

/* Interpolators. stats: iterations, relative residual. */
int32_t dln_gradient_flow(dln_problem problem, const char *options, double *beta, double *stats);
/* stats[6]: l1 norm, duality gap, dual infeasibility, relative residual, iterations, converged. certificate[n] or NULL. */
int32_t dln_minimum_l1(dln_problem problem, double *beta, double *certificate, double *stats);
int32_t dln_minimum_l2(dln_problem problem, double *beta);

/*
 * A finished run (its arrays, each d; gain .. beta_tilde0 NULL for power:D; status as in the header) against the
 * theory: reals[6] = theorem22_residual, distance_to_gradient_flow, sharpness, gd_stability_threshold,
 * distance_without_beta_tilde0, gain_shape_cosine; the two interpolators (d);
 * *present: bits 0-5 the scalars, 6 theorem22_beta, 7 gradient_flow_beta.
 */
int32_t dln_check(dln_problem problem, const char *options, int32_t status, const double *beta, const double *gain,
                  const double *ln_alpha_inf_squared, const double *delta, const double *beta_tilde0,
                  const double *alpha, double *reals, double *theorem22_beta, double *gradient_flow_beta,
                  int64_t *present);

#ifdef __cplusplus
}
#endif

#endif
