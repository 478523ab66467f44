package io.github.rethinkinggeneralization.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MinibatchMomentsTest {

    @Test
    void floatMomentsReadBackAsTheSameDoublesAndCannotBeChangedFromOutside() {
        float[] mean = {0.1f, -2f};
        MinibatchMoments m = MinibatchMoments.of(mean, new float[] {1.5f, 0.25f}, 72);
        mean[0] = 9f;
        m.mean()[1] = 9;
        assertThat(m.mean()).containsExactly((double) 0.1f, -2.0);
        assertThat(m.variance()).containsExactly(1.5, 0.25);
        assertThat(m.valuesPerChannel()).isEqualTo(72);
    }

    @Test
    void channelsMustAgreeAndEachChannelHaveValues() {
        assertThatThrownBy(() -> new MinibatchMoments(new double[2], new double[3], 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 3 channels");
        assertThatThrownBy(() -> new MinibatchMoments(new double[2], new double[2], 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over 0 values");
    }
}
