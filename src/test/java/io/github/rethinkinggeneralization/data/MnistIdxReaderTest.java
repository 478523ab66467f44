package io.github.rethinkinggeneralization.data;

import static io.github.rethinkinggeneralization.data.DataFiles.MNIST_IMAGES;
import static io.github.rethinkinggeneralization.data.DataFiles.MNIST_IMAGES_GZ;
import static io.github.rethinkinggeneralization.data.DataFiles.MNIST_LABELS;
import static io.github.rethinkinggeneralization.data.DataFiles.MNIST_LABELS_GZ;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistIdxReaderTest {

    @TempDir
    Path tmp;

    @Test
    void readsRawIdxFilesIntoScaledImagesAndLabels() {
        LabeledImages images = MnistIdxReader.read(MNIST_IMAGES, MNIST_LABELS);

        assertThat(images.shape()).isEqualTo(ImageShape.MNIST);
        assertThat(images.numClasses()).isEqualTo(10);
        assertThat(images.labels()).containsExactly(7, 2, 1, 0);
        for (int p = 0; p < 784; p++) {
            assertThat(images.image(3)[p]).isEqualTo(DataFiles.mnistPixel(3, p) / 255f);
        }
        assertThat(images.image(0)[255]).isEqualTo(1f);
    }

    @Test
    void readsGzipFilesToTheSameImages() {
        LabeledImages raw = MnistIdxReader.read(MNIST_IMAGES, MNIST_LABELS);
        LabeledImages gz = MnistIdxReader.read(MNIST_IMAGES_GZ, MNIST_LABELS_GZ);

        assertThat(gz.pixels()).isEqualTo(raw.pixels());
        assertThat(gz.labels()).isEqualTo(raw.labels());
    }

    @Test
    void recognisesGzipByItsMagicBytesNotItsName() {
        Path images = DataFiles.write(tmp.resolve("images-idx3-ubyte"),
                DataFiles.gzip(DataFiles.mnistImages(2, 28, 28)));
        Path labels = DataFiles.write(tmp.resolve("labels-idx1-ubyte.gz"), DataFiles.mnistLabels(4, 5));

        LabeledImages read = MnistIdxReader.read(images, labels);

        assertThat(read.labels()).containsExactly(4, 5);
        assertThat(read.image(1)[0]).isEqualTo(50 / 255f);
    }

    @Test
    void missingFileIsRejectedWithItsName() {
        Path missing = tmp.resolve("train-images-idx3-ubyte.gz");

        assertThatThrownBy(() -> MnistIdxReader.read(missing, MNIST_LABELS))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found")
                .hasMessageContaining("-Ddatasets.download=true");
    }

    @Test
    void wrongMagicNumberInImagesFileSaysWhichWasFoundAndExpected() {
        Path images = tmp.resolve("images");
        DataFiles.write(images, DataFiles.mnistLabels(1, 2)); // a labels file where images belong

        assertThatThrownBy(() -> MnistIdxReader.read(images, MNIST_LABELS))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("wrong magic number: found 2049, expected 2051");
    }

    @Test
    void wrongMagicNumberInLabelsFileSaysWhichWasFoundAndExpected() {
        Path labels = DataFiles.write(tmp.resolve("labels"), DataFiles.mnistImages(4, 28, 28));

        assertThatThrownBy(() -> MnistIdxReader.read(MNIST_IMAGES, labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("wrong magic number: found 2051, expected 2049");
    }

    @Test
    void imagesThatAreNot28By28AreRejected() {
        Path images = DataFiles.write(tmp.resolve("images"), DataFiles.mnistImages(4, 32, 32));

        assertThatThrownBy(() -> MnistIdxReader.read(images, MNIST_LABELS))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("images are 32x32, expected 28x28");
    }

    @Test
    void truncatedImagesFileIsRejectedWithItsName() {
        byte[] whole = DataFiles.mnistImages(4, 28, 28);
        Path images = DataFiles.write(tmp.resolve("images"), Arrays.copyOf(whole, whole.length - 1));

        assertThatThrownBy(() -> MnistIdxReader.read(images, MNIST_LABELS))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("promises 4 images");
    }

    @Test
    void fileShorterThanItsHeaderIsRejectedAsTruncated() {
        Path labels = DataFiles.write(tmp.resolve("labels"), new byte[] {0, 0, 8, 1});

        assertThatThrownBy(() -> MnistIdxReader.read(MNIST_IMAGES, labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("truncated");
    }

    @Test
    void truncatedLabelsFileIsRejectedWithItsName() {
        byte[] labels = DataFiles.mnistLabels(7, 2, 1, 0);
        ByteBuffer.wrap(labels).putInt(4, 5); // header promises one label more than the file holds
        Path file = DataFiles.write(tmp.resolve("labels"), labels);

        assertThatThrownBy(() -> MnistIdxReader.read(MNIST_IMAGES, file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("promises 5 labels");
    }

    @Test
    void imageCountDifferentFromLabelCountIsRejected() {
        Path labels = DataFiles.write(tmp.resolve("labels"), DataFiles.mnistLabels(7, 2, 1));

        assertThatThrownBy(() -> MnistIdxReader.read(MNIST_IMAGES, labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("3 labels")
                .hasMessageContaining("4 images");
    }

    @Test
    void labelAboveNineIsRejectedWithItsPosition() {
        Path labels = DataFiles.write(tmp.resolve("labels"), DataFiles.mnistLabels(7, 2, 12, 0));

        assertThatThrownBy(() -> MnistIdxReader.read(MNIST_IMAGES, labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("label 12 of item 2");
    }

    @Test
    void corruptGzipIsRejectedWithItsName() {
        byte[] gz = DataFiles.gzip(DataFiles.mnistImages(4, 28, 28));
        Path images = DataFiles.write(tmp.resolve("images.gz"), Arrays.copyOf(gz, gz.length / 2));

        assertThatThrownBy(() -> MnistIdxReader.read(images, MNIST_LABELS))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("corrupt gzip");
    }

    @Test
    void garbledGzipIsRejectedAsCorrupt() {
        byte[] gz = DataFiles.gzip(DataFiles.mnistImages(4, 28, 28));
        for (int i = 10; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xff;
        }
        Path images = DataFiles.write(tmp.resolve("images.gz"), gz);

        assertThatThrownBy(() -> MnistIdxReader.read(images, MNIST_LABELS))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining(images.toString())
                .hasMessageContaining("corrupt gzip");
    }
}
