package io.github.rethinkinggeneralization.train;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Gives back at once the native memory of arrays that the training code made for one step and no
 * longer needs. ND4J frees an array's off-heap buffer only after the garbage collector finds the array
 * unreachable, and an array is a few hundred bytes on the Java heap however large its buffer: a
 * training that allocates little on the Java heap goes tens of seconds between collections while
 * its dead minibatches and activations pile up off the heap. The claim suite, with one core per
 * training, grew that way to 24 GB and was killed for memory (README, Performance).
 */
final class NativeMemory {
    private NativeMemory() {
    }

    /**
     * Frees each array's buffer now, where the array owns it: not for nulls, views, workspace arrays
     * or arrays already freed (ND4J's {@code closeable()} is false for those, and for a second array
     * on a freed buffer). No array given may be used afterwards, nor any array that shares its buffer.
     */
    static void free(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && a.closeable()) {
                a.close();
            }
        }
    }

    /** Frees a minibatch's arrays ({@link TrainingImages#batch} made them) after its training step. */
    static void free(DataSet minibatch) {
        free(minibatch.getFeatures(), minibatch.getLabels(), minibatch.getFeaturesMaskArray(), minibatch.getLabelsMaskArray());
    }
}
