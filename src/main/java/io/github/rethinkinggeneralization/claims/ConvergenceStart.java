package io.github.rethinkinggeneralization.claims;

import io.github.rethinkinggeneralization.train.EpochRecord;
import io.github.rethinkinggeneralization.train.ExperimentResult;

/**
 * When a run's training loss "starts converging" (Fig. 1a, Section 2.1: on random labels "the loss
 * takes longer to start decreasing, then converges quickly"; random pixels and Gaussian inputs "start
 * converging faster"): the SGD steps until the end of the first epoch whose mean training loss is at
 * most a fixed fraction of the loss of a chance-level prediction, ln k.
 *
 * <p>Steps to the training target measure where convergence ends, which Fig. 1a does not order: on
 * random labels the loss starts late and then converges quickly.
 */
public final class ConvergenceStart {
    private final double lossFraction;

    /** @param lossFraction the fraction of ln k the mean training loss must fall to (0 < f < 1) */
    public ConvergenceStart(double lossFraction) {
        if (!(lossFraction > 0 && lossFraction < 1)) {
            throw new IllegalArgumentException("the loss fraction lies in (0, 1), got " + lossFraction);
        }
        this.lossFraction = lossFraction;
    }

    public static ConvergenceStart from(Thresholds t) {
        return new ConvergenceStart(t.value("fig1a.convergenceStartLossFraction"));
    }

    /** The loss level that marks the start: the fraction of ln k. */
    public double lossLevel(int numClasses) {
        return lossFraction * Math.log(numClasses);
    }

    /** Steps until the loss first fell to the level; null when it never did. */
    public Long steps(ExperimentResult r) {
        double level = lossLevel(r.numClasses());
        for (EpochRecord e : r.curve().epochs()) {
            if (e.trainLoss() <= level) {
                return e.steps();
            }
        }
        return null;
    }

    /** True when {@code a} started converging strictly before {@code b} (a run that never started is last). */
    public static boolean startedBefore(Long a, Long b) {
        return a != null && (b == null || a < b);
    }
}
