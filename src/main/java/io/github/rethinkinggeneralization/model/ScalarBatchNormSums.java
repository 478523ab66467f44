package io.github.rethinkinggeneralization.model;

/**
 * {@link BatchNormSums} one value after another, in index order: what the JIT makes of plain loops,
 * and the order of the additions in which the suite's baseline results were computed.
 */
final class ScalarBatchNormSums implements BatchNormSums {
    @Override
    public double sum(float[] values, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        return sum;
    }

    @Override
    public double squaredDeviations(float[] values, int n, double mean) {
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            sq += d * d;
        }
        return sq;
    }

    @Override
    public void gradientSums(float[] xs, float[] gs, int n, boolean relu, float scale, float shift, float mean, float invSigma,
                             double[] sums) {
        if (relu) {
            for (int i = 0; i < n; i++) {
                gs[i] = CpuBatchNormHelper.keptWherePositive(gs[i], xs[i] * scale + shift);
            }
        }
        double sumG = 0;
        double sumGxhat = 0;
        for (int i = 0; i < n; i++) {
            float xhat = (xs[i] - mean) * invSigma;
            sumG += gs[i];
            sumGxhat += gs[i] * xhat;
        }
        sums[0] = sumG;
        sums[1] = sumGxhat;
    }

    @Override
    public String description() {
        return "scalar loops";
    }
}
