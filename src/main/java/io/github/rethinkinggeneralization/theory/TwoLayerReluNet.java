package io.github.rethinkinggeneralization.theory;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The two-layer ReLU network of Theorem 1, c(x) = Σ_j w_j max(&lt;a, x&gt; - b_j, 0): every hidden
 * unit looks along the same direction a and differs only by its bias b_j; one linear output.
 *
 * @param a direction (length d)
 * @param b biases (one per hidden unit)
 * @param w output weights (one per hidden unit)
 */
public record TwoLayerReluNet(double[] a, double[] b, double[] w) {

    /** DL4J's parameter keys: layer 0 is the hidden layer, layer 1 the output. */
    static final String HIDDEN_WEIGHTS = "0_W";
    static final String HIDDEN_BIASES = "0_b";
    static final String OUTPUT_WEIGHTS = "1_W";
    static final String OUTPUT_BIAS = "1_b";

    public TwoLayerReluNet {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("need a direction of length >= 1 and at least one unit");
        }
        if (b.length != w.length) {
            throw new IllegalArgumentException(b.length + " biases but " + w.length + " output weights");
        }
    }

    /** Input dimension d. */
    public int dimension() {
        return a.length;
    }

    /** Number of hidden units. */
    public int units() {
        return b.length;
    }

    /**
     * This network as a real DL4J network in double precision: d inputs, a dense layer of
     * {@link #units()} ReLU units whose weight columns all equal a and whose biases are -b_j, and one
     * identity output with weights w and bias 0.
     */
    public MultiLayerNetwork toNetwork() {
        int d = dimension();
        int n = units();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .weightInit(WeightInit.ZERO)
                .list()
                .layer(new DenseLayer.Builder().nIn(d).nOut(n).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(n).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        double[] columns = new double[d * n];
        for (int k = 0; k < d; k++) {
            Arrays.fill(columns, k * n, (k + 1) * n, a[k]);
        }
        double[] negated = new double[n];
        for (int j = 0; j < n; j++) {
            negated[j] = -b[j];
        }
        net.setParam(HIDDEN_WEIGHTS, Nd4j.create(columns, new long[] {d, n}, DataType.DOUBLE));
        net.setParam(HIDDEN_BIASES, Nd4j.create(negated, new long[] {1, n}, DataType.DOUBLE));
        net.setParam(OUTPUT_WEIGHTS, Nd4j.create(w.clone(), new long[] {n, 1}, DataType.DOUBLE));
        net.setParam(OUTPUT_BIAS, Nd4j.zeros(DataType.DOUBLE, 1, 1));
        return net;
    }

    /** The outputs of a DL4J network with one output for the given points, computed by DL4J. */
    public static double[] outputs(MultiLayerNetwork net, double[][] points) {
        INDArray out = net.output(Nd4j.createFromArray(points));
        return out.reshape(out.length()).toDoubleVector();
    }

    /** c(x) for each point, computed by DL4J ({@link #toNetwork()}), not by this record's arithmetic. */
    public double[] evaluate(double[][] points) {
        Samples.requirePoints(points);
        if (points[0].length != dimension()) {
            throw new IllegalArgumentException("points have " + points[0].length + " coordinates, the network "
                    + dimension() + " inputs");
        }
        return outputs(toNetwork(), points);
    }
}
