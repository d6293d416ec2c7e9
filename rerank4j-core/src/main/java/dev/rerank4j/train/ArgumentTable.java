package dev.rerank4j.train;

import dev.rerank4j.hub.Visibility;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The training arguments by their transformers names: defaults, conversion of config-file and command-line values
 * (strings, numbers, booleans) to typed values, and back. One place for every name.
 */
final class ArgumentTable {
    /** The names in transformers' order, each with its default (null = none). */
    static final Map<String, Object> DEFAULTS = defaults();

    private ArgumentTable() {}

    private static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("output_dir", "trainer_output");
        d.put("run_name", "");
        d.put("num_train_epochs", 3.0);
        d.put("max_steps", -1);
        d.put("per_device_train_batch_size", 8);
        d.put("per_device_eval_batch_size", 8);
        d.put("gradient_accumulation_steps", 1);
        d.put("learning_rate", 5e-5);
        d.put("weight_decay", 0.0);
        d.put("adam_beta1", 0.9);
        d.put("adam_beta2", 0.999);
        d.put("adam_epsilon", 1e-8);
        d.put("max_grad_norm", 1.0);
        d.put("lr_scheduler_type", "linear");
        d.put("warmup_ratio", 0.0);
        d.put("warmup_steps", 0);
        d.put("seed", 42L);
        d.put("logging_strategy", "steps");
        d.put("logging_steps", 500.0);
        d.put("logging_first_step", false);
        d.put("eval_strategy", "no");
        d.put("eval_steps", null);
        d.put("eval_on_start", true);
        d.put("save_strategy", "steps");
        d.put("save_steps", 500.0);
        d.put("save_total_limit", null);
        d.put("load_best_model_at_end", false);
        d.put("metric_for_best_model", null);
        d.put("greater_is_better", null);
        d.put("batch_sampler", "batch_sampler");
        d.put("multi_dataset_batch_sampler", "proportional");
        d.put("dataloader_drop_last", false);
        d.put("resume_from_checkpoint", null);
        d.put("hidden_dropout_prob", null);
        d.put("attention_probs_dropout_prob", null);
        d.put("early_stopping_patience", 0);
        d.put("early_stopping_threshold", 0.0);
        d.put("disable_tqdm", false);
        d.put("push_to_hub", false);
        d.put("hub_model_id", null);
        d.put("hub_private_repo", null);
        return java.util.Collections.unmodifiableMap(d);
    }

    static TrainingArguments parse(Map<String, ?> given) {
        for (String key : given.keySet()) {
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown training argument \"" + key + "\""
                        + closest(key).map(c -> "; did you mean \"" + c + "\"?").orElse("")
                        + " (see TrainingArguments for the names)");
            }
        }
        Map<String, Object> v = new LinkedHashMap<>(DEFAULTS);
        given.forEach(v::put);
        boolean loadBest = bool(v, "load_best_model_at_end");
        String metric = text(v, "metric_for_best_model");
        if (metric.isEmpty() && (loadBest || "best".equalsIgnoreCase(text(v, "save_strategy")))) {
            metric = "loss";
        }
        boolean greater = v.get("greater_is_better") == null
                ? !metric.isEmpty() && !metric.endsWith("loss")
                : bool(v, "greater_is_better");
        Object resume = v.get("resume_from_checkpoint");
        String resumeText = resume == null || Boolean.FALSE.equals(resume) ? "" : String.valueOf(resume);
        return new TrainingArguments(
                Path.of(text(v, "output_dir")),
                text(v, "run_name"),
                number(v, "num_train_epochs"),
                (int) integer(v, "max_steps"),
                (int) integer(v, "per_device_train_batch_size"),
                (int) integer(v, "per_device_eval_batch_size"),
                (int) integer(v, "gradient_accumulation_steps"),
                number(v, "learning_rate"),
                number(v, "weight_decay"),
                number(v, "adam_beta1"),
                number(v, "adam_beta2"),
                number(v, "adam_epsilon"),
                number(v, "max_grad_norm"),
                choice(v, "lr_scheduler_type", LrSchedulerType.class),
                number(v, "warmup_ratio"),
                (int) integer(v, "warmup_steps"),
                integer(v, "seed"),
                choice(v, "logging_strategy", IntervalStrategy.class),
                number(v, "logging_steps"),
                bool(v, "logging_first_step"),
                choice(v, "eval_strategy", IntervalStrategy.class),
                number(v, "eval_steps"),
                bool(v, "eval_on_start"),
                choice(v, "save_strategy", SaveStrategy.class),
                number(v, "save_steps"),
                (int) integer(v, "save_total_limit"),
                loadBest,
                metric,
                greater,
                choice(v, "batch_sampler", BatchSamplers.class),
                choice(v, "multi_dataset_batch_sampler", MultiDatasetBatchSamplers.class),
                bool(v, "dataloader_drop_last"),
                resumeText,
                v.get("hidden_dropout_prob") == null ? Double.NaN : number(v, "hidden_dropout_prob"),
                v.get("attention_probs_dropout_prob") == null ? Double.NaN : number(v, "attention_probs_dropout_prob"),
                (int) integer(v, "early_stopping_patience"),
                number(v, "early_stopping_threshold"),
                bool(v, "disable_tqdm"),
                bool(v, "push_to_hub"),
                text(v, "hub_model_id").strip(),
                v.get("hub_private_repo") == null
                        ? Visibility.DEFAULT
                        : bool(v, "hub_private_repo") ? Visibility.PRIVATE : Visibility.PUBLIC);
    }

    static Map<String, Object> toMap(TrainingArguments a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("output_dir", a.outputDir().toString());
        m.put("run_name", a.runName());
        m.put("num_train_epochs", a.numTrainEpochs());
        m.put("max_steps", a.maxSteps());
        m.put("per_device_train_batch_size", a.perDeviceTrainBatchSize());
        m.put("per_device_eval_batch_size", a.perDeviceEvalBatchSize());
        m.put("gradient_accumulation_steps", a.gradientAccumulationSteps());
        m.put("learning_rate", a.learningRate());
        m.put("weight_decay", a.weightDecay());
        m.put("adam_beta1", a.adamBeta1());
        m.put("adam_beta2", a.adamBeta2());
        m.put("adam_epsilon", a.adamEpsilon());
        m.put("max_grad_norm", a.maxGradNorm());
        m.put("lr_scheduler_type", name(a.lrSchedulerType()));
        m.put("warmup_ratio", a.warmupRatio());
        m.put("warmup_steps", a.warmupSteps());
        m.put("seed", a.seed());
        m.put("logging_strategy", name(a.loggingStrategy()));
        m.put("logging_steps", steps(a.loggingSteps()));
        m.put("logging_first_step", a.loggingFirstStep());
        m.put("eval_strategy", name(a.evalStrategy()));
        m.put("eval_steps", a.evalSteps() == 0 ? null : steps(a.evalSteps()));
        m.put("eval_on_start", a.evalOnStart());
        m.put("save_strategy", name(a.saveStrategy()));
        m.put("save_steps", steps(a.saveSteps()));
        m.put("save_total_limit", a.saveTotalLimit() == 0 ? null : a.saveTotalLimit());
        m.put("load_best_model_at_end", a.loadBestModelAtEnd());
        m.put("metric_for_best_model", a.metricForBestModel().isEmpty() ? null : a.metricForBestModel());
        m.put("greater_is_better", a.metricForBestModel().isEmpty() ? null : a.greaterIsBetter());
        m.put("batch_sampler", name(a.batchSampler()));
        m.put("multi_dataset_batch_sampler", name(a.multiDatasetBatchSampler()));
        m.put("dataloader_drop_last", a.dataloaderDropLast());
        m.put("resume_from_checkpoint", a.resumeFromCheckpoint().isEmpty() ? null : a.resumeFromCheckpoint());
        m.put("hidden_dropout_prob", Double.isNaN(a.hiddenDropoutProb()) ? null : a.hiddenDropoutProb());
        m.put(
                "attention_probs_dropout_prob",
                Double.isNaN(a.attentionProbsDropoutProb()) ? null : a.attentionProbsDropoutProb());
        m.put("early_stopping_patience", a.earlyStoppingPatience());
        m.put("early_stopping_threshold", a.earlyStoppingThreshold());
        m.put("disable_tqdm", a.disableTqdm());
        m.put("push_to_hub", a.pushToHub());
        m.put("hub_model_id", a.hubModelId().isEmpty() ? null : a.hubModelId());
        m.put(
                "hub_private_repo",
                a.hubPrivateRepo() == Visibility.DEFAULT ? null : a.hubPrivateRepo() == Visibility.PRIVATE);
        return m;
    }

    /** A whole number of steps as an integer, a fraction as a decimal. */
    private static Object steps(double v) {
        return v >= 1 && v == Math.rint(v) ? (Object) (long) v : (Object) v;
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String text(Map<String, Object> v, String key) {
        Object o = v.get(key);
        return o == null ? "" : String.valueOf(o);
    }

    private static double number(Map<String, Object> v, String key) {
        Object o = v.get(key);
        if (o == null) {
            return 0;
        }
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(o.toString().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got \"" + o + "\"", e);
        }
    }

    private static long integer(Map<String, Object> v, String key) {
        Object o = v.get(key);
        if (o == null) {
            return 0;
        }
        double d = number(v, key);
        if (d != Math.rint(d) || Math.abs(d) > 9.0e15) {
            throw new IllegalArgumentException(key + " must be a whole number, got " + o);
        }
        long l = (long) d;
        if (!key.equals("seed") && (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE)) {
            throw new IllegalArgumentException(key + " must be at most " + Integer.MAX_VALUE + ", got " + o);
        }
        return l;
    }

    private static boolean bool(Map<String, Object> v, String key) {
        Object o = v.get(key);
        if (o instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(o).strip().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        throw new IllegalArgumentException(key + " must be true or false, got \"" + o + "\"");
    }

    private static <E extends Enum<E>> E choice(Map<String, Object> v, String key, Class<E> type) {
        // YAML 1.1 reads a bare `no` as false: `eval_strategy: no` (or --eval_strategy no) means the choice "no"
        String s = Boolean.FALSE.equals(v.get(key)) ? "no" : text(v, key).strip();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + " must be one of "
                + Arrays.stream(type.getEnumConstants())
                        .map(ArgumentTable::name)
                        .toList() + ", got \"" + s + "\"");
    }

    /** The known name closest to a misspelt one, if any is close. */
    static java.util.Optional<String> closest(String key) {
        return dev.rerank4j.model.ClosestName.among(
                key.replace('-', '_'), DEFAULTS.keySet(), Math.max(2, key.length() / 3));
    }

    /** The known names, for messages. */
    static List<String> names() {
        return List.copyOf(DEFAULTS.keySet());
    }
}
