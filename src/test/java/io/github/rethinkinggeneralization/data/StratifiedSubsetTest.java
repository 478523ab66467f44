package io.github.rethinkinggeneralization.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StratifiedSubsetTest {

    @Test
    void subsetHasEqualClassCounts() {
        LabeledImages all = SyntheticImages.cifarShaped(1).draw(1000, 0);
        assertThat(StratifiedSubset.of(all, 200, 5).classCounts()).containsOnly(20);
    }

    @Test
    void subsetIsSeededAndHasNoRepeats() {
        int[] labels = new int[500];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 7 == 0 ? 0 : i % 10;
        int[] a = StratifiedSubset.indices(labels, 10, 100, 3);
        assertThat(a).isEqualTo(StratifiedSubset.indices(labels, 10, 100, 3));
        assertThat(Arrays.stream(a).distinct().count()).isEqualTo(100);
    }

    @Test
    void askingForMoreImagesThanExistIsRejected() {
        assertThatThrownBy(() -> StratifiedSubset.indices(new int[10], 10, 11, 1)).hasMessageContaining("only 10");
    }
}
