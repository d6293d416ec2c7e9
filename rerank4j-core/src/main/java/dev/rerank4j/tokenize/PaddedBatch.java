package dev.rerank4j.tokenize;

/**
 * Pairs padded to one length, row-major [batch, seqLen] arrays ready for the engine.
 *
 * @param batch number of rows
 * @param seqLen length of every row
 * @param ids token ids, padded with the tokenizer's pad id
 * @param typeIds segment ids, padded with 0
 * @param attentionMask 1 for real tokens, 0 for padding
 */
public record PaddedBatch(int batch, int seqLen, long[] ids, long[] typeIds, long[] attentionMask) {
    public PaddedBatch {
        long n = (long) batch * seqLen;
        if (ids.length != n || typeIds.length != n || attentionMask.length != n) {
            throw new IllegalArgumentException("arrays must hold batch*seqLen = " + n + " values");
        }
    }
}
