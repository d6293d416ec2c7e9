package dev.rerank4j.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * A partition's rows, read lazily in chunks: each chunk of at most {@code chunkSize} input rows becomes the same number
 * of output rows, in order. A task thus holds one chunk at a time, and row numbers (0-based in the partition's order)
 * are known for messages.
 */
final class ChunkedRows implements Iterator<Row> {
    /** Turns one chunk into its output rows. */
    interface Chunk {
        /**
         * @param rows the chunk's input rows
         * @param firstRow the partition-relative number of {@code rows.get(0)}
         * @return one output row per input row, in order
         */
        List<Row> apply(List<Row> rows, long firstRow);
    }

    private final Iterator<Row> input;
    private final int chunkSize;
    private final Chunk chunk;
    private List<Row> out = List.of();
    private int next;
    private long rowNumber;

    ChunkedRows(Iterator<Row> input, int chunkSize, Chunk chunk) {
        this.input = input;
        this.chunkSize = chunkSize;
        this.chunk = chunk;
    }

    @Override
    public boolean hasNext() {
        while (next >= out.size() && input.hasNext()) {
            List<Row> rows = new ArrayList<>(Math.min(chunkSize, 1024));
            while (input.hasNext() && rows.size() < chunkSize) {
                rows.add(input.next());
            }
            out = chunk.apply(rows, rowNumber);
            rowNumber += rows.size();
            next = 0;
        }
        return next < out.size();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return out.get(next++);
    }
}
