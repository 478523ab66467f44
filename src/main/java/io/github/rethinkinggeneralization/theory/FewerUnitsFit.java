package io.github.rethinkinggeneralization.theory;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The negative control of Theorem 1: the same construction with fewer hidden units than points.
 * It keeps the direction a and every (n/k)-th of the interleaved biases, and picks the k output
 * weights by least squares (Householder QR through ND4J's LAPACK binding, then a triangular
 * solve). Given a and b, the outputs on the n
 * points then lie in a k-dimensional space, so with k &lt; n generic labels cannot be fitted: this
 * is the best such network can do, and its error is the evidence that n units are needed.
 */
public final class FewerUnitsFit {
    private FewerUnitsFit() {
    }

    /**
     * The least-squares network with {@code units} hidden units sharing the construction's direction.
     *
     * @throws IllegalArgumentException when {@code units} is not in [1, n)
     */
    public static TwoLayerReluNet fit(double[][] points, double[] labels, int units, long seed) {
        Theorem1Fit full = Theorem1Construction.fit(points, labels, seed);
        int n = full.sample().size();
        if (units < 1 || units >= n) {
            throw new IllegalArgumentException("the control needs between 1 and n-1 = " + (n - 1) + " units, got " + units);
        }
        double[] allBiases = full.net().b();
        double[] b = new double[units];
        for (int j = 0; j < units; j++) {
            b[j] = allBiases[(int) ((long) j * n / units)];
        }
        double[] z = full.direction().projections();
        double[][] design = new double[n][units];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < units; j++) {
                design[i][j] = Math.max(z[i] - b[j], 0);
            }
        }
        INDArray y = Nd4j.create(full.sample().labels().clone(), new long[] {n, 1}, DataType.DOUBLE);
        INDArray w = leastSquares(Nd4j.createFromArray(design), y);
        return new TwoLayerReluNet(full.net().a(), b, w.reshape(units).toDoubleVector());
    }

    /** argmin_w ||A w - y|| for a tall A of full column rank: A = QR, then R w = Qᵀ y. */
    static INDArray leastSquares(INDArray a, INDArray y) {
        INDArray q = a.dup('f');
        INDArray r = Nd4j.create(DataType.DOUBLE, new long[] {a.columns(), a.columns()}, 'f');
        Nd4j.getBlasWrapper().lapack().geqrf(q, r);
        return Nd4j.exec(new TriangularSolve(r.dup('c'), q.transpose().mmul(y), false, false))[0];
    }
}
