package dev.rerank4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rerank4j.PairScorer;
import dev.rerank4j.PredictOptions;
import dev.rerank4j.ProgressMode;
import dev.rerank4j.eval.BeirBenchmark;
import dev.rerank4j.eval.BeirOptions;
import dev.rerank4j.eval.EvaluationContext;
import dev.rerank4j.eval.EvaluationResult;
import dev.rerank4j.eval.Evaluator;
import dev.rerank4j.eval.NanoBeirEvaluator;
import dev.rerank4j.eval.NanoBeirOptions;
import dev.rerank4j.eval.PairsEvaluation;
import dev.rerank4j.eval.PairsOptions;
import dev.rerank4j.eval.RerankPositives;
import dev.rerank4j.eval.RerankingEvaluator;
import dev.rerank4j.eval.RerankingOptions;
import dev.rerank4j.eval.ScoreFusion;
import dev.rerank4j.hub.HubClient;
import dev.rerank4j.model.CrossEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rerank4j eval}: evaluates a cross-encoder on BEIR folders, reranking samples and labelled pairs. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate a cross-encoder and print a table per evaluation (plus a JSON report with --output).",
            "--beir: BEIR-format folders (corpus.jsonl[.gz], queries.jsonl[.gz], qrels/test.tsv) or the original "
                    + "NFCorpus release; a Lucene BM25 first stage (k1=0.9, b=0.4, cached) retrieves the top "
                    + "--rerank-k documents per query, the model reranks them; BM25 metrics are reported as base_*.",
            "--nanobeir [NAME...]: sentence-transformers' CrossEncoderNanoBEIREvaluator: NanoBEIR datasets from the "
                    + "Hugging Face hub (sentence-transformers/NanoBEIR-en, cached; HF_HUB_OFFLINE=1 uses the cache), "
                    + "their BM25 top --rerank-k reranked; keys NanoMSMARCO_R100_ndcg@10, NanoBEIR_R100_mean_ndcg@10. "
                    + "Without names: the reference's 11 defaults (all but arguana and touche2020).",
            "--reranking: JSON Lines samples {\"query\", \"positive\": [...], \"negative\": [...]} or with "
                    + "\"documents\": [first-stage ranking]; MAP, MRR@k, NDCG@k as sentence-transformers' "
                    + "CrossEncoderRerankingEvaluator.",
            "--pairs: labelled pairs (.jsonl/.tsv with query, document and label or score) for --task "
                    + "classification (accuracy, F1, average precision; macro/micro/weighted F1 for several labels) "
                    + "or correlation (Pearson, Spearman)."
        },
        footer = {
            "",
            "Examples:",
            "  rerank4j eval --model cross-encoder/ms-marco-MiniLM-L6-v2 --beir ../shared/datasets/beir-scifact --output report.json",
            "  rerank4j eval --model my-reranker --reranking dev-samples.jsonl --at-k 10",
            "  rerank4j eval --model cross-encoder/ms-marco-MiniLM-L6-v2 --nanobeir msmarco nfcorpus nq",
            "  rerank4j eval --model my-sts-model --pairs sts-dev.jsonl --task correlation"
        })
