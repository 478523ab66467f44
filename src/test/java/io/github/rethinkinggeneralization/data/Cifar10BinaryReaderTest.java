package io.github.rethinkinggeneralization.data;

import static io.github.rethinkinggeneralization.data.DataFiles.CIFAR_ONE_RECORD;
import static io.github.rethinkinggeneralization.data.DataFiles.CIFAR_THREE_RECORDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10BinaryReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsLabelsOfEveryRecordInOrder() {
        LabeledImages images = Cifar10BinaryReader.read(CIFAR_THREE_RECORDS);

        assertThat(images.labels()).containsExactly(0, 9, 3);
        assertThat(images.shape()).isEqualTo(ImageShape.CIFAR10);
        assertThat(images.numClasses()).isEqualTo(10);
    }

    @Test
    void keepsTheRedGreenBluePlanesInChannelMajorOrder() {
        LabeledImages images = Cifar10BinaryReader.read(CIFAR_THREE_RECORDS);

        float[] first = images.image(0);
        assertThat(first[0]).isEqualTo(0 / 255f);
        assertThat(first[1024]).isEqualTo(100 / 255f);
        assertThat(first[2048]).isEqualTo(200 / 255f);
        float[] third = images.image(2);
        for (int p = 0; p < 3072; p++) {
            assertThat(third[p]).isEqualTo(DataFiles.cifarPixel(2, p) / 255f);
        }
    }

    @Test
    void scalesPixelBytesIntoTheUnitInterval() {
        float[] pixels = Cifar10BinaryReader.read(CIFAR_THREE_RECORDS).pixels();

        assertThat(pixels[255]).isEqualTo(1f);
        double min = 1, max = 0;
        for (float v : pixels) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0.0);
        assertThat(max).isEqualTo(1.0);
    }

    @Test
    void concatenatesSeveralFilesInTheGivenOrder() {
        LabeledImages images = Cifar10BinaryReader.read(CIFAR_ONE_RECORD, CIFAR_THREE_RECORDS);

        assertThat(images.labels()).containsExactly(5, 0, 9, 3);
        assertThat(images.image(0)[0]).isEqualTo(DataFiles.cifarPixel(DataFiles.CIFAR_ONE_PATTERN, 0) / 255f);
        assertThat(images.image(1)).isEqualTo(Cifar10BinaryReader.read(CIFAR_THREE_RECORDS).image(0));
    }

    @Test
    void missingBatchFileIsRejectedWithItsName() {
        Path missing = tmp.resolve("data_batch_9.bin");

        assertThatThrownBy(() -> Cifar10BinaryReader.read(missing))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found")
                .hasMessageContaining("cifar-10-binary.tar.gz")
                .hasMessageContaining("-Ddatasets.download=true");
    }

    @Test
    void emptyBatchFileIsRejectedWithItsName() {
        Path empty = DataFiles.write(tmp.resolve("empty.bin"), new byte[0]);

        assertThatThrownBy(() -> Cifar10BinaryReader.read(empty))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(empty.toString())
                .hasMessageContaining("empty");
    }

    @Test
    void truncatedBatchFileIsRejectedWithItsName() {
        byte[] whole = DataFiles.cifarBatch(0, 1, 2);
        Path truncated = DataFiles.write(tmp.resolve("truncated.bin"), Arrays.copyOf(whole, whole.length - 100));

        assertThatThrownBy(() -> Cifar10BinaryReader.read(CIFAR_THREE_RECORDS, truncated))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("truncated or wrong record size: 6046 bytes is not a multiple of 3073")
                .satisfies(e -> assertThat(((DatasetException) e).file()).isEqualTo(truncated));
    }

    @Test
    void labelAboveNineIsRejectedWithTheRecordNumber() {
        byte[] batch = DataFiles.cifarBatch(0, 1, 2, 3);
        batch[2 * Cifar10BinaryReader.RECORD_BYTES] = 10;
        Path bad = DataFiles.write(tmp.resolve("bad_label.bin"), batch);

        assertThatThrownBy(() -> Cifar10BinaryReader.read(bad))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("label 10 of record 2");
    }
}
