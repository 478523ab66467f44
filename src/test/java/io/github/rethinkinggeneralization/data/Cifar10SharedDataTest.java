package io.github.rethinkinggeneralization.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Checks the reader and the subset layout against the real CIFAR-10 subset in {@code ../shared/datasets}, when present. */
class Cifar10SharedDataTest {

    private static final Path SHARED = MnistSharedDataTest.SHARED;

    @Test
    void theCiSubsetHolds4000TrainingAnd1000TestImagesWithThePublishedFirstLabels() {
        assumeTrue(Files.isDirectory(SHARED.resolve(DataDirectory.CIFAR10_SUBSET_DIR)), "no CIFAR-10 subset in " + SHARED);
        DataDirectory dir = new DataDirectory(SHARED);
        assumeTrue(!dir.hasFullCifar10(), "the full CIFAR-10 is present, the subset is not used");

        DataSplit split = dir.cifar10(1).orElseThrow();

        assertThat(split.train().size()).isEqualTo(4_000);
        assertThat(split.test().size()).isEqualTo(1_000);
        assertThat(Arrays.copyOf(split.train().labels(), 5)).containsExactly(6, 9, 9, 4, 1);
        assertThat(Arrays.copyOf(split.test().labels(), 5)).containsExactly(3, 8, 8, 0, 6);
        assertThat(IntStream.of(split.test().classCounts()).boxed().toList()).allSatisfy(c -> assertThat(c).isBetween(86, 112));
        assertThat(split.provenance()).startsWith("CIFAR-10 subset (not the full dataset): 4,000 training images"
                + " (data_batch_1_part0.bin, data_batch_1_part1.bin, data_batch_1_part2.bin, data_batch_1_part3.bin)"
                + " and 1,000 test images (test_batch_first1000.bin)");
    }
}
