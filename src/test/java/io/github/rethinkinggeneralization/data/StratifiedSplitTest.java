package io.github.rethinkinggeneralization.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    /** One-pixel images whose pixel value is their index, so a test can tell which image went where. */
    private static LabeledImages numbered(int[] labels) {
        float[] pixels = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            pixels[i] = i;
        }
        return new LabeledImages(new ImageShape(1, 1, 1), 3, pixels, labels);
    }

    /** 50 images of class 0, 30 of class 1, 20 of class 2, interleaved. */
    private static LabeledImages unbalanced() {
        int[] labels = IntStream.range(0, 100).map(i -> i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2).toArray();
        return numbered(labels);
    }

    private static int[] ids(LabeledImages images) {
        return IntStream.range(0, images.size()).map(i -> (int) images.pixels()[i]).toArray();
    }

    @Test
    void partsHaveTheRequestedSizesAndTogetherHoldEveryImageOnce() {
        DataSplit split = StratifiedSplit.split("toy", unbalanced(), 20, 1);

        assertThat(split.train().size()).isEqualTo(80);
        assertThat(split.test().size()).isEqualTo(20);
        assertThat(IntStream.concat(IntStream.of(ids(split.train())), IntStream.of(ids(split.test()))).sorted().toArray())
                .isEqualTo(IntStream.range(0, 100).toArray());
        assertThat(split.dataset()).isEqualTo("toy");
    }

    @Test
    void everyClassKeepsItsShareInTheTestPart() {
        DataSplit split = StratifiedSplit.split("toy", unbalanced(), 20, 1);

        assertThat(split.test().classCounts()).containsExactly(10, 6, 4);
        assertThat(split.train().classCounts()).containsExactly(40, 24, 16);
    }

    @Test
    void labelsStayWithTheirImages() {
        LabeledImages all = unbalanced();
        DataSplit split = StratifiedSplit.split("toy", all, 20, 3);

        int[] ids = ids(split.test());
        for (int k = 0; k < ids.length; k++) {
            assertThat(split.test().label(k)).isEqualTo(all.label(ids[k]));
        }
    }

    @Test
    void bothPartsKeepTheOriginalOrder() {
        DataSplit split = StratifiedSplit.split("toy", unbalanced(), 20, 5);

        assertThat(ids(split.train())).isSorted();
        assertThat(ids(split.test())).isSorted();
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        LabeledImages all = unbalanced();

        assertThat(ids(StratifiedSplit.split("toy", all, 20, 7).test()))
                .isEqualTo(ids(StratifiedSplit.split("toy", all, 20, 7).test()))
                .isNotEqualTo(ids(StratifiedSplit.split("toy", all, 20, 8).test()));
    }

    @Test
    void roundingGivesLeftoverTestImagesToTheLargestRemainders() {
        // 7 * {5, 3, 2} / 10 = {3.5, 2.1, 1.4}: floors 3, 2, 1 and the one left over goes to class 0.
        assertThat(StratifiedSplit.testQuota(new int[] {5, 3, 2}, 10, 7)).containsExactly(4, 2, 1);
        assertThat(StratifiedSplit.testQuota(new int[] {0, 4, 4}, 8, 3)).containsExactly(0, 2, 1);
    }

    @Test
    void provenanceStatesTheSizesAndTheSeed() {
        DataSplit split = StratifiedSplit.split("toy", unbalanced(), 20, 42);

        assertThat(split.provenance()).isEqualTo("100 images split 80/20 (stratified by class) by the suite, seed 42");
    }

    @Test
    void aTestSizeThatLeavesNoTrainingImagesIsRejected() {
        assertThatThrownBy(() -> StratifiedSplit.split("toy", unbalanced(), 100, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100");
    }
}
