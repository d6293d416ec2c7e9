package dev.rerank4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.TextPair;
import dev.rerank4j.data.TextFiles;
import dev.rerank4j.embed.EmbeddingCache;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.EmbeddingOptions;
import dev.rerank4j.embed.EncodeOptions;
import dev.rerank4j.embed.Normalization;
import dev.rerank4j.embed.PromptRole;
import dev.rerank4j.mining.DenseCandidates;
import dev.rerank4j.mining.HardNegativeMiner;
import dev.rerank4j.mining.MinedDataset;
import dev.rerank4j.mining.MinedDatasetWriter;
import dev.rerank4j.mining.MiningData;
import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.mining.SearchMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hard-negative mining on SciFact: the 809 train claims paired with their evidence abstracts ({@code qrels/train.tsv},
 * 919 pairs) mined for 5 negatives each against the 5,183-abstract corpus, with an embedding model (default: the
 * offline all-MiniLM-L6-v2) and exact or HNSW search. Reports documents/s encoded, total time, peak RSS and the
 * mining report. Run each search method in its own JVM so that peak RSS is its own.
 *
 * <p>Usage: {@code MiningBenchmark [--search exact|hnsw] [--negatives 5] [--batch 32] [--model ID|DIR]
 * [--shared DIR] [--output mined.jsonl]}.
 */
public final class MiningBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MiningBenchmark() {}

    public static void main(String[] args) throws Exception {
        Args a = Args.parse(args);
        String modelId = a.get("--model", "sentence-transformers/all-MiniLM-L6-v2");
        String search = a.get("--search", "exact");
        int negatives = Integer.parseInt(a.get("--negatives", "5"));
        int batch = Integer.parseInt(a.get("--batch", "32"));
        Path scifact = Path.of(a.get("--shared", "../shared")).resolve("datasets/beir-scifact");
        long start = System.nanoTime();

        Map<String, String> corpus = texts(scifact.resolve("corpus.jsonl"));
        Map<String, String> claims = texts(scifact.resolve("queries.jsonl"));
        List<TextPair> pairs = new ArrayList<>();
        TextFiles.forEachLine(scifact.resolve("qrels/train.tsv"), (line, n) -> {
            if (n > 1 && !line.isBlank()) {
                String[] f = line.split("\t");
                pairs.add(new TextPair(claims.get(f[0]), corpus.get(f[1])));
            }
        });
        List<String> documents = List.copyOf(corpus.values());
        MiningData data = new MiningData("claim", "abstract", pairs, documents);
        SearchMethod method = search.equals("hnsw") ? SearchMethod.hnsw() : SearchMethod.exact();
        Path cacheDir = Files.createTempDirectory("mining-bench-cache");

        try (EmbeddingModel model = EmbeddingModel.load(modelId, "main", EmbeddingOptions.defaults())) {
            double loadS = (System.nanoTime() - start) / 1e9;
            // Encode the corpus alone first, for a clean documents/s; mining then reads it from the cache.
            String docPrompt = model.prompts().resolve(PromptRole.DOCUMENT);
            List<String> unique = new ArrayList<>(new java.util.LinkedHashSet<>(documents));
            pairs.forEach(p -> {
                if (!unique.contains(p.document())) {
                    unique.add(p.document());
                }
            });
            long e0 = System.nanoTime();
            new EmbeddingCache(cacheDir)
                    .encode(
                            model,
                            unique,
                            EncodeOptions.defaults()
                                    .withBatchSize(batch)
                                    .withPrompt(docPrompt)
                                    .withNormalization(Normalization.UNIT_LENGTH)
                                    .withProgress(ProgressMode.OFF));
            double encodeS = (System.nanoTime() - e0) / 1e9;

            long m0 = System.nanoTime();
            DenseCandidates source = DenseCandidates.of(model)
                    .withSearch(method)
                    .withCache(cacheDir)
                    .withProgress(ProgressMode.OFF);
            MinedDataset mined = HardNegativeMiner.mineHardNegatives(
                    data,
                    source,
                    MiningOptions.defaults().withNumNegatives(negatives).withBatchSize(batch));
            double mineS = (System.nanoTime() - m0) / 1e9;
            String output = a.get("--output", "");
            if (!output.isEmpty()) {
                MinedDatasetWriter.write(mined, Path.of(output));
            }
            double totalS = (System.nanoTime() - start) / 1e9;
            System.out.print(mined.report().toText());
            System.out.printf(
                    "SciFact train: %d pairs, %d claims, %d documents; %d negatives, %s search, batch %d, %d cores%n",
                    pairs.size(),
                    mined.report().anchors(),
                    unique.size(),
                    negatives,
                    search,
                    batch,
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(
                    "model %s loaded in %.1f s; corpus encoded in %.1f s = %.1f documents/s%n",
                    modelId, loadS, encodeS, unique.size() / encodeS);
            System.out.printf(
                    "mining after the corpus (claims encoded, search, filters, rows): %.1f s (search %.2f s)%n",
                    mineS, mined.report().timings().searchSeconds());
            System.out.printf(
                    "total %.1f s, %d rows, peak RSS %s%n", totalS, mined.rows().size(), PeakMemory.peakRss());
        }
    }

    private static Map<String, String> texts(Path jsonl) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        TextFiles.forEachLine(jsonl, (line, n) -> {
            JsonNode row = JSON.readTree(line);
            out.put(row.path("_id").asText(), row.path("text").asText());
        });
        return out;
    }
}
