package io.github.rethinkinggeneralization.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A seeded split of one labelled set into a training and a test part that keeps every class's
 * share the same in both parts (up to rounding).
 */
public final class StratifiedSplit {

    private StratifiedSplit() {
    }

    /**
     * Splits {@code all} into {@code all.size() - testSize} training and {@code testSize} test
     * images. Each class gives the test part its proportional share (largest-remainder rounding,
     * ties to the lower class); which images of a class go to the test part is chosen by a shuffle
     * seeded with {@code seed}. Both parts keep the original image order.
     *
     * @return the two parts, with a provenance sentence describing the split
     */
    public static DataSplit split(String dataset, LabeledImages all, int testSize, long seed) {
        int n = all.size();
        if (testSize < 1 || testSize >= n) {
            throw new IllegalArgumentException("test size " + testSize + " must lie in [1, " + (n - 1) + "] for "
                    + n + " images");
        }
        int[] quota = testQuota(all.classCounts(), n, testSize);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < all.numClasses(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            byClass.get(all.label(i)).add(i);
        }
        // java.util.Random's sequence is fixed by its specification, so the split is the same on every JVM.
        Random random = new Random(seed);
        boolean[] inTest = new boolean[n];
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> members = byClass.get(c);
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer tmp = members.get(i);
                members.set(i, members.get(j));
                members.set(j, tmp);
            }
            for (int k = 0; k < quota[c]; k++) {
                inTest[members.get(k)] = true;
            }
        }
        int[] train = IntStream.range(0, n).filter(i -> !inTest[i]).toArray();
        int[] test = IntStream.range(0, n).filter(i -> inTest[i]).toArray();
        String provenance = String.format(Locale.ROOT, "%,d images split %,d/%,d (stratified by class) by the suite, seed %d",
                n, train.length, test.length, seed);
        return new DataSplit(dataset, all.select(train), all.select(test), provenance);
    }

    /** Per-class test counts summing to {@code testSize}, proportional to the class counts. */
    static int[] testQuota(int[] classCounts, int n, int testSize) {
        int[] quota = new int[classCounts.length];
        long[] remainder = new long[classCounts.length];
        int assigned = 0;
        for (int c = 0; c < classCounts.length; c++) {
            long exact = (long) classCounts[c] * testSize; // share * n, kept integral
            quota[c] = (int) (exact / n);
            remainder[c] = exact % n;
            assigned += quota[c];
        }
        Integer[] order = IntStream.range(0, classCounts.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingLong(c -> -remainder[c]).thenComparingInt(c -> c));
        for (int k = 0; assigned < testSize; k++) {
            quota[order[k]]++;
            assigned++;
        }
        return quota;
    }
}
