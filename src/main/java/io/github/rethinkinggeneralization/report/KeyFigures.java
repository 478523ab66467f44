package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.claims.Statistics;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.model.Architecture;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the figures a reader needs from a case record, by the shape of the case: runs of one
 * condition (seeds) give training and test accuracy; a label-corruption sweep gives test error and
 * steps to target per level; runs of several conditions give steps to target per condition; a case
 * without runs (theory) gives test error, fit error over tolerance or distance from its measured
 * map. Negative controls give none: they guard the test, they are not the claim's figures.
 *
 * <p>Intervals are 95 %: the Wilson score interval over the test (or training) images, pooled over
 * seeds, widened to the t-interval over seeds when that is wider.
 */
public final class KeyFigures {
    /** Normal quantile of the 95 % intervals. */
    static final double Z95 = 1.96;
    private static final Pattern SCALE_SIZES = Pattern.compile("(\\d+)/(\\d+) images");

    private final PaperFigures paper;

    public KeyFigures(PaperFigures paper) {
        this.paper = paper;
    }

    /**
     * A short sentence for the summary line; {@code kind} lets a claim line merge similar cases
     * (theory fits carry their error over tolerance and whether the parameter count is 2n+d).
     */
    public record Segment(String kind, String text, double fitRatio, boolean exactCount) {
        Segment(String kind, String text) {
            this(kind, text, Double.NaN, false);
        }
    }

    /** The figures of one case and its segment of the claim's summary line (null for controls). */
    public record CaseFigures(List<KeyFigure> figures, Segment segment) {
    }

    public CaseFigures extract(CaseRecord record) {
        if (record.control()) {
            return new CaseFigures(List.of(), null);
        }
        CaseOutcome o = record.outcome();
        if (o.runs().isEmpty()) {
            return theory(record);
        }
        Map<String, Double> measured = o.verdict().measured();
        if (measured.containsKey("relativeGain")) {
            return earlyStopping(o);
        }
        if (measured.containsKey("batchNormGain")) {
            return batchNorm(o);
        }
        boolean sweep = o.runs().stream().anyMatch(r -> r.spec().condition().kind() == DataCondition.Kind.CORRUPTED_LABELS);
        long conditions = o.runs().stream().map(r -> r.spec().condition()).distinct().count();
        if (sweep) {
            return sweep(o);
        }
        return conditions == 1 ? accuracy(o) : steps(o);
    }

    /** Accuracies of each variant (model, width, regularizers) of a one-condition case, over its seeds. */
    private CaseFigures accuracy(CaseOutcome o) {
        Map<String, List<ExperimentResult>> variants = new LinkedHashMap<>();
        o.runs().forEach(r -> variants.computeIfAbsent(modelKey(r), k -> new ArrayList<>()).add(r));
        List<KeyFigure> figures = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (List<ExperimentResult> runs : variants.values()) {
            ExperimentResult first = runs.get(0);
            String condition = first.spec().condition().toString();
            String base = o.claimId() + "/" + runKey(first) + "/" + condition;
            List<Double> train = runs.stream().map(ExperimentResult::trainAccuracy).toList();
            List<Double> test = runs.stream().map(ExperimentResult::testAccuracy).toList();
            // Table 1's figures stand beside unregularized runs only: the rows with regularizers differ in setup
            Optional<PaperFigures.Table1Row> row = first.spec().model().regularization().isNone()
                    ? paper.table1(first.spec().model().architecture().id(), tableCondition(first.spec().condition()))
                    : Optional.empty();
            KeyFigure tr = fraction(base + "/trainAccuracy", o, modelName(first) + " " + condition + ": training accuracy",
                    "trainAccuracy", train, first.spec().nTrain(), row.map(PaperFigures.Table1Row::trainAccuracy).orElse(null),
                    row.map(PaperFigures.Table1Row::source).orElse(null));
            KeyFigure te = fraction(base + "/testAccuracy", o, modelName(first) + " " + condition + ": test accuracy",
                    "testAccuracy", test, first.spec().nTest(), row.map(PaperFigures.Table1Row::testAccuracy).orElse(null),
                    row.map(PaperFigures.Table1Row::source).orElse(null));
            figures.add(tr);
            figures.add(te);
            texts.add(modelName(first) + " " + condition + ": train " + tr.formatValue() + ", test " + te.formatWithInterval()
                    + row.map(r -> " (paper: train " + KeyFigure.format(r.trainAccuracy(), KeyFigure.FRACTION) + ", test "
                    + KeyFigure.format(r.testAccuracy(), KeyFigure.FRACTION) + ")").orElse(""));
        }
        return new CaseFigures(figures, new Segment("accuracy", String.join("; ", texts)));
    }

