package io.visionstreams.eval.tracking;

import java.util.Arrays;

/**
 * Minimum-cost assignment (the Hungarian method with potentials, O(n²m)), as scipy's
 * {@code linear_sum_assignment} gives the MOT metrics. Hand-written: no library reachable here has one.
 */
final class Hungarian {

    private Hungarian() {}

    /**
     * @param cost rows × columns, any shape
     * @return for each row the column assigned to it, or -1 (only when there are more rows than columns)
     */
    static int[] assign(double[][] cost) {
        int rows = cost.length;
        int cols = rows == 0 ? 0 : cost[0].length;
        boolean transposed = rows > cols;
        double[][] a = transposed ? transpose(cost, rows, cols) : cost;
        int n = transposed ? cols : rows;
        int m = transposed ? rows : cols;
        int[] rowOfCol = solve(a, n, m);
        int[] out = new int[rows];
        Arrays.fill(out, -1);
        for (int j = 1; j <= m; j++) {
            if (rowOfCol[j] > 0) {
                if (transposed) {
                    out[j - 1] = rowOfCol[j] - 1;
                } else {
                    out[rowOfCol[j] - 1] = j - 1;
                }
            }
        }
        return out;
    }

    /** n ≤ m; 1-based arrays as in the classic formulation; returns the row (1-based, 0 = none) of each column. */
    private static int[] solve(double[][] a, int n, int m) {
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        return p;
    }

    private static double[][] transpose(double[][] c, int rows, int cols) {
        double[][] t = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = c[i][j];
            }
        }
        return t;
    }
}
