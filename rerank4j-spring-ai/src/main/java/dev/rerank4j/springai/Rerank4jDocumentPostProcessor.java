package dev.rerank4j.springai;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.postretrieval.document.DocumentPostProcessor;

/**
 * A Spring AI {@link DocumentPostProcessor} that reranks the retrieved documents with a rerank4j {@link Reranker}
 * (a cross-encoder trained with rerank4j or loaded from Hugging Face), in the same process: the documents come back
 * best first, cut to top-n and to the minimum score, each with its metadata kept, the rerank score added to it and set
 * as the document's score.
 *
 * <pre>{@code
 * try (CrossEncoder model = CrossEncoder.load("cross-encoder/ms-marco-MiniLM-L6-v2")) {
 *     Advisor rag = RetrievalAugmentationAdvisor.builder()
 *             .documentRetriever(VectorStoreDocumentRetriever.builder().vectorStore(store).topK(50).build())
 *             .documentPostProcessors(new Rerank4jDocumentPostProcessor(model,
 *                     DocumentRerankOptions.defaults().withTopN(5)))
 *             .build();
 * }
 * }</pre>
 *
 * <p>Scores are those of {@link Reranker#predict} for (query text, document text) pairs, after the model's activation
 * (sigmoid for most rerankers). Ties keep the retriever's order. The caller owns the reranker and closes it; this
 * post-processor is as thread-safe as the reranker.
 */
public final class Rerank4jDocumentPostProcessor implements DocumentPostProcessor {
    private final Reranker reranker;
    private final DocumentRerankOptions options;
    private final PredictOptions predict;

    /** Reranks and keeps every document. */
    public Rerank4jDocumentPostProcessor(Reranker reranker) {
        this(reranker, DocumentRerankOptions.defaults());
    }

    /** Reranks with the reranker's default prediction (batch 32, the model's activation, no progress shown). */
    public Rerank4jDocumentPostProcessor(Reranker reranker, DocumentRerankOptions options) {
        this(reranker, options, PredictOptions.defaults().withProgress(ProgressMode.OFF));
    }

    /** Reranks with the given prediction options (batch size, activation). */
    public Rerank4jDocumentPostProcessor(Reranker reranker, DocumentRerankOptions options, PredictOptions predict) {
        this.reranker = Objects.requireNonNull(reranker, "reranker");
        this.options = Objects.requireNonNull(options, "options");
        this.predict = Objects.requireNonNull(predict, "predict");
        if (reranker.numLabels() != 1) {
            throw new IllegalArgumentException(
                    "a DocumentPostProcessor needs a reranker with one label; this one has " + reranker.numLabels());
        }
    }

    /**
     * Reranks the documents for the query.
     *
     * @throws IllegalArgumentException if a document has no text (a media document)
     */
    @Override
    public List<Document> process(Query query, List<Document> documents) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(documents, "documents");
        if (documents.isEmpty()) {
            return List.of();
        }
        List<TextPair> pairs = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            Document d = documents.get(i);
            if (!d.isText() || d.getText() == null) {
                throw new IllegalArgumentException("documents[" + i + "] (id " + d.getId()
                        + ") has no text; rerank4j reranks text documents (filter media documents out first)");
            }
            pairs.add(new TextPair(query.text(), d.getText()));
        }
        float[] scores = reranker.predict(pairs, predict);
        List<Integer> order = new ArrayList<>(documents.size());
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= options.minScore()) {
                order.add(i);
            }
        }
        // A stable sort: ties keep the retriever's order.
        order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        int keep = options.topN() > 0 ? Math.min(options.topN(), order.size()) : order.size();
        List<Document> out = new ArrayList<>(keep);
        for (int i : order.subList(0, keep)) {
            out.add(scored(documents.get(i), scores[i]));
        }
        return List.copyOf(out);
    }

    private Document scored(Document d, float score) {
        Map<String, Object> metadata = new HashMap<>(d.getMetadata());
        if (d.getScore() != null) {
            metadata.put(options.retrievalScoreKey(), d.getScore());
        }
        metadata.put(options.scoreKey(), (double) score);
        return d.mutate().metadata(metadata).score((double) score).build();
    }
}
