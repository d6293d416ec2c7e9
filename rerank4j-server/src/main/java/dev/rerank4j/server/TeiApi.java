package dev.rerank4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.TruncationSide;

/**
 * Hugging Face text-embeddings-inference's {@code POST /rerank}: {@code {query, texts, truncate,
 * truncation_direction, raw_scores, return_text}} (plus Elasticsearch's {@code top_n}) answered with a bare array
 * {@code [{index, score, text?}]}, best first.
 *
 * <p>{@code truncate} missing or null means true (TEI's {@code --auto-truncate}, on by default): a pair longer than the
 * model's maximum length is cut, as the model was trained; {@code truncate: false} refuses such a pair with 422
 * Validation, as TEI does. {@code truncation_direction} {@code "right"} (the default) keeps the start of each
 * segment, {@code "left"} its end (TEI accepts either case); each segment keeps as many tokens either way.
 */
final class TeiApi {
    private TeiApi() {}

    static RerankJob parse(JsonNode body) {
        String query = JsonFields.string(body, "query");
        var texts = JsonFields.documents(body, "texts", false);
        boolean truncate = JsonFields.bool(body, "truncate", true);
        String direction = JsonFields.string(body, "truncation_direction", "right");
        TruncationSide side = switch (direction) {
            case "right", "Right" -> TruncationSide.RIGHT;
            case "left", "Left" -> TruncationSide.LEFT;
            default ->
                throw ApiError.validation(
                        "`truncation_direction` must be \"right\" or \"left\", got \"" + direction + "\"");
        };
        boolean raw = JsonFields.bool(body, "raw_scores", false);
        boolean returnText = JsonFields.bool(body, "return_text", false);
        int topN = JsonFields.positiveInt(body, "top_n");
        return new RerankJob(query, texts, raw, returnText, topN, truncate, side);
    }

    static ArrayNode answer(ObjectMapper json, RerankJob job, float[] scores) {
        ArrayNode out = json.createArrayNode();
        for (int i : job.order(scores)) {
            ObjectNode r = out.addObject().put("index", i).put("score", scores[i]);
            if (job.returnDocuments()) {
                r.put("text", job.documents().get(i));
            }
        }
        return out;
    }
}
