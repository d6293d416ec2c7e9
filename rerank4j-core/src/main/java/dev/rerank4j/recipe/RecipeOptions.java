package dev.rerank4j.recipe;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.StopSignal;
import dev.rerank4j.hub.HubClient;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a recipe runs: where progress and the one-line stage summaries go, what stops it, where hub data and models
 * come from.
 *
 * @param progress progress of every long task (encoding, training, scoring), with its ETA
 * @param stop polled at every stage's safe points; a stop ends the run with a {@link
 *     dev.rerank4j.RunInterruptedException}, finished stages kept
 * @param messages one line per stage ({@code mine-train: done in 41.2 s, 14,388 labelled pairs}) and notes
 * @param hub where hub datasets come from
 * @param threads libtorch threads; 0 = one per core
 */
public record RecipeOptions(
        ProgressListener progress, StopSignal stop, Consumer<String> messages, HubClient hub, int threads) {
    public RecipeOptions {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(hub, "hub");
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
    }

    /** No progress, no messages, never stopped, the hub from the environment, one thread per core. */
    public static RecipeOptions defaults() {
        return new RecipeOptions(ProgressListener.NONE, StopSignal.never(), m -> {}, HubClient.fromEnvironment(), 0);
    }

    public RecipeOptions withProgress(ProgressListener p) {
        return new RecipeOptions(p, stop, messages, hub, threads);
    }

    public RecipeOptions withStop(StopSignal s) {
        return new RecipeOptions(progress, s, messages, hub, threads);
    }

    public RecipeOptions withMessages(Consumer<String> m) {
        return new RecipeOptions(progress, stop, m, hub, threads);
    }

    public RecipeOptions withHub(HubClient h) {
        return new RecipeOptions(progress, stop, messages, h, threads);
    }

    public RecipeOptions withThreads(int n) {
        return new RecipeOptions(progress, stop, messages, hub, n);
    }
}
