package dev.rerank4j.cli;

import dev.rerank4j.Backend;
import dev.rerank4j.CrossEncoderOptions;
import dev.rerank4j.PairScorer;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.embed.EmbeddingModel;
import dev.rerank4j.embed.EmbeddingOptions;
import dev.rerank4j.embed.PromptRole;
import dev.rerank4j.embed.Prompts;
import dev.rerank4j.mining.CandidateSource;
import dev.rerank4j.mining.DenseCandidates;
import dev.rerank4j.mining.HardNegativeMiner;
import dev.rerank4j.mining.LexicalCandidates;
import dev.rerank4j.mining.MinedDataset;
import dev.rerank4j.mining.MinedDatasetWriter;
import dev.rerank4j.mining.MiningColumns;
import dev.rerank4j.mining.MiningData;
import dev.rerank4j.mining.MiningFiles;
import dev.rerank4j.mining.MiningOptions;
import dev.rerank4j.mining.OutputFormat;
import dev.rerank4j.mining.SamplingStrategy;
import dev.rerank4j.mining.SearchMethod;
import dev.rerank4j.model.CrossEncoder;
import dev.rerank4j.retrieval.HnswOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rerank4j mine}: hard-negative mining, as sentence-transformers' {@code mine_hard_negatives}. */
@Command(
        name = "mine",
        mixinStandardHelpOptions = true,
        description = {
            "Mine hard negatives for (anchor, positive) pairs: documents an embedding model (or BM25) ranks high for"
                    + " the anchor that are not its positives. Same options and semantics as sentence-transformers'"
                    + " mine_hard_negatives.",
            "Input: .jsonl, .tsv (header line) or .parquet; with exactly two columns they are anchor and positive,"
                    + " else name them. Output: .jsonl or .parquet in the chosen format; a report goes to standard"
                    + " error."
        },
        footer = {
            "",
            "Examples:",
            "  rerank4j mine --data pairs.jsonl --model sentence-transformers/all-MiniLM-L6-v2 --num-negatives 5 \\",
            "      --output mined.jsonl",
            "  rerank4j mine --data train.parquet --anchor-column question --positive-column answer \\",
            "      --corpus corpus.jsonl --model sentence-transformers/static-retrieval-mrl-en-v1 --search hnsw \\",
            "      --relative-margin 0.05 --output-format labeled-pair --cache-dir .mining-cache --output mined.parquet"
        })
