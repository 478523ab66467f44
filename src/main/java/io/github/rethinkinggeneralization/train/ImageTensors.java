package io.github.rethinkinggeneralization.train;

import io.github.rethinkinggeneralization.data.LabeledImages;
import io.github.rethinkinggeneralization.model.CpuBackendSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled images held once as ND4J arrays (features: one flat float row per image; labels: one-hot),
 * reused across epochs so that a minibatch is a row gather, not a host-side copy of the dataset.
 */
public final class ImageTensors implements TrainingImages {
    private final INDArray features;
    private final INDArray oneHot;
    private final int[] labels;

    public ImageTensors(LabeledImages images) {
        CpuBackendSettings.apply(); // before this first ND4J call loads the native libraries
        int n = images.size();
        int d = images.shape().size();
        this.features = Nd4j.createFromArray(images.pixels()).reshape('c', n, d).castTo(DataType.FLOAT);
        this.labels = images.labels().clone();
        this.oneHot = oneHot(labels, images.numClasses());
    }

    static INDArray oneHot(int[] labels, int numClasses) {
        float[] v = new float[labels.length * numClasses];
        for (int i = 0; i < labels.length; i++) {
            v[i * numClasses + labels[i]] = 1f;
        }
        return Nd4j.createFromArray(v).reshape('c', labels.length, numClasses);
    }

    public INDArray features() {
        return features;
    }

    public int[] labels() {
        return labels;
    }

    /** The number of classes k (the width of the one-hot labels). */
    public int numClasses() {
        return (int) oneHot.size(1);
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public DataSet batch(int[] indices, java.util.Random random) {
        // one native gather per array: 6x faster than INDArray.getRows for a 128 x 3072 batch
        // (measured 2.1 vs 12.6 ms), which took a third of an MLP 1x512 training step
        return new DataSet(Nd4j.pullRows(features, 1, indices), Nd4j.pullRows(oneHot, 1, indices));
    }

    @Override
    public ImageTensors forEvaluation() {
        return this;
    }
}
