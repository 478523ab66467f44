package io.github.rethinkinggeneralization.report;

import java.util.List;

/**
 * What {@code reports/summary.json} holds: one entry per claim (its verdict, the conjunction of
 * its cases, with the key figures, the paper's figures, profile, dataset, scale and run time), the
 * training runs behind them, throughput per model, the hardware fingerprint, the figures drawn, an
 * optional comparison with a baseline, and whether the run was complete. A {@code PARTIAL} status
 * comes with the reasons.
 */
public record Summary(int schema, String status, List<String> partialReasons, String generatedAt, String profile,
                      List<String> datasets, Timing timing, String fingerprintId, HardwareFingerprint fingerprint,
                      List<Claim> claims, List<Run> runs, List<Throughput> throughput, List<String> figures,
                      List<String> notes, BaselineComparison baseline) {

    public static final int SCHEMA = 1;
    public static final String COMPLETE = "COMPLETE";
    public static final String PARTIAL = "PARTIAL";
    /** Claim verdicts besides {@link io.github.rethinkinggeneralization.claims.Verdict}'s. */
    public static final String NOT_RUN = "NOT RUN";
    public static final String MISSING = "MISSING";

    public Summary {
        partialReasons = List.copyOf(partialReasons);
        datasets = List.copyOf(datasets);
        claims = List.copyOf(claims);
        runs = List.copyOf(runs);
        throughput = List.copyOf(throughput);
        figures = List.copyOf(figures);
        notes = List.copyOf(notes);
    }

    public boolean partial() {
        return PARTIAL.equals(status);
    }

    public Summary withBaseline(BaselineComparison comparison) {
        return new Summary(schema, status, partialReasons, generatedAt, profile, datasets, timing, fingerprintId, fingerprint,
                claims, runs, throughput, figures, notes, comparison);
    }

    public Summary withNotes(List<String> newNotes) {
        return new Summary(schema, status, partialReasons, generatedAt, profile, datasets, timing, fingerprintId, fingerprint,
                claims, runs, throughput, figures, newNotes, baseline);
    }

    public Summary withFigures(List<String> files) {
        return new Summary(schema, status, partialReasons, generatedAt, profile, datasets, timing, fingerprintId, fingerprint,
                claims, runs, throughput, files, notes, baseline);
    }

    /**
     * How long the run took: the suite's wall time (from the run marker, else from the first to the
     * last Allure test), the claim tests' own time, and the training time behind the runs.
     */
    public record Timing(String startedAt, Double suiteSeconds, String suiteSecondsSource, Double testSeconds,
                         double trainingSeconds) {
    }

    /** One claim: the conjunction of its cases and what they measured. */
    public record Claim(String id, String claim, String verdict, String note, int reproduced, int refuted, int inconclusive,
                        List<String> notRun, List<String> failedWithoutVerdict, List<String> profiles, List<String> datasets,
                        List<String> scales, Double testSeconds, double trainingSeconds, String headline, String paper,
                        String paperSource, List<KeyFigure> figures, List<Case> cases) {
        public Claim {
            notRun = List.copyOf(notRun);
            failedWithoutVerdict = List.copyOf(failedWithoutVerdict);
            profiles = List.copyOf(profiles);
            datasets = List.copyOf(datasets);
            scales = List.copyOf(scales);
            figures = List.copyOf(figures);
            cases = List.copyOf(cases);
        }
    }

    /** One case of a claim with its verdict, where its record is, and how its test ended. */
    public record Case(String name, String verdict, String explanation, String record, boolean control, String testStatus) {
    }

    /** One training run (runs shared by several cases appear once). */
    public record Run(String key, String claimId, String caseName, String model, double width, String condition,
                      String dataset, int nTrain, int nTest, long seed, int epochs, Long stepsToTarget, String stopReason,
                      double trainAccuracy, double testAccuracy, double wallSeconds, double imagesPerSecond) {
    }

    /** Training throughput of one model at one width over all its runs (wall time including evaluation). */
    public record Throughput(String model, String modelName, double width, int runs, long images, double wallSeconds,
                             double imagesPerSecond) {
    }
}
