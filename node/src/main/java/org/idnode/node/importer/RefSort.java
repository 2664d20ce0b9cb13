package org.idnode.node.importer;

/**
 * A stable merge sort of {@code long} references under a comparator, which the JDK lacks for
 * primitives. Input that is already in order (a generated file, an export sorted by handle) costs
 * one pass: runs that are in order are never merged.
 */
final class RefSort {
    private static final int INSERTION = 24;

    interface Comparator {
        int compare(long a, long b);
    }

    private RefSort() {
    }

    static void sort(long[] a, int n, Comparator c) {
        if (n < 2 || sorted(a, n, c)) {
            return;
        }
        mergeSort(a, new long[n], 0, n, c);
    }

    private static boolean sorted(long[] a, int n, Comparator c) {
        for (int i = 1; i < n; i++) {
            if (c.compare(a[i - 1], a[i]) > 0) {
                return false;
            }
        }
        return true;
    }

    private static void mergeSort(long[] a, long[] tmp, int lo, int hi, Comparator c) {
        if (hi - lo <= INSERTION) {
            for (int i = lo + 1; i < hi; i++) {
                long x = a[i];
                int j = i - 1;
                while (j >= lo && c.compare(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid, c);
        mergeSort(a, tmp, mid, hi, c);
        if (c.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, lo, tmp, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int k = lo; k < hi; k++) {
            // Ties take the left (earlier) one first: that is what makes the sort stable.
            if (j >= hi || i < mid && c.compare(tmp[i], tmp[j]) <= 0) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
