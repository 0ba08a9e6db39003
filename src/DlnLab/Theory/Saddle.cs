namespace DlnLab.Theory;

/// <summary>
/// One saddle of the saddle-to-saddle limit (Pesme and Flammarion 2023, Algorithm 1): the point beta^k where gradient
/// flow from alpha -> 0 rests in rescaled time t~ = t / ln(1/alpha) from <see cref="Time"/> until the next saddle's.
/// </summary>
/// <param name="Time">The rescaled time t_k at which the flow jumps onto this saddle (0 for the start beta^0 = 0).</param>
/// <param name="Beta">beta^k: the minimiser of the loss over the coordinates with |s_i| = 1, each with the sign of s_i (length d).</param>
/// <param name="Loss">L(beta^k) = 1/(2n) ||X beta^k - y||^2, the height of the loss plateau from t_k on.</param>
/// <param name="Dual">s(t_k) = -integral of the gradient of L up to t_k (length d); every entry lies in [-1, 1].</param>
/// <param name="Support">The coordinates where beta^k is nonzero, in increasing order.</param>
/// <param name="Joined">The coordinates whose |s_i| reached 1 at t_k (those allowed to move at this jump).</param>
/// <param name="Left">The coordinates nonzero at the previous saddle and zero at this one.</param>
public sealed record Saddle(double Time, double[] Beta, double Loss, double[] Dual, int[] Support, int[] Joined, int[] Left);