final class EvalCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main parent;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What labelled pairs are evaluated for. */
    enum Task {
        CLASSIFICATION,
        CORRELATION
    }

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    PromptOptions prompt;

    @Mixin
    Verbosity verbosity;

    @Option(names = "--beir", arity = "1..*", paramLabel = "DIR", description = "BEIR-format dataset folders.")
    List<Path> beir = new ArrayList<>();

    @Option(
            names = "--nanobeir",
            arity = "0..*",
            split = ",",
            paramLabel = "NAME",
            description = "NanoBEIR datasets from the hub: climatefever, dbpedia, fever, fiqa2018, hotpotqa, msmarco,"
                    + " nfcorpus, nq, quoraretrieval, scidocs, arguana, scifact, touche2020 (none given: all but"
                    + " arguana and touche2020).")
    List<String> nanoBeir;

    @Option(
            names = "--nanobeir-dataset-id",
            paramLabel = "ID",
            defaultValue = NanoBeirOptions.DEFAULT_DATASET_ID,
            description = "The hub dataset of --nanobeir (one with corpus, queries, qrels and bm25 subsets; with"
                    + " {name}, per-dataset v4 repositories such as sentence-transformers/Nano{name}-bm25)."
                    + " Default: ${DEFAULT-VALUE}.")
    String nanoBeirDatasetId;

    @Option(names = "--reranking", paramLabel = "FILE", description = "Reranking samples (.jsonl).")
    Path reranking;

    @Option(names = "--pairs", paramLabel = "FILE", description = "Labelled pairs (.jsonl or .tsv).")
    Path pairs;

    @Option(
            names = "--task",
            description = "What --pairs measures: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.",
            defaultValue = "CLASSIFICATION")
    Task task;

    @Option(
            names = "--name",
            defaultValue = "",
            description = "Name prefixed to the metric keys of --reranking and --pairs (e.g. dev gives dev_ndcg@10).")
    String name;

    @Option(names = "--at-k", defaultValue = "10", description = "Cut-off of MRR and NDCG. Default: ${DEFAULT-VALUE}.")
    int atK;

    @Option(
            names = "--rerank-k",
            defaultValue = "100",
            description = "BM25 candidates reranked per query (--beir, --nanobeir). Default: ${DEFAULT-VALUE}.")
    int rerankK;

    @Option(
            names = "--rerank-positives",
            defaultValue = "ALWAYS",
            description =
                    "ALWAYS adds every judged positive to the reranked list (as sentence-transformers' NanoBEIR and reranking evaluators); RETRIEVED_ONLY reranks the first stage as it is. Default: ${DEFAULT-VALUE}.")
    RerankPositives rerankPositives;

    @Option(
            names = "--fusion",
            arity = "1..*",
            paramLabel = "FUSION",
            description = "--beir: mix the reranker's scores with BM25's before ranking: none (default), convex:W (W *"
                    + " minmax(reranker) + (1 - W) * minmax(BM25) per query) or rrf:K (reciprocal rank fusion);"
                    + " several values are evaluated on the same scores (the model scores once) and reported in"
                    + " turn. The reranker's own metrics are reported as reranker_*.")
    List<String> fusions = new ArrayList<>();

    @Option(
            names = "--beir-split",
            defaultValue = "test",
            description = "--beir: the split to read: test (default), or train (SciFact's qrels/train.tsv) / dev"
                    + " (NFCorpus) to choose settings such as --fusion without test queries.")
    String beirSplit;

    @Option(
            names = "--sample-queries",
            defaultValue = "0",
            paramLabel = "N",
            description = "--beir: evaluate a seeded sample of N queries per dataset (0: all), for quick checks;"
                    + " the figures are then of the sample. Default: ${DEFAULT-VALUE}.")
    int sampleQueries;

    @Option(
            names = "--sample-seed",
            defaultValue = "12",
            description = "The seed of --sample-queries. Default: ${DEFAULT-VALUE}.")
    long sampleSeed;

    @Option(
            names = {"-b", "--batch-size"},
            defaultValue = "32",
            description = "Pairs per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write a JSON report of every result.")
    Path output;

    @Option(
            names = "--csv-dir",
            paramLabel = "DIR",
            description = "Also append each evaluator's CSV log (as sentence-transformers writes) in this folder.")
    Path csvDir;

    @Override
    public Integer call() throws IOException {
        if (beir.isEmpty() && nanoBeir == null && reranking == null && pairs == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "Nothing to evaluate: give --beir, --nanobeir, --reranking and/or --pairs.");
        }
        if (atK < 1 || rerankK < 1 || batchSize < 1) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--at-k, --rerank-k and --batch-size must be >= 1");
        }
        if (sampleQueries < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--sample-queries must be >= 0 (0: every query), got " + sampleQueries);
        }
        List<ScoreFusion> parsedFusions = new ArrayList<>();
        for (String f : fusions) {
            try {
                parsedFusions.add(ScoreFusion.parse(f));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--fusion: " + e.getMessage());
            }
        }
        if (parsedFusions.isEmpty()) {
            parsedFusions.add(ScoreFusion.none());
        }
        if (output != null) {
            OutputPaths.file("--output", output);
        }
        if (csvDir != null) {
            OutputPaths.directory("--csv-dir", csvDir);
        }
        List<Evaluator> evaluators = evaluators(parsedFusions);
        EvaluationContext context = csvDir == null ? EvaluationContext.none() : EvaluationContext.writingTo(csvDir);
        List<EvaluationResult> results = new ArrayList<>();
        try (CrossEncoder encoder = model.load()) {
            PredictOptions predict = prompt.apply(
                    PredictOptions.defaults()
                            .withBatchSize(batchSize)
                            .withProgress(ProgressMode.AUTO)
                            .withStop(parent.stopSignal())
                            .withListener(ConsoleProgress.standardError()),
                    encoder);
            PairScorer scorer =
                    new MemoizingScorer(list -> encoder.predictLabels(list, predict), parsedFusions.size() > 1);
            for (Evaluator evaluator : evaluators) {
                parent.stopSignal().throwIfStopped();
                EvaluationResult result = evaluator.evaluate(scorer, context);
                System.out.println(result.toTable());
                results.add(result);
            }
        }
        if (output != null) {
            ObjectNode report = JSON.createObjectNode().put("model", model.model);
            ArrayNode arr = report.putArray("results");
            for (EvaluationResult r : results) {
                JsonNode node = JSON.readTree(r.toJson());
                arr.add(node);
            }
            try (AtomicOutput sink = AtomicOutput.open(output)) {
                sink.writer().write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
                sink.writer().write('\n');
                sink.commit();
            }
            System.err.println("rerank4j: wrote the report to " + output);
        }
        return 0;
    }

    /** Reads every input before the model loads, so a bad file fails fast. */
    private List<Evaluator> evaluators(List<ScoreFusion> parsedFusions) throws IOException {
        List<Evaluator> out = new ArrayList<>();
        if (!beir.isEmpty()) {
            BeirBenchmark benchmark = BeirBenchmark.prepare(
                    beir,
                    beirSplit,
                    BeirOptions.defaults()
                            .withRerankK(rerankK)
                            .withAtK(atK)
                            .withRerankPositives(rerankPositives)
                            .withSample(sampleQueries, sampleSeed));
            for (ScoreFusion fusion : parsedFusions) {
                out.add(benchmark.withFusion(fusion));
            }
        }
        if (nanoBeir != null) {
            NanoBeirOptions defaults = NanoBeirOptions.defaults();
            NanoBeirOptions options = defaults.withDatasetNames(nanoBeir.isEmpty() ? defaults.datasetNames() : nanoBeir)
                    .withDatasetId(nanoBeirDatasetId)
                    .withRerankK(rerankK)
                    .withAtK(atK)
                    .withRerankPositives(rerankPositives);
            out.add(NanoBeirEvaluator.load(
                    HubClient.fromEnvironment(ConsoleProgress.standardError()),
                    options,
                    ConsoleProgress.standardError()));
        }
        if (reranking != null) {
            out.add(RerankingEvaluator.fromJsonl(
                    reranking,
                    RerankingOptions.defaults().withName(name).withAtK(atK).withRerankPositives(rerankPositives)));
        }
        if (pairs != null) {
            PairsOptions options = PairsOptions.named(name);
            out.add(
                    task == Task.CLASSIFICATION
                            ? PairsEvaluation.classification(pairs, options)
                            : PairsEvaluation.correlation(pairs, options));
        }
        return out;
    }
}
