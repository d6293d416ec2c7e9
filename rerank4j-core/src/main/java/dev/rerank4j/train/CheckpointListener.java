package dev.rerank4j.train;

import java.io.IOException;

/**
 * Writes checkpoints: every {@code save_steps} and at the last step ({@code save_strategy: steps}), at the end of each
 * epoch ({@code epoch}), or after each evaluation with a new best metric ({@code best}). Rotation by {@code
 * save_total_limit} happens with each save.
 */
final class CheckpointListener implements TrainerListener {
    @Override
    public void onStepEnd(TrainerContext ctx) {
        TrainerState s = ctx.state();
        boolean due = switch (ctx.args().saveStrategy()) {
            case NO -> false;
            case STEPS -> s.globalStep % s.saveSteps == 0 || ctx.lastStep();
            case EPOCH -> ctx.epochEnded();
            case BEST -> s.bestGlobalStep == s.globalStep;
        };
        if (due) {
            try {
                ctx.saveCheckpoint();
            } catch (IOException e) {
                throw TrainingRun.unchecked("cannot write checkpoint-" + s.globalStep, e);
            }
        }
    }
}
