package dev.rerank4j.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Formats JSON the way Python's {@code json.dump(obj, indent=n)} does ({@code ", "} and {@code ": "} separators,
 * one member per line, {@code []} and {@code {}} for empty containers), so files rerank4j writes look like the ones
 * transformers and sentence-transformers write.
 */
final class PythonJson {
    private PythonJson() {}

    static String format(JsonNode node, int indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, indent, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonNode node, int indent, int depth) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                pad(sb, indent * (depth + 1));
                sb.append(quote(e.getKey())).append(": ");
                write(sb, e.getValue(), indent, depth + 1);
                sb.append(it.hasNext() ? ",\n" : "\n");
            }
            pad(sb, indent * depth);
            sb.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                pad(sb, indent * (depth + 1));
                write(sb, node.get(i), indent, depth + 1);
                sb.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            pad(sb, indent * depth);
            sb.append(']');
        } else {
            sb.append(node.toString());
        }
    }

    private static String quote(String s) {
        try {
            return ConfigJson.MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot quote a string", e);
        }
    }

    private static void pad(StringBuilder sb, int n) {
        sb.append(" ".repeat(n));
    }
}
