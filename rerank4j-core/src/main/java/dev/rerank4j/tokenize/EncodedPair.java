package dev.rerank4j.tokenize;

import java.util.Arrays;

/**
 * One tokenized pair, unpadded.
 *
 * @param ids token ids, special tokens included
 * @param typeIds segment ids: 0 for the query part, 1 for the document part
 * @param truncated whether tokens were removed to fit the maximum length
 */
public record EncodedPair(long[] ids, long[] typeIds, boolean truncated) {
    public EncodedPair {
        if (ids.length != typeIds.length) {
            throw new IllegalArgumentException(
                    "ids and typeIds must have the same length, got " + ids.length + " and " + typeIds.length);
        }
        ids = ids.clone();
        typeIds = typeIds.clone();
    }

    /** Number of tokens. */
    public int length() {
        return ids.length;
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public long[] typeIds() {
        return typeIds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedPair p
                && Arrays.equals(ids, p.ids)
                && Arrays.equals(typeIds, p.typeIds)
                && truncated == p.truncated;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "EncodedPair" + Arrays.toString(ids);
    }
}
