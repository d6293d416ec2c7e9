package dev.rerank4j.tokenize;

import java.util.Arrays;

/**
 * One tokenized text, unpadded.
 *
 * @param ids token ids, special tokens included when the tokenizer adds them
 * @param specialTokens 1 where the token is a special token ([CLS], [SEP], ...), else 0; same length as {@code ids}
 * @param truncated whether tokens were removed to fit the maximum length
 */
public record EncodedText(long[] ids, long[] specialTokens, boolean truncated) {
    public EncodedText {
        if (ids.length != specialTokens.length) {
            throw new IllegalArgumentException("ids and specialTokens must have the same length, got " + ids.length
                    + " and " + specialTokens.length);
        }
        ids = ids.clone();
        specialTokens = specialTokens.clone();
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
    public long[] specialTokens() {
        return specialTokens.clone();
    }

    /** The id at {@code position}, without copying the array. */
    public long id(int position) {
        return ids[position];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedText t
                && Arrays.equals(ids, t.ids)
                && Arrays.equals(specialTokens, t.specialTokens)
                && truncated == t.truncated;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "EncodedText" + Arrays.toString(ids);
    }
}
