package io.github.rethinkinggeneralization.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Classification accuracy of a network in inference mode, computed in chunks. */
public final class Accuracy {
    private static final int CHUNK = 500;

    private Accuracy() {
    }

    /** Fraction of images whose arg-max prediction equals the label; NaN for no images. */
    public static double of(ComputationGraph net, ImageTensors data) {
        return confusion(net, data).accuracy();
    }

    /** The net's arg-max predictions tallied against the labels. */
    public static ConfusionMatrix confusion(ComputationGraph net, ImageTensors data) {
        int n = data.size();
        int[] predicted = new int[n];
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            INDArray x = data.features().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray scores = net.outputSingle(false, x);
            INDArray argMax = scores.argMax(1);
            System.arraycopy(argMax.toIntVector(), 0, predicted, from, to - from);
            NativeMemory.free(scores, argMax);
        }
        return ConfusionMatrix.of(data.labels(), predicted, data.numClasses());
    }
}
