package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.claims.CaseVerdict;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.util.List;

/**
 * One case of one claim as the reports show it: which claim and case, at which profile and on
 * which data and scale, the verdict with its explanation and figures, and every run behind it.
 */
public record CaseOutcome(String claimId, String claim, String caseName, String profile, String dataset,
                          String scale, CaseVerdict verdict, List<ExperimentResult> runs) {

    public CaseOutcome {
        runs = List.copyOf(runs);
    }

    /** A file-name-safe slug of the case name. */
    public String slug() {
        return caseName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.=]+", "-").replaceAll("(^-|-$)", "");
    }
}