    private CaseFigures sweep(CaseOutcome o) {
        Map<String, List<ExperimentResult>> byModel = new LinkedHashMap<>();
        o.runs().forEach(r -> byModel.computeIfAbsent(modelKey(r), k -> new ArrayList<>()).add(r));
        List<KeyFigure> figures = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (List<ExperimentResult> runs : byModel.values()) {
            ExperimentResult first = runs.get(0);
            String arch = first.spec().model().architecture().id();
            Map<Double, List<ExperimentResult>> byP = new java.util.TreeMap<>();
            runs.forEach(r -> byP.computeIfAbsent(r.spec().condition().p(), k -> new ArrayList<>()).add(r));
            List<KeyFigure> errors = new ArrayList<>();
            for (Map.Entry<Double, List<ExperimentResult>> e : byP.entrySet()) {
                double p = e.getKey();
                String base = o.claimId() + "/" + runKey(first) + "/corrupted-labels:" + p;
                Optional<PaperFigures.Table1Row> row = p == 0 ? paper.table1(arch, "true-labels")
                        : p == 1 ? paper.table1(arch, "random-labels") : Optional.empty();
                List<Double> err = e.getValue().stream().map(r -> 1 - r.testAccuracy()).toList();
                KeyFigure f = fraction(base + "/testError", o, modelName(first) + " p=" + p + ": test error", "testError", err,
                        first.spec().nTest(), row.map(r -> 1 - r.testAccuracy()).orElse(null), row.map(PaperFigures.Table1Row::source).orElse(null));
                errors.add(f);
                figures.add(f);
                figures.add(steps(base + "/stepsToTarget", o, modelName(first) + " p=" + p + ": steps to target", e.getValue()));
            }
            KeyFigure lo = errors.get(0);
            KeyFigure hi = errors.get(errors.size() - 1);
            texts.add(modelName(first) + " test error p=" + byP.keySet().iterator().next() + " → " + new ArrayList<>(byP.keySet()).get(byP.size() - 1)
                    + ": " + lo.formatWithInterval() + " → " + hi.formatWithInterval()
                    + (lo.paper() != null && hi.paper() != null ? " (paper " + lo.formatPaper() + " → " + hi.formatPaper() + ")" : ""));
        }
        String slug = o.claimId() + "/" + o.slug();
        Map<String, Double> m = o.verdict().measured();
        List<String> fit = new ArrayList<>();
        if (m.containsKey("slope")) {
            figures.add(number(slug + "/slope", o, "slope of test error over p", "slope", m.get("slope")));
            fit.add("slope " + KeyFigure.number(m.get("slope")));
        }
        if (m.containsKey("rSquared")) {
            figures.add(number(slug + "/rSquared", o, "R² of the straight-line fit", "rSquared", m.get("rSquared")));
            fit.add("R² " + KeyFigure.number(m.get("rSquared")));
        }
        return new CaseFigures(figures, new Segment("sweep", String.join("; ", texts) + (fit.isEmpty() ? "" : "; " + String.join(", ", fit))));
    }

