package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.claims.Statistics;
import io.github.rethinkinggeneralization.data.DataCondition;
import io.github.rethinkinggeneralization.train.EpochRecord;
import io.github.rethinkinggeneralization.train.ExperimentResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Draws the paper's Fig. 1 from the measured runs, as PNGs under {@code reports/figures/}, with
 * JFreeChart (headless): Fig. 1a, training loss against SGD steps per data condition, one chart per
 * model (from C1's runs); Fig. 1b, the convergence slowdown (steps to the training target over
 * those at p = 0) against label corruption (from C2's sweep; without a sweep, steps to target per
 * data condition); Fig. 1c, test error against label corruption with 95 % Wilson intervals, chance
 * and Table 1's end points (from C2). Every title carries the measured scale.
 */
public final class PaperCharts {
    static final int WIDTH = 960;
    static final int HEIGHT = 600;
    private static final String MEMORIZATION_CLAIM = "C1";
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};

    private final PaperFigures paper;

    public PaperCharts(PaperFigures paper) {
        this.paper = paper;
    }

    /** A drawn figure: its file, title, and the claim cases it illustrates (for Allure attachments). */
    public record ChartFile(String name, Path file, String title, List<CaseRef> cases) {
        public boolean illustrates(String claimId, String caseName) {
            return cases.contains(new CaseRef(claimId, caseName));
        }
    }

    /** A case of a claim. */
    public record CaseRef(String claimId, String caseName) {
    }

    /**
     * Draws every figure the records have data for into {@code dir} (written atomically) and removes
     * figures of earlier runs that this run has no data for.
     */
    public List<ChartFile> draw(List<CaseRecord> records, Path dir) {
        System.setProperty("java.awt.headless", "true");
        List<ChartFile> out = new ArrayList<>();
        List<CaseRecord> main = records.stream().filter(r -> !r.control() && !r.outcome().runs().isEmpty()).toList();
        List<CaseRecord> memorization = main.stream().filter(r -> r.outcome().claimId().equals(MEMORIZATION_CLAIM)).toList();
        List<CaseRecord> sweeps = main.stream().filter(r -> r.outcome().runs().stream()
                .anyMatch(x -> x.spec().condition().kind() == DataCondition.Kind.CORRUPTED_LABELS)).toList();
        out.addAll(fig1a(memorization.isEmpty() ? main.stream().filter(r -> !sweeps.contains(r)).toList() : memorization, dir));
        Map<String, TreeMap<Double, List<ExperimentResult>>> slowdown = slowdownSeries(main);
        if (!slowdown.isEmpty()) {
            out.add(fig1b(main, slowdown, dir));
        } else if (!memorization.isEmpty()) {
            out.add(stepsPerCondition(memorization, dir));
        }
        if (!sweeps.isEmpty()) {
            out.add(fig1c(sweeps, dir));
        }
        removeOthers(dir, out);
        return out;
    }

    private List<ChartFile> fig1a(List<CaseRecord> records, Path dir) {
        Map<String, Map<String, ExperimentResult>> byModel = new TreeMap<>();
        Map<String, List<CaseRef>> cases = new LinkedHashMap<>();
        for (CaseRecord r : records) {
            for (ExperimentResult run : r.outcome().runs()) {
                String model = KeyFigures.modelKey(run);
                byModel.computeIfAbsent(model, k -> new LinkedHashMap<>()).putIfAbsent(run.spec().condition().toString(), run);
                cases.computeIfAbsent(model, k -> new ArrayList<>()).add(ref(r));
            }
        }
        List<ChartFile> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, ExperimentResult>> e : byModel.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            Set<Long> seeds = new LinkedHashSet<>();
            List<ExperimentResult> ordered = e.getValue().values().stream()
                    .sorted(java.util.Comparator.comparingInt((ExperimentResult r) -> r.spec().condition().kind().ordinal())
                            .thenComparingDouble(r -> r.spec().condition().p()))
                    .toList();
            for (ExperimentResult run : ordered) {
                XYSeries s = new XYSeries(run.spec().condition().toString());
                for (EpochRecord ep : run.curve().epochs()) {
                    s.add(ep.steps(), ep.trainLoss());
                }
                data.addSeries(s);
                seeds.add(run.spec().seed());
            }
            ExperimentResult first = e.getValue().values().iterator().next();
            JFreeChart chart = ChartFactory.createXYLineChart("Fig. 1a: training loss, " + KeyFigures.modelName(first),
                    "SGD steps (batch " + first.spec().optimizer().batchSize() + ")", "average training loss (epoch)", data,
                    PlotOrientation.VERTICAL, true, false, false);
            chart.addSubtitle(scaleTitle(records, first, "seed " + join(seeds)));
            XYPlot plot = style(chart);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            colour(renderer, data.getSeriesCount());
            for (int i = 0; i < ordered.size(); i++) {
                // the same colour for a data condition in every model's chart
                renderer.setSeriesPaint(i, colour(ordered.get(i).spec().condition().kind()));
            }
            plot.setRenderer(renderer);
            String name = "fig1a-training-loss-" + e.getKey().replaceAll("[^A-Za-z0-9.=]+", "-").replaceAll("-$", "") + ".png";
            out.add(write(chart, dir, name, cases.get(e.getKey())));
        }
        return out;
    }

    /**
     * Fig. 1b: steps to the training target over those at p = 0, per model: a corruption sweep
     * where one ran, else a model's true- and random-label runs as p = 0 and p = 1.
     */
    private ChartFile fig1b(List<CaseRecord> main, Map<String, TreeMap<Double, List<ExperimentResult>>> series, Path dir) {
        XYSeriesCollection data = new XYSeriesCollection();
        List<String> missing = new ArrayList<>();
        ExperimentResult first = series.values().iterator().next().firstEntry().getValue().get(0);
        for (TreeMap<Double, List<ExperimentResult>> byP : series.values()) {
            ExperimentResult any = byP.firstEntry().getValue().get(0);
            String model = KeyFigures.modelName(any) + ", n = " + any.spec().nTrain();
            OptionalDouble base = meanSteps(byP.getOrDefault(0.0, List.of()));
            if (base.isEmpty()) {
                missing.add(model + " did not reach the target at p = 0");
                continue;
            }
            XYSeries s = new XYSeries(String.format(Locale.ROOT, "%s (p = 0: %.0f steps)", model, base.getAsDouble()));
            for (Map.Entry<Double, List<ExperimentResult>> p : byP.entrySet()) {
                OptionalDouble steps = meanSteps(p.getValue());
                if (steps.isPresent()) {
                    s.add(p.getKey().doubleValue(), steps.getAsDouble() / base.getAsDouble());
                } else {
                    missing.add(model + " p = " + p.getKey() + " did not reach the target");
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Fig. 1b: convergence slowdown vs label corruption",
                "label corruption p", "steps to target / steps at p = 0", data, PlotOrientation.VERTICAL, true, false, false);
        String profile = main.stream().map(r -> r.outcome().profile()).distinct().reduce((a, b) -> a + "+" + b).orElse("?");
        chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "profile %s · %s · sizes and widths in the legend · target: training accuracy %s%s",
                profile, first.dataset(), percent(first.spec().budget().targetTrainAccuracy()),
                missing.isEmpty() ? "" : "; " + String.join("; ", missing)), new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
        paper.statement("fig1b").ifPresent(s -> chart.addSubtitle(small("paper: " + s.text() + " (" + s.source() + ")")));
        XYPlot plot = style(chart);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        colour(renderer, data.getSeriesCount());
        plot.setRenderer(renderer);
        plot.addRangeMarker(marker(1.0, "no slowdown"));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(true);
        plot.getDomainAxis().setRange(-0.05, 1.05);
        Set<ExperimentResult> drawn = new java.util.HashSet<>();
        series.values().forEach(byP -> byP.values().forEach(drawn::addAll));
        List<CaseRef> cases = new ArrayList<>();
        for (CaseRecord r : main) {
            if (r.outcome().runs().stream().anyMatch(drawn::contains)) {
                cases.add(ref(r));
            }
        }
        return write(chart, dir, "fig1b-slowdown-vs-corruption.png", cases);
    }

    /**
     * Unregularized runs per model (at its size) and corruption level for Fig. 1b: label-corruption
     * sweeps, and for models without one, true labels as p = 0 and random labels as p = 1 when both ran.
     */
    private static Map<String, TreeMap<Double, List<ExperimentResult>>> slowdownSeries(List<CaseRecord> main) {
        Map<String, TreeMap<Double, List<ExperimentResult>>> sweeps = new TreeMap<>();
        Map<String, TreeMap<Double, List<ExperimentResult>>> pairs = new TreeMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (CaseRecord r : main) {
            for (ExperimentResult run : r.outcome().runs()) {
                DataCondition c = run.spec().condition();
                String key = KeyFigures.runKey(run);
                // Fig. 1b is about the randomization alone: regularized runs (C4) stay out
                if (!run.spec().model().regularization().isNone() || !seen.add(key + "/" + c + "/" + run.spec().seed())) {
                    continue;
                }
                if (c.kind() == DataCondition.Kind.CORRUPTED_LABELS) {
                    sweeps.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(c.p(), k -> new ArrayList<>()).add(run);
                } else if (c.kind() == DataCondition.Kind.TRUE_LABELS || c.kind() == DataCondition.Kind.RANDOM_LABELS) {
                    pairs.computeIfAbsent(key, k -> new TreeMap<>())
                            .computeIfAbsent(c.kind() == DataCondition.Kind.TRUE_LABELS ? 0.0 : 1.0, k -> new ArrayList<>()).add(run);
                }
            }
        }
        pairs.forEach((key, byP) -> {
            if (!sweeps.containsKey(key) && byP.containsKey(0.0) && byP.containsKey(1.0)) {
                sweeps.put(key, byP);
            }
        });
        return sweeps;
    }

    private ChartFile fig1c(List<CaseRecord> sweeps, Path dir) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        List<Integer> paperSeries = new ArrayList<>();
        ExperimentResult first = sweeps.get(0).outcome().runs().get(0);
        for (Map.Entry<String, TreeMap<Double, List<ExperimentResult>>> e : sweepByModel(sweeps).entrySet()) {
            ExperimentResult any = e.getValue().firstEntry().getValue().get(0);
            YIntervalSeries s = new YIntervalSeries(KeyFigures.modelName(any) + " (95 % interval)");
            for (Map.Entry<Double, List<ExperimentResult>> p : e.getValue().entrySet()) {
                List<Double> errors = p.getValue().stream().map(r -> 1 - r.testAccuracy()).toList();
                double mean = Statistics.mean(errors);
                Statistics.Interval w = Statistics.wilson(mean, any.spec().nTest() * errors.size(), KeyFigures.Z95);
                s.add(p.getKey(), mean, w.low(), w.high());
            }
            data.addSeries(s);
            String arch = any.spec().model().architecture().id();
            Optional<PaperFigures.Table1Row> clean = paper.table1(arch, "true-labels");
            Optional<PaperFigures.Table1Row> random = paper.table1(arch, "random-labels");
            if (clean.isPresent() || random.isPresent()) {
                YIntervalSeries ps = new YIntervalSeries(any.spec().model().architecture().paperName() + ", paper (Table 1, full CIFAR-10)");
                clean.ifPresent(r -> ps.add(0.0, 1 - r.testAccuracy(), 1 - r.testAccuracy(), 1 - r.testAccuracy()));
                random.ifPresent(r -> ps.add(1.0, 1 - r.testAccuracy(), 1 - r.testAccuracy(), 1 - r.testAccuracy()));
                paperSeries.add(data.getSeriesCount());
                data.addSeries(ps);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Fig. 1c: test error vs label corruption", "label corruption p",
                "test error", data, PlotOrientation.VERTICAL, true, false, false);
        chart.addSubtitle(scaleTitle(sweeps, first, "seeds " + join(seeds(sweeps))));
        XYPlot plot = style(chart);
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        colour(renderer, data.getSeriesCount());
        for (int i : paperSeries) {
            renderer.setSeriesLinesVisible(i, false);
            renderer.setSeriesShape(i, new Rectangle2D.Double(-5, -5, 10, 10));
            renderer.setSeriesPaint(i, PALETTE[(i - 1) % PALETTE.length].darker());
        }
        plot.setRenderer(renderer);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setRange(0, 1);
        plot.getDomainAxis().setRange(-0.05, 1.05);
        y.setNumberFormatOverride(java.text.NumberFormat.getPercentInstance(Locale.ROOT));
        plot.addRangeMarker(marker(1 - first.chanceAccuracy(), "chance (" + percent(1 - first.chanceAccuracy()) + " error)"));
        return write(chart, dir, "fig1c-test-error-vs-corruption.png", refs(sweeps));
    }

    /** Fig. 1b's substitute without a corruption sweep: steps to target per data condition and model. */
    private ChartFile stepsPerCondition(List<CaseRecord> records, Path dir) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (CaseRecord r : records) {
            for (ExperimentResult run : r.outcome().runs()) {
                if (run.stepsToTarget() != null) {
                    data.setValue(run.stepsToTarget(), KeyFigures.modelName(run), run.spec().condition().toString());
                }
            }
        }
        ExperimentResult first = records.get(0).outcome().runs().get(0);
        JFreeChart chart = ChartFactory.createBarChart("Fig. 1b (substitute): steps to target per data condition", "data condition",
                "SGD steps to the training target", data, PlotOrientation.VERTICAL, true, false, false);
        chart.addSubtitle(scaleTitle(records, first, "no label-corruption sweep in this run"));
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return write(chart, dir, "fig1b-steps-per-condition.png", refs(records));
    }

    private static Map<String, TreeMap<Double, List<ExperimentResult>>> sweepByModel(List<CaseRecord> sweeps) {
        Map<String, TreeMap<Double, List<ExperimentResult>>> out = new TreeMap<>();
        for (CaseRecord r : sweeps) {
            for (ExperimentResult run : r.outcome().runs()) {
                if (run.spec().condition().kind() == DataCondition.Kind.CORRUPTED_LABELS) {
                    out.computeIfAbsent(KeyFigures.modelKey(run), k -> new TreeMap<>())
                            .computeIfAbsent(run.spec().condition().p(), k -> new ArrayList<>()).add(run);
                }
            }
        }
        return out;
    }

    private static OptionalDouble meanSteps(List<ExperimentResult> runs) {
        if (runs.isEmpty() || runs.stream().anyMatch(r -> r.stepsToTarget() == null)) {
            return OptionalDouble.empty();
        }
        return runs.stream().mapToLong(ExperimentResult::stepsToTarget).average();
    }

    /** "profile ci · cifar10 · n = 1000 train / 1000 test · width x1.0 · seed 1". */
    private static TextTitle scaleTitle(List<CaseRecord> records, ExperimentResult run, String extra) {
        String profile = records.stream().map(r -> r.outcome().profile()).distinct().reduce((a, b) -> a + "+" + b).orElse("?");
        TextTitle t = new TextTitle(String.format(Locale.ROOT, "profile %s · %s · n = %d train / %d test · width x%s · %s",
                profile, run.dataset(), run.spec().nTrain(), run.spec().nTest(), run.spec().model().width(), extra),
                new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        return t;
    }

    private static TextTitle small(String text) {
        return new TextTitle(text, new Font(Font.SANS_SERIF, Font.ITALIC, 12));
    }

    private static XYPlot style(JFreeChart chart) {
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        Font axis = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        plot.getDomainAxis().setLabelFont(axis);
        plot.getRangeAxis().setLabelFont(axis);
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return plot;
    }

    private static void colour(XYLineAndShapeRenderer renderer, int series) {
        for (int i = 0; i < series; i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2.2f));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
        }
    }

    private static Color colour(DataCondition.Kind kind) {
        return switch (kind) {
            case TRUE_LABELS -> PALETTE[0];
            case RANDOM_LABELS -> PALETTE[1];
            case RANDOM_PIXELS -> PALETTE[2];
            case SHUFFLED_PIXELS -> PALETTE[3];
            case GAUSSIAN -> PALETTE[4];
            case CORRUPTED_LABELS -> PALETTE[5];
        };
    }

    private static ValueMarker marker(double y, String label) {
        ValueMarker m = new ValueMarker(y, Color.GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return m;
    }

    private static ChartFile write(JFreeChart chart, Path dir, String name, List<CaseRef> cases) {
        try {
            byte[] png = ChartUtils.encodeAsPNG(chart.createBufferedImage(WIDTH, HEIGHT));
            Path file = dir.resolve(name);
            AtomicFiles.write(file, png);
            return new ChartFile(name, file, chart.getTitle().getText(), List.copyOf(new LinkedHashSet<>(cases)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + name + ": " + e.getMessage(), e);
        }
    }

    private static void removeOthers(Path dir, List<ChartFile> keep) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        keep.forEach(c -> names.add(c.name()));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().matches("fig1[a-c]-.*\\.png")).toList()) {
                if (!names.contains(f.getFileName().toString())) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tidy " + dir + ": " + e.getMessage(), e);
        }
    }

    private static CaseRef ref(CaseRecord r) {
        return new CaseRef(r.outcome().claimId(), r.outcome().caseName());
    }

    private static List<CaseRef> refs(List<CaseRecord> records) {
        return records.stream().map(PaperCharts::ref).toList();
    }

    private static Set<Long> seeds(List<CaseRecord> records) {
        Set<Long> seeds = new java.util.TreeSet<>();
        records.forEach(r -> r.outcome().runs().forEach(x -> seeds.add(x.spec().seed())));
        return seeds;
    }

    private static String join(Set<Long> seeds) {
        return String.join(", ", seeds.stream().map(String::valueOf).toList());
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * fraction);
    }
}
