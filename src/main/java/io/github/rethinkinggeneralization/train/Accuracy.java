package io.github.rethinkinggeneralization.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Classification accuracy of a network in inference mode, computed in chunks. */
public final class Accuracy {
    private static final int CHUNK = 500;

    private Accuracy() {
    }

    /** Fraction of images whose arg-max prediction equals the label. */
    public static double of(ComputationGraph net, ImageTensors data) {
        int n = data.size();
        if (n == 0) {
            return Double.NaN;
        }
        int correct = 0;
        int[] labels = data.labels();
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            INDArray x = data.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            int[] predicted = net.outputSingle(false, x).argMax(1).toIntVector();
            for (int i = from; i < to; i++) {
                if (predicted[i - from] == labels[i]) {
                    correct++;
                }
            }
        }
        return correct / (double) n;
    }
}
