package io.github.rethinkinggeneralization.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DL4J configuration plumbing of this suite's layers ({@link HiddenDenseLayer},
 * {@link LocalResponseNormalizationLayer}, {@link BatchNormalizationLayer}, {@link MaxPoolingLayer}), which are DL4J's
 * configurations with another runtime layer: copying an ordinary configuration's settings (DL4J's
 * builders offer no copy), and wiring a runtime layer up as DL4J's own configurations do; also
 * DL4J's test for whether a training forward pass may keep arrays for the backward one (cache mode).
 */
final class LayerSettings {
    private LayerSettings() {
    }

    /**
     * Every instance field of {@code declaredIn} and its superclasses, from {@code source} into {@code target}.
     *
     * @throws IllegalStateException naming the field, when one cannot be copied (a DL4J version change)
     */
    static <L extends Layer, T extends L> T copy(L source, T target, Class<L> declaredIn) {
        for (Class<?> c = declaredIn; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(target, f.get(source));
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy the " + declaredIn.getSimpleName() + " setting '" + f.getName()
                            + "' (DL4J version change?)", e);
                }
            }
        }
        return target;
    }

    /** Wires {@code layer} as DL4J's configurations wire theirs: listeners, index, parameters, configuration. */
    static <R extends org.deeplearning4j.nn.api.Layer> R instantiated(R layer, Layer configuration, NeuralNetConfiguration conf,
                                                                    Collection<TrainingListener> listeners, int layerIndex,
                                                                    INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(configuration.initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    /**
     * Sets the {@code helper} field that {@code declaredIn} (a DL4J runtime layer class) declares and
     * gives no setter for, on {@code layer}.
     *
     * @throws IllegalStateException naming {@code offSwitch}, the property that runs without it, when
     *     the field is not there (a DL4J version change)
     */
    static void installHelper(org.deeplearning4j.nn.api.Layer layer, Class<?> declaredIn, Object helper, String offSwitch) {
        try {
            Field f = declaredIn.getDeclaredField("helper");
            f.setAccessible(true);
            f.set(layer, helper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot set the helper of DL4J's " + declaredIn.getSimpleName()
                    + " (DL4J version change?); -D" + offSwitch + "=off runs without it", e);
        }
    }

    /**
     * Whether a forward pass may keep arrays for the backward pass, by DL4J's own test (its
     * convolution layer's): training, a cache mode other than none, and the forward-pass cache
     * workspace configured and open.
     */
    static boolean keepsForwardPass(boolean training, CacheMode cacheMode, LayerWorkspaceMgr workspaceMgr) {
        return training && cacheMode != null && cacheMode != CacheMode.NONE
                && workspaceMgr.hasConfiguration(ArrayType.FF_CACHE) && workspaceMgr.isWorkspaceOpen(ArrayType.FF_CACHE);
    }
}
