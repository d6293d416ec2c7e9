package dev.rerank4j.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsTest {
    @TempDir
    Path dir;

    @Test
    void theRolesConventionalNameWinsThenTheDefaultPromptThenNone() throws IOException {
        Files.writeString(
                dir.resolve("config_sentence_transformers.json"),
                "{\"prompts\": {\"retrieval\": \"r: \", \"passage\": \"p: \"}, \"default_prompt_name\": \"retrieval\"}");
        Prompts prompts = Prompts.read(dir);
        assertThat(prompts.defaultName()).contains("retrieval");
        assertThat(prompts.byName()).containsExactly(Map.entry("retrieval", "r: "), Map.entry("passage", "p: "));
        assertThat(prompts.resolve(PromptRole.DOCUMENT))
                .as("passage is a document name")
                .isEqualTo("p: ");
        assertThat(prompts.resolve(PromptRole.QUERY))
                .as("no query prompt: the default")
                .isEqualTo("r: ");
        assertThat(prompts).isEqualTo(new Prompts(Map.of("retrieval", "r: ", "passage", "p: "), "retrieval"));
        assertThat(new Prompts(Map.of("a", "a: "), "missing").resolve(PromptRole.QUERY))
                .as("an undeclared default name gives no prompt")
                .isEmpty();
        assertThat(Prompts.none().resolve(PromptRole.DOCUMENT)).isEmpty();
        assertThat(Prompts.read(dir.resolve("no-model"))).isEqualTo(Prompts.none());
    }

    @Test
    void aNamedPromptMustBeDeclared() {
        Prompts prompts = new Prompts(Map.of("query", "query: "));
        assertThat(prompts.named("query")).isEqualTo("query: ");
        assertThat(prompts.defaultName()).isEmpty();
        assertThatThrownBy(() -> prompts.named("document"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prompt name \"document\" is not among the model's prompts [query]"
                        + " (config_sentence_transformers.json)");
    }
}
