package io.github.rethinkinggeneralization.train;

import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;

/** Where the training engine draws its minibatches from. */
public interface TrainingImages {

    /** Number of training images. */
    int size();

    /**
     * The minibatch of the images at {@code indices}; {@code random} drives any augmentation. Its
     * arrays are new and the caller's: the trainer frees their native memory after the step.
     */
    DataSet batch(int[] indices, Random random);

    /** All training images as the network sees them at evaluation time (no augmentation). */
    ImageTensors forEvaluation();
}
