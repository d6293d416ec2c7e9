package dev.rerank4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hugging Face text-embeddings-inference's {@code POST /rerank}: {@code {query, texts, truncate,
 * truncation_direction, raw_scores, return_text}} (plus Elasticsearch's {@code top_n}) answered with a bare array
 * {@code [{index, score, text?}]}, best first.
 *
 * <p>{@code truncate} missing or null means true (TEI's {@code --auto-truncate}, on by default): a pair longer than the
 * model's maximum length is cut, as the model was trained; {@code truncate: false} refuses such a pair with 422
 * Validation, as TEI does. Only right truncation exists ({@code longest_first} from the end of the longer segment, the
 * model's own strategy): {@code "left"} is refused with 422, since DJL's tokenizer binding cannot truncate from the
 * left.
 */
final class TeiApi {
    private TeiApi() {}

    static RerankJob parse(JsonNode body) {
        String query = JsonFields.string(body, "query");
        var texts = JsonFields.documents(body, "texts", false);
        boolean truncate = JsonFields.bool(body, "truncate", true);
        String direction = JsonFields.string(body, "truncation_direction", "right");
        if (!direction.equalsIgnoreCase("right")) {
            throw ApiError.validation("`truncation_direction` \"" + direction
                    + "\" is not supported: rerank4j truncates on the right only (the model's own strategy); send"
                    + " \"right\", or truncate the texts yourself");
        }
        boolean raw = JsonFields.bool(body, "raw_scores", false);
        boolean returnText = JsonFields.bool(body, "return_text", false);
        int topN = JsonFields.positiveInt(body, "top_n");
        return new RerankJob(query, texts, raw, returnText, topN, truncate);
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
