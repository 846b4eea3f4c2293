package io.omvcap.mcap;

/** Stable ordering of message-index entries by (unsigned log time, offset) without boxing. */
final class IndexSort {
    private IndexSort() {
    }

    /** Returns {@code order} (entry numbers) sorted by time then offset; may return a new array. */
    static int[] byTimeThenOffset(int[] order, long[] times, long[] offsets) {
        int n = order.length;
        if (sorted(order, times, offsets)) {
            return order;
        }
        int[] a = order;
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    b[k++] = less(a[j], a[i], times, offsets) ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    private static boolean sorted(int[] order, long[] times, long[] offsets) {
        for (int i = 1; i < order.length; i++) {
            if (less(order[i], order[i - 1], times, offsets)) {
                return false;
            }
        }
        return true;
    }

    private static boolean less(int x, int y, long[] times, long[] offsets) {
        int c = Long.compareUnsigned(times[x], times[y]);
        return c < 0 || (c == 0 && Long.compareUnsigned(offsets[x], offsets[y]) < 0);
    }
}
