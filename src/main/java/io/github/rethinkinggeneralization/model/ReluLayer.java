package io.github.rethinkinggeneralization.model;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Small Inception's ReLU after each batch norm: DL4J's {@link ActivationLayer} with the ReLU, which
 * writes its output and its input gradient straight into the layer's result arrays. DL4J's layer
 * copies its input before applying the activation in place (forward) and copies it again before the
 * derivative, which then goes into a third array it copies into the gradient workspace (backward):
 * four extra passes over each activation, the ReLU layers were 14 % of a small Inception step.
 */
public class ReluLayer extends ActivationLayer {

    /** A ReLU layer. */
    public ReluLayer() {
        super(Activation.RELU);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return LayerSettings.instantiated(new Impl(conf, dataType), this, conf, listeners, layerIndex, paramsView, initializeParams);
    }

    /** The runtime layer: y = max(x, 0), dx = g where x > 0. */
    static final class Impl extends org.deeplearning4j.nn.layers.ActivationLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            INDArray y = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), input.ordering());
            Nd4j.getExecutioner().exec(new RectifiedLinear(input, y));
            return y;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), input.ordering());
            Nd4j.getExecutioner().exec(new RectifiedLinearDerivative(input, epsilon, dx));
            return new Pair<>(new DefaultGradient(), dx);
        }
    }
}
