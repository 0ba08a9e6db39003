/*
 * The C yardstick: the same (S)GD step as DlnLab's single-run path, single-threaded, for gcc -O3 -march=native
 * -ffp-contract=off (bench/run.sh builds it). The model is beta = u ⊙ v in the rotated form of MATH.md: w+ and w-
 * each held as a stored value times a power of two, w+ *= 1 - t, w- *= 1 + t, S += t, beta = (w+^2 4^e+ - w-^2 4^e-)/2
 * with t = gamma g, renormalised every 32 steps. Batches are drawn as the engine draws them (xoshiro256** seeded by
 * SplitMix64, Lemire's bounded draw, a partial Fisher-Yates shuffle of one permutation; b = n is 0..n-1 in order), and
 * every sum is taken in the engine's canonical order (8-lane chunks, one accumulator up to 64 doubles, four above,
 * lanes combined as (l0+l4 + l1+l5) + (l2+l6 + l3+l7)), with fused multiply-adds where the engine has them and
 * nowhere else (hence -ffp-contract=off), so a run here gives the same bits as `dln train` on the same data.
 * The loss is evaluated on the engine's schedule: every step for GD (from the gradient pass), every 16 ceil(n/b)
 * steps and at the end otherwise; max |gamma g| is kept per step as the engine keeps it.
 *
 * Usage:
 *   yardstick time DIR B GAMMA STEPS SEED ALPHA   one JSON line: steps per second of whole runs (best and mean)
 *   yardstick beta DIR B GAMMA STEPS SEED ALPHA   one JSON line: the run's final beta (17 significant digits)
 * DIR holds X.npy (n x d) and y.npy (n), little-endian float64 in C order, as `dln train --data DIR` reads them.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif

/* ---- eight doubles: one 512-bit register, two 256-bit ones, or eight scalars, the same roundings in each ---- */
typedef double oct __attribute__((vector_size(64), aligned(64)));

static inline oct ld(const double *p) { oct v; memcpy(&v, p, sizeof v); return v; }
static inline void st(double *p, oct v) { memcpy(p, &v, sizeof v); }
static inline oct splat(double x) { return (oct){x, x, x, x, x, x, x, x}; }

static inline oct vfma(oct a, oct b, oct c)
{
#if defined(__AVX512F__)
    return (oct)_mm512_fmadd_pd((__m512d)a, (__m512d)b, (__m512d)c);
#else
    oct r;
    for (int i = 0; i < 8; i++) r[i] = fma(a[i], b[i], c[i]);
    return r;
#endif
}

static inline oct vmaxabs(oct m, oct t)
{
#if defined(__AVX512F__)
    return (oct)_mm512_max_pd((__m512d)m, _mm512_abs_pd((__m512d)t));
#else
    oct r;
    for (int i = 0; i < 8; i++) { double a = fabs(t[i]); r[i] = m[i] > a ? m[i] : a; }
    return r;
#endif
}

static inline double sum_lanes(oct s)
{
    double t0 = s[0] + s[4], t1 = s[1] + s[5], t2 = s[2] + s[6], t3 = s[3] + s[7];
    return (t0 + t1) + (t2 + t3);
}

static inline double max_lanes(oct s)
{
    double m = s[0];
    for (int i = 1; i < 8; i++) m = s[i] > m ? s[i] : m;
    return m;
}

#define SHORT_LENGTH 64
#define RENORMALIZE_EVERY 32
#define RANGE_EXPONENT 128

/* <a, b> in the canonical order. */
static double dot(const double *a, const double *b, size_t n)
{
    oct s0 = splat(0);
    if (n <= SHORT_LENGTH) {
        for (size_t i = 0; i < n; i += 8) s0 = vfma(ld(a + i), ld(b + i), s0);
        return sum_lanes(s0);
    }
    oct s1 = splat(0), s2 = splat(0), s3 = splat(0);
    size_t k = 0;
    for (; k + 32 <= n; k += 32) {
        s0 = vfma(ld(a + k), ld(b + k), s0);
        s1 = vfma(ld(a + k + 8), ld(b + k + 8), s1);
        s2 = vfma(ld(a + k + 16), ld(b + k + 16), s2);
        s3 = vfma(ld(a + k + 24), ld(b + k + 24), s3);
    }
    if (k < n) s0 = vfma(ld(a + k), ld(b + k), s0);
    if (k + 8 < n) s1 = vfma(ld(a + k + 8), ld(b + k + 8), s1);
    if (k + 16 < n) s2 = vfma(ld(a + k + 16), ld(b + k + 16), s2);
    return sum_lanes((s0 + s1) + (s2 + s3));
}

