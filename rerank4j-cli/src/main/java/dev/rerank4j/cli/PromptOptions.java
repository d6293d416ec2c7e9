package dev.rerank4j.cli;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.model.CrossEncoder;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --prompt TEXT} / {@code --prompt-name NAME}: the prompt of every prediction, as sentence-transformers'
 * {@code CrossEncoder.predict(prompt=..., prompt_name=...)}. A causal-LM reranker (Qwen3) reads it as the
 * instruction of its chat template; a text cross-encoder gets it prepended to each query. Without either flag, the
 * model's default prompt (if it saved one) is used.
 */
final class PromptOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--prompt",
            paramLabel = "TEXT",
            description = "Prompt of every pair: a causal-LM reranker's instruction (e.g. \"Given a web search"
                    + " query, retrieve relevant passages that answer the query\"), prepended to the query by a text"
                    + " model. Default: the model's default prompt, if any.")
    String prompt;

    @Option(
            names = "--prompt-name",
            paramLabel = "NAME",
            description = "Name of one of the model's saved prompts (config_sentence_transformers.json \"prompts\").")
    String promptName;

    /**
     * {@code options} with the prompt of the flags, checked against the model's saved prompts.
     *
     * @throws CommandLine.ParameterException if both flags are given, or {@code --prompt-name} names no saved prompt
     */
    PredictOptions apply(PredictOptions options, CrossEncoder model) {
        Optional<String> text = text(model);
        return text.isPresent() ? options.withPrompt(text.get()) : options;
    }

    /**
     * The prompt text the flags select, empty without flags (the model's default applies).
     *
     * @throws CommandLine.ParameterException if both flags are given, or {@code --prompt-name} names no saved prompt
     */
    Optional<String> text(CrossEncoder model) {
        if (prompt != null && promptName != null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--prompt and --prompt-name exclude each other: give one");
        }
        if (promptName == null) {
            return Optional.ofNullable(prompt);
        }
        String saved = model.prompts().get(promptName);
        if (saved == null) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--prompt-name " + promptName + ": "
                            + (model.prompts().isEmpty()
                                    ? "this model has no saved prompts (config_sentence_transformers.json \"prompts\");"
                                            + " give the text with --prompt instead"
                                    : "no such prompt; the model's prompts: "
                                            + model.prompts().keySet()));
        }
        return Optional.of(saved);
    }
}
