package dev.rerank4j.cli;

import dev.rerank4j.PredictOptions;
import dev.rerank4j.Reranker;
import dev.rerank4j.TextPair;
import dev.rerank4j.TokenCount;
import dev.rerank4j.model.CrossEncoder;
import java.util.List;
import java.util.Optional;

/**
 * A cross-encoder whose every prediction (and token count) uses one prompt, unless a call gives its own: what
 * {@code serve --prompt} serves, since the HTTP APIs carry no prompt. Closing it closes the model.
 */
final class PromptedReranker implements Reranker {
    private final CrossEncoder model;
    private final String prompt;

    PromptedReranker(CrossEncoder model, String prompt) {
        this.model = model;
        this.prompt = prompt;
    }

    private PredictOptions prompted(PredictOptions options) {
        return options.prompt().isPresent() || options.promptName().isPresent() ? options : options.withPrompt(prompt);
    }

    @Override
    public float[][] predictLabels(List<TextPair> pairs, PredictOptions options) {
        return model.predictLabels(pairs, prompted(options));
    }

    @Override
    public int numLabels() {
        return model.numLabels();
    }

    @Override
    public int maxLength() {
        return model.maxLength();
    }

    @Override
    public Optional<List<TokenCount>> countTokens(List<TextPair> pairs) {
        return Optional.of(model.countTokens(pairs, prompted(PredictOptions.defaults())));
    }

    @Override
    public void close() {
        model.close();
    }
}
