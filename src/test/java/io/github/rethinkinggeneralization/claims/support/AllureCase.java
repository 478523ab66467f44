package io.github.rethinkinggeneralization.claims.support;

import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.report.CaseOutcome;
import io.github.rethinkinggeneralization.report.HardwareFingerprint;
import io.github.rethinkinggeneralization.report.Json;
import io.github.rethinkinggeneralization.report.ResultStore;
import io.github.rethinkinggeneralization.report.SummaryReport;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import io.qameta.allure.Allure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Labels the current test for Allure (epic = the paper, feature = the claim, story = the case),
 * adds the run parameters, attaches the case record (JSON) and learning curves (CSV), and writes
 * the same record under {@code reports/}. The first report of a JVM also writes the machine's
 * fingerprint ({@code reports/fingerprint.json}), taken where the claims ran, for the summary.
 */
public final class AllureCase {
    /** The Allure epic of every claim. */
    public static final String EPIC = "Zhang et al. 2017, Understanding deep learning requires rethinking generalization";
    private static final AtomicBoolean FINGERPRINTED = new AtomicBoolean();

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
            Allure.parameter("data condition", outcome.runs().stream().map(r -> r.spec().condition().kind().id()).distinct().toList().toString());
            List<Double> ps = outcome.runs().stream().filter(r -> r.spec().condition().kind() == DataCondition.Kind.CORRUPTED_LABELS)
                    .map(r -> r.spec().condition().p()).distinct().toList();
            if (!ps.isEmpty()) {
                Allure.parameter("p", ps.toString());
            }
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
        ResultStore store = ResultStore.fromConfiguration();
        store.write(outcome);
        if (FINGERPRINTED.compareAndSet(false, true)) {
            Json.writeFile(HardwareFingerprint.capture(), store.root().resolve(SummaryReport.FINGERPRINT_JSON));
        }
    }
}