    /** C5's early stopping: best test accuracy during training, the final one, and the gain relative to the margin over chance. */
    private CaseFigures earlyStopping(CaseOutcome o) {
        ExperimentResult r = o.runs().get(0);
        Map<String, Double> m = o.verdict().measured();
        String base = o.claimId() + "/" + o.slug() + "/" + runKey(r);
        int nTest = r.spec().nTest();
        KeyFigure best = fraction(base + "/bestTestAccuracy", o, modelName(r) + ": best test accuracy during training",
                "bestTestAccuracy", List.of(m.get("bestTestAccuracy")), nTest, null, null);
        KeyFigure last = fraction(base + "/finalTestAccuracy", o, modelName(r) + ": final test accuracy", "testAccuracy",
                List.of(m.get("finalTestAccuracy")), nTest, null, null);
        KeyFigure relative = number(base + "/relativeGain", o, modelName(r) + ": early-stopping gain over the final margin above chance",
                "relativeGain", m.get("relativeGain"));
        return new CaseFigures(List.of(best, last, relative), new Segment("earlyStopping", modelName(r) + " early stopping: best test "
                + best.formatValue() + " (epoch " + Math.round(m.getOrDefault("bestEpoch", Double.NaN)) + "), final "
                + last.formatWithInterval() + "; gain " + KeyFigure.number(m.get("relativeGain")) + " of the margin over chance"));
    }

    /** C5's batch norm: test accuracy with and without it, and the difference; Table 1's two rows beside them. */
    private CaseFigures batchNorm(CaseOutcome o) {
        Map<String, Double> m = o.verdict().measured();
        ExperimentResult with = o.runs().get(0);
        String base = o.claimId() + "/" + o.slug();
        int nTest = with.spec().nTest();
        // over seeds the interval is the wider of Wilson's and the seeds' t-interval, as for every other accuracy
        KeyFigure withBn = fraction(base + "/testAccuracyWithBatchNorm", o, "test accuracy with batch norm", "testAccuracy",
                testAccuracies(o, Architecture.SMALL_INCEPTION, m.get("testAccuracyWithBatchNorm")), nTest, null, null);
        KeyFigure withoutBn = fraction(base + "/testAccuracyWithoutBatchNorm", o, "test accuracy without batch norm", "testAccuracy",
                testAccuracies(o, Architecture.SMALL_INCEPTION_NO_BN, m.get("testAccuracyWithoutBatchNorm")), nTest, null, null);
        KeyFigure gain = number(base + "/batchNormGain", o, "batch norm's test-accuracy gain", "batchNormGain", m.get("batchNormGain"));
        Optional<PaperFigures.Table1Row> paperWith = paper.table1(Architecture.SMALL_INCEPTION.id(), "true-labels");
        Optional<PaperFigures.Table1Row> paperWithout = paper.table1(Architecture.SMALL_INCEPTION_NO_BN.id(), "true-labels");
        String paperText = paperWith.isPresent() && paperWithout.isPresent()
                ? String.format(Locale.ROOT, " (paper %.2f %% / %.2f %%)", 100 * paperWith.get().testAccuracy(),
                        100 * paperWithout.get().testAccuracy()) : "";
        return new CaseFigures(List.of(withBn, withoutBn, gain), new Segment("batchNorm", modelName(with) + " with / without batch norm: test "
                + withBn.formatWithInterval() + " / " + withoutBn.formatWithInterval() + paperText));
    }

    /** The test accuracies of a case's runs of one architecture where it ran several seeds; else the recorded one alone. */
    private static List<Double> testAccuracies(CaseOutcome o, Architecture architecture, double recorded) {
        List<Double> values = o.runs().stream().filter(r -> r.spec().model().architecture() == architecture)
                .map(ExperimentResult::testAccuracy).toList();
        return values.size() >= 2 ? values : List.of(recorded);
    }

