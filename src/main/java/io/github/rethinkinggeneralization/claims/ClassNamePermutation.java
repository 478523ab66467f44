package io.github.rethinkinggeneralization.claims;

import io.github.rethinkinggeneralization.train.ConfusionMatrix;

/**
 * The test of "test accuracy at chance" for a net trained on random labels (or on noise): how
 * likely its test accuracy is if the names of its predicted classes were drawn at random.
 *
 * <p>Such a net still groups test images (it predicts the same class for similar images), so its
 * correct predictions are not independent coin flips and a binomial interval around 1/k is too
 * narrow: a net that happens to send most frogs to one class is right on all of them or on none.
 * What random labels do guarantee is that the names carry no information: the training labels are
 * independent of the images and the network is symmetric in its output units, so given the grouping,
 * every assignment of the k class names to the groups is equally likely. The test therefore takes the
 * observed grouping (the columns of the confusion matrix) and compares the observed accuracy with its
 * distribution over all k! assignments of names, counted exactly. Under that hypothesis the test is
 * exact, whatever the grouping; a net that learned anything about the labels puts its correct
 * predictions on the diagonal and fails it.
 */
public final class ClassNamePermutation {
    /** k! assignments are enumerated: 3,628,800 for CIFAR-10 and MNIST. */
    static final int MAX_CLASSES = 10;

    private ClassNamePermutation() {
    }

    /**
     * Two-sided p-value of the observed accuracy: twice the smaller of the probabilities, over random
     * assignments of class names, of an accuracy at least and at most as large as observed, capped at 1.
     */
    public static double pValue(ConfusionMatrix m) {
        long[] histogram = correctCounts(m);
        int observed = m.correct();
        long atMost = 0;
        long atLeast = 0;
        long all = 0;
        for (int c = 0; c < histogram.length; c++) {
            all += histogram[c];
            if (c <= observed) {
                atMost += histogram[c];
            }
            if (c >= observed) {
                atLeast += histogram[c];
            }
        }
        return Math.min(1.0, 2.0 * Math.min(atMost, atLeast) / all);
    }

    /**
     * How many of the k! assignments of names to predicted classes give each number of correct
     * predictions: {@code result[c]} assignments put c images on the diagonal.
     */
    static long[] correctCounts(ConfusionMatrix m) {
        int k = m.numClasses();
        if (k > MAX_CLASSES) {
            throw new IllegalArgumentException("the exact name-permutation test enumerates k! assignments; k = " + k
                    + " exceeds " + MAX_CLASSES);
        }
        int[][] n = m.counts();
        long[] histogram = new long[m.total() + 1];
        // pi[label] = the predicted class named 'label'; Heap's algorithm visits every pi once,
        // each step a swap, so the diagonal sum is updated in O(1)
        int[] pi = new int[k];
        int sum = 0;
        for (int i = 0; i < k; i++) {
            pi[i] = i;
            sum += n[i][i];
        }
        histogram[sum]++;
        int[] c = new int[k];
        int i = 1;
        while (i < k) {
            if (c[i] < i) {
                int j = i % 2 == 0 ? 0 : c[i];
                sum += n[j][pi[i]] + n[i][pi[j]] - n[j][pi[j]] - n[i][pi[i]];
                int t = pi[i];
                pi[i] = pi[j];
                pi[j] = t;
                histogram[sum]++;
                c[i]++;
                i = 1;
            } else {
                c[i] = 0;
                i++;
            }
        }
        return histogram;
    }
}
