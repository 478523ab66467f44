package io.github.rethinkinggeneralization.report;

import io.github.rethinkinggeneralization.model.Regularization;
import java.util.List;
import java.util.Locale;

/**
 * The runs of one variant on true or random labels (model, width, regularizers, data, sizes and
 * budget the same; seeds differ): mean training and test accuracy (fractions) over the seeds, the
 * scale and profile they ran at, and the claim cases ("C1/case name") whose records hold them.
 */
public record MeasuredAccuracy(String model, String modelName, double width, Regularization regularization, String condition,
                               String dataset, int nTrain, int nTest, int maxEpochs, String profile, List<Long> seeds,
                               double trainAccuracy, double testAccuracy, List<String> cases) {

    public MeasuredAccuracy {
        seeds = List.copyOf(seeds);
        cases = List.copyOf(cases);
    }

    /** "cifar10 · 1000/1000 images · x1.0 width · ≤ 80 epochs · profile ci". */
    public String scale() {
        return String.format(Locale.ROOT, "%s · %d/%d images · x%s width · ≤ %d epochs · profile %s", dataset, nTrain, nTest,
                width, maxEpochs, profile);
    }

    /** The claims behind it, in order ("C1, C4"). */
    public String claims() {
        return String.join(", ", cases.stream().map(c -> c.substring(0, Math.max(0, c.indexOf('/')))).distinct().toList());
    }
}
