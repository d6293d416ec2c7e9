package dev.rerank4j.tokenize;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A Hugging Face chat template (Jinja), rendered by a real Jinja engine (HubSpot's Jinjava) with the options
 * transformers renders it with ({@code trim_blocks}, {@code lstrip_blocks}). A (query, document) pair becomes the
 * messages sentence-transformers builds for a causal-LM reranker: {@code [{"role": "system", "content":
 * instruction}]} when there is an instruction, then {@code {"role": "query"}} and {@code {"role": "document"}}; no
 * generation prompt is asked for (the reranker's template writes its own answer cue).
 *
 * <p>The template is rendered once per instruction, with placeholders for the query and the document, and split into
 * its fixed parts: prefix, middle and suffix (the answer cue). A template must therefore insert both contents
 * verbatim, once each, query first; {@link #parts} refuses one that does not. Thread-safe.
 */
public final class ChatTemplate {
    private static final Pattern LEFT_TRIM = Pattern.compile("\\s*\\{\\{-");
    private static final Pattern RIGHT_TRIM = Pattern.compile("-\\}\\}\\s*");
    private static final String QUERY = "\uE000rerank4j:query\uE001";
    private static final String DOCUMENT = "\uE000rerank4j:document\uE001";

    private final String source;
    private final String text;
    private final String source4Jinjava;
    private final Jinjava jinja;
    private final Map<String, Parts> cache = new ConcurrentHashMap<>();

    /**
     * @param source where the template came from, for messages (e.g. {@code dir/chat_template.jinja})
     * @param text the Jinja source
     */
    public ChatTemplate(String source, String text) {
        this.source = Objects.requireNonNull(source, "source");
        this.text = Objects.requireNonNull(text, "text");
        this.source4Jinjava = forJinjava(text);
        this.jinja = new Jinjava(JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .build());
    }

    /** The Jinja source. */
    public String text() {
        return text;
    }

    /** Where the template came from. */
    public String source() {
        return source;
    }

    /**
     * The text around the query and the document: {@code prefix + query + middle + document + suffix}.
     *
     * @param prefix everything before the query (system prompt, instruction, role markers)
     * @param middle between the query and the document
     * @param suffix after the document: the end of the user turn and the answer cue
     */
    public record Parts(String prefix, String middle, String suffix) {
        /** The full text of one pair. */
        public String join(String query, String document) {
            return prefix + query + middle + document + suffix;
        }
    }

    /**
     * The fixed parts for an instruction (empty: none, the template's default).
     *
     * @throws TokenizerException naming the template when it fails to render, or does not render the query and the
     *     document verbatim once each (query first)
     */
    public Parts parts(Optional<String> instruction) {
        return cache.computeIfAbsent(instruction.orElse("\uE000none"), k -> split(instruction));
    }

    /** Renders the messages of one pair, as {@code apply_chat_template(messages, tokenize=False)}. */
    public String render(Optional<String> instruction, String query, String document) {
        List<Map<String, Object>> messages = new ArrayList<>();
        instruction.ifPresent(i -> messages.add(message("system", i)));
        messages.add(message("query", query));
        messages.add(message("document", document));
        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("messages", messages);
        bindings.put("add_generation_prompt", false);
        RenderResult result = jinja.renderForResult(source4Jinjava, bindings);
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(e -> e.getSeverity() == TemplateError.ErrorType.FATAL)
                .toList();
        if (!fatal.isEmpty()) {
            throw new TokenizerException(source + ": the chat template does not render: "
                    + fatal.stream()
                            .map(e -> "line " + e.getLineno() + ": " + e.getMessage())
                            .collect(Collectors.joining("; ")));
        }
        return result.getOutput();
    }

    /**
     * Jinja2's whitespace rules that Jinjava 2.8 lacks, applied to the source: {@code {{-} and {@code -}}} strip the
     * whitespace before / after an expression (Jinjava honours them on tags only), and one trailing newline of the
     * template is dropped ({@code keep_trailing_newline=False}, as transformers renders).
     */
    static String forJinjava(String template) {
        String s = LEFT_TRIM.matcher(template).replaceAll("{{");
        s = RIGHT_TRIM.matcher(s).replaceAll("}}");
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private Parts split(Optional<String> instruction) {
        String rendered = render(instruction, QUERY, DOCUMENT);
        int q = rendered.indexOf(QUERY);
        int d = rendered.indexOf(DOCUMENT);
        if (q < 0 || d < 0 || d < q || rendered.indexOf(QUERY, q + 1) >= 0 || rendered.indexOf(DOCUMENT, d + 1) >= 0) {
            throw new TokenizerException(source + ": the chat template must render the \"query\" and \"document\""
                    + " messages' content verbatim, once each, query first (as Qwen3-Reranker's does); this one"
                    + " renders "
                    + abbreviate(rendered.replace(QUERY, "{query}").replace(DOCUMENT, "{document}")));
        }
        return new Parts(
                rendered.substring(0, q),
                rendered.substring(q + QUERY.length(), d),
                rendered.substring(d + DOCUMENT.length()));
    }

    private static Map<String, Object> message(String role, String content) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    private static String abbreviate(String s) {
        String flat = s.replace("\n", "\\n");
        return "\"" + (flat.length() > 300 ? flat.substring(0, 300) + "..." : flat) + "\"";
    }
}
