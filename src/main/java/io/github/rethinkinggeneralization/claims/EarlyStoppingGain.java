package io.github.rethinkinggeneralization.claims;

import io.github.rethinkinggeneralization.train.EpochRecord;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Claim C5's early-stopping predicate (Section 3: "on the CIFAR10 dataset, we do not observe any
 * potential benefit of early stopping"): a run trained without early stopping still reaches the
 * training target, and the best test accuracy seen during training exceeds the final one by at most
 * a small share of what the final network generalizes above chance:
 * {@code (best - final) / (final - chance) <= maxRelativeGain}. A run whose final test accuracy is
 * at or below chance has an unbounded relative gain whenever early stopping would have kept a
 * better network.
 *
 * <p>The gain is taken relative to the margin over chance because an absolute bound cannot tell
 * apart a converged net that generalizes (a few points of best-of-many sampling noise on a
 * 35 %-accurate net) from one that loses most of its generalization to memorized noise (a few
 * points off an 18 %-accurate net).
 */
public final class EarlyStoppingGain {
    private final double target;
    private final double maxRelativeGain;

    public EarlyStoppingGain(double target, double maxRelativeGain) {
        this.target = target;
        this.maxRelativeGain = maxRelativeGain;
    }

    public static EarlyStoppingGain from(Profile profile, Thresholds t) {
        return new EarlyStoppingGain(profile.targetTrainAccuracy(), t.value("earlyStopping.maxRelativeGain"));
    }

    /** Best minus final test accuracy, over the final accuracy's margin above chance. */
    public static double relativeGain(ExperimentResult r) {
        double gain = r.bestTestAccuracy() - r.testAccuracy();
        double margin = r.testAccuracy() - r.chanceAccuracy();
        if (margin <= 0) {
            return gain > 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return gain / margin;
    }

    /** True when the run converged without early stopping and early stopping would have gained little. */
    public boolean gainsLittle(ExperimentResult r) {
        return r.trainAccuracy() >= target && relativeGain(r) <= maxRelativeGain;
    }

    public CaseVerdict check(ExperimentResult r) {
        int bestEpoch = r.curve().epochs().stream()
                .filter(e -> e.testAccuracy() == r.bestTestAccuracy()).mapToInt(EpochRecord::epoch).findFirst().orElse(0);
        long measuredEpochs = r.curve().epochs().stream().filter(e -> !Double.isNaN(e.testAccuracy())).count();
        double relative = relativeGain(r);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("bestTestAccuracy", r.bestTestAccuracy());
        m.put("bestEpoch", (double) bestEpoch);
        m.put("finalTestAccuracy", r.testAccuracy());
        m.put("earlyStoppingGain", r.bestTestAccuracy() - r.testAccuracy());
        m.put("relativeGain", relative);
        m.put("trainAccuracy", r.trainAccuracy());
        String figures = String.format(Locale.ROOT,
                "best test %.2f%% after epoch %d (of %d epochs with a test measurement), final %.2f%% after epoch %d"
                        + " (chance %.0f%%): early stopping gains %.2f points, %.2f of the final margin over chance (claim: <= %.2f);"
                        + " train %.2f%% (target %.2f%%)",
                100 * r.bestTestAccuracy(), bestEpoch, measuredEpochs, 100 * r.testAccuracy(),
                r.curve().isEmpty() ? 0 : r.curve().last().epoch(), 100 * r.chanceAccuracy(),
                100 * (r.bestTestAccuracy() - r.testAccuracy()), relative, maxRelativeGain, 100 * r.trainAccuracy(), 100 * target);
        if (r.trainAccuracy() < target) {
            return new CaseVerdict(Verdict.INCONCLUSIVE, "did not reach the training target without early stopping ("
                    + r.stopReason() + "): " + figures, m);
        }
        return new CaseVerdict(relative <= maxRelativeGain ? Verdict.REPRODUCED : Verdict.REFUTED, figures, m);
    }
}
