package dev.rerank4j.io;

import java.util.List;
import java.util.Objects;

/**
 * One node of an ONNX graph, without its attributes.
 *
 * @param name the node name, e.g. {@code /encoder/layer.0/attention/self/query/MatMul}; may be empty (ONNX allows
 *     unnamed nodes)
 * @param opType the operator, e.g. {@code MatMul}
 * @param inputs the names of the values it consumes, in order (an empty string marks an omitted optional input)
 * @param outputs the names of the values it produces, in order
 */
public record OnnxNode(String name, String opType, List<String> inputs, List<String> outputs) {
    public OnnxNode {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(opType, "opType must not be null (node " + name + ")");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
