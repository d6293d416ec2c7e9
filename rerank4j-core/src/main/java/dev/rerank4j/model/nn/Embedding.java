package dev.rerank4j.model.nn;

import ai.djl.ndarray.NDArray;
import dev.rerank4j.model.ParamSpec;
import dev.rerank4j.model.ParamSpec.Init;
import dev.rerank4j.model.ParamSpec.Role;
import dev.rerank4j.model.Parameters;
import java.util.List;

/**
 * A lookup table as {@code torch.nn.Embedding}: row {@code i} of {@code name} [rows, size] for each id {@code i}.
 *
 * @param name the full weight name, e.g. {@code bert.embeddings.word_embeddings.weight}
 * @param rows the number of ids (vocabulary, positions or token types)
 * @param size the width of a row
 */
public record Embedding(String name, long rows, long size) {
    public Embedding {
        if (rows <= 0 || size <= 0) {
            throw new IllegalArgumentException(name + ": shape must be positive, got [" + rows + ", " + size + "]");
        }
    }

    /** Its table: Normal(0, initializer_range). */
    public List<ParamSpec> specs(Role role) {
        return List.of(new ParamSpec(name, new long[] {rows, size}, role, Init.NORMAL));
    }

    /** The rows for int64 ids of any shape: [..., size]. */
    public NDArray forward(Parameters p, NDArray ids) {
        return forward(EagerOps.of(p), ids);
    }

    /** The rows for int64 ids of any shape: [..., size]. */
    public <T> T forward(Ops<T> ops, T ids) {
        return ops.embedding(this, ids);
    }
}
