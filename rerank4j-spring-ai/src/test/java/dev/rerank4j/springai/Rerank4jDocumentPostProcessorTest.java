package dev.rerank4j.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rerank4j.TextPair;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.advisor.api.AdvisorChain;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.content.Media;
import org.springframework.ai.document.Document;
import org.springframework.ai.rag.Query;
import org.springframework.ai.rag.advisor.RetrievalAugmentationAdvisor;
import org.springframework.util.MimeTypeUtils;

/**
 * The post-processor orders documents by predict's scores (a tiny real model), keeps their metadata and ids, adds the
 * score, applies top-n and the minimum score, and works inside Spring AI's own RetrievalAugmentationAdvisor.
 */
class Rerank4jDocumentPostProcessorTest {
    static final String QUERY = "how many people live in berlin";
    static final List<String> TEXTS = List.of(
            "berlin is the capital of germany",
            "paris is the capital of france",
            "the cat sat on the mat",
            "many people live in the city of berlin",
            "a dog");

    @TempDir
    static Path dir;

    static CrossEncoder model;
    static float[] expected;
    static List<Integer> expectedOrder;

    @BeforeAll
    static void load() {
        model = CrossEncoder.load(TinyModels.reranker(dir.resolve("tiny-bert"), Architecture.BERT));
        expected = model.predict(TEXTS.stream().map(t -> new TextPair(QUERY, t)).toList());
        expectedOrder = IntStream.range(0, TEXTS.size())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> expected[i]).reversed())
                .toList();
        // The fixture must rank: distinct scores, and not already in input order.
        assertThat(IntStream.range(0, expected.length)
                        .mapToObj(i -> expected[i])
                        .distinct())
                .hasSize(expected.length);
        assertThat(expectedOrder).isNotEqualTo(List.of(0, 1, 2, 3, 4));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Retrieved documents: ids d0..d4, a source in the metadata, and the retriever's score 1 - i/10. */
    static List<Document> retrieved() {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            out.add(Document.builder()
                    .id("d" + i)
                    .text(TEXTS.get(i))
                    .metadata(Map.of("source", "doc-" + i + ".txt"))
                    .score(1.0 - i / 10.0)
                    .build());
        }
        return out;
    }

    @Test
    void ordersByPredictsScoresKeepingIdsMetadataAndTheRetrievalScore() {
        List<Document> out = new Rerank4jDocumentPostProcessor(model).process(new Query(QUERY), retrieved());

        assertThat(out)
                .extracting(Document::getId)
                .containsExactlyElementsOf(
                        expectedOrder.stream().map(i -> "d" + i).toList());
        for (Document d : out) {
            int i = Integer.parseInt(d.getId().substring(1));
            assertThat(d.getText()).isEqualTo(TEXTS.get(i));
            assertThat(d.getScore()).isEqualTo((double) expected[i]);
            assertThat(d.getMetadata())
                    .containsEntry("source", "doc-" + i + ".txt")
                    .containsEntry(DocumentRerankOptions.RERANK_SCORE, (double) expected[i])
                    .containsEntry(DocumentRerankOptions.RETRIEVAL_SCORE, 1.0 - i / 10.0);
        }
    }

    @Test
    void topNAndMinScoreCut() {
        float third = expected[expectedOrder.get(2)];
        List<Document> top2 = new Rerank4jDocumentPostProcessor(
                        model, DocumentRerankOptions.defaults().withTopN(2))
                .process(new Query(QUERY), retrieved());
        List<Document> atLeastThird = new Rerank4jDocumentPostProcessor(
                        model, DocumentRerankOptions.defaults().withMinScore(third))
                .process(new Query(QUERY), retrieved());
        List<Document> both = new Rerank4jDocumentPostProcessor(
                        model, DocumentRerankOptions.defaults().withTopN(1).withMinScore(third))
                .process(new Query(QUERY), retrieved());

        assertThat(top2)
                .extracting(Document::getId)
                .containsExactly("d" + expectedOrder.get(0), "d" + expectedOrder.get(1));
        assertThat(atLeastThird)
                .extracting(Document::getId)
                .containsExactly("d" + expectedOrder.get(0), "d" + expectedOrder.get(1), "d" + expectedOrder.get(2));
        assertThat(both).extracting(Document::getId).containsExactly("d" + expectedOrder.get(0));
    }

    @Test
    void theInputDocumentsAreNotChanged() {
        List<Document> in = retrieved();
        new Rerank4jDocumentPostProcessor(model).process(new Query(QUERY), in);

        assertThat(in).extracting(Document::getId).containsExactly("d0", "d1", "d2", "d3", "d4");
        assertThat(in.get(0).getMetadata()).containsOnlyKeys("source");
        assertThat(in.get(0).getScore()).isEqualTo(1.0);
    }

    @Test
    void noDocumentsGiveNoDocuments() {
        assertThat(new Rerank4jDocumentPostProcessor(model).process(new Query(QUERY), List.of()))
                .isEmpty();
    }

    @Test
    void aMediaDocumentIsRefusedByIndexAndId() {
        Document image = Document.builder()
                .id("img")
                .media(new Media(
                        MimeTypeUtils.IMAGE_PNG, new org.springframework.core.io.ByteArrayResource(new byte[] {1})))
                .build();
        List<Document> docs = List.of(retrieved().get(0), image);

        assertThatThrownBy(() -> new Rerank4jDocumentPostProcessor(model).process(new Query(QUERY), docs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("documents[1] (id img) has no text");
    }

    @Test
    void badOptionsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> DocumentRerankOptions.defaults().withTopN(-1))
                .hasMessage("topN must be >= 0 (0 = keep all), got -1");
        assertThatThrownBy(() -> DocumentRerankOptions.defaults().withMinScore(Double.NaN))
                .hasMessageContaining("minScore must be a number");
        assertThatThrownBy(() -> DocumentRerankOptions.defaults().withScoreKey(DocumentRerankOptions.RETRIEVAL_SCORE))
                .hasMessageContaining("must differ");
    }

    @Test
    void springAisRetrievalAugmentationAdvisorReranksWhatItRetrieved() {
        RetrievalAugmentationAdvisor advisor = RetrievalAugmentationAdvisor.builder()
                .documentRetriever(query -> {
                    assertThat(query.text()).isEqualTo(QUERY);
                    return retrieved();
                })
                .documentPostProcessors(new Rerank4jDocumentPostProcessor(
                        model, DocumentRerankOptions.defaults().withTopN(3)))
                .build();
        ChatClientRequest request = ChatClientRequest.builder()
                .prompt(new Prompt(QUERY))
                .context(Map.of())
                .build();

        ChatClientRequest augmented = advisor.before(request, new AdvisorChain() {});

        @SuppressWarnings("unchecked")
        List<Document> context =
                (List<Document>) augmented.context().get(RetrievalAugmentationAdvisor.DOCUMENT_CONTEXT);
        List<String> top3 =
                expectedOrder.subList(0, 3).stream().map(i -> "d" + i).toList();
        assertThat(context).extracting(Document::getId).containsExactlyElementsOf(top3);
        // The augmented user message holds the three kept documents, best first, and not the other two.
        String prompt = augmented.prompt().getUserMessage().getText();
        int at = -1;
        for (int i : expectedOrder.subList(0, 3)) {
            int next = prompt.indexOf(TEXTS.get(i));
            assertThat(next).as("position of document %d in the prompt", i).isGreaterThan(at);
            at = next;
        }
        for (int i : expectedOrder.subList(3, 5)) {
            assertThat(prompt).doesNotContain(TEXTS.get(i));
        }
    }
}