final class MineCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main parent;

    @Mixin
    Verbosity verbosity;

    @Option(
            names = {"-d", "--data"},
            required = true,
            paramLabel = "FILE",
            description = "(anchor, positive) pairs: .jsonl, .tsv with a header line, or .parquet (.gz allowed for"
                    + " text files).")
    Path data;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "FILE",
            description = "Where to write the mined dataset: .jsonl or .parquet.")
    Path output;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            description = "Embedding model: a sentence-transformers directory or hub id"
                    + " (sentence-transformers/all-MiniLM-L6-v2 works offline). Required unless --retriever bm25.")
    String model;

    @Option(
            names = "--revision",
            defaultValue = "main",
            description = "Hub revision of --model and" + " --cross-encoder. Default: ${DEFAULT-VALUE}.")
    String revision;

    @Option(
            names = "--retriever",
            defaultValue = "dense",
            description = "Candidate source: dense (the embedding model) or bm25 (Lucene). Default: ${DEFAULT-VALUE}.")
    String retriever;

    @Option(names = "--anchor-column", paramLabel = "NAME", description = "Anchor column (default: the first of two).")
    String anchorColumn;

    @Option(
            names = "--positive-column",
            paramLabel = "NAME",
            description = "Positive column (default: the second of two).")
    String positiveColumn;

    @Option(
            names = "--corpus",
            paramLabel = "FILE",
            description = "Extra documents to mine from: .jsonl, .tsv, .parquet, or .txt (one per line). Default:"
                    + " the positives only.")
    Path corpus;

    @Option(
            names = "--corpus-field",
            defaultValue = "text",
            paramLabel = "NAME",
            description = "Column of --corpus holding the text. Default: ${DEFAULT-VALUE}.")
    String corpusField;

    @Option(
            names = {"-n", "--num-negatives"},
            defaultValue = "3",
            description = "Negatives per anchor. Default:" + " ${DEFAULT-VALUE}.")
    int numNegatives;

    @Option(
            names = "--range-min",
            defaultValue = "0",
            description = "Skip this many best candidates. Default:" + " ${DEFAULT-VALUE}.")
    int rangeMin;

    @Option(
            names = "--range-max",
            description = "Consider candidates up to this rank. Default: range-min +"
                    + " num-negatives + max positives per anchor (10 x num-negatives with a margin or --max-score).")
    Integer rangeMax;

    @Option(names = "--max-score", description = "Drop candidates scoring above this.")
    Double maxScore;

    @Option(names = "--min-score", description = "Drop candidates scoring below this.")
    Double minScore;

    @Option(names = "--absolute-margin", description = "Drop candidates with score + margin > positive score.")
    Double absoluteMargin;

    @Option(
            names = "--relative-margin",
            description = "Drop candidates with score > positive - |positive| x margin (0.05 = NV-Retriever's"
                    + " TopK-PercPos).")
    Double relativeMargin;

    @Option(
            names = "--sampling",
            defaultValue = "top",
            description = "top (the best candidates) or random (sampled from the range). Default: ${DEFAULT-VALUE}.")
    String sampling;

    @Option(names = "--seed", defaultValue = "12", description = "Seed of random sampling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(
            names = "--include-positives",
            description = "Keep positives among the candidates (forces n-tuple):" + " for reranking evaluation sets.")
    boolean includePositives;

    @Option(
            names = "--output-format",
            defaultValue = "triplet",
            description = "triplet, n-tuple, labeled-pair or labeled-list. Default: ${DEFAULT-VALUE}.")
    String outputFormat;

    @Option(names = "--output-scores", description = "Write scores instead of labels.")
    boolean outputScores;

    @Option(
            names = {"-b", "--batch-size"},
            defaultValue = "32",
            description = "Texts per forward pass. Default:" + " ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = "--search",
            defaultValue = "exact",
            description = "exact (chunked matrix products) or hnsw (Lucene HNSW graph). Default: ${DEFAULT-VALUE}.")
    String search;

    @Option(
            names = "--hnsw-ef-search",
            defaultValue = "100",
            description = "HNSW candidates explored per query." + " Default: ${DEFAULT-VALUE}.")
    int efSearch;

    @Option(
            names = "--cross-encoder",
            paramLabel = "MODEL",
            description = "Rescore candidates with this cross-encoder (used only with a margin or --max-score).")
    String crossEncoder;

    @Option(
            names = "--query-prompt",
            description = "Prompt prepended to anchors (default: the model's \"query\"" + " prompt, if any).")
    String queryPrompt;

    @Option(names = "--query-prompt-name", description = "Name of a prompt of the model for the anchors.")
    String queryPromptName;

    @Option(
            names = "--corpus-prompt",
            description = "Prompt prepended to documents (default: the model's"
                    + " \"document\", \"passage\" or \"corpus\" prompt, if any).")
    String corpusPrompt;

    @Option(names = "--corpus-prompt-name", description = "Name of a prompt of the model for the documents.")
    String corpusPromptName;

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description = "Keep embeddings here, so that mining again with other filters encodes nothing.")
    Path cacheDir;

    @Option(
            names = "--max-seq-length",
            defaultValue = "0",
            description = "Tokens per text for the embedding model; 0 = the model's. Default: ${DEFAULT-VALUE}.")
    int maxSeqLength;

    @Option(
            names = "--threads",
            defaultValue = "0",
            description = "Intra-op threads of the engine (libtorch or ONNX Runtime); 0 = one per core.")
    int threads;

    @Option(
            names = "--backend",
            defaultValue = "torch",
            paramLabel = "ENGINE",
            description = "Inference engine of --model and --cross-encoder: torch (libtorch, model.safetensors) or"
                    + " onnx (ONNX Runtime, --onnx-file of each model directory). Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(
            names = "--onnx-file",
            paramLabel = "PATH",
            description = "With --backend onnx, the graph to run, relative to each model directory. Default:"
                    + " onnx/model.onnx.")
    String onnxFile;

    @Option(names = "--no-progress", description = "Do not show progress bars.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        MiningOptions options = options();
        OutputPaths.file("--output", output);
        OutputPaths.notAnInput("--output", output, "--data", data);
        OutputPaths.notAnInput("--output", output, "--corpus", corpus);
        if (cacheDir != null) {
            OutputPaths.directory("--cache-dir", cacheDir);
        }
        MinedDatasetWriter.FileFormat.of(output); // fail on a bad extension before any work
        MiningData pairs = MiningFiles.readPairs(data, columns());
        if (corpus != null) {
            pairs = pairs.withCorpus(MiningFiles.readCorpus(corpus, corpusField));
        }
        MinedDataset mined;
        switch (retriever.toLowerCase(Locale.ROOT)) {
            case "bm25" -> mined = mine(pairs, LexicalCandidates.bm25(), options);
            case "dense" -> {
                if (model == null) {
                    throw new IllegalArgumentException(
                            "--model is required with --retriever dense (or use" + " --retriever bm25)");
                }
                try (EmbeddingModel embedder = EmbeddingModel.load(
                        model,
                        revision,
                        EmbeddingOptions.defaults()
                                .withMaxSeqLength(maxSeqLength)
                                .withThreads(threads)
                                .withBackend(engine())
                                .withOnnxFile(onnxFile()),
                        ConsoleProgress.standardError())) {
                    mined = mine(pairs, dense(embedder), options);
                }
            }
            default -> throw new IllegalArgumentException("--retriever must be dense or bm25, got " + retriever);
        }
        parent.stopSignal().throwIfStopped(); // BM25 and the search have no safe point inside
        MinedDatasetWriter.write(mined, output);
        System.err.print(mined.report().toText());
        System.err.println(
                "rerank4j: wrote " + mined.rows().size() + " " + mined.format().configName() + " rows to " + output);
        return 0;
    }

    private MinedDataset mine(MiningData pairs, CandidateSource source, MiningOptions options) {
        if (crossEncoder == null) {
            return HardNegativeMiner.mineHardNegatives(pairs, source, options);
        }
        try (CrossEncoder ce = CrossEncoder.load(
                crossEncoder,
                revision,
                CrossEncoderOptions.defaults()
                        .withThreads(threads)
                        .withBackend(engine())
                        .withOnnxFile(onnxFile())
                        .withListener(ConsoleProgress.standardError()))) {
            PredictOptions predict = PredictOptions.defaults()
                    .withBatchSize(options.batchSize())
                    .withStop(parent.stopSignal())
                    .withListener(ConsoleProgress.standardError());
            PairScorer scorer = list -> ce.predictLabels(list, predict);
            return HardNegativeMiner.mineHardNegatives(pairs, source, scorer, options);
        }
    }

    private Backend engine() {
        return Backend.fromName(backend);
    }

    private String onnxFile() {
        return onnxFile == null ? CrossEncoderOptions.DEFAULT_ONNX_FILE : onnxFile;
    }

    private DenseCandidates dense(EmbeddingModel embedder) {
        SearchMethod method = switch (search.toLowerCase(Locale.ROOT)) {
            case "exact" -> SearchMethod.exact();
            case "hnsw" -> new SearchMethod.Hnsw(HnswOptions.defaults().withEfSearch(efSearch));
            default -> throw new IllegalArgumentException("--search must be exact or hnsw, got " + search);
        };
        DenseCandidates source = DenseCandidates.of(embedder)
                .withSearch(method)
                .withStop(parent.stopSignal())
                .withProgress(noProgress ? ProgressMode.OFF : ProgressMode.AUTO)
                .withListener(ConsoleProgress.standardError())
                .withQueryPrompt(prompt(embedder.prompts(), PromptRole.QUERY, queryPrompt, queryPromptName))
                .withCorpusPrompt(prompt(embedder.prompts(), PromptRole.DOCUMENT, corpusPrompt, corpusPromptName));
        return cacheDir == null ? source : source.withCache(cacheDir);
    }

    /** The anchor and positive columns the flags name. */
    private MiningColumns columns() {
        MiningColumns c = MiningColumns.inOrder();
        if (anchorColumn != null) {
            c = c.withAnchor(anchorColumn);
        }
        return positiveColumn == null ? c : c.withPositive(positiveColumn);
    }

    /** An explicit prompt (the option, may be null) wins; else the named one; else the model's for the role. */
    private static String prompt(Prompts prompts, PromptRole role, String explicit, String name) {
        if (explicit != null) {
            return explicit;
        }
        return name != null ? prompts.named(name) : prompts.resolve(role);
    }

    private MiningOptions options() {
        MiningOptions o = MiningOptions.defaults()
                .withNumNegatives(numNegatives)
                .withRangeMin(rangeMin)
                .withIncludePositives(includePositives)
                .withOutputFormat(OutputFormat.fromName(outputFormat))
                .withOutputScores(outputScores)
                .withBatchSize(batchSize)
                .withSampling(
                        switch (sampling.toLowerCase(Locale.ROOT)) {
                            case "top" -> SamplingStrategy.top();
                            case "random" -> SamplingStrategy.random(seed);
                            default ->
                                throw new IllegalArgumentException("--sampling must be top or random, got " + sampling);
                        });
        if (rangeMax != null) {
            o = o.withRangeMax(rangeMax);
        }
        if (maxScore != null) {
            o = o.withMaxScore(maxScore);
        }
        if (minScore != null) {
            o = o.withMinScore(minScore);
        }
        if (absoluteMargin != null) {
            o = o.withAbsoluteMargin(absoluteMargin);
        }
        if (relativeMargin != null) {
            o = o.withRelativeMargin(relativeMargin);
        }
        return o;
    }
}