    private CaseFigures steps(CaseOutcome o) {
        Map<String, List<ExperimentResult>> byCondition = new LinkedHashMap<>();
        o.runs().forEach(r -> byCondition.computeIfAbsent(modelKey(r) + "/" + r.spec().condition(), k -> new ArrayList<>()).add(r));
        List<KeyFigure> figures = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (List<ExperimentResult> runs : byCondition.values()) {
            ExperimentResult first = runs.get(0);
            KeyFigure f = steps(o.claimId() + "/" + o.slug() + "/" + runKey(first) + "/" + first.spec().condition() + "/stepsToTarget", o,
                    modelName(first) + " " + first.spec().condition() + ": steps to target", runs);
            figures.add(f);
            parts.add(first.spec().condition() + " " + (Double.isNaN(f.value()) ? "not reached" : f.formatValue()));
        }
        String text = modelName(o.runs().get(0)) + " steps to target: " + String.join(", ", parts);
        // one seed's check records "slowdown", the claim test's seed aggregate "slowdownMean"
        Double slowdown = o.verdict().measured().getOrDefault("slowdown", o.verdict().measured().get("slowdownMean"));
        if (slowdown != null && !slowdown.isNaN()) {
            Optional<PaperFigures.Statement> s = paper.statement("fig1b");
            figures.add(new KeyFigure(o.claimId() + "/" + o.slug() + "/slowdown", o.claimId(), o.caseName(),
                    "slowdown, random vs true labels", "slowdown", KeyFigure.RATIO, slowdown, null, null, null,
                    s.map(x -> x.text() + " (" + x.source() + ")").orElse(null)));
            text += "; slowdown " + KeyFigure.format(slowdown, KeyFigure.RATIO);
        }
        return new CaseFigures(figures, new Segment("steps", text));
    }

    private CaseFigures theory(CaseRecord record) {
        CaseOutcome o = record.outcome();
        Map<String, Double> m = o.verdict().measured();
        String base = o.claimId() + "/" + o.slug();
        if (m.containsKey("testAccuracy")) {
            int n = testSize(record);
            double err = 1 - m.get("testAccuracy");
            Statistics.Interval w = Statistics.wilson(err, n, Z95);
            Double paperError = m.get("paperTestError");
            KeyFigure f = new KeyFigure(base + "/testError", o.claimId(), o.caseName(), o.caseName() + ": test error", "testError",
                    KeyFigure.FRACTION, err, w.low(), w.high(), paperError, paperError == null ? null : "Section 5 (fixtures/theory.json)");
            return new CaseFigures(List.of(f), new Segment("kernel", o.caseName() + ": test error " + f.formatWithInterval()
                    + (paperError == null ? "" : " (paper " + f.formatPaper() + ")")));
        }
        if (m.containsKey("maxAbsError") && m.containsKey("tolerance")) {
            double ratio = m.get("maxAbsError") / m.get("tolerance");
            List<KeyFigure> fs = new ArrayList<>();
            fs.add(number(base + "/errorOverTolerance", o, o.caseName() + ": max |error| / tolerance", "errorOverTolerance", ratio));
            if (m.containsKey("freeParameters")) {
                fs.add(new KeyFigure(base + "/freeParameters", o.claimId(), o.caseName(), o.caseName() + ": free parameters",
                        "freeParameters", KeyFigure.NUMBER, m.get("freeParameters"), null, null, m.get("theoremParameters"),
                        "Theorem 1: 2n+d"));
            }
            boolean exact = m.containsKey("theoremParameters") && Objects.equals(m.get("freeParameters"), m.get("theoremParameters"));
            return new CaseFigures(fs, new Segment("fit", o.caseName() + ": max |error| / tolerance " + KeyFigure.number(ratio), ratio, exact));
        }
        if (m.containsKey("finalRelativeDistance")) {
            KeyFigure f = number(base + "/relativeDistance", o, o.caseName() + ": distance to the minimum-norm solution",
                    "relativeDistance", m.get("finalRelativeDistance"));
            return new CaseFigures(List.of(f), new Segment("distance", o.caseName() + ": relative distance to the minimum-norm solution "
                    + f.formatValue()));
        }
        List<KeyFigure> fs = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        m.entrySet().stream().limit(4).forEach(e -> {
            fs.add(number(base + "/" + e.getKey(), o, o.caseName() + ": " + e.getKey(), e.getKey(), e.getValue()));
            parts.add(e.getKey() + " " + KeyFigure.number(e.getValue()));
        });
        return new CaseFigures(fs, new Segment("generic", o.caseName() + ": " + String.join(", ", parts)));
    }

