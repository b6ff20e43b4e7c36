package io.visionstreams.inference.classification;

import java.util.Arrays;

/** The k highest scores of an array, highest first; equal scores keep the lower index first. */
public final class TopK {

    private TopK() {}

    /** Indices into {@code scores} restricted to {@code [from, scores.length)}, at most {@code k} of them. */
    public static int[] indices(float[] scores, int from, int k) {
        int n = Math.min(k, scores.length - from);
        int[] best = new int[Math.max(n, 0)];
        int size = 0;
        for (int i = from; i < scores.length && n > 0; i++) {
            // insertion into a small sorted array; strict '>' keeps earlier (lower) indices ahead on ties
            if (size == n && !(scores[i] > scores[best[n - 1]])) {
                continue;
            }
            int pos = size < n ? size++ : n - 1;
            while (pos > 0 && scores[i] > scores[best[pos - 1]]) {
                best[pos] = best[pos - 1];
                pos--;
            }
            best[pos] = i;
        }
        return Arrays.copyOf(best, size);
    }
}
