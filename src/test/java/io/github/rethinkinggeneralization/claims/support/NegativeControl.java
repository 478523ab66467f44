package io.github.rethinkinggeneralization.claims.support;

import io.github.rethinkinggeneralization.claims.CaseVerdict;
import io.github.rethinkinggeneralization.claims.Verdict;
import io.github.rethinkinggeneralization.report.CaseOutcome;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.util.List;
import java.util.Map;

/**
 * A claim's negative controls: its predicate applied where it must come out false, so that a pass
 * shows the predicate can fail. A control whose predicate is false is REPRODUCED; one whose
 * predicate comes out true is REFUTED (the control, or the predicate, is broken). Each control is
 * reported beside the claim's cases as the case "control: <name>".
 *
 * <p>The sentences come in the suite's two forms, kept as the records and the stored baseline have
 * them: {@link #claimPredicate} ("the claim's predicate comes out false, as it must (figures)") and
 * {@link #predicateIs} ("the '…' predicate is false, as it must be").
 */
public record NegativeControl(String claimId, String claim, String profile) {
    /** Why a true predicate is wrong, unless a control says otherwise. */
    public static final String BROKEN = "the control is broken";

    /**
     * "negative control: the claim's predicate comes out false, as it must (figures)", or "… came
     * out TRUE: the control is broken (figures)".
     */
    public static String claimPredicate(boolean predicateFalse, String figures) {
        return "negative control: the claim's predicate "
                + (predicateFalse ? "comes out false, as it must" : "came out TRUE: " + BROKEN) + " (" + figures + ")";
    }

    /** "{@code predicate} is false, as it must be", or "{@code predicate} is TRUE: the control is broken". */
    public static String predicateIs(String predicate, boolean predicateFalse) {
        return predicateIs(predicate, predicateFalse, BROKEN);
    }

    /** As {@link #predicateIs(String, boolean)}, saying {@code ifTrue} where the predicate comes out true. */
    public static String predicateIs(String predicate, boolean predicateFalse, String ifTrue) {
        return predicate + " is " + (predicateFalse ? "false, as it must be" : "TRUE: " + ifTrue);
    }

    /** The control's verdict: REPRODUCED where the predicate is false, REFUTED where it came out true. */
    public static CaseVerdict verdict(boolean predicateFalse, String explanation, Map<String, Double> measured) {
        return new CaseVerdict(predicateFalse ? Verdict.REPRODUCED : Verdict.REFUTED, explanation, measured);
    }

    /**
     * Reports the control as the case "control: {@code name}" (on {@code dataset} at {@code scale},
     * with {@code runs} attached) and returns its verdict.
     */
    public CaseVerdict report(String name, String dataset, String scale, List<ExperimentResult> runs, boolean predicateFalse,
                              String explanation, Map<String, Double> measured) {
        CaseVerdict v = verdict(predicateFalse, explanation, measured);
        AllureCase.report(new CaseOutcome(claimId, claim, "control: " + name, profile, dataset, scale, v, runs));
        return v;
    }

    /** {@link #report(String, String, String, List, boolean, String, Map)} of one run, at its spec's label. */
    public CaseVerdict report(String name, ExperimentResult run, boolean predicateFalse, String explanation,
                              Map<String, Double> measured) {
        return report(name, run.dataset(), run.spec().label(), List.of(run), predicateFalse, explanation, measured);
    }
}
