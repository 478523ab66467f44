package io.github.rethinkinggeneralization.theory;

import io.github.rethinkinggeneralization.data.LabeledImages;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Labelled images as the n x d double matrices and n x k one-hot targets the theory works on. */
public final class ImageMatrices {
    private ImageMatrices() {
    }

    /** One row of d = C·H·W values per image, in double precision. */
    public static double[][] rows(LabeledImages images) {
        int s = images.shape().size();
        float[] p = images.pixels();
        double[][] x = new double[images.size()][s];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < s; k++) {
                x[i][k] = p[i * s + k];
            }
        }
        return x;
    }

    /** The images as an n x d DOUBLE matrix. */
    public static INDArray matrix(LabeledImages images) {
        return Nd4j.createFromArray(rows(images));
    }

    /** n x k one-hot targets in double precision. */
    public static INDArray oneHot(int[] labels, int numClasses) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of point " + i + " is outside [0, " + numClasses + ")");
            }
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }

    /** Fraction of rows of {@code scores} whose largest entry is at the row's label. */
    public static double accuracy(INDArray scores, int[] labels) {
        int[] predicted = scores.argMax(1).toIntVector();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
