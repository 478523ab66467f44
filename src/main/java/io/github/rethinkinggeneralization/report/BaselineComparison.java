package io.github.rethinkinggeneralization.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * This run's summary against a stored one ({@code -Dbaseline=PATH}), for regression checks on new
 * hardware: every accuracy or error rate both summaries measured must agree within their
 * intervals (the difference inside the 95 % interval of a difference of two independent
 * estimates, 1.96·sqrt(se₁² + se₂²) with se = half the interval / 1.96), or within a tolerance
 * that {@code fixtures/baseline-tolerance.json} gives its metric with a reason, whichever is wider;
 * throughput is reported as a ratio (this run / baseline) per model, never judged.
 */
public record BaselineComparison(String baselinePath, String baselineGeneratedAt, String baselineProfile,
                                 String baselineFingerprintId, String baselineMachine, boolean agree,
                                 List<FigureCheck> figures, List<ThroughputRatio> throughput, List<String> unmatched,
                                 List<String> notes) {

    public BaselineComparison {
        figures = List.copyOf(figures);
        throughput = List.copyOf(throughput);
        unmatched = List.copyOf(unmatched);
        notes = List.copyOf(notes);
    }

    /** One figure compared: the allowed difference and the rule that set it. */
    public record FigureCheck(String id, String label, String unit, double current, double baseline, double difference,
                              double allowed, String rule, boolean agree) {
    }

    /** Images per second of one model at one width, this run against the baseline. */
    public record ThroughputRatio(String model, String modelName, double width, double current, double baseline, double ratio) {
    }

    /** A per-metric tolerance with its reason. */
    public record Tolerance(double value, String reason) {
    }

    /** A baseline that could not be read or used: never agrees, says why. */
    public static BaselineComparison unusable(String path, String reason) {
        return new BaselineComparison(path, null, null, null, null, false, List.of(), List.of(), List.of(),
                List.of("the baseline could not be used: " + reason));
    }

    public List<FigureCheck> disagreements() {
        return figures.stream().filter(f -> !f.agree()).toList();
    }

    /** Per-metric tolerances from a fixture file ({@code {"tolerances": {"trainAccuracy": {"value":, "reason":}}}}). */
    public static Map<String, Tolerance> tolerances(Path file) {
        Map<String, Tolerance> out = new LinkedHashMap<>();
        if (file == null || !Files.isRegularFile(file)) {
            return out;
        }
        try {
            JsonNode root = Json.mapper().readTree(file.toFile());
            root.path("tolerances").fields().forEachRemaining(e -> out.put(e.getKey(),
                    new Tolerance(e.getValue().path("value").asDouble(), e.getValue().path("reason").asText())));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Reads a stored summary (a summary.json of an earlier run). */
    public static Summary readBaseline(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("baseline " + file.toAbsolutePath() + " does not exist: pass -Dbaseline= the summary.json"
                    + " of an earlier run (fixtures/baseline-ci.json for the ci profile)");
        }
        try {
            return Json.mapper().readValue(file.toFile(), Summary.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("baseline " + file.toAbsolutePath() + " is not a summary.json: " + e.getMessage(), e);
        }
    }

    public static BaselineComparison compare(Summary current, Summary baseline, String baselinePath, Map<String, Tolerance> tolerances) {
        Map<String, KeyFigure> before = new LinkedHashMap<>();
        baseline.claims().forEach(c -> c.figures().stream().filter(KeyFigure::isAccuracy).forEach(f -> before.put(f.id(), f)));
        List<FigureCheck> checks = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        for (Summary.Claim c : current.claims()) {
            for (KeyFigure f : c.figures()) {
                if (!f.isAccuracy()) {
                    continue;
                }
                KeyFigure b = before.remove(f.id());
                if (b == null) {
                    unmatched.add(f.id() + " (not in the baseline)");
                } else {
                    checks.add(check(f, b, tolerances.get(f.metric())));
                }
            }
        }
        before.keySet().forEach(id -> unmatched.add(id + " (only in the baseline)"));
        List<String> notes = new ArrayList<>();
        if (!Objects.equals(current.profile(), baseline.profile())) {
            notes.add("profiles differ: this run '" + current.profile() + "', baseline '" + baseline.profile()
                    + "'; only figures with the same id are compared");
        }
        if (baseline.partial()) {
            notes.add("the baseline itself was a PARTIAL run");
        }
        if (checks.isEmpty()) {
            notes.add("no accuracy figure is in both summaries: nothing could be compared");
        }
        boolean agree = !checks.isEmpty() && checks.stream().allMatch(FigureCheck::agree);
        return new BaselineComparison(baselinePath, baseline.generatedAt(), baseline.profile(), baseline.fingerprintId(),
                baseline.fingerprint() == null ? null : baseline.fingerprint().describe(), agree, checks,
                throughput(current, baseline), unmatched, notes);
    }

    static FigureCheck check(KeyFigure now, KeyFigure before, Tolerance tolerance) {
        double diff = now.value() - before.value();
        double allowed = 0;
        String rule = "equal (no interval)";
        if (now.hasInterval() && before.hasInterval()) {
            double se1 = (now.high() - now.low()) / (2 * KeyFigures.Z95);
            double se2 = (before.high() - before.low()) / (2 * KeyFigures.Z95);
            allowed = KeyFigures.Z95 * Math.sqrt(se1 * se1 + se2 * se2);
            rule = "95 % intervals";
        }
        if (tolerance != null && tolerance.value() > allowed) {
            allowed = tolerance.value();
            rule = "tolerance " + KeyFigure.format(tolerance.value(), now.unit()) + ": " + tolerance.reason();
        }
        boolean agree = !Double.isNaN(diff) && Math.abs(diff) <= allowed + 1e-12;
        return new FigureCheck(now.id(), now.label(), now.unit(), now.value(), before.value(), diff, allowed, rule, agree);
    }

    private static List<ThroughputRatio> throughput(Summary current, Summary baseline) {
        Map<String, Summary.Throughput> before = new LinkedHashMap<>();
        baseline.throughput().forEach(t -> before.put(t.model() + "@" + t.width(), t));
        List<ThroughputRatio> out = new ArrayList<>();
        for (Summary.Throughput t : current.throughput()) {
            Summary.Throughput b = before.get(t.model() + "@" + t.width());
            if (b != null && b.imagesPerSecond() > 0) {
                out.add(new ThroughputRatio(t.model(), t.modelName(), t.width(), t.imagesPerSecond(), b.imagesPerSecond(),
                        t.imagesPerSecond() / b.imagesPerSecond()));
            }
        }
        return out;
    }

    /** "MLP 3x512: 1.23x". */
    public static String formatRatio(ThroughputRatio r) {
        return String.format(Locale.ROOT, "%.2fx", r.ratio());
    }
}
