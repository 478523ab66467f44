package io.github.rethinkinggeneralization.theory;

import io.github.rethinkinggeneralization.data.DataSplit;
import io.github.rethinkinggeneralization.data.DatasetCatalog;
import io.github.rethinkinggeneralization.data.DatasetKind;
import io.github.rethinkinggeneralization.data.LabeledImages;
import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Runs Theorem 1 end to end: draws the sample a spec names, builds the construction's network,
 * evaluates it through DL4J on every point, and runs the fewer-units control.
 */
public final class FiniteSampleExpressivity {
    private FiniteSampleExpressivity() {
    }

    /** Points and labels of a run, and where they came from. */
    public record Sample(double[][] points, double[] labels, String provenance) {
    }

    /** The sample a spec names: seeded Gaussian points, or a stratified subset of a dataset's training images. */
    public static Sample sample(ExpressivitySpec spec, DatasetCatalog catalog) {
        if (ExpressivitySpec.GAUSSIAN.equals(spec.inputs())) {
            double[][] x = RandomSamples.gaussianPoints(spec.n(), spec.d(), spec.seed());
            return new Sample(x, labels(spec, null), String.format(Locale.ROOT,
                    "%d standard Gaussian points in R^%d, seed %d", spec.n(), spec.d(), spec.seed()));
        }
        DataSplit split = catalog.load(DatasetKind.fromId(spec.inputs()), spec.n(), 0, spec.seed());
        LabeledImages images = split.train();
        return new Sample(ImageMatrices.rows(images), labels(spec, images), split.provenance()
                + "; raw pixels in [0, 1], d = " + images.shape().size());
    }

    private static double[] labels(ExpressivitySpec spec, LabeledImages images) {
        int n = images == null ? spec.n() : images.size();
        long seed = spec.seed() + 1;
        return switch (spec.labels()) {
            case REAL -> RandomSamples.gaussianLabels(n, seed);
            case RANDOM_CLASSES -> RandomSamples.classLabels(n, spec.classes(), seed);
            case TRUE_CLASSES -> Arrays.stream(images.labels()).asDoubleStream().toArray();
        };
    }

    /** Builds, evaluates and measures the run (the sample is drawn through {@code catalog}). */
    public static ExpressivityResult run(ExpressivitySpec spec, DatasetCatalog catalog) {
        return run(spec, sample(spec, catalog));
    }

    /** Builds, evaluates and measures the run on a given sample. */
    public static ExpressivityResult run(ExpressivitySpec spec, Sample sample) {
        long start = System.nanoTime();
        double[][] x = sample.points();
        double[] y = sample.labels();
        Theorem1Fit fit = Theorem1Construction.fit(x, y, spec.seed());
        MultiLayerNetwork net = fit.net().toNetwork();
        double[] predicted = TwoLayerReluNet.outputs(net, x);
        FreeParameters parameters = FreeParameters.of(net);
        FitTolerance tolerance = fit.tolerance();
        int distinct = fit.sample().size();
        int d = fit.sample().dimension();

        int units = Math.min(spec.controlUnits(), distinct - 1);
        double controlMax = Double.NaN;
        double controlRms = Double.NaN;
        if (units >= 1) {
            double[] controlPredicted = FewerUnitsFit.fit(x, y, units, spec.seed()).evaluate(x);
            controlMax = maxAbsError(controlPredicted, y);
            controlRms = rmsError(controlPredicted, y);
        }
        double[] z = fit.direction().sortedProjections();
        double spread = z[z.length - 1] - z[0];
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ExpressivityResult(spec, sample.provenance(), x.length, distinct, d,
                parameters.total(), 2L * distinct + d, parameters.stored(),
                maxAbsError(predicted, y), tolerance.value(), tolerance.ifFloat(), range(y),
                spread > 0 ? fit.direction().smallestGap() / spread : Double.NaN,
                Arrays.stream(fit.net().w()).map(Math::abs).max().orElse(0),
                Math.max(units, 0), controlMax, controlRms, seconds);
    }

    /** max_i |predicted_i - labels_i|. */
    public static double maxAbsError(double[] predicted, double[] labels) {
        double max = 0;
        for (int i = 0; i < labels.length; i++) {
            max = Math.max(max, Math.abs(predicted[i] - labels[i]));
        }
        return max;
    }

    /** sqrt(mean_i (predicted_i - labels_i)^2). */
    public static double rmsError(double[] predicted, double[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double e = predicted[i] - labels[i];
            sum += e * e;
        }
        return Math.sqrt(sum / labels.length);
    }

    private static double range(double[] y) {
        return Arrays.stream(y).max().orElse(0) - Arrays.stream(y).min().orElse(0);
    }
}
