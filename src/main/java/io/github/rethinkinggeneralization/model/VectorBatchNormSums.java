package io.github.rethinkinggeneralization.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormSums} in SIMD lanes with the JDK 17 incubating Vector API (the JVM needs
 * {@code --add-modules jdk.incubator.vector}): the floats are widened to double lanes of the
 * machine's preferred vector size (8 with AVX-512, 4 with AVX2), each lane a partial sum, two
 * vectors of partial sums in flight; the lanes are added up at the end, then the values left over.
 * Each term is computed as {@link ScalarBatchNormSums} computes it, so the sums differ from its
 * only by the order of the additions, in double (a few units in the last place of a double, which
 * the float results rarely see).
 */
final class VectorBatchNormSums implements BatchNormSums {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    /** As many float lanes as {@link #DOUBLES} has, in half the bits. */
    private static final VectorSpecies<Float> FLOATS =
            VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));
    private static final int LANES = FLOATS.length();

    private static DoubleVector widened(FloatVector v) {
        return (DoubleVector) v.convertShape(VectorOperators.F2D, DOUBLES, 0);
    }

    @Override
    public double sum(float[] values, int n) {
        DoubleVector a = DoubleVector.zero(DOUBLES);
        DoubleVector b = DoubleVector.zero(DOUBLES);
        int i = 0;
        for (; i + 2 * LANES <= n; i += 2 * LANES) {
            a = a.add(widened(FloatVector.fromArray(FLOATS, values, i)));
            b = b.add(widened(FloatVector.fromArray(FLOATS, values, i + LANES)));
        }
        double sum = a.add(b).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += values[i];
        }
        return sum;
    }

    @Override
    public double squaredDeviations(float[] values, int n, double mean) {
        DoubleVector a = DoubleVector.zero(DOUBLES);
        DoubleVector b = DoubleVector.zero(DOUBLES);
        int i = 0;
        for (; i + 2 * LANES <= n; i += 2 * LANES) {
            DoubleVector d = widened(FloatVector.fromArray(FLOATS, values, i)).sub(mean);
            DoubleVector e = widened(FloatVector.fromArray(FLOATS, values, i + LANES)).sub(mean);
            a = a.add(d.mul(d));
            b = b.add(e.mul(e));
        }
        double sq = a.add(b).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            double d = values[i] - mean;
            sq += d * d;
        }
        return sq;
    }

    @Override
    public void gradientSums(float[] xs, float[] gs, int n, boolean relu, float scale, float shift, float mean, float invSigma,
                             double[] sums) {
        FloatVector zero = FloatVector.zero(FLOATS);
        DoubleVector sumG = DoubleVector.zero(DOUBLES);
        DoubleVector sumGxhat = DoubleVector.zero(DOUBLES);
        int i = 0;
        for (; i + LANES <= n; i += LANES) {
            FloatVector x = FloatVector.fromArray(FLOATS, xs, i);
            FloatVector g = FloatVector.fromArray(FLOATS, gs, i);
            if (relu) {
                VectorMask<Float> positive = x.mul(scale).add(shift).compare(VectorOperators.GT, 0f);
                g = zero.blend(g, positive);
                g.intoArray(gs, i);
            }
            FloatVector xhat = x.sub(mean).mul(invSigma);
            sumG = sumG.add(widened(g));
            sumGxhat = sumGxhat.add(widened(g.mul(xhat)));
        }
        double g0 = sumG.reduceLanes(VectorOperators.ADD);
        double gx = sumGxhat.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float g = relu ? CpuBatchNormHelper.keptWherePositive(gs[i], xs[i] * scale + shift) : gs[i];
            gs[i] = g;
            g0 += g;
            gx += g * ((xs[i] - mean) * invSigma);
        }
        sums[0] = g0;
        sums[1] = gx;
    }

    @Override
    public String description() {
        return "Vector API, " + LANES + " double lanes";
    }
}
