package io.github.rethinkinggeneralization.theory;

import java.util.Objects;

/**
 * One run of Theorem 1's construction.
 *
 * @param inputs       {@value #GAUSSIAN} for standard Gaussian points, or a dataset id
 *                     ("mnist", "cifar10", "synthetic") for real images
 * @param n            sample size
 * @param d            dimension of Gaussian points; for images 0 (their pixel count is used)
 * @param labels       which labels to fit
 * @param classes      number of classes for {@link LabelKind#RANDOM_CLASSES}
 * @param controlUnits hidden units of the fewer-units control ({@link FewerUnitsFit}); 0 for none
 * @param seed         seed of the points, labels, subset and direction
 */
public record ExpressivitySpec(String inputs, int n, int d, LabelKind labels, int classes, int controlUnits, long seed) {

    public static final String GAUSSIAN = "gaussian";

    public ExpressivitySpec {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        if (n < 1) {
            throw new IllegalArgumentException("sample size must be >= 1, got " + n);
        }
        if (GAUSSIAN.equals(inputs) ? d < 1 : d != 0) {
            throw new IllegalArgumentException("Gaussian inputs need d >= 1 and image inputs d = 0 (their pixel count),"
                    + " got inputs " + inputs + " with d " + d);
        }
        if (GAUSSIAN.equals(inputs) && labels == LabelKind.TRUE_CLASSES) {
            throw new IllegalArgumentException("Gaussian points have no true classes");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("need at least 2 classes, got " + classes);
        }
        if (controlUnits < 0 || (controlUnits > 0 && controlUnits >= n)) {
            throw new IllegalArgumentException("control units must be 0 (none) or in [1, n), got " + controlUnits);
        }
    }

    /** Gaussian points with n/2 units for the control. */
    public static ExpressivitySpec gaussian(int n, int d, LabelKind labels, long seed) {
        return new ExpressivitySpec(GAUSSIAN, n, d, labels, 10, n / 2, seed);
    }

    /** Images of a dataset with n/2 units for the control. */
    public static ExpressivitySpec images(String dataset, int n, LabelKind labels, long seed) {
        return new ExpressivitySpec(dataset, n, 0, labels, 10, n / 2, seed);
    }

    public ExpressivitySpec withControlUnits(int units) {
        return new ExpressivitySpec(inputs, n, d, labels, classes, units, seed);
    }

    /** Short id for reports and test names ("gaussian n=200 d=3 real"). */
    public String id() {
        return inputs + " n=" + n + (d > 0 ? " d=" + d : "") + " " + labels.id();
    }
}
