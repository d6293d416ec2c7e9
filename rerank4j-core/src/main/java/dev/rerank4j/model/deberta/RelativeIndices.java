package dev.rerank4j.model.deberta;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The gather indices of one batch's relative terms as int64 arrays broadcast to [batch, heads, seq, seq], from
 * {@link RelativePositions}.
 *
 * @param c2p content-to-position rows
 * @param p2c position-to-content rows (indexed [key, query])
 */
record RelativeIndices(NDArray c2p, NDArray p2c) {
    static RelativeIndices of(NDManager manager, RelativePositions positions, long batch, long heads) {
        long n = positions.length();
        return new RelativeIndices(
                manager.create(positions.c2p()).reshape(1, 1, n, n).broadcast(batch, heads, n, n),
                manager.create(positions.p2c()).reshape(1, 1, n, n).broadcast(batch, heads, n, n));
    }
}
