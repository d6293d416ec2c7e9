package dev.rerank4j.train;

/**
 * Evaluates before the first step ({@code eval_on_start}, the baseline), every {@code eval_steps} with {@code
 * eval_strategy: steps}, and at the end of each epoch with {@code eval_strategy: epoch}.
 */
final class EvaluationListener implements TrainerListener {
    @Override
    public void onTrainBegin(TrainerContext ctx) {
        if (ctx.args().evalStrategy() != IntervalStrategy.NO
                && ctx.args().evalOnStart()
                && ctx.state().globalStep == 0) {
            ctx.evaluate();
        }
    }

    @Override
    public void onStepEnd(TrainerContext ctx) {
        TrainerState s = ctx.state();
        IntervalStrategy strategy = ctx.args().evalStrategy();
        if ((strategy == IntervalStrategy.STEPS && s.globalStep % s.evalSteps == 0)
                || (strategy == IntervalStrategy.EPOCH && ctx.epochEnded())) {
            ctx.evaluate();
        }
    }
}
