package io.github.rethinkinggeneralization.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path root;

    private Path cifarFull(String... skip) {
        Path dir = root.resolve(DataDirectory.CIFAR10_FULL_DIR);
        for (int b = 1; b <= 5; b++) {
            String name = "data_batch_" + b + ".bin";
            if (!List.of(skip).contains(name)) {
                DataFiles.write(dir.resolve(name), DataFiles.cifarBatch(b, b, b)); // batch b: two images of class b
            }
        }
        DataFiles.write(dir.resolve("test_batch.bin"), DataFiles.cifarBatch(0, 0));
        return dir;
    }

    private Path cifarSubset() {
        Path dir = root.resolve(DataDirectory.CIFAR10_SUBSET_DIR);
        // Written out of order to show that the files are read in name order.
        DataFiles.write(dir.resolve("data_batch_1_part1.bin"), DataFiles.cifarBatch(0, 9));
        DataFiles.write(dir.resolve("data_batch_1_part0.bin"), DataFiles.cifarBatch(0, 6, 7));
        DataFiles.write(dir.resolve("test_batch_first1000.bin"), DataFiles.cifarBatch(0, 3));
        return dir;
    }

    private Path mnistTestOnly(int perClass) {
        Path dir = root.resolve(DataDirectory.MNIST_DIR);
        int[] labels = IntStream.range(0, 10 * perClass).map(i -> i % 10).toArray();
        DataFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"), DataFiles.gzip(DataFiles.mnistImages(labels.length, 28, 28)));
        DataFiles.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), DataFiles.gzip(DataFiles.mnistLabels(labels)));
        return dir;
    }

    @Test
    void resolvePrefersTheSystemPropertyOverTheEnvironment() throws IOException {
        Path fromProperty = Files.createDirectory(root.resolve("a"));
        Path fromEnv = Files.createDirectory(root.resolve("b"));

        assertThat(DataDirectory.resolve(fromProperty.toString(), fromEnv.toString(), root).root()).isEqualTo(fromProperty);
    }

    @Test
    void resolveFallsBackToTheEnvironmentVariable() throws IOException {
        Path fromEnv = Files.createDirectory(root.resolve("b"));

        assertThat(DataDirectory.resolve(null, fromEnv.toString(), root).root()).isEqualTo(fromEnv);
        assertThat(DataDirectory.resolve(" ", fromEnv.toString(), root).root()).isEqualTo(fromEnv);
    }

    @Test
    void resolveDefaultsToTheCacheDirectoryUnderHomeEvenWhenItIsAbsent() {
        DataDirectory dir = DataDirectory.resolve(null, null, root);

        assertThat(dir.root()).isEqualTo(root.resolve(".cache/rethinking-generalization"));
        assertThat(dir.hasCifar10()).isFalse();
        assertThat(dir.describe()).contains("does not exist");
    }

    @Test
    void explicitlySetDirectoryThatDoesNotExistIsRejectedSayingHowToSetIt() {
        Path missing = root.resolve("nowhere");

        assertThatThrownBy(() -> DataDirectory.resolve(missing.toString(), null, root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("system property datasets.dir")
                .hasMessageContaining("-Ddatasets.dir=")
                .hasMessageContaining("DATASETS_DIR");
        assertThatThrownBy(() -> DataDirectory.resolve(null, missing.toString(), root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("environment variable DATASETS_DIR");
    }

    @Test
    void theDefaultLocationPassedExplicitlyMayBeAbsent() {
        // The build passes -Ddatasets.dir=${user.home}/.cache/rethinking-generalization by default.
        String defaultLocation = root.resolve(".cache/rethinking-generalization").toString();

        assertThat(DataDirectory.resolve(defaultLocation, null, root).hasMnist()).isFalse();
    }

    @Test
    void absentDatasetsGiveEmptyResults() {
        DataDirectory dir = new DataDirectory(root);

        assertThat(dir.hasCifar10()).isFalse();
        assertThat(dir.hasMnist()).isFalse();
        assertThat(dir.cifar10(1)).isEmpty();
        assertThat(dir.mnist(1)).isEmpty();
    }

    @Test
    void fullCifar10IsReadWithAProvenanceNamingTheFiles() {
        cifarFull();

        DataSplit split = new DataDirectory(root).cifar10(1).orElseThrow();

        assertThat(split.dataset()).isEqualTo("cifar10");
        assertThat(split.train().labels()).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        assertThat(split.test().labels()).containsExactly(0);
        assertThat(split.provenance())
                .startsWith("CIFAR-10, full dataset: 10 training images (data_batch_1.bin, data_batch_2.bin,")
                .contains("1 test images (test_batch.bin)")
                .contains(root.resolve("cifar-10-batches-bin").toString());
    }

    @Test
    void fullCifar10IsPreferredOverTheSubset() {
        cifarFull();
        cifarSubset();
        DataDirectory dir = new DataDirectory(root);

        assertThat(dir.hasFullCifar10()).isTrue();
        assertThat(dir.cifar10(1).orElseThrow().train().size()).isEqualTo(10);
    }

    @Test
    void cifar10SubsetIsReadInFileNameOrderAndSaysItIsASubset() {
        cifarSubset();
        DataDirectory dir = new DataDirectory(root);

        DataSplit split = dir.cifar10(1).orElseThrow();

        assertThat(dir.hasCifar10()).isTrue();
        assertThat(dir.hasFullCifar10()).isFalse();
        assertThat(split.train().labels()).containsExactly(6, 7, 9);
        assertThat(split.test().labels()).containsExactly(3);
        assertThat(split.provenance()).isEqualTo("CIFAR-10 subset (not the full dataset): 3 training images"
                + " (data_batch_1_part0.bin, data_batch_1_part1.bin) and 1 test images (test_batch_first1000.bin) from "
                + root.resolve("cifar-10-subset"));
    }

    @Test
    void fullCifar10LayoutWithoutABatchIsRejectedNamingTheMissingFile() {
        Path dir = cifarFull("data_batch_3.bin");

        assertThatThrownBy(() -> new DataDirectory(root).cifar10(1))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve("data_batch_3.bin").toString())
                .hasMessageContaining("missing")
                .satisfies(e -> assertThat(((DatasetException) e).file()).isEqualTo(dir.resolve("data_batch_3.bin")));
        assertThatThrownBy(() -> new DataDirectory(root).hasCifar10()).isInstanceOf(DatasetException.class);
    }

    @Test
    void cifar10SubsetWithoutTestFilesIsRejected() throws IOException {
        Files.delete(cifarSubset().resolve("test_batch_first1000.bin"));

        assertThatThrownBy(() -> new DataDirectory(root).cifar10(1))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("test_batch*.bin")
                .hasMessageContaining("no test files");
    }

    @Test
    void fullMnistIsReadWithTheOfficialSplitFromRawAndGzipFiles() {
        Path dir = root.resolve(DataDirectory.MNIST_DIR);
        DataFiles.write(dir.resolve("train-images-idx3-ubyte"), DataFiles.mnistImages(3, 28, 28));
        DataFiles.write(dir.resolve("train-labels-idx1-ubyte.gz"), DataFiles.gzip(DataFiles.mnistLabels(1, 2, 3)));
        DataFiles.write(dir.resolve("t10k-images-idx3-ubyte.gz"), DataFiles.gzip(DataFiles.mnistImages(2, 28, 28)));
        DataFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), DataFiles.mnistLabels(8, 9));
        DataDirectory data = new DataDirectory(root);

        DataSplit split = data.mnist(1).orElseThrow();

        assertThat(data.hasFullMnist()).isTrue();
        assertThat(split.dataset()).isEqualTo("mnist");
        assertThat(split.train().labels()).containsExactly(1, 2, 3);
        assertThat(split.test().labels()).containsExactly(8, 9);
        assertThat(split.provenance()).startsWith("MNIST, full dataset: 3 training images (train-images-idx3-ubyte,"
                + " train-labels-idx1-ubyte.gz) and 2 test images");
    }

    @Test
    void mnistTestSetOnlyIsSplitFourToOneAndTheProvenanceSaysSo() {
        mnistTestOnly(5);
        DataDirectory dir = new DataDirectory(root);

        DataSplit split = dir.mnist(7).orElseThrow();

        assertThat(dir.hasMnist()).isTrue();
        assertThat(dir.hasFullMnist()).isFalse();
        assertThat(split.train().size()).isEqualTo(40);
        assertThat(split.test().classCounts()).containsOnly(1);
        assertThat(split.provenance()).startsWith("MNIST test set only (50 images) split 40/10 by the suite, seed 7");
        assertThat(dir.mnist(7).orElseThrow().test().pixels()).isEqualTo(split.test().pixels());
    }

    @Test
    void mnistWithOnlyOneTrainingFileIsRejectedNamingTheOther() {
        Path dir = mnistTestOnly(1);
        DataFiles.write(dir.resolve("train-images-idx3-ubyte.gz"), DataFiles.gzip(DataFiles.mnistImages(1, 28, 28)));

        assertThatThrownBy(() -> new DataDirectory(root).mnist(1))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve("train-labels-idx1-ubyte.gz").toString())
                .hasMessageContaining("missing");
    }

    @Test
    void mnistDirectoryWithoutTheTestFilesIsRejectedNamingThem() {
        Path dir = root.resolve(DataDirectory.MNIST_DIR);
        DataFiles.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), DataFiles.gzip(DataFiles.mnistLabels(1)));

        assertThatThrownBy(() -> new DataDirectory(root).hasMnist())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(dir.resolve("t10k-images-idx3-ubyte.gz").toString());
    }

    @Test
    void describeListsWhatWasFound() {
        cifarSubset();
        mnistTestOnly(1);

        assertThat(new DataDirectory(root).describe())
                .contains(root.toString())
                .contains("cifar10: CI subset in cifar-10-subset/")
                .contains("data_batch_1_part0.bin")
                .contains("mnist: test set only in mnist/");
    }

    @Test
    void describeReportsAnIncompleteLayoutInsteadOfThrowing() {
        cifarFull("data_batch_5.bin");

        assertThat(new DataDirectory(root).describe())
                .contains("cifar10: unusable:")
                .contains("data_batch_5.bin")
                .contains("mnist: absent");
    }
}
