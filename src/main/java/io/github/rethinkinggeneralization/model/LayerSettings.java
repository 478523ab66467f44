package io.github.rethinkinggeneralization.model;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Copies a DL4J layer configuration's settings into an instance of a subclass: DL4J's builders
 * offer no copy, and this suite's layers ({@link HiddenDenseLayer}, {@link BatchNormalizationLayer})
 * are DL4J's configurations with another runtime layer, built from an ordinary one.
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
}
