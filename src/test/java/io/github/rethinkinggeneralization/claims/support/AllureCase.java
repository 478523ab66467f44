package io.github.rethinkinggeneralization.claims.support;

import io.github.rethinkinggeneralization.report.CaseOutcome;
import io.github.rethinkinggeneralization.report.Json;
import io.github.rethinkinggeneralization.report.ResultStore;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import io.qameta.allure.Allure;
import java.util.Map;

/**
 * Labels the current test for Allure (epic = the paper, feature = the claim, story = the case),
 * adds the run parameters, attaches the case record (JSON) and learning curves (CSV), and writes
 * the same record under {@code reports/}.
 */
public final class AllureCase {
    /** The Allure epic of every claim. */
    public static final String EPIC = "Zhang et al. 2017, Understanding deep learning requires rethinking generalization";

    private AllureCase() {
    }

    public static void report(CaseOutcome outcome) {
        Allure.epic(EPIC);
        Allure.feature(outcome.claimId() + ": " + outcome.claim());
        Allure.story(outcome.caseName());
        Allure.parameter("profile", outcome.profile());
        Allure.parameter("dataset", outcome.dataset());
        Allure.parameter("scale", outcome.scale());
        Allure.parameter("verdict", outcome.verdict().verdict().name());
        if (!outcome.runs().isEmpty()) {
            ExperimentResult first = outcome.runs().get(0);
            Allure.parameter("model", first.spec().model().architecture().paperName());
            Allure.parameter("seeds", outcome.runs().stream().map(r -> r.spec().seed()).distinct().toList().toString());
        }
        for (Map.Entry<String, Double> e : outcome.verdict().measured().entrySet()) {
            Allure.parameter(e.getKey(), e.getValue());
        }
        Allure.description(outcome.verdict().verdict() + ": " + outcome.verdict().explanation());
        Allure.addAttachment("case record", "application/json", Json.write(outcome), ".json");
        for (ExperimentResult r : outcome.runs()) {
            Allure.addAttachment("learning curve " + ResultStore.runSlug(r) + " seed " + r.spec().seed(), "text/csv",
                    r.curve().toCsv(), ".csv");
        }
        ResultStore.fromConfiguration().write(outcome);
    }
}
