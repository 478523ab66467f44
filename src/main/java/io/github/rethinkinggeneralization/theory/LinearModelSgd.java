package io.github.rethinkinggeneralization.theory;

import io.github.rethinkinggeneralization.data.Shuffles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Section 5's implicit regularization: SGD on a linear model y = Wᵀx (d x k weights, no bias,
 * squared loss) never leaves w0 + span of the data, so from w0 = 0 an interpolating limit is the
 * minimum-norm solution Xᵀα with X Xᵀ α = y; from w0 ≠ 0 it is Xᵀα plus w0's component orthogonal
 * to the data. Each epoch records the distance to Xᵀα and the size of the weights' component
 * orthogonal to the data, which SGD cannot change: it stays at rounding level from w0 = 0 and at
 * its initial size otherwise, whatever the conditioning (which only sets how fast the distance shrinks).
 *
 * <p>The model is a real DL4J network in double precision (one identity output layer, MSE loss,
 * plain SGD). DL4J's MSE is (1/k)||ŷ - y||² per point, averaged over a batch B of b points, so a
 * step's curvature is (2/(k·b))·λ_max(X_Bᵀ X_B) &lt;= (2/(k·b))·λ_max(X Xᵀ), and every step is stable
 * below η = k·b / λ_max(X Xᵀ); the learning rate is {@code stepFraction} times that limit, with
 * λ_max estimated while factoring X Xᵀ.
 */
public final class LinearModelSgd {
    private static final String WEIGHTS = "0_W";

    private LinearModelSgd() {
    }

    /**
     * Trains from the spec's initialization on {@code x} (n x d, n &lt;= d, double) with one-hot
     * targets of {@code labels}, and measures each epoch against the minimum-norm solution.
     *
     * @throws SingularKernelException when X Xᵀ is (numerically) singular, so no minimum-norm interpolant exists
     */
    public static SgdTrajectory train(INDArray x, int[] labels, int classes, SgdSpec spec) {
        long start = System.nanoTime();
        Samples.requireFiniteMatrix("points", x);
        int n = x.rows();
        int d = x.columns();
        if (labels.length != n) {
            throw new IllegalArgumentException("got " + n + " points but " + labels.length + " labels");
        }
        INDArray y = ImageMatrices.oneHot(labels, classes);
        RowSpace rowSpace = new RowSpace(x, CholeskyFactor.of(x.mmul(x.transpose()), "linear kernel matrix X Xᵀ of " + n + " points"));
        INDArray target = x.transpose().mmul(rowSpace.factor.solve(y));
        double targetNorm = target.norm2Number().doubleValue();

        double lambdaMax = rowSpace.factor.condition().largestEigenvalue();
        double learningRate = spec.stepFraction() * classes * spec.batchSize() / lambdaMax;
        MultiLayerNetwork net = network(d, classes, learningRate, spec.seed());
        INDArray w0 = net.getParam(WEIGHTS).dup();
        if (spec.initScale() > 0) {
            w0 = gaussian(d, classes, spec.initScale(), spec.seed());
            net.setParam(WEIGHTS, w0);
        }
        double predictedLimit = rowSpace.nullPart(w0).norm2Number().doubleValue() / targetNorm;

        List<SgdEpoch> epochs = new ArrayList<>();
        Random shuffle = new Random(spec.seed());
        int[] order = IntStream.range(0, n).toArray();
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            Shuffles.shuffle(order, shuffle);
            for (int from = 0; from < n; from += spec.batchSize()) {
                int[] batch = Arrays.copyOfRange(order, from, Math.min(from + spec.batchSize(), n));
                net.fit(new DataSet(Nd4j.pullRows(x, 1, batch), Nd4j.pullRows(y, 1, batch)));
            }
            INDArray w = net.getParam(WEIGHTS);
            INDArray scores = x.mmul(w);
            epochs.add(new SgdEpoch(epoch, w.sub(target).norm2Number().doubleValue() / targetNorm,
                    rowSpace.nullPart(w).norm2Number().doubleValue() / targetNorm,
                    1 - ImageMatrices.accuracy(scores, labels), scores.sub(y).amaxNumber().doubleValue()));
        }
        return new SgdTrajectory(spec, n, d, learningRate, epochs, targetNorm,
                net.getParam(WEIGHTS).norm2Number().doubleValue(), predictedLimit,
                rowSpace.factor.condition().conditionNumber(), (System.nanoTime() - start) / 1e9);
    }

    /** Projections onto the span of the data's rows, Xᵀ (X Xᵀ)⁻¹ X, and onto its orthogonal complement. */
    private record RowSpace(INDArray x, CholeskyFactor factor) {
        INDArray nullPart(INDArray w) {
            return w.sub(x.transpose().mmul(factor.solve(x.mmul(w))));
        }
    }

    private static MultiLayerNetwork network(int d, int classes, double learningRate, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(learningRate))
                .weightInit(WeightInit.ZERO)
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(d).nOut(classes)
                        .activation(Activation.IDENTITY).hasBias(false).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static INDArray gaussian(int d, int k, double scale, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        double[] values = new double[d * k];
        for (int i = 0; i < values.length; i++) {
            values[i] = scale * random.nextGaussian();
        }
        return Nd4j.create(values, new long[] {d, k}, DataType.DOUBLE);
    }
}
