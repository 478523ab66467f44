package io.github.rethinkinggeneralization.model;

import java.util.Collection;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small Inception's batch normalization: DL4J's {@link BatchNormalization} layer (its parameters,
 * running statistics and updates unchanged) with its normalization computed by
 * {@link CpuBatchNormHelper} on ND4J's CPU backend, channel by channel in the core's cache, instead
 * of by DL4J's oneDNN helper. For the narrow layers of small Inception at the suite's widths (4 to 42
 * channels) the oneDNN helper's per-channel mean and variance are ND4J reductions across strided
 * dimensions and its primitives pad the channels to blocks of 16: batch norm took about a third of
 * a small Inception training step.
 *
 * <p>Elsewhere (a GPU backend, double precision, channels-last activations) the layer keeps the
 * helper DL4J gives it. {@code -Dbatchnorm.kernel=off} keeps DL4J's helper on the CPU too.
 */
public class BatchNormalizationLayer extends BatchNormalization {
    /** {@code -Dbatchnorm.kernel=off} leaves DL4J's own helper in place. */
    static final String KERNEL_PROPERTY = "batchnorm.kernel";

    /** For DL4J's JSON (de)serialization of configurations. */
    public BatchNormalizationLayer() {
    }

    /** The same batch normalization as {@code bn}, every setting copied. */
    public static BatchNormalizationLayer of(BatchNormalization bn) {
        return LayerSettings.copy(bn, new BatchNormalizationLayer(), BatchNormalization.class);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        Layer layer = super.instantiate(conf, listeners, layerIndex, paramsView, initializeParams, dataType);
        if (dataType == DataType.FLOAT && getCnn2DFormat() == CNN2DFormat.NCHW && CpuArrays.backendIsCpu()
                && !"off".equals(System.getProperty(KERNEL_PROPERTY))) {
            LayerSettings.installHelper(layer, org.deeplearning4j.nn.layers.normalization.BatchNormalization.class,
                    new CpuBatchNormHelper(), KERNEL_PROPERTY);
        }
        return layer;
    }

    /**
     * The per-channel mean and biased variance (in that order) of the minibatch {@code layer} last
     * normalized in training mode, when it is one of this class's layers running
     * {@link CpuBatchNormHelper}; empty otherwise.
     */
    public static Optional<float[][]> lastMinibatchMoments(Layer layer) {
        return layer.getHelper() instanceof CpuBatchNormHelper h ? Optional.ofNullable(h.lastMinibatchMoments()) : Optional.empty();
    }
}
