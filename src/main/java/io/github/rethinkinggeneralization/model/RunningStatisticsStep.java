package io.github.rethinkinggeneralization.model;

/**
 * The step DL4J 1.0.0-M2.1's batch-norm layer takes on its running (global) statistics after a
 * training-mode minibatch, in float arithmetic as its ND4J operations do it. DL4J hands the step to
 * its updater as the "gradient" of the running-statistics parameters, which the updater subtracts:
 * <ul>
 *   <li>mean: {@code (globalMean - batchMean) * (1 - decay)}, so the mean becomes
 *       {@code decay * globalMean + (1 - decay) * batchMean};</li>
 *   <li>log10 of the standard deviation (DL4J's default, {@code useLogStd}): with
 *       {@code v = (10^log10Std)^2} and {@code v' = decay * v + (1 - decay) * batchVariance},
 *       {@code log(v / v') / (2 ln 10)}, so that {@code log10Std} becomes {@code log10(sqrt(v'))};</li>
 *   <li>variance (without {@code useLogStd}): {@code (globalVar - batchVariance) * (1 - decay)}.</li>
 * </ul>
 * Java's double {@code pow} and {@code log} rounded to float stand in for the C library's float
 * ones, which may differ in the last bit; these statistics serve inference only, and the suite
 * re-estimates them before it measures ({@code BatchNormPopulationStatistics}).
 */
final class RunningStatisticsStep {
    private static final float ONE_ON_2LOGE_10 = (float) (1.0 / (2.0 * Math.log(10.0)));

    private RunningStatisticsStep() {
    }

    /** The step of the running mean (or variance) toward the minibatch's {@code batch} values. */
    static float[] linear(float[] global, float[] batch, double decay) {
        float rate = (float) (1.0 - decay);
        float[] step = new float[global.length];
        for (int c = 0; c < step.length; c++) {
            step[c] = (global[c] - batch[c]) * rate;
        }
        return step;
    }

    /** The step of the running log10 standard deviation toward the minibatch's biased {@code variance}. */
    static float[] log10Std(float[] log10Std, float[] variance, double decay) {
        float keep = (float) decay;
        float rate = (float) (1.0 - decay);
        float[] step = new float[log10Std.length];
        for (int c = 0; c < step.length; c++) {
            float std = (float) Math.pow(10.0, log10Std[c]);
            float v = std * std;
            float next = v * keep + variance[c] * rate;
            step[c] = (float) Math.log(v / next) * ONE_ON_2LOGE_10;
        }
        return step;
    }
}
