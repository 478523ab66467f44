package io.github.rethinkinggeneralization.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer that reads the network's input (an MLP's first hidden layer). It computes what
 * DL4J's {@link DenseLayer} computes, except the gradient with respect to its input: nothing reads
 * the gradient of the images, and for MLP 1x512 that product (batch x 512 x 3,072) is a quarter
 * of a training step's multiply-adds. DL4J's graph accepts a layer that returns no input gradient
 * (its embedding layers do the same).
 *
 * <p>Built from an ordinary {@link DenseLayer} configuration ({@link #of}), so every setting of the
 * builder carries over. Not for layers with layer normalization, whose backward pass this does not
 * cover.
 */
public class FirstDenseLayer extends DenseLayer {

    /** For DL4J's JSON (de)serialization of configurations. */
    public FirstDenseLayer() {
    }

    /** The same layer as {@code dense}, without the input gradient. */
    public static FirstDenseLayer of(DenseLayer dense) {
        if (dense.hasLayerNorm()) {
            throw new IllegalArgumentException("FirstDenseLayer does not implement layer normalization's backward pass");
        }
        FirstDenseLayer first = new FirstDenseLayer();
        for (Class<?> c = DenseLayer.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(first, f.get(dense));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy the dense layer setting '" + f.getName()
                            + "' (DL4J version change?)", e);
                }
            }
        }
        return first;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        Impl layer = new Impl(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> params = initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    /** DL4J's dense layer with a backward pass that leaves the input gradient out. */
    static final class Impl extends org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /**
         * DL4J's {@code BaseLayer.backpropGradient} without its last matrix product (weights times
         * delta, the input gradient): the bias gradient is delta summed over the batch, the weight
         * gradient inputᵀ·delta, written into the same gradient views.
         */
        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            INDArray z = preOutputWithPreNorm(true, true, workspaceMgr).getFirst();
            INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
            if (maskArray != null) {
                applyMask(delta);
            }
            Gradient gradient = new DefaultGradient();
            if (hasBias()) {
                INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
                delta.sum(biasGrad, 0);
                gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
            }
            INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
            Nd4j.gemm(input.castTo(weightGrad.dataType()), delta, weightGrad, true, false, 1.0, 0.0);
            gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
            weightNoiseParams.clear();
            return new Pair<>(gradient, null);
        }
    }
}
