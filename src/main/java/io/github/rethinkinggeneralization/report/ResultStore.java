package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.nio.file.Path;

/**
 * Writes case outcomes under {@code reports/claims/<claim>/}: one JSON record per case and one CSV
 * learning curve per run. The directory comes from {@code -Dreports.dir} (default {@code reports}).
 */
public final class ResultStore {
    private final Path root;

    public ResultStore(Path root) {
        this.root = root;
    }

    public static ResultStore fromConfiguration() {
        return new ResultStore(Path.of(System.getProperty("reports.dir", "reports")));
    }

    public Path root() {
        return root;
    }

    /** Writes the case and its curves; returns the JSON file. */
    public Path write(CaseOutcome outcome) {
        Path dir = root.resolve("claims").resolve(outcome.claimId());
        Path json = dir.resolve(outcome.slug() + ".json");
        Json.writeFile(outcome, json);
        for (ExperimentResult r : outcome.runs()) {
            AtomicFiles.write(dir.resolve(outcome.slug() + ".seed" + r.spec().seed() + "." + runSlug(r) + ".csv"),
                    r.curve().toCsv());
        }
        return json;
    }

    /** Slug of a run inside its case: its model and condition. */
    public static String runSlug(ExperimentResult r) {
        return (r.spec().model().architecture().id() + "-" + r.spec().condition())
                .replaceAll("[^A-Za-z0-9.=]+", "-");
    }
}
