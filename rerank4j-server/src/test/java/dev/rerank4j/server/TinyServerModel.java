package dev.rerank4j.server;

import dev.rerank4j.TextPair;
import dev.rerank4j.model.Architecture;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.testing.TinyModels;
import dev.rerank4j.testing.TinyTokenizers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A tiny random BERT reranker generated for the tests, and texts in its vocabulary. */
final class TinyServerModel {
    static final String QUERY = "how many people live in berlin";
    static final List<String> DOCUMENTS = List.of(
            "berlin is the capital of germany",
            "paris is the capital of france",
            "the cat sat on the mat",
            "many people live in the city of berlin",
            "a dog");

    private TinyServerModel() {}

    static CrossEncoder load(Path dir) {
        return CrossEncoder.load(TinyModels.reranker(dir.resolve("tiny-bert"), Architecture.BERT));
    }

    /** {@code n} documents of 1 to {@code maxWords} words, seeded. */
    static List<String> documents(int n, int maxWords, long seed) {
        Random rng = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int words = 1 + rng.nextInt(maxWords);
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < words; w++) {
                s.append(w == 0 ? "" : " ").append(TinyTokenizers.WORDS.get(rng.nextInt(TinyTokenizers.WORDS.size())));
            }
            out.add(s.toString());
        }
        return out;
    }

    static List<TextPair> pairs(String query, List<String> documents) {
        return documents.stream().map(d -> new TextPair(query, d)).toList();
    }
}