/* ---- the random numbers ---- */
static uint64_t mix(uint64_t z)
{
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

typedef struct { uint64_t s0, s1, s2, s3; } xoshiro;

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t next_u64(xoshiro *r)
{
    uint64_t result = rotl(r->s1 * 5, 7) * 9, t = r->s1 << 17;
    r->s2 ^= r->s0; r->s3 ^= r->s1; r->s1 ^= r->s2; r->s0 ^= r->s3; r->s2 ^= t; r->s3 = rotl(r->s3, 45);
    return result;
}

static inline int next_below(xoshiro *r, int bound)
{
    uint64_t s = (uint64_t)bound;
    unsigned __int128 m = (unsigned __int128)next_u64(r) * s;
    uint64_t low = (uint64_t)m;
    if (low < s) {
        uint64_t threshold = (0 - s) % s;
        while (low < threshold) { m = (unsigned __int128)next_u64(r) * s; low = (uint64_t)m; }
    }
    return (int)(m >> 64);
}

/* ---- the problem and the state ---- */
typedef struct { int n, d; size_t stride; double *x, *y; } design;

typedef struct {
    size_t stride; int d;
    double *wp, *wm, *sum, *pl, *mi, *beta;
    int *ep, *em;
} state;

static double *aligned_doubles(size_t count)
{
    double *p = aligned_alloc(64, ((count * sizeof(double) + 63) / 64) * 64);
    if (!p) { fprintf(stderr, "yardstick: out of memory\n"); exit(1); }
    memset(p, 0, count * sizeof(double));
    return p;
}

static void renormalize_one(double *w, int *exponent, double *scale_squared)
{
    double a = fabs(*w);
    if (a == 0 || !isfinite(a)) return;
    int e = ilogb(a);
    if (e > -RANGE_EXPONENT && e < RANGE_EXPONENT) return;
    *w = scalbn(*w, -e);
    *exponent += e;
    int c = *exponent < -1100 ? -1100 : *exponent > 1100 ? 1100 : *exponent;
    *scale_squared = scalbn(1.0, 2 * c);
}

static int in_range(const double *w)
{
    static double lowest, beyond;
    if (lowest == 0) { lowest = scalbn(1.0, 1 - RANGE_EXPONENT); beyond = scalbn(1.0, RANGE_EXPONENT); }
    for (int i = 0; i < 8; i++) { double a = fabs(w[i]); if (!(a >= lowest && a < beyond)) return 0; }
    return 1;
}

static void renormalize(state *s)
{
    for (int c = 0; c < s->d; c += 8) {
        if (in_range(s->wp + c) && in_range(s->wm + c)) continue;
        for (int i = c; i < c + 8 && i < s->d; i++) {
            renormalize_one(&s->wp[i], &s->ep[i], &s->pl[i]);
            renormalize_one(&s->wm[i], &s->em[i], &s->mi[i]);
        }
    }
}

static void state_init(state *s, size_t stride, int d, double alpha)
{
    s->stride = stride; s->d = d;
    s->wp = aligned_doubles(stride); s->wm = aligned_doubles(stride); s->sum = aligned_doubles(stride);
    s->pl = aligned_doubles(stride); s->mi = aligned_doubles(stride); s->beta = aligned_doubles(stride);
    s->ep = calloc(stride, sizeof(int)); s->em = calloc(stride, sizeof(int));
    for (size_t i = 0; i < stride; i++) {
        s->wp[i] = s->wm[i] = (int)i < d ? alpha : 1;
        s->pl[i] = s->mi[i] = 1;
    }
    renormalize(s);
    for (int i = 0; i < d; i++) s->beta[i] = 0.5 * (s->wp[i] * s->wp[i] * s->pl[i] - s->wm[i] * s->wm[i] * s->mi[i]);
}

static void state_free(state *s)
{
    free(s->wp); free(s->wm); free(s->sum); free(s->pl); free(s->mi); free(s->beta); free(s->ep); free(s->em);
}

/* The rotated update of coordinates [i, i + 8) with step t; returns their new beta. */
static inline oct step_chunk(state *s, size_t i, oct t)
{
    oct wp = ld(s->wp + i) * (splat(1.0) - t);
    oct wm = ld(s->wm + i) * (splat(1.0) + t);
    st(s->wp + i, wp);
    st(s->wm + i, wm);
    st(s->sum + i, ld(s->sum + i) + t);
    oct beta = splat(0.5) * (wp * wp * ld(s->pl + i) - wm * wm * ld(s->mi + i));
    st(s->beta + i, beta);
    return beta;
}

/* Four rows' <x_r, b> in one pass over b (each chunk of b loaded once), each in the canonical order of dot(). */
static void dot4(const double *x0, const double *x1, const double *x2, const double *x3, const double *b, size_t n, double out[4])
{
    if (n <= SHORT_LENGTH) {
        out[0] = dot(x0, b, n); out[1] = dot(x1, b, n); out[2] = dot(x2, b, n); out[3] = dot(x3, b, n);
        return;
    }
    oct a0 = splat(0), a1 = splat(0), a2 = splat(0), a3 = splat(0), c0 = splat(0), c1 = splat(0), c2 = splat(0), c3 = splat(0);
    oct e0 = splat(0), e1 = splat(0), e2 = splat(0), e3 = splat(0), f0 = splat(0), f1 = splat(0), f2 = splat(0), f3 = splat(0);
    size_t k = 0;
    for (; k + 32 <= n; k += 32) {
        oct b0 = ld(b + k), b1 = ld(b + k + 8), b2 = ld(b + k + 16), b3 = ld(b + k + 24);
        a0 = vfma(ld(x0 + k), b0, a0); c0 = vfma(ld(x1 + k), b0, c0); e0 = vfma(ld(x2 + k), b0, e0); f0 = vfma(ld(x3 + k), b0, f0);
        a1 = vfma(ld(x0 + k + 8), b1, a1); c1 = vfma(ld(x1 + k + 8), b1, c1); e1 = vfma(ld(x2 + k + 8), b1, e1); f1 = vfma(ld(x3 + k + 8), b1, f1);
        a2 = vfma(ld(x0 + k + 16), b2, a2); c2 = vfma(ld(x1 + k + 16), b2, c2); e2 = vfma(ld(x2 + k + 16), b2, e2); f2 = vfma(ld(x3 + k + 16), b2, f2);
        a3 = vfma(ld(x0 + k + 24), b3, a3); c3 = vfma(ld(x1 + k + 24), b3, c3); e3 = vfma(ld(x2 + k + 24), b3, e3); f3 = vfma(ld(x3 + k + 24), b3, f3);
    }
    if (k < n) { oct bt = ld(b + k); a0 = vfma(ld(x0 + k), bt, a0); c0 = vfma(ld(x1 + k), bt, c0); e0 = vfma(ld(x2 + k), bt, e0); f0 = vfma(ld(x3 + k), bt, f0); }
    k += 8;
    if (k < n) { oct bt = ld(b + k); a1 = vfma(ld(x0 + k), bt, a1); c1 = vfma(ld(x1 + k), bt, c1); e1 = vfma(ld(x2 + k), bt, e1); f1 = vfma(ld(x3 + k), bt, f1); }
    k += 8;
    if (k < n) { oct bt = ld(b + k); a2 = vfma(ld(x0 + k), bt, a2); c2 = vfma(ld(x1 + k), bt, c2); e2 = vfma(ld(x2 + k), bt, e2); f2 = vfma(ld(x3 + k), bt, f2); }
    out[0] = sum_lanes((a0 + a1) + (a2 + a3));
    out[1] = sum_lanes((c0 + c1) + (c2 + c3));
    out[2] = sum_lanes((e0 + e1) + (e2 + e3));
    out[3] = sum_lanes((f0 + f1) + (f2 + f3));
}

/* The gradient sum for rows of `chunks` octets (1 to 4): beta and g stay in registers for the whole batch. */
static inline __attribute__((always_inline)) double gradient_sum_short(const design *x, const int *batch, int b, const double *beta,
                                                                      double *g, const int chunks)
{
    oct bv[4], gv[4];
    for (int c = 0; c < chunks; c++) { bv[c] = ld(beta + 8 * c); gv[c] = splat(0); }
    double squares = 0;
    for (int m = 0; m < b; m++) {
        const double *row = x->x + (size_t)batch[m] * 8 * chunks;
        oct xv[4], acc = splat(0);
        for (int c = 0; c < chunks; c++) { xv[c] = ld(row + 8 * c); acc = vfma(xv[c], bv[c], acc); }
        double r = sum_lanes(acc) - x->y[batch[m]];
        squares += r * r;
        oct vr = splat(r);
        for (int c = 0; c < chunks; c++) gv[c] = vfma(vr, xv[c], gv[c]);
    }
    for (int c = 0; c < chunks; c++) st(g + 8 * c, gv[c]);
    return squares;
}

/* The GD / mini-batch step's direction: g = sum_j r_j x_j over the batch in its order; returns sum_j r_j^2. Long rows
   four at a time: one pass over beta for their four dots, then g read and written once for the four (the four FMAs
   in row order on one register round as four axpy passes would). */
static double gradient_sum(const design *x, const int *batch, int b, const double *beta, double *g)
{
    size_t n = x->stride;
    switch (n) {
    case 8: return gradient_sum_short(x, batch, b, beta, g, 1);
    case 16: return gradient_sum_short(x, batch, b, beta, g, 2);
    case 24: return gradient_sum_short(x, batch, b, beta, g, 3);
    case 32: return gradient_sum_short(x, batch, b, beta, g, 4);
    }
    memset(g, 0, n * sizeof(double));
    double squares = 0;
    int m = 0;
    for (; m + 4 <= b; m += 4) {
        const double *x0 = x->x + (size_t)batch[m] * n, *x1 = x->x + (size_t)batch[m + 1] * n;
        const double *x2 = x->x + (size_t)batch[m + 2] * n, *x3 = x->x + (size_t)batch[m + 3] * n;
        double dots[4];
        dot4(x0, x1, x2, x3, beta, n, dots);
        double r0 = dots[0] - x->y[batch[m]], r1 = dots[1] - x->y[batch[m + 1]];
        double r2 = dots[2] - x->y[batch[m + 2]], r3 = dots[3] - x->y[batch[m + 3]];
        squares += r0 * r0; squares += r1 * r1; squares += r2 * r2; squares += r3 * r3;
        oct v0 = splat(r0), v1 = splat(r1), v2 = splat(r2), v3 = splat(r3);
        for (size_t i = 0; i < n; i += 8) {
            oct gi = ld(g + i);
            gi = vfma(v0, ld(x0 + i), gi);
            gi = vfma(v1, ld(x1 + i), gi);
            gi = vfma(v2, ld(x2 + i), gi);
            gi = vfma(v3, ld(x3 + i), gi);
            st(g + i, gi);
        }
    }
    for (; m < b; m++) {
        const double *row = x->x + (size_t)batch[m] * n;
        double r = dot(row, beta, n) - x->y[batch[m]];
        squares += r * r;
        oct vr = splat(r);
        for (size_t i = 0; i < n; i += 8) st(g + i, vfma(vr, ld(row + i), ld(g + i)));
    }
    return squares;
}

/* The update with t = scale * direction; returns max_i |t_i|. */
static double update(const double *direction, double scale, state *s)
{
    oct vs = splat(scale), maxt = splat(0);
    for (size_t i = 0; i < s->stride; i += 8) {
        oct t = vs * ld(direction + i);
        step_chunk(s, i, t);
        maxt = vmaxabs(maxt, t);
    }
    return max_lanes(maxt);
}

/* The b = 1 step on row x with t = scale x, returning <x_next, beta'> in the canonical order, in the same pass. */
static double single_sample_step(const double *row, double scale, const double *next, state *s, double *max_step)
{
    size_t n = s->stride;
    oct vs = splat(scale), maxt = splat(0), s0 = splat(0);
    if (n <= SHORT_LENGTH) {
        for (size_t i = 0; i < n; i += 8) {
            oct t = vs * ld(row + i);
            s0 = vfma(ld(next + i), step_chunk(s, i, t), s0);
            maxt = vmaxabs(maxt, t);
        }
        *max_step = max_lanes(maxt);
        return sum_lanes(s0);
    }
    oct s1 = splat(0), s2 = splat(0), s3 = splat(0);
    for (size_t k = 0; k < n; k += 32) {
        oct t = vs * ld(row + k);
        s0 = vfma(ld(next + k), step_chunk(s, k, t), s0);
        maxt = vmaxabs(maxt, t);
        if (k + 8 >= n) break;
        t = vs * ld(row + k + 8);
        s1 = vfma(ld(next + k + 8), step_chunk(s, k + 8, t), s1);
        maxt = vmaxabs(maxt, t);
        if (k + 16 >= n) break;
        t = vs * ld(row + k + 16);
        s2 = vfma(ld(next + k + 16), step_chunk(s, k + 16, t), s2);
        maxt = vmaxabs(maxt, t);
        if (k + 24 >= n) break;
        t = vs * ld(row + k + 24);
        s3 = vfma(ld(next + k + 24), step_chunk(s, k + 24, t), s3);
        maxt = vmaxabs(maxt, t);
    }
    *max_step = max_lanes(maxt);
    return sum_lanes((s0 + s1) + (s2 + s3));
}

static double full_loss(const design *x, const double *beta)
{
    double sum = 0;
    for (int i = 0; i < x->n; i++) {
        double r = dot(x->x + (size_t)i * x->stride, beta, x->stride) - x->y[i];
        sum += r * r;
    }
    return sum / (2.0 * x->n);
}

typedef struct { long steps; double loss, max_step; long singular; } outcome;

/* One run of `steps` steps (tolerance 0: no early stop but divergence, as the engine's monitor). */
static outcome train(const design *x, int b, double gamma, long steps, uint64_t seed, double alpha, state *s)
{
    outcome o = {0, 0, 0, 0};
    state_init(s, x->stride, x->d, alpha);
    int n = x->n;
    int *perm = malloc(sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++) perm[i] = i;
    xoshiro rng = {mix(seed), mix(seed + 1), mix(seed + 2), mix(seed + 3)};
    double *g = aligned_doubles(x->stride);
    long check = b == n ? 1 : 16L * ((n + b - 1) / b);
    double loss0;
    if (b == n) {
        double sq = gradient_sum(x, perm, n, s->beta, g);
        loss0 = o.loss = sq / (2.0 * n);
        for (long k = 0; k < steps; k++) {
            double m = update(g, gamma / n, s);
            if (m >= 1) o.singular++;
            if (m > o.max_step || isnan(m)) o.max_step = m;
            if ((k + 1) % RENORMALIZE_EVERY == 0) renormalize(s);
            o.loss = gradient_sum(x, perm, n, s->beta, g) / (2.0 * n);
            o.steps = k + 1;
            if (!isfinite(o.loss) || o.loss > 1e8 * loss0) break;
        }
    } else if (b == 1) {
        loss0 = o.loss = full_loss(x, s->beta);
        int j = next_below(&rng, n), cur = perm[j];
        perm[j] = perm[0]; perm[0] = cur;
        double dotc = dot(x->x + (size_t)cur * x->stride, s->beta, x->stride);
        long k = 0;
        while (k < steps) {
            long until = k + check < steps ? k + check : steps;
            for (; k < until;) {
                j = next_below(&rng, n);
                int next = perm[j];
                perm[j] = perm[0]; perm[0] = next;
                double m;
                dotc = single_sample_step(x->x + (size_t)cur * x->stride, gamma * (dotc - x->y[cur]),
                                          x->x + (size_t)next * x->stride, s, &m);
                cur = next;
                if (m >= 1) o.singular++;
                if (m > o.max_step || isnan(m)) o.max_step = m;
                k++;
                if (k % RENORMALIZE_EVERY == 0) renormalize(s);
            }
            o.loss = full_loss(x, s->beta);
            o.steps = k;
            if (!isfinite(o.loss) || o.loss > 1e8 * loss0) break;
        }
    } else {
        loss0 = o.loss = full_loss(x, s->beta);
        long k = 0;
        while (k < steps) {
            long until = k + check < steps ? k + check : steps;
            for (; k < until; k++) {
                for (int i = 0; i < b; i++) {
                    int jj = i + next_below(&rng, n - i);
                    int t = perm[i]; perm[i] = perm[jj]; perm[jj] = t;
                }
                gradient_sum(x, perm, b, s->beta, g);
                double m = update(g, gamma / b, s);
                if (m >= 1) o.singular++;
                if (m > o.max_step || isnan(m)) o.max_step = m;
                if ((k + 1) % RENORMALIZE_EVERY == 0) renormalize(s);
            }
            o.loss = full_loss(x, s->beta);
            o.steps = k;
            if (!isfinite(o.loss) || o.loss > 1e8 * loss0) break;
        }
    }
    free(g);
    free(perm);
    return o;
}

/* ---- .npy input (float64, C order, version 1 or 2) ---- */
static double *read_npy(const char *path, int *rows, int *cols)
{
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "yardstick: cannot open %s\n", path); exit(2); }
    unsigned char magic[8];
    if (fread(magic, 1, 8, f) != 8 || memcmp(magic, "\x93NUMPY", 6) != 0) { fprintf(stderr, "yardstick: %s is not .npy\n", path); exit(2); }
    size_t header_len;
    if (magic[6] == 1) { unsigned char h[2]; if (fread(h, 1, 2, f) != 2) exit(2); header_len = h[0] | (h[1] << 8); }
    else { unsigned char h[4]; if (fread(h, 1, 4, f) != 4) exit(2); header_len = h[0] | (h[1] << 8) | (h[2] << 16) | ((size_t)h[3] << 24); }
    char *header = calloc(header_len + 1, 1);
    if (fread(header, 1, header_len, f) != header_len) exit(2);
    if (!strstr(header, "'<f8'") || strstr(header, "'fortran_order': True")) { fprintf(stderr, "yardstick: %s: need <f8 in C order\n", path); exit(2); }
    char *shape = strstr(header, "'shape': (");
    if (!shape) exit(2);
    *rows = (int)strtol(shape + 10, &shape, 10);
    *cols = 1;
    if (*shape == ',') { long c = strtol(shape + 1, NULL, 10); if (c > 0) *cols = (int)c; }
    free(header);
    size_t count = (size_t)*rows * (size_t)*cols;
    double *data = malloc(count * sizeof(double));
    if (fread(data, sizeof(double), count, f) != count) { fprintf(stderr, "yardstick: %s is short\n", path); exit(2); }
    fclose(f);
    return data;
}

