package dev.rerank4j.tokenize;

import dev.rerank4j.Truncation;

/**
 * Truncation from the left of a whole (untruncated) pair encoding: each segment keeps as many tokens as Hugging Face
 * tokenizers' right truncation keeps (the same {@code longest_first} or {@code only_second} arithmetic), but its
 * last ones, as {@code TruncationDirection::Left} does. DJL's tokenizer binding sets no direction, so the cut is done
 * here on the ids, with the encoding's sequence ids (-1 special, 0 query, 1 document) telling the segments apart.
 */
final class LeftTruncation {
    private LeftTruncation() {}

    /**
     * The pair cut to {@code maxLength} tokens from the left of each segment; the whole pair when it fits.
     *
     * @param sequenceIds per token: -1 for a special token, 0 for the query, 1 for the document
     */
    static EncodedPair cut(long[] ids, long[] typeIds, long[] sequenceIds, int maxLength, Truncation strategy) {
        if (ids.length <= maxLength) {
            return new EncodedPair(ids, typeIds, false);
        }
        int n1 = 0;
        int n2 = 0;
        for (long s : sequenceIds) {
            n1 += s == 0 ? 1 : 0;
            n2 += s == 1 ? 1 : 0;
        }
        int budget = Math.max(0, maxLength - (ids.length - n1 - n2));
        int[] keep = strategy == Truncation.ONLY_SECOND && budget >= n1
                ? new int[] {n1, budget - n1}
                : longestFirst(n1, n2, budget);
        int drop1 = n1 - keep[0];
        int drop2 = n2 - keep[1];
        long[] outIds = new long[ids.length - drop1 - drop2];
        long[] outTypes = new long[outIds.length];
        int at = 0;
        for (int i = 0; i < ids.length; i++) {
            if (sequenceIds[i] == 0 && drop1 > 0) {
                drop1--;
            } else if (sequenceIds[i] == 1 && drop2 > 0) {
                drop2--;
            } else {
                outIds[at] = ids[i];
                outTypes[at++] = typeIds[i];
            }
        }
        return new EncodedPair(outIds, outTypes, true);
    }

    /**
     * Tokens each segment keeps under {@code longest_first}, as Hugging Face tokenizers computes them
     * ({@code tokenizers/src/utils/truncation.rs}): the shorter segment stays whole if the longer can take the rest,
     * else both get half the budget.
     */
    static int[] longestFirst(int n1, int n2, int budget) {
        boolean swap = n1 > n2;
        int shorter = Math.min(n1, n2);
        int longer = shorter > budget ? shorter : Math.max(shorter, budget - shorter);
        if (shorter + longer > budget) {
            shorter = budget / 2;
            longer = shorter + budget % 2;
        }
        int k1 = Math.min(n1, swap ? longer : shorter);
        int k2 = Math.min(n2, swap ? shorter : longer);
        return new int[] {k1, k2};
    }
}
