package dev.rerank4j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.TruncationSide;
import java.util.UUID;

/**
 * Cohere's and Jina's {@code POST /v1/rerank} and Cohere's {@code POST /v2/rerank}: {@code {model, query, documents,
 * top_n, return_documents}} answered with one body both vendors' clients read: {@code {id, model, results: [{index,
 * relevance_score, document?: {text}}], usage: {total_tokens, prompt_tokens}, meta: {api_version, billed_units}}}.
 *
 * <p>{@code documents} may be strings or objects with a {@code text}. {@code return_documents} defaults to true on
 * {@code /v1} (Jina's default; Cohere v1 clients ignore the extra field) and documents are never returned on
 * {@code /v2} (Cohere v2 has no such option). {@code model} is accepted and the served model is named in the answer.
 * {@code usage} counts the tokens the model read (after truncation, special tokens included), with the model's own
 * tokenizer when the reranker can count ({@link dev.rerank4j.Reranker#countTokens}), else the server's estimate
 * ({@link TokenEstimate}). Over-long documents are truncated, as both vendors do.
 */
final class VendorApi {
    private VendorApi() {}

    static RerankJob parse(JsonNode body, int version) {
        JsonFields.string(body, "model", "");
        String query = JsonFields.string(body, "query");
        var documents = JsonFields.documents(body, "documents", true);
        int topN = JsonFields.positiveInt(body, "top_n");
        JsonFields.positiveInt(body, "max_tokens_per_doc");
        boolean returnDocuments = version == 1 && JsonFields.bool(body, "return_documents", true);
        return new RerankJob(query, documents, false, returnDocuments, topN, true, TruncationSide.RIGHT);
    }

    static ObjectNode answer(ObjectMapper json, RerankJob job, float[] scores, String model, long tokens, int version) {
        ObjectNode out = json.createObjectNode();
        out.put("id", UUID.randomUUID().toString());
        out.put("model", model);
        ArrayNode results = out.putArray("results");
        for (int i : job.order(scores)) {
            ObjectNode r = results.addObject().put("index", i).put("relevance_score", scores[i]);
            if (job.returnDocuments()) {
                r.putObject("document").put("text", job.documents().get(i));
            }
        }
        out.putObject("usage").put("total_tokens", tokens).put("prompt_tokens", tokens);
        ObjectNode meta = out.putObject("meta");
        meta.putObject("api_version").put("version", Integer.toString(version));
        meta.putObject("billed_units").put("search_units", 1);
        return out;
    }
}
