package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.data.ImageCrops;
import io.github.rethinkinggeneralization.data.ImageShape;
import io.github.rethinkinggeneralization.data.LabeledImages;
import io.github.rethinkinggeneralization.data.Preprocessing;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random-crop augmentation (Section 3): every time an image is drawn it is cut at a random
 * position to the crop size (from the uncropped image, zero-padded by 2 pixels on each side
 * when the source is no larger than the crop, as for MNIST), mirrored left-right with probability
 * 1/2, and then whitened per image when the preprocessing asks for it. Evaluation uses the centre crop.
 */
public final class RandomCropImages implements TrainingImages {
    private static final int PAD = 2;
    private final LabeledImages source;
    private final ImageShape crop;
    private final boolean whiten;
    private final ImageTensors centre;

    /**
     * @param uncropped    training images before cropping and whitening
     * @param preprocessing the run's preprocessing (its crop size and whitening switch)
     */
    public RandomCropImages(LabeledImages uncropped, Preprocessing preprocessing) {
        this.source = uncropped;
        ImageShape in = uncropped.shape();
        this.crop = new ImageShape(in.channels(), Math.min(preprocessing.cropSize(), in.height()),
                Math.min(preprocessing.cropSize(), in.width()));
        this.whiten = preprocessing.whiten();
        this.centre = new ImageTensors(new Preprocessing(true, preprocessing.cropSize(), preprocessing.whiten()).apply(uncropped));
    }

    /** Shape of the crops the network sees. */
    public ImageShape cropShape() {
        return crop;
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public DataSet batch(int[] indices, Random random) {
        ImageShape from = source.shape();
        int s = crop.size();
        float[] out = new float[indices.length * s];
        int slackY = from.height() - crop.height();
        int slackX = from.width() - crop.width();
        int padY = slackY == 0 ? PAD : 0;
        int padX = slackX == 0 ? PAD : 0;
        for (int j = 0; j < indices.length; j++) {
            int top = random.nextInt(slackY + 2 * padY + 1) - padY;
            int left = random.nextInt(slackX + 2 * padX + 1) - padX;
            ImageCrops.cropOne(source.pixels(), indices[j] * from.size(), from, out, j * s, crop, top, left,
                    random.nextBoolean());
            if (whiten) {
                Preprocessing.whitenInPlace(out, j * s, s);
            }
        }
        int[] labels = new int[indices.length];
        for (int j = 0; j < indices.length; j++) {
            labels[j] = source.label(indices[j]);
        }
        return new DataSet(Nd4j.createFromArray(out).reshape('c', indices.length, s),
                ImageTensors.oneHot(labels, source.numClasses()));
    }

    @Override
    public ImageTensors forEvaluation() {
        return centre;
    }
}
