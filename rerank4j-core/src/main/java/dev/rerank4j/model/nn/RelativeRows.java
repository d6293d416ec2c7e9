package dev.rerank4j.model.nn;

/**
 * What {@link Ops#relativeRows} gives one batch: relative-embedding rows and the int64 gather indices into them.
 *
 * @param table the relative-embedding rows [rows, width] (a window of the table, or all of it)
 * @param c2p content-to-position rows [seq, seq]: query i, key j
 * @param p2c position-to-content rows [seq, seq]: key i, query j
 * @param <T> the tensor type of the {@link Ops}
 */
public record RelativeRows<T>(T table, T c2p, T p2c) {}
