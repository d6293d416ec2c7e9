package dev.rerank4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingArgumentsTest {
    @Test
    void defaultsAreTransformers() {
        TrainingArguments a = TrainingArguments.defaults();
        assertThat(a.outputDir()).isEqualTo(Path.of("trainer_output"));
        assertThat(a.numTrainEpochs()).isEqualTo(3.0);
        assertThat(a.maxSteps()).isEqualTo(-1);
        assertThat(a.perDeviceTrainBatchSize()).isEqualTo(8);
        assertThat(a.learningRate()).isEqualTo(5e-5);
        assertThat(a.weightDecay()).isZero();
        assertThat(a.adamBeta2()).isEqualTo(0.999);
        assertThat(a.adamEpsilon()).isEqualTo(1e-8);
        assertThat(a.maxGradNorm()).isEqualTo(1.0);
        assertThat(a.lrSchedulerType()).isEqualTo(LrSchedulerType.LINEAR);
        assertThat(a.seed()).isEqualTo(42);
        assertThat(a.loggingSteps()).isEqualTo(500);
        assertThat(a.saveStrategy()).isEqualTo(SaveStrategy.STEPS);
        assertThat(a.evalStrategy()).isEqualTo(IntervalStrategy.NO);
        assertThat(a.batchSampler()).isEqualTo(BatchSamplers.BATCH_SAMPLER);
        assertThat(a.multiDatasetBatchSampler()).isEqualTo(MultiDatasetBatchSamplers.PROPORTIONAL);
        assertThat(a.metricForBestModel()).isEmpty();
        assertThat(a.hiddenDropoutProb()).isNaN();
        assertThat(a.effectiveRunName()).isEqualTo("trainer_output");
    }

    @Test
    void valuesComeByTheirTransformersNamesAsNumbersOrStrings() {
        TrainingArguments a = TrainingArguments.of(Map.of(
                "output_dir", "out",
                "learning_rate", "2e-5",
                "lr_scheduler_type", "COSINE",
                "batch_sampler", "no_duplicates",
                "load_best_model_at_end", "true",
                "eval_strategy", "steps",
                "save_steps", 100,
                "eval_steps", 50,
                "resume_from_checkpoint", true));
        assertThat(a.learningRate()).isEqualTo(2e-5);
        assertThat(a.lrSchedulerType()).isEqualTo(LrSchedulerType.COSINE);
        assertThat(a.batchSampler()).isEqualTo(BatchSamplers.NO_DUPLICATES);
        assertThat(a.metricForBestModel()).isEqualTo("loss");
        assertThat(a.greaterIsBetter()).isFalse();
        assertThat(a.bestMetricKey()).isEqualTo("eval_loss");
        assertThat(a.resumeFromCheckpoint()).isEqualTo("true");
        assertThat(TrainingArguments.of(a.toMap())).isEqualTo(a);
        assertThat(a.nonDefault())
                .containsKeys("output_dir", "learning_rate", "lr_scheduler_type")
                .doesNotContainKey("seed");
        TrainingArguments ndcg = a.with("metric_for_best_model", "wikiqa_ndcg@10");
        assertThat(ndcg.greaterIsBetter()).isTrue();
        assertThat(ndcg.bestMetricKey()).isEqualTo("eval_wikiqa_ndcg@10");
    }

    @Test
    void badValuesAreNamedWithTheAllowedRange() {
        assertBad(Map.of("learning_rate", -1), "learning_rate must be [0, 1), got -1");
        assertBad(Map.of("warmup_ratio", 1.5), "warmup_ratio must be [0, 1], got 1.5");
        assertBad(Map.of("per_device_train_batch_size", 0), "per_device_train_batch_size must be >= 1, got 0");
        assertBad(Map.of("max_steps", 0), "max_steps must be -1 (train for num_train_epochs) or > 0, got 0");
        assertBad(Map.of("num_train_epochs", 0), "num_train_epochs must be > 0 (or set max_steps), got 0");
        assertBad(Map.of("adam_beta2", 1), "adam_beta2 must be [0, 1), got 1");
        assertBad(
                Map.of("save_steps", 2.5),
                "save_steps must be a whole number >= 1, or a fraction in (0, 1) of the" + " total steps, got 2.5");
        assertBad(
                Map.of("hidden_dropout_prob", 1.0), "hidden_dropout_prob must be [0, 1) (unset = the model's), got 1");
        assertBad(
                Map.of("gradient_accumulation_steps", 1.5),
                "gradient_accumulation_steps must be a whole number," + " got 1.5");
        assertBad(Map.of("learning_rate", "fast"), "learning_rate must be a number, got \"fast\"");
        assertBad(Map.of("logging_first_step", "yes"), "logging_first_step must be true or false, got \"yes\"");
        assertBad(
                Map.of("lr_scheduler_type", "exponential"),
                "lr_scheduler_type must be one of [linear, cosine,"
                        + " constant, constant_with_warmup, polynomial], got \"exponential\"");
        assertBad(
                Map.of("batch_sampler", "group_by_label", "per_device_train_batch_size", 5),
                "batch_sampler GROUP_BY_LABEL needs per_device_train_batch_size to be an even number >= 4, got 5");
        assertBad(Map.of("evaluation_strategy", "steps"), "unknown training argument \"evaluation_strategy\"");
        assertBad(
                Map.of("warmup_ratoi", 0.1),
                "unknown training argument \"warmup_ratoi\"; did you mean" + " \"warmup_ratio\"?");
    }

    @Test
    void argumentsThatDoNotFitTogetherAreRefused() {
        assertBad(Map.of("load_best_model_at_end", true), "load_best_model_at_end needs evaluations");
        assertBad(
                Map.of("load_best_model_at_end", true, "eval_strategy", "steps", "save_strategy", "epoch"),
                "load_best_model_at_end requires save_strategy to match eval_strategy (or be best), got save_strategy"
                        + " epoch and eval_strategy steps");
        assertBad(
                Map.of("load_best_model_at_end", true, "eval_strategy", "steps", "eval_steps", 30, "save_steps", 100),
                "load_best_model_at_end requires save_steps to be a multiple of eval_steps, got save_steps 100 and"
                        + " eval_steps 30");
        assertBad(Map.of("early_stopping_patience", 2), "early_stopping_patience 2 needs evaluations");
        assertBad(Map.of("save_strategy", "best"), "save_strategy best needs evaluations");
    }

    private static void assertBad(Map<String, ?> values, String message) {
        assertThatThrownBy(() -> TrainingArguments.of(values))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void schedulesFollowTransformersFormulas() {
        // warmup 10 of 100 steps: linear up, then linear (or cosine) down to 0
        assertThat(LrSchedulerType.LINEAR.factor(0, 10, 100)).isZero();
        assertThat(LrSchedulerType.LINEAR.factor(5, 10, 100)).isEqualTo(0.5);
        assertThat(LrSchedulerType.LINEAR.factor(10, 10, 100)).isEqualTo(1.0);
        assertThat(LrSchedulerType.LINEAR.factor(55, 10, 100)).isEqualTo(0.5);
        assertThat(LrSchedulerType.LINEAR.factor(100, 10, 100)).isZero();
        assertThat(LrSchedulerType.COSINE.factor(55, 10, 100))
                .isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(LrSchedulerType.COSINE.factor(10, 10, 100)).isEqualTo(1.0);
        assertThat(LrSchedulerType.CONSTANT.factor(0, 10, 100)).isEqualTo(1.0);
        assertThat(LrSchedulerType.CONSTANT_WITH_WARMUP.factor(5, 10, 100)).isEqualTo(0.5);
        assertThat(LrSchedulerType.CONSTANT_WITH_WARMUP.factor(90, 10, 100)).isEqualTo(1.0);
        // polynomial (power 1) decays to lr_end = 1e-7: halfway from 1e-3 is (1e-3 - 1e-7) / 2 + 1e-7
        assertThat(LrSchedulerType.POLYNOMIAL.factor(55, 10, 100, 1e-3) * 1e-3)
                .isCloseTo((1e-3 - 1e-7) / 2 + 1e-7, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(LrSchedulerType.POLYNOMIAL.factor(150, 10, 100, 1e-3) * 1e-3)
                .isCloseTo(1e-7, org.assertj.core.data.Offset.offset(1e-18));
    }

    @Test
    void thePlanFollowsTransformers() {
        TrainingArguments a = TrainingArguments.of(Map.of(
                "num_train_epochs",
                1.5,
                "gradient_accumulation_steps",
                4,
                "warmup_ratio",
                0.1,
                "logging_steps",
                0.25,
                "save_steps",
                7));
        Schedule s = Schedule.of(a, 41); // 41 batches: ceil(41 / 4) = 11 steps an epoch
        assertThat(s.stepsPerEpoch()).isEqualTo(11);
        assertThat(s.maxSteps()).isEqualTo(17); // ceil(1.5 * 11)
        assertThat(s.warmupSteps()).isEqualTo(2); // ceil(0.1 * 17)
        assertThat(s.loggingSteps()).isEqualTo(5); // ceil(0.25 * 17)
        assertThat(s.evalSteps()).isEqualTo(5); // eval_steps unset: logging_steps
        assertThat(s.saveSteps()).isEqualTo(7);
        assertThat(s.learningRate(1)).isEqualTo(0.5 * 5e-5);
        assertThatThrownBy(() -> Schedule.of(a, 0)).hasMessageContaining("the training data gives no batch");
    }
}
