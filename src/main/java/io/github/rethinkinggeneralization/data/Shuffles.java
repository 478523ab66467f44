package io.github.rethinkinggeneralization.data;

import java.util.Random;

/** Seeded Fisher-Yates shuffles and random permutations. */
public final class Shuffles {
    private Shuffles() {
    }

    /** Shuffles {@code a} in place. */
    public static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A uniformly random permutation of {@code 0..n-1}. */
    public static int[] permutation(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, r);
        return p;
    }
}
