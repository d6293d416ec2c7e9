package dev.rerank4j.model.export;

/** Static shape arithmetic of recorded values ({@code -1} marks a dynamic axis). */
final class Shapes {
    private Shapes() {}

    /** The numpy-broadcast shape of two shapes. */
    static long[] broadcast(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long y = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            out[i] = x == 1 ? y : y == 1 ? x : x == -1 ? y : x;
        }
        return out;
    }

    /** The shape of {@code torch.matmul} of two shapes of rank 2 or more. */
    static long[] matMul(long[] a, long[] b) {
        if (a.length < 2 || b.length < 2) {
            throw new IllegalArgumentException("matMul needs rank >= 2 operands");
        }
        long[] lead = broadcast(java.util.Arrays.copyOf(a, a.length - 2), java.util.Arrays.copyOf(b, b.length - 2));
        long[] out = java.util.Arrays.copyOf(lead, lead.length + 2);
        out[lead.length] = a[a.length - 2];
        out[lead.length + 1] = b[b.length - 1];
        return out;
    }
}