    /** Merges a claim's segments into its summary line (theory fits are counted, not listed). */
    public static String headline(List<Segment> segments) {
        List<String> lines = new ArrayList<>();
        List<Segment> fits = new ArrayList<>();
        for (Segment s : segments) {
            if ("fit".equals(s.kind())) {
                fits.add(s);
            } else {
                lines.add(s.text());
            }
        }
        if (!fits.isEmpty()) {
            double worst = fits.stream().mapToDouble(Segment::fitRatio).max().orElse(Double.NaN);
            long exact = fits.stream().filter(Segment::exactCount).count();
            lines.add(0, fits.size() + " constructions: max |error| / tolerance ≤ " + KeyFigure.number(worst)
                    + "; free parameters = 2n+d in " + exact + "/" + fits.size());
        }
        return String.join("<br>", lines);
    }

    private static KeyFigure fraction(String id, CaseOutcome o, String label, String metric, List<Double> values, int nPerRun,
                                      Double paperValue, String paperSource) {
        double mean = Statistics.mean(values);
        Statistics.Interval w = Statistics.wilson(mean, nPerRun * values.size(), Z95);
        double low = w.low();
        double high = w.high();
        if (values.size() >= 2) {
            Statistics.Interval t = Statistics.meanInterval95(values);
            low = Math.min(low, t.low());
            high = Math.max(high, t.high());
        }
        return new KeyFigure(id, o.claimId(), o.caseName(), label, metric, KeyFigure.FRACTION, mean, Math.max(0, low),
                Math.min(1, high), paperValue, paperSource);
    }

    private static KeyFigure steps(String id, CaseOutcome o, String label, List<ExperimentResult> runs) {
        boolean all = runs.stream().allMatch(r -> r.stepsToTarget() != null);
        double mean = all ? runs.stream().mapToLong(ExperimentResult::stepsToTarget).average().orElse(Double.NaN) : Double.NaN;
        return new KeyFigure(id, o.claimId(), o.caseName(), label, "stepsToTarget", KeyFigure.STEPS, mean, null, null, null, null);
    }

    private static KeyFigure number(String id, CaseOutcome o, String label, String metric, double value) {
        return new KeyFigure(id, o.claimId(), o.caseName(), label, metric, KeyFigure.NUMBER, value, null, null, null, null);
    }

    /** The test-set size of a theory case: its extra result's nTest, else the "a/b images" of its scale. */
    static int testSize(CaseRecord record) {
        if (record.extra() != null && record.extra().path("nTest").asInt() > 0) {
            return record.extra().path("nTest").asInt();
        }
        Matcher m = SCALE_SIZES.matcher(record.outcome().scale());
        return m.find() ? Integer.parseInt(m.group(2)) : 1;
    }

    /** Model id with the width when scaled and the regularizers when on ("small-alexnet@x0.5[wd=5.0E-4]"). */
    static String modelKey(ExperimentResult r) {
        double w = r.spec().model().width();
        var reg = r.spec().model().regularization();
        return r.spec().model().architecture().id() + (w == 1 ? "" : "@x" + w) + (reg.isNone() ? "" : "[" + reg.label() + "]");
    }

    /** The model key with the training-set size: figures of different scales never share an id. */
    static String runKey(ExperimentResult r) {
        return modelKey(r) + "/n=" + r.spec().nTrain();
    }

    static String modelName(ExperimentResult r) {
        double w = r.spec().model().width();
        var reg = r.spec().model().regularization();
        return r.spec().model().architecture().paperName() + (w == 1 ? "" : String.format(Locale.ROOT, " x%s", w))
                + (reg.isNone() ? "" : " + " + reg.label());
    }

    /** The Table 1 condition a run's condition corresponds to (full corruption is random labels). */
    static String tableCondition(DataCondition c) {
        if (c.kind() == DataCondition.Kind.CORRUPTED_LABELS) {
            return c.p() == 0 ? "true-labels" : c.p() == 1 ? "random-labels" : c.toString();
        }
        return c.kind().id();
    }
}
