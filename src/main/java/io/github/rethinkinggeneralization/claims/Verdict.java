package io.github.rethinkinggeneralization.claims;

import java.util.Collection;

/** The outcome of checking a claim at the scale a run could afford. Only REPRODUCED passes. */
public enum Verdict {
    /** The measurements satisfy the claim's predicate. */
    REPRODUCED,
    /** The measurements contradict the claim. */
    REFUTED,
    /** The run could not decide (e.g. the budget ran out before the training target). */
    INCONCLUSIVE;

    /** The conjunction of several verdicts: any refuted refutes, else any inconclusive is inconclusive. */
    public static Verdict all(Collection<Verdict> verdicts) {
        if (verdicts.contains(REFUTED)) {
            return REFUTED;
        }
        if (verdicts.isEmpty() || verdicts.contains(INCONCLUSIVE)) {
            return INCONCLUSIVE;
        }
        return REPRODUCED;
    }
}
