package io.github.rethinkinggeneralization.theory;

import java.util.Locale;

/** Which labels Theorem 1's network is asked to fit. */
public enum LabelKind {
    /** Independent standard Gaussian reals. */
    REAL,
    /** Classes drawn uniformly at random, independent of the points. */
    RANDOM_CLASSES,
    /** The images' own classes (image inputs only). */
    TRUE_CLASSES;

    /** Id used in fixtures and reports ("random-classes"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static LabelKind fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
