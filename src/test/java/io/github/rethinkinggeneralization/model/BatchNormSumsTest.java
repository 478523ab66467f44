package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Batch norm's per-channel sums: the Vector API's lanes against the scalar loops (the same terms,
 * added in another order), and the ReLU mask, bit for bit, against {@link CpuBatchNormHelper#keptWherePositive}.
 */
class BatchNormSumsTest {
    private static final BatchNormSums SCALAR = new ScalarBatchNormSums();
    private static final BatchNormSums VECTOR = new VectorBatchNormSums();

    @Test
    void theTestsJvmRunsTheVectorApi() {
        assertThat(BatchNormSums.vectorApiPresent()).as("the pom's --add-modules jdk.incubator.vector").isTrue();
        assertThat(BatchNormSums.fastest()).isInstanceOf(VectorBatchNormSums.class);
        assertThat(BatchNormSums.fastest().description()).startsWith("Vector API, ");
    }

    /** Sizes below, at and around whole vectors (8 and 16 floats with AVX-512, 4 and 8 with AVX2), and a channel's size. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 7, 8, 9, 15, 16, 17, 33, 1000, 100_352})
    void theSumsAgreeWithTheScalarLoopsToDoubleRounding(int n) {
        SplittableRandom random = new SplittableRandom(n);
        float[] x = new float[n];
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * 3 + 0.5);
            g[i] = (float) random.nextGaussian();
        }
        double tolerance = 1e-12 * Math.max(n, 1);
        assertThat(VECTOR.sum(x, n)).isCloseTo(SCALAR.sum(x, n), within(tolerance));
        double mean = SCALAR.sum(x, n) / Math.max(n, 1);
        assertThat(VECTOR.squaredDeviations(x, n, mean)).isCloseTo(SCALAR.squaredDeviations(x, n, mean), within(tolerance));
        for (boolean relu : new boolean[] {false, true}) {
            float[] gv = g.clone();
            float[] gs = g.clone();
            double[] v = new double[2];
            double[] s = new double[2];
            VECTOR.gradientSums(x, gv, n, relu, 1.3f, -0.4f, 0.5f, 0.33f, v);
            SCALAR.gradientSums(x, gs, n, relu, 1.3f, -0.4f, 0.5f, 0.33f, s);
            assertThat(v[0]).as("sum g, relu %s", relu).isCloseTo(s[0], within(tolerance));
            assertThat(v[1]).as("sum g xhat, relu %s", relu).isCloseTo(s[1], within(tolerance));
            assertThat(gv).as("the gradients left in the array, relu %s", relu).isEqualTo(gs);
        }
    }

    @Test
    void theVectorReluMaskKeepsTheSameBitsAsTheBranchFreeScalarOne() {
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f, Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xFFC00000)};
        int n = special.length * special.length;
        float[] x = new float[n];
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = special[i / special.length]; // with scale 1 and shift 0, z is x
            g[i] = special[i % special.length];
        }
        float[] gv = g.clone();
        VECTOR.gradientSums(x, gv, n, true, 1f, 0f, 0f, 1f, new double[2]);
        for (int i = 0; i < n; i++) {
            assertThat(Float.floatToRawIntBits(gv[i])).as("g %s, z %s", g[i], x[i])
                    .isEqualTo(Float.floatToRawIntBits(CpuBatchNormHelper.keptWherePositive(g[i], x[i])));
        }
    }
}
