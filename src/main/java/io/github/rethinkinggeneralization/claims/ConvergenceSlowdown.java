package io.github.rethinkinggeneralization.claims;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Claim C3's predicate: the time (SGD steps) to reach the training target on random labels is
 * more than on true labels, but only by a small constant factor.
 */
public final class ConvergenceSlowdown {
    private final double minFactor;
    private final double maxFactor;

    public ConvergenceSlowdown(double minFactor, double maxFactor) {
        this.minFactor = minFactor;
        this.maxFactor = maxFactor;
    }

    public static ConvergenceSlowdown from(Thresholds t) {
        return new ConvergenceSlowdown(t.value("slowdown.minFactor"), t.value("slowdown.maxFactor"));
    }

    /** True when the ratio lies in (min, max]; an unreached target (null steps) is never small. */
    public boolean smallConstantFactor(Long stepsTrue, Long stepsRandom) {
        if (stepsTrue == null || stepsRandom == null) {
            return false;
        }
        double ratio = stepsRandom / (double) stepsTrue;
        return ratio > minFactor && ratio <= maxFactor;
    }

    public CaseVerdict check(Long stepsTrue, Long stepsRandom) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("stepsTrueLabels", stepsTrue == null ? Double.NaN : stepsTrue.doubleValue());
        m.put("stepsRandomLabels", stepsRandom == null ? Double.NaN : stepsRandom.doubleValue());
        if (stepsTrue == null || stepsRandom == null) {
            return new CaseVerdict(Verdict.INCONCLUSIVE, "a run did not reach the training target: steps true "
                    + stepsTrue + ", random " + stepsRandom, m);
        }
        double ratio = stepsRandom / (double) stepsTrue;
        m.put("slowdown", ratio);
        boolean ok = smallConstantFactor(stepsTrue, stepsRandom);
        return new CaseVerdict(ok ? Verdict.REPRODUCED : Verdict.REFUTED, String.format(Locale.ROOT,
                "steps to target: true labels %d, random labels %d; slowdown %.2fx (claim: > %.1f and <= %.1f)",
                stepsTrue, stepsRandom, ratio, minFactor, maxFactor), m);
    }
}
