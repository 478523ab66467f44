package io.github.rethinkinggeneralization.theory;

/**
 * How far a computed output of Theorem 1's network may lie from its label when everything is
 * exact but the floating-point arithmetic, derived from the unit roundoff u and the system's
 * conditioning (first-order bounds, Higham, Accuracy and Stability of Numerical Algorithms):
 *
 * <ul>
 *   <li>Forward substitution is backward stable: the computed w solves (A + ΔA) w = y with
 *       |ΔA| &lt;= n·u·|A| (Thm 8.5), so |y_i - (A w)_i| &lt;= n·u·S, S = max_i Σ_j |w_j| A_ij.</li>
 *   <li>Evaluating the network: each projection &lt;a, x_i&gt; is off by at most d·u·P,
 *       P = max_i Σ_k |a_k x_ik|; ReLU is 1-Lipschitz, so the hidden activations are off by at most
 *       d·u·P + u·A_ij, and the output sum of n terms adds n·u·S: together at most
 *       (n+1)·u·S + d·u·P·Σ_j |w_j|.</li>
 * </ul>
 *
 * <p>The tolerance is twice the sum, {@code 2·[(2n+1)·u·S + d·u·P·Σ|w_j|]}, the factor 2 covering
 * second-order terms. S and Σ|w_j| carry the conditioning: when neighbouring projections are close,
 * the output weights are large and alternate, and the tolerance grows with them. The same bound with
 * float's u = 2^-24 ({@link #ifFloat()}) is typically far above the labels' scale for hundreds of
 * random labels, which is why the network is built and evaluated in double precision.
 *
 * @param value          the tolerance in double precision
 * @param ifFloat        the same bound for single precision
 * @param solveTerm      S = max_i Σ_j |w_j| max(z_i - b_j, 0)
 * @param projectionTerm P·Σ_j |w_j|
 */
public record FitTolerance(double value, double ifFloat, double solveTerm, double projectionTerm) {

    /** Unit roundoff of double precision, 2^-53. */
    public static final double DOUBLE_ROUNDOFF = Math.ulp(1.0) / 2;
    /** Unit roundoff of single precision, 2^-24. */
    public static final double FLOAT_ROUNDOFF = Math.ulp(1.0f) / 2;

    /** The tolerance of {@code net} evaluated on {@code points}. */
    public static FitTolerance of(TwoLayerReluNet net, double[][] points) {
        int n = net.units();
        int d = net.dimension();
        double[] a = net.a();
        double sumW = 0;
        for (double wj : net.w()) {
            sumW += Math.abs(wj);
        }
        double s = 0;
        double p = 0;
        for (double[] x : points) {
            double z = 0;
            double abs = 0;
            for (int k = 0; k < d; k++) {
                z += a[k] * x[k];
                abs += Math.abs(a[k] * x[k]);
            }
            p = Math.max(p, abs);
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += Math.abs(net.w()[j]) * Math.max(z - net.b()[j], 0);
            }
            s = Math.max(s, row);
        }
        double projection = p * sumW;
        return new FitTolerance(bound(DOUBLE_ROUNDOFF, n, d, s, projection), bound(FLOAT_ROUNDOFF, n, d, s, projection),
                s, projection);
    }

    private static double bound(double u, int n, int d, double s, double projection) {
        return 2 * ((2.0 * n + 1) * u * s + d * u * projection);
    }
}
