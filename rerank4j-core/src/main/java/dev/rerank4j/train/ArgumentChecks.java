package dev.rerank4j.train;

/**
 * The range and consistency checks of {@link TrainingArguments}, each failing with the argument's transformers name,
 * the bad value and what is allowed, before any work starts.
 */
final class ArgumentChecks {
    private ArgumentChecks() {}

    static void check(TrainingArguments a) {
        if (a.maxSteps() == 0 || a.maxSteps() < -1) {
            fail("max_steps", a.maxSteps(), "-1 (train for num_train_epochs) or > 0");
        }
        if (a.maxSteps() == -1 && !(a.numTrainEpochs() > 0 && a.numTrainEpochs() < 1e6)) {
            fail("num_train_epochs", a.numTrainEpochs(), "> 0 (or set max_steps)");
        }
        atLeast("per_device_train_batch_size", a.perDeviceTrainBatchSize(), 1);
        atLeast("per_device_eval_batch_size", a.perDeviceEvalBatchSize(), 1);
        atLeast("gradient_accumulation_steps", a.gradientAccumulationSteps(), 1);
        if (!(a.learningRate() >= 0 && a.learningRate() < 1)) {
            fail("learning_rate", a.learningRate(), "[0, 1)");
        }
        if (!(a.weightDecay() >= 0 && a.weightDecay() < 1)) {
            fail("weight_decay", a.weightDecay(), "[0, 1)");
        }
        unitOpen("adam_beta1", a.adamBeta1());
        unitOpen("adam_beta2", a.adamBeta2());
        if (!(a.adamEpsilon() > 0 && a.adamEpsilon() < 1)) {
            fail("adam_epsilon", a.adamEpsilon(), "(0, 1)");
        }
        if (!(a.maxGradNorm() >= 0) || Double.isInfinite(a.maxGradNorm())) {
            fail("max_grad_norm", a.maxGradNorm(), ">= 0 (0 = no clipping)");
        }
        if (!(a.warmupRatio() >= 0 && a.warmupRatio() <= 1)) {
            fail("warmup_ratio", a.warmupRatio(), "[0, 1]");
        }
        atLeast("warmup_steps", a.warmupSteps(), 0);
        steps("logging_steps", a.loggingSteps(), false);
        steps("eval_steps", a.evalSteps(), true);
        steps("save_steps", a.saveSteps(), false);
        atLeast("save_total_limit", a.saveTotalLimit(), 0);
        atLeast("early_stopping_patience", a.earlyStoppingPatience(), 0);
        if (!(a.earlyStoppingThreshold() >= 0)) {
            fail("early_stopping_threshold", a.earlyStoppingThreshold(), ">= 0");
        }
        dropout("hidden_dropout_prob", a.hiddenDropoutProb());
        dropout("attention_probs_dropout_prob", a.attentionProbsDropoutProb());
        a.batchSampler().checkBatchSize(a.perDeviceTrainBatchSize()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        consistency(a);
        hub(a);
    }

    private static void hub(TrainingArguments a) {
        if (a.pushToHub() && a.hubModelId().isEmpty()) {
            throw new IllegalArgumentException("push_to_hub needs hub_model_id: the repository to push the trained"
                    + " model to, e.g. hub_model_id: my-org/my-reranker");
        }
        if (!a.hubModelId().isEmpty()) {
            try {
                dev.rerank4j.hub.UploadRequest.of(a.outputDir(), a.hubModelId());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hub_model_id: " + e.getMessage(), e);
            }
        }
    }

    private static void consistency(TrainingArguments a) {
        boolean eval = a.evalStrategy() != IntervalStrategy.NO;
        if (a.loadBestModelAtEnd()) {
            if (!eval) {
                throw new IllegalArgumentException(
                        "load_best_model_at_end needs evaluations: set eval_strategy to steps"
                                + " or epoch (it is no)");
            }
            if (a.saveStrategy() != SaveStrategy.BEST
                    && !a.saveStrategy().name().equals(a.evalStrategy().name())) {
                throw new IllegalArgumentException("load_best_model_at_end requires save_strategy to match"
                        + " eval_strategy (or be best), got save_strategy " + ArgumentTable.name(a.saveStrategy())
                        + " and eval_strategy " + ArgumentTable.name(a.evalStrategy()));
            }
            if (a.saveStrategy() == SaveStrategy.STEPS && a.evalSteps() >= 1 && a.saveSteps() >= 1) {
                double eval2 = a.evalSteps();
                if (a.saveSteps() % eval2 != 0) {
                    throw new IllegalArgumentException("load_best_model_at_end requires save_steps to be a multiple of"
                            + " eval_steps, got save_steps " + fmt(a.saveSteps()) + " and eval_steps " + fmt(eval2));
                }
            }
        }
        if (a.saveStrategy() == SaveStrategy.BEST && !eval) {
            throw new IllegalArgumentException(
                    "save_strategy best needs evaluations: set eval_strategy to steps or" + " epoch (it is no)");
        }
        if (a.earlyStoppingPatience() > 0 && !eval) {
            throw new IllegalArgumentException("early_stopping_patience " + a.earlyStoppingPatience()
                    + " needs evaluations: set eval_strategy to steps or epoch (it is no)");
        }
        if (a.earlyStoppingPatience() > 0 && a.metricForBestModel().isEmpty()) {
            throw new IllegalArgumentException("early_stopping_patience needs metric_for_best_model (e.g. loss)");
        }
    }

    private static void steps(String name, double v, boolean zeroAllowed) {
        boolean ok =
                (v > 0 && v < 1) || (v >= 1 && v == Math.rint(v) && v < Integer.MAX_VALUE) || (zeroAllowed && v == 0);
        if (!ok) {
            fail(
                    name,
                    v,
                    "a whole number >= 1, or a fraction in (0, 1) of the total steps"
                            + (zeroAllowed ? " (unset = logging_steps)" : ""));
        }
    }

    private static void dropout(String name, double v) {
        if (!Double.isNaN(v) && !(v >= 0 && v < 1)) {
            fail(name, v, "[0, 1) (unset = the model's)");
        }
    }

    private static void unitOpen(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            fail(name, v, "[0, 1)");
        }
    }

    private static void atLeast(String name, long v, long min) {
        if (v < min) {
            fail(name, v, ">= " + min);
        }
    }

    private static void fail(String name, Object value, String allowed) {
        throw new IllegalArgumentException(
                name + " must be " + allowed + ", got " + (value instanceof Double d ? fmt(d) : value));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
