package io.github.rethinkinggeneralization.model;

/**
 * The per-channel mean and biased variance of the minibatch a batch-norm layer last normalized in
 * training mode, and how many values each channel had (images times pixels): what re-estimating the
 * population statistics adds up over a training set. Double, whatever precision computed them.
 *
 * @param mean              per channel
 * @param variance          per channel, biased (divided by {@code valuesPerChannel})
 * @param valuesPerChannel  the values each channel's moments are over
 */
public record MinibatchMoments(double[] mean, double[] variance, long valuesPerChannel) {
    public MinibatchMoments {
        if (mean.length != variance.length || valuesPerChannel < 1) {
            throw new IllegalArgumentException("moments of " + mean.length + " and " + variance.length
                    + " channels over " + valuesPerChannel + " values each");
        }
        mean = mean.clone();
        variance = variance.clone();
    }

    /** Moments computed in float. */
    public static MinibatchMoments of(float[] mean, float[] variance, long valuesPerChannel) {
        return new MinibatchMoments(toDouble(mean), toDouble(variance), valuesPerChannel);
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] variance() {
        return variance.clone();
    }
}
