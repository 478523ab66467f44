package io.github.rethinkinggeneralization.theory;

import io.github.rethinkinggeneralization.data.DataSplit;
import io.github.rethinkinggeneralization.data.DatasetCatalog;
import io.github.rethinkinggeneralization.data.DatasetKind;
import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One comparison of SGD from w0 = 0 with SGD from a non-zero w0 on the same linear problem (n &lt;= d
 * points, one-hot classes).
 *
 * @param inputs    {@value ExpressivitySpec#GAUSSIAN} (standard Gaussian points, uniformly random classes)
 *                  or a dataset id (a stratified subset of its training images, raw pixels, true classes)
 * @param n         points
 * @param d         dimension of Gaussian points; 0 for images
 * @param sgd       the SGD settings; its init scale is the control's (the main run starts from 0)
 * @param converges whether the case is run long enough, for its conditioning, to reach the
 *                  minimum-norm solution (ill-conditioned image problems are not: λ_max/λ_min of
 *                  X Xᵀ is 10^3-10^4 for raw pixels, and the distance shrinks by about
 *                  exp(-2·stepFraction/cond) per epoch)
 */
public record SgdCase(String inputs, int n, int d, SgdSpec sgd, boolean converges) {

    /** Number of classes of Gaussian-input cases. */
    public static final int GAUSSIAN_CLASSES = 10;

    public SgdCase {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(sgd, "sgd");
        if (!(sgd.initScale() > 0)) {
            throw new IllegalArgumentException("the case needs a non-zero init scale for its control, got " + sgd.initScale());
        }
        if (ExpressivitySpec.GAUSSIAN.equals(inputs) ? d < n : d != 0) {
            throw new IllegalArgumentException("Gaussian inputs need d >= n (so the linear model can interpolate) and"
                    + " images d = 0, got " + inputs + " with n " + n + ", d " + d);
        }
    }

    /** Short id for reports and test names. */
    public String id() {
        return String.format(Locale.ROOT, "%s n=%d%s, %d epochs, batch %d", inputs, n, d > 0 ? " d=" + d : "",
                sgd.epochs(), sgd.batchSize());
    }

    /** SGD from zero and from the non-zero init on the case's data. */
    public SgdCaseResult run(DatasetCatalog catalog) {
        INDArray x;
        int[] labels;
        int classes;
        String provenance;
        if (ExpressivitySpec.GAUSSIAN.equals(inputs)) {
            x = Nd4j.createFromArray(RandomSamples.gaussianPoints(n, d, sgd.seed()));
            double[] y = RandomSamples.classLabels(n, GAUSSIAN_CLASSES, sgd.seed() + 1);
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (int) y[i];
            }
            classes = GAUSSIAN_CLASSES;
            provenance = String.format(Locale.ROOT, "%d standard Gaussian points in R^%d with uniformly random classes, seed %d",
                    n, d, sgd.seed());
        } else {
            DataSplit split = catalog.load(DatasetKind.fromId(inputs), n, 0, sgd.seed());
            x = ImageMatrices.matrix(split.train());
            labels = split.train().labels();
            classes = split.numClasses();
            provenance = split.provenance() + "; raw pixels in [0, 1], true classes";
        }
        SgdTrajectory fromZero = LinearModelSgd.train(x, labels, classes, sgd.withInitScale(0));
        SgdTrajectory fromInit = LinearModelSgd.train(x, labels, classes, sgd);
        return new SgdCaseResult(this, provenance, fromZero, fromInit);
    }
}
