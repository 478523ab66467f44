package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The batch-norm helper's branch-free ReLU derivative against the conditional it replaces. */
class CpuBatchNormHelperTest {
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, -Float.MIN_NORMAL,
        1f, -1f, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
        Float.intBitsToFloat(0x7FC00001), Float.intBitsToFloat(0xFFC00000), Float.intBitsToFloat(0x7F800001)};

    @Test
    void theGradientIsKeptBitForBitWhereTheNormalizedValueIsPositiveAndIsPlusZeroElsewhere() {
        for (float z : SPECIAL) {
            for (float g : SPECIAL) {
                assertSameBits(g, z);
            }
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++) {
            assertSameBits(Float.intBitsToFloat(random.nextInt()), Float.intBitsToFloat(random.nextInt()));
        }
    }

    private static void assertSameBits(float g, float z) {
        float expected = z > 0f ? g : 0f;
        assertThat(Float.floatToRawIntBits(CpuBatchNormHelper.keptWherePositive(g, z)))
                .as("g %s (%08x), z %s (%08x)", g, Float.floatToRawIntBits(g), z, Float.floatToRawIntBits(z))
                .isEqualTo(Float.floatToRawIntBits(expected));
    }
}