static design load(const char *dir)
{
    char path[4096];
    design x;
    int rows, cols, yr, yc;
    snprintf(path, sizeof path, "%s/X.npy", dir);
    double *raw = read_npy(path, &rows, &cols);
    snprintf(path, sizeof path, "%s/y.npy", dir);
    x.y = read_npy(path, &yr, &yc);
    if (yr != rows) { fprintf(stderr, "yardstick: y has %d entries, X has %d rows\n", yr, rows); exit(2); }
    x.n = rows; x.d = cols;
    x.stride = ((size_t)cols + 7) / 8 * 8;
    x.x = aligned_doubles((size_t)rows * x.stride);
    for (int i = 0; i < rows; i++) memcpy(x.x + (size_t)i * x.stride, raw + (size_t)i * cols, sizeof(double) * (size_t)cols);
    free(raw);
    return x;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc != 8 || (strcmp(argv[1], "time") != 0 && strcmp(argv[1], "beta") != 0)) {
        fprintf(stderr, "usage: yardstick time|beta DIR B GAMMA STEPS SEED ALPHA\n");
        return 2;
    }
    design x = load(argv[2]);
    int b = atoi(argv[3]);
    double gamma = strtod(argv[4], NULL), alpha = strtod(argv[7], NULL);
    long steps = atol(argv[5]);
    uint64_t seed = strtoull(argv[6], NULL, 10);
    if (b < 1 || b > x.n) { fprintf(stderr, "yardstick: b = %d is outside [1, %d]\n", b, x.n); return 2; }
    state s;
    if (strcmp(argv[1], "beta") == 0) {
        outcome o = train(&x, b, gamma, steps, seed, alpha, &s);
        printf("{\"steps\": %ld, \"train_loss\": %.17g, \"beta\": [", o.steps, o.loss);
        for (int i = 0; i < x.d; i++) printf("%s%.17g", i ? ", " : "", s.beta[i]);
        printf("]}\n");
        state_free(&s);
        return 0;
    }
    /* Whole runs (state set-up included, as the C# benchmark's Trainer.Train), one warm-up, then at least 3 runs
       and 1 s in all. */
    outcome o = train(&x, b, gamma, steps, seed, alpha, &s);
    state_free(&s);
    double times[1000], total = 0;
    int reps = 0;
    while (reps < 1000 && (reps < 3 || total < 1.0)) {
        double t0 = now();
        o = train(&x, b, gamma, steps, seed, alpha, &s);
        double t = now() - t0;
        state_free(&s);
        times[reps++] = t;
        total += t;
    }
    double best = times[0], mean = total / reps, var = 0;
    for (int i = 0; i < reps; i++) { if (times[i] < best) best = times[i]; var += (times[i] - mean) * (times[i] - mean); }
    double sd = reps > 1 ? sqrt(var / (reps - 1)) : 0;
    printf("{\"n\": %d, \"d\": %d, \"b\": %d, \"steps\": %ld, \"runs\": %d, \"meanSeconds\": %.9g, \"stdDevSeconds\": %.9g, "
           "\"bestSeconds\": %.9g, \"stepsPerSecond\": %.9g, \"bestStepsPerSecond\": %.9g}\n",
           x.n, x.d, b, o.steps, reps, mean, sd, best, o.steps / mean, o.steps / best);
    return 0;
}
