package io.github.rethinkinggeneralization.theory;

import java.util.Locale;

/**
 * Two points of a sample coincide but carry different labels: a function takes one value at one
 * point, so no network, of any size, can fit both labels.
 */
public final class DuplicatePointsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int first;
    private final int second;

    public DuplicatePointsException(int first, int second, double firstLabel, double secondLabel) {
        super(String.format(Locale.ROOT,
                "points %d and %d coincide (x_%d = x_%d) but have different labels %s and %s: a function takes"
                        + " one value at one point, so no function (hence no network of any size) can fit both;"
                        + " remove one of them or give them the same label",
                first, second, first, second, firstLabel, secondLabel));
        this.first = first;
        this.second = second;
    }

    /** Index of the earlier of the two coinciding points. */
    public int first() {
        return first;
    }

    /** Index of the later of the two coinciding points. */
    public int second() {
        return second;
    }
}
