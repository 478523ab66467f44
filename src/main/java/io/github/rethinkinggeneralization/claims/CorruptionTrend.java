package io.github.rethinkinggeneralization.claims;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Claim C2's predicate on a sweep of label-corruption levels p: the measured error rises with p
 * steadily (no drop between neighbouring levels larger than the tolerance, and a straight-line fit
 * with positive slope and R² at least the threshold), ending at chance error at p = 1.
 */
public final class CorruptionTrend {
    private final double dropTolerance;
    private final double minRSquared;

    public CorruptionTrend(double dropTolerance, double minRSquared) {
        this.dropTolerance = dropTolerance;
        this.minRSquared = minRSquared;
    }

    public static CorruptionTrend from(Thresholds t) {
        return new CorruptionTrend(t.value("corruption.monotoneTolerance"), t.value("corruption.minRSquared"));
    }

    /** True when {@code errors} rise steadily with {@code levels}. */
    public boolean risesSteadily(List<Double> levels, List<Double> errors) {
        return largestDrop(errors) <= dropTolerance && fit(levels, errors).slope() > 0
                && fit(levels, errors).rSquared() >= minRSquared;
    }

    /** The largest decrease between neighbouring levels (0 when never decreasing). */
    public static double largestDrop(List<Double> errors) {
        double drop = 0;
        for (int i = 1; i < errors.size(); i++) {
            drop = Math.max(drop, errors.get(i - 1) - errors.get(i));
        }
        return drop;
    }

    public static Statistics.LineFit fit(List<Double> levels, List<Double> errors) {
        return Statistics.fitLine(levels, errors);
    }

    /** The verdict on a sweep whose every run reached the training target ({@code allMemorized}). */
    public CaseVerdict check(List<Double> levels, List<Double> testErrors, boolean allMemorized, boolean chanceAtP1) {
        Statistics.LineFit f = fit(levels, testErrors);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("slope", f.slope());
        m.put("rSquared", f.rSquared());
        m.put("largestDrop", largestDrop(testErrors));
        for (int i = 0; i < levels.size(); i++) {
            m.put("testError@p=" + levels.get(i), testErrors.get(i));
        }
        String figures = String.format(Locale.ROOT, "test error %s over p %s; slope %.3f, R² %.3f, largest drop %.3f (tolerance %.3f, min R² %.2f)",
                testErrors.stream().map(e -> String.format(Locale.ROOT, "%.3f", e)).toList(), levels, f.slope(), f.rSquared(),
                largestDrop(testErrors), dropTolerance, minRSquared);
        if (!allMemorized) {
            return new CaseVerdict(Verdict.INCONCLUSIVE, "not every level reached the training target; " + figures, m);
        }
        boolean ok = risesSteadily(levels, testErrors) && chanceAtP1;
        return new CaseVerdict(ok ? Verdict.REPRODUCED : Verdict.REFUTED,
                figures + (chanceAtP1 ? "; chance error at p=1" : "; NOT at chance at p=1"), m);
    }
}
