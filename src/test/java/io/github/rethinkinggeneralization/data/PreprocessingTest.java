package io.github.rethinkinggeneralization.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class PreprocessingTest {

    @Test
    void centreCropTakesTheMiddleWindow() {
        ImageShape shape = new ImageShape(1, 4, 4);
        float[] p = new float[16];
        for (int i = 0; i < 16; i++) p[i] = i;
        LabeledImages img = new LabeledImages(shape, 2, p, new int[] {1});
        LabeledImages cropped = new Preprocessing(true, 2, false).apply(img);
        assertThat(cropped.shape()).isEqualTo(new ImageShape(1, 2, 2));
        assertThat(cropped.pixels()).containsExactly(5f, 6f, 9f, 10f);
    }

    @Test
    void cifarImagesAreCroppedTo28() {
        assertThat(Preprocessing.paper().outputShape(ImageShape.CIFAR10)).isEqualTo(new ImageShape(3, 28, 28));
        assertThat(Preprocessing.paper().outputShape(ImageShape.MNIST)).isEqualTo(ImageShape.MNIST);
    }

    @Test
    void whiteningGivesZeroMeanUnitVariancePerImage() {
        LabeledImages img = SyntheticImages.cifarShaped(1).draw(3, 0);
        LabeledImages w = Preprocessing.whiten(img);
        int s = img.shape().size();
        for (int i = 0; i < 3; i++) {
            double m = 0;
            double v = 0;
            for (int j = 0; j < s; j++) m += w.pixels()[i * s + j];
            m /= s;
            for (int j = 0; j < s; j++) v += Math.pow(w.pixels()[i * s + j] - m, 2);
            assertThat(m).isCloseTo(0, offset(1e-4));
            assertThat(Math.sqrt(v / s)).isCloseTo(1, offset(1e-3));
        }
    }

    @Test
    void whiteningOfAConstantImageUsesTheStdFloorInsteadOfDividingByZero() {
        float[] p = new float[16];
        java.util.Arrays.fill(p, 0.5f);
        float[] out = p.clone();
        Preprocessing.whitenInPlace(out, 0, 16);
        assertThat(out).containsOnly(0f);
    }

    @Test
    void whiteningDoesNotTouchTheOriginal() {
        LabeledImages img = SyntheticImages.cifarShaped(1).draw(2, 0);
        float[] copy = img.pixels().clone();
        Preprocessing.paper().apply(img);
        assertThat(img.pixels()).isEqualTo(copy);
    }
}
