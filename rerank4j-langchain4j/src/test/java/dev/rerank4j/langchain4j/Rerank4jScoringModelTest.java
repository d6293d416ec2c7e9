package dev.rerank4j.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.query.Query;
import dev.rerank4j.TextPair;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter gives predict's scores, and langchain4j's ReRankingContentAggregator ranks with them. */
class Rerank4jScoringModelTest {
    static final String QUERY = "how many people live in berlin";
    static final List<String> DOCUMENTS = List.of(
            "berlin is the capital of germany",
            "paris is the capital of france",
            "the cat sat on the mat",
            "many people live in the city of berlin",
            "a dog");

    @TempDir
    static Path dir;

    static CrossEncoder model;
    static float[] expected;

    @BeforeAll
    static void load() {
        model = CrossEncoder.load(TinyModels.reranker(dir.resolve("tiny-bert"), Architecture.BERT));
        expected = model.predict(
                DOCUMENTS.stream().map(d -> new TextPair(QUERY, d)).toList());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void scoreAllGivesPredictsScoresInSegmentOrder() {
        Response<List<Double>> response = new Rerank4jScoringModel(model)
                .scoreAll(DOCUMENTS.stream().map(TextSegment::from).toList(), QUERY);

        assertThat(response.content()).hasSize(DOCUMENTS.size());
        for (int i = 0; i < expected.length; i++) {
            assertThat(response.content().get(i)).isEqualTo((double) expected[i]);
        }
    }

    @Test
    void reRankingContentAggregatorOrdersContentByTheModelsScores() {
        ReRankingContentAggregator aggregator = ReRankingContentAggregator.builder()
                .scoringModel(new Rerank4jScoringModel(model))
                .maxResults(3)
                .build();
        List<Content> retrieved =
                DOCUMENTS.stream().map(d -> Content.from(TextSegment.from(d))).toList();
        Map<Query, Collection<List<Content>>> byQuery = Map.of(Query.from(QUERY), List.of(retrieved));

        List<Content> top = aggregator.aggregate(byQuery);

        List<String> expectedTop = IntStream.range(0, DOCUMENTS.size())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> expected[i]).reversed())
                .limit(3)
                .map(DOCUMENTS::get)
                .toList();
        assertThat(top).extracting(c -> c.textSegment().text()).containsExactlyElementsOf(expectedTop);
    }
}
