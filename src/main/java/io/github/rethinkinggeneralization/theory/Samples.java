package io.github.rethinkinggeneralization.theory;

import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks on a sample of points and labels, with errors that say which value is wrong and where. */
final class Samples {
    private Samples() {
    }

    /**
     * Checks that {@code points} is a non-empty n x d matrix (d >= 1) of finite values.
     *
     * @return d
     */
    static int requirePoints(double[][] points) {
        if (points == null) {
            throw new IllegalArgumentException("points are null");
        }
        if (points.length == 0) {
            throw new IllegalArgumentException("the sample is empty: at least one point is needed");
        }
        if (points[0] == null || points[0].length == 0) {
            throw new IllegalArgumentException("point 0 has no coordinates: points need at least one dimension");
        }
        int d = points[0].length;
        for (int i = 0; i < points.length; i++) {
            if (points[i] == null) {
                throw new IllegalArgumentException("point " + i + " is null");
            }
            if (points[i].length != d) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length
                        + " coordinates but point 0 has " + d + ": all points must have the same dimension");
            }
            for (int k = 0; k < d; k++) {
                if (!Double.isFinite(points[i][k])) {
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "point %d has a non-finite coordinate %d (%s): every coordinate must be finite", i, k, points[i][k]));
                }
            }
        }
        return d;
    }

    /** Checks that {@code x} is a non-empty double-precision matrix of finite values. */
    static void requireFiniteMatrix(String what, INDArray x) {
        if (x == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (x.rank() != 2 || x.rows() == 0 || x.columns() == 0) {
            throw new IllegalArgumentException(what + " must be a non-empty matrix, got shape " + Arrays.toString(x.shape()));
        }
        if (x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(what + " must be in double precision, got " + x.dataType());
        }
        if (x.isNaN().any() || x.isInfinite().any()) {
            throw new IllegalArgumentException(what + " holds non-finite values (NaN or infinity)");
        }
    }

    /** Checks that there is one finite label per point. */
    static void requireLabels(double[][] points, double[] labels) {
        if (labels == null) {
            throw new IllegalArgumentException("labels are null");
        }
        if (labels.length != points.length) {
            throw new IllegalArgumentException("got " + points.length + " points but " + labels.length
                    + " labels: there must be exactly one label per point");
        }
        for (int i = 0; i < labels.length; i++) {
            if (!Double.isFinite(labels[i])) {
                throw new IllegalArgumentException("label " + i + " is not finite (" + labels[i] + "): labels must be finite");
            }
        }
    }
}
