package io.github.rethinkinggeneralization.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Checks the readers against the real MNIST test set in {@code ../shared/datasets}, when that is present. */
class MnistSharedDataTest {

    static final Path SHARED = Path.of("..", "shared", "datasets");
    private static final Path MNIST = SHARED.resolve("mnist");
    private static final Path IMAGES = MNIST.resolve("t10k-images-idx3-ubyte.gz");
    private static final Path LABELS = MNIST.resolve("t10k-labels-idx1-ubyte.gz");

    @BeforeEach
    void requireSharedData() {
        assumeTrue(Files.isRegularFile(IMAGES) && Files.isRegularFile(LABELS), "no MNIST test set in " + MNIST);
    }

    @Test
    void t10kLabelCountsMatchThePublishedOnes() {
        LabeledImages test = MnistIdxReader.read(IMAGES, LABELS);

        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.classCounts()).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
    }

    @Test
    void uncompressedT10kImagesHaveThePublishedMd5() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(IMAGES))) {
            assertThat(Checksums.md5(in)).isEqualTo("2646ac647ad5339dbf082846283269ea");
        }
    }

    @Test
    void theSuiteSplitsTheTestSetOnly8000To2000StratifiedAndSaysSo() {
        DataSplit split = new DataDirectory(SHARED).mnist(42).orElseThrow();

        assertThat(split.train().size()).isEqualTo(8_000);
        assertThat(split.test().size()).isEqualTo(2_000);
        assertThat(split.test().classCounts()).containsExactly(196, 227, 206, 202, 196, 178, 192, 206, 195, 202);
        assertThat(split.provenance()).startsWith("MNIST test set only (10,000 images) split 8,000/2,000 by the suite, seed 42");
    }
}
