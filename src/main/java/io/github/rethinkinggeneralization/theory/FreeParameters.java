package io.github.rethinkinggeneralization.theory;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The free parameters of a two-layer ReLU network in Theorem 1's count, read from a DL4J network:
 * the hidden weight matrix counts d when all its columns are one shared direction a (d x n
 * otherwise), each hidden bias and each output weight counts one, and the output bias counts one
 * only when it is not fixed at zero. For the construction this is exactly 2n+d, while DL4J stores
 * d·n + 2n + 1 numbers ({@link #stored()}), n copies of a among them.
 *
 * @param direction     values of the hidden weight matrix that can be chosen freely
 * @param biases        hidden biases
 * @param outputWeights output weights
 * @param outputBias    1 when the output bias is not zero, else 0
 * @param stored        numbers DL4J stores for the network
 */
public record FreeParameters(long direction, long biases, long outputWeights, long outputBias, long stored) {

    /** Counts the free parameters of a network with one dense hidden layer and one output. */
    public static FreeParameters of(MultiLayerNetwork net) {
        INDArray weights = net.getParam(TwoLayerReluNet.HIDDEN_WEIGHTS);
        long d = weights.rows();
        long n = weights.columns();
        INDArray first = weights.getColumn(0).reshape(d, 1);
        boolean shared = weights.subColumnVector(first).amaxNumber().doubleValue() == 0;
        double outputBias = net.getParam(TwoLayerReluNet.OUTPUT_BIAS).getDouble(0);
        return new FreeParameters(shared ? d : d * n, net.getParam(TwoLayerReluNet.HIDDEN_BIASES).length(),
                net.getParam(TwoLayerReluNet.OUTPUT_WEIGHTS).length(), outputBias == 0 ? 0 : 1, net.numParams());
    }

    /** The total free-parameter count (2n+d for Theorem 1's network). */
    public long total() {
        return direction + biases + outputWeights + outputBias;
    }
}
