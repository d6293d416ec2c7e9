package dev.rerank4j.retrieval;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs BM25 over a {@link RetrievalDataset}, or reads the run from a {@link FirstStageCache} when the same corpus,
 * queries, analyzer and settings were searched before.
 */
public final class Bm25FirstStage {
    private Bm25FirstStage() {}

    /** The top {@code settings.depth()} documents of every query of {@code dataset}. */
    public static FirstStageResult retrieve(RetrievalDataset dataset, Bm25Settings settings, FirstStageCache cache) {
        String fingerprint = fingerprint(dataset, settings);
        Optional<FirstStageRun> cached = cache.load(fingerprint);
        if (cached.isPresent()) {
            Map<String, List<Hit>> hits = new LinkedHashMap<>();
            for (RetrievalQuery query : dataset.queries()) {
                hits.put(query.id(), cached.get().of(query.id()));
            }
            FirstStageRun run =
                    new FirstStageRun(fingerprint, hits, cached.get().selfMatchesDropped());
            return new FirstStageResult(run, true, Duration.ZERO, Duration.ZERO);
        }
        long start = System.nanoTime();
        try (Bm25Index index = Bm25Index.build(dataset.corpus(), settings.params())) {
            long indexed = System.nanoTime();
            List<List<Hit>> found = searchAll(index, dataset.queries(), settings);
            Map<String, List<Hit>> hits = new LinkedHashMap<>();
            int dropped = 0;
            boolean drop = settings.selfMatch() == SelfMatch.DROP;
            for (int q = 0; q < found.size(); q++) {
                String queryId = dataset.queries().get(q).id();
                List<Hit> kept = new ArrayList<>(Math.min(found.get(q).size(), settings.depth()));
                for (Hit hit : found.get(q)) {
                    if (drop && hit.docId().equals(queryId)) {
                        dropped++;
                    } else if (kept.size() < settings.depth()) {
                        kept.add(hit);
                    }
                }
                hits.put(queryId, kept);
            }
            long searched = System.nanoTime();
            FirstStageRun run = new FirstStageRun(fingerprint, hits, dropped);
            cache.store(run);
            return new FirstStageResult(
                    run, false, Duration.ofNanos(indexed - start), Duration.ofNanos(searched - indexed));
        }
    }

    /**
     * Searches every query, spreading the queries over one thread per available processor (at most 8); each query's
     * result does not depend on the others, so the run is the same with any number of threads.
     */
    private static List<List<Hit>> searchAll(Bm25Index index, List<RetrievalQuery> queries, Bm25Settings settings) {
        int depth = settings.selfMatch() == SelfMatch.DROP ? settings.depth() + 1 : settings.depth();
        int threads = Math.max(
                1, Math.min(8, Math.min(queries.size(), Runtime.getRuntime().availableProcessors())));
        if (threads == 1) {
            List<List<Hit>> out = new ArrayList<>(queries.size());
            queries.forEach(q -> out.add(index.search(q.text(), depth)));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "rerank4j-bm25-search");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<Hit>>> futures = new ArrayList<>(queries.size());
            for (RetrievalQuery query : queries) {
                futures.add(pool.submit(() -> index.search(query.text(), depth)));
            }
            List<List<Hit>> out = new ArrayList<>(queries.size());
            for (Future<List<Hit>> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("searching failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A SHA-256 over everything the run depends on: the analyzer and Lucene version, the settings, every document
     * (id, title, text) and every query (id, text), each string length-prefixed so that no two inputs collide by
     * concatenation. The dataset name is not part of it: the same files under another folder share the run.
     */
    public static String fingerprint(RetrievalDataset dataset, Bm25Settings settings) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        update(digest, "rerank4j-bm25-run-v1");
        update(digest, Bm25Index.ANALYZER_DESCRIPTION);
        update(
                digest,
                "k1=" + settings.params().k1() + " b=" + settings.params().b());
        update(digest, "depth=" + settings.depth() + " selfMatch=" + settings.selfMatch());
        update(digest, "docs=" + dataset.corpus().size());
        for (CorpusDocument doc : dataset.corpus()) {
            update(digest, doc.id());
            update(digest, doc.title());
            update(digest, doc.text());
        }
        update(digest, "queries=" + dataset.queries().size());
        for (RetrievalQuery query : dataset.queries()) {
            update(digest, query.id());
            update(digest, query.text());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
