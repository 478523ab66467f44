package io.github.rethinkinggeneralization.data;

import java.util.Locale;

/** The datasets the suite can train on, in order of preference when picking the best present. */
public enum DatasetKind {
    CIFAR10, MNIST, SYNTHETIC;

    /** Lower-case id used in fixtures, reports and test names ("cifar10"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DatasetKind fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
