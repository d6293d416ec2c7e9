package dev.rerank4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rerank4j.hub.HubClient;
import dev.rerank4j.hub.RepoType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads a split of a Hugging Face hub dataset: its data files (Parquet, as the hub stores datasets, or JSON Lines,
 * CSV, TSV) are downloaded into the shared hub cache ({@code datasets--org--name}, as {@code huggingface_hub} lays it
 * out) and read into one {@link Dataset}.
 *
 * <p>Which files form a split follows {@code datasets}: the {@code configs} block of the README's YAML header when
 * there is one ({@code config_name}, {@code data_files} with {@code split} and {@code path} globs), else the file
 * naming convention: under the config's folder, files whose name or folder starts with the split name ({@code
 * data/train-00000-of-00002.parquet}, {@code train/0000.parquet}).
 */
public final class HubDatasets {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> EXTENSIONS =
            List.of(".parquet", ".jsonl", ".jsonl.gz", ".json", ".csv", ".csv.gz", ".tsv", ".tsv.gz");

    private HubDatasets() {}

    /** Loads a split with a hub client configured from the environment ({@code HF_ENDPOINT}, {@code HF_HOME}...). */
    public static Dataset load(HubDatasetRef ref) throws IOException {
        return load(HubClient.fromEnvironment(), ref);
    }

    /**
     * Loads a split.
     *
     * @throws IllegalArgumentException naming the configs or files there are when the config or split is not found
     * @throws dev.rerank4j.hub.HubException when the hub cannot provide the files
     */
    public static Dataset load(HubClient hub, HubDatasetRef ref) throws IOException {
        List<String> files = dataFiles(hub, ref);
        Path folder = hub.snapshot(RepoType.DATASET, ref.repoId(), ref.revision(), files);
        List<Path> paths = files.stream().map(folder::resolve).toList();
        return DatasetFiles.read(ref.displayName(), paths, ReadOptions.defaults());
    }

    /** The repository paths of the split's data files, in order. */
    static List<String> dataFiles(HubClient hub, HubDatasetRef ref) throws IOException {
        List<String> all = hub.files(RepoType.DATASET, ref.repoId(), ref.revision());
        Optional<JsonNode> configs = all.contains("README.md") ? readmeConfigs(hub, ref) : Optional.empty();
        List<String> chosen = configs.isPresent() ? fromYaml(configs.get(), all, ref) : byConvention(all, ref);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("dataset " + ref.repoId() + " has no data files for split '"
                    + ref.split() + "'" + (ref.config().isEmpty() ? "" : " of config '" + ref.config() + "'")
                    + "; its data files: " + preview(data(all)));
        }
        return chosen;
    }

    private static Optional<JsonNode> readmeConfigs(HubClient hub, HubDatasetRef ref) throws IOException {
        Path dir = hub.snapshot(RepoType.DATASET, ref.repoId(), ref.revision(), List.of("README.md"));
        String text = Files.readString(dir.resolve("README.md"), StandardCharsets.UTF_8);
        if (!text.startsWith("---")) {
            return Optional.empty();
        }
        int end = text.indexOf("\n---", 3);
        if (end < 0) {
            return Optional.empty();
        }
        JsonNode header = YAML.readTree(text.substring(3, end));
        JsonNode configs = header == null ? null : header.get("configs");
        return configs != null && configs.isArray() && !configs.isEmpty() ? Optional.of(configs) : Optional.empty();
    }

    private static List<String> fromYaml(JsonNode configs, List<String> all, HubDatasetRef ref) {
        JsonNode config = null;
        List<String> names = new ArrayList<>();
        for (JsonNode c : configs) {
            String name = c.path("config_name").asText("default");
            names.add(name);
            boolean wanted = ref.config().isEmpty()
                    ? c.path("default").asBoolean(false) || name.equals("default") || configs.size() == 1
                    : name.equals(ref.config());
            if (wanted && config == null) {
                config = c;
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("dataset " + ref.repoId() + ": "
                    + (ref.config().isEmpty()
                            ? "several configs and none is the default; name one"
                            : "no config '" + ref.config() + "'")
                    + " (configs: " + String.join(", ", names) + ")");
        }
        List<String> patterns = new ArrayList<>();
        Set<String> splits = new LinkedHashSet<>();
        JsonNode dataFiles = config.path("data_files");
        if (dataFiles.isTextual() || (dataFiles.isArray() && dataFiles.path(0).isTextual())) {
            splits.add("train");
            if (ref.split().equals("train")) {
                addPatterns(dataFiles, patterns);
            }
        } else {
            for (JsonNode entry : dataFiles) {
                String split = entry.path("split").asText("train");
                splits.add(split);
                if (split.equals(ref.split())) {
                    addPatterns(entry.path("path"), patterns);
                }
            }
        }
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("dataset " + ref.repoId() + " config '"
                    + config.path("config_name").asText("default") + "' has no split '" + ref.split() + "' (splits: "
                    + String.join(", ", splits) + ")");
        }
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            Pattern glob = glob(p);
            all.stream()
                    .filter(f -> glob.matcher(f).matches() && !out.contains(f))
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    private static void addPatterns(JsonNode node, List<String> patterns) {
        if (node.isTextual()) {
            patterns.add(node.asText());
        } else {
            node.forEach(n -> patterns.add(n.asText()));
        }
    }

    private static List<String> byConvention(List<String> all, HubDatasetRef ref) {
        String prefix = ref.config().isEmpty() ? "" : ref.config() + "/";
        Pattern split = Pattern.compile("(^|.*[/\\-._ ])" + Pattern.quote(ref.split()) + "([/\\-._ 0-9].*|)$");
        return data(all).stream()
                .filter(f -> f.startsWith(prefix))
                .filter(f -> split.matcher(f.substring(prefix.length())).matches())
                .sorted()
                .toList();
    }

    private static List<String> data(List<String> all) {
        return all.stream()
                .filter(f -> EXTENSIONS.stream()
                        .anyMatch(e -> f.toLowerCase(Locale.ROOT).endsWith(e)))
                .toList();
    }

    /** An fsspec-style glob: {@code **} crosses folders, {@code *} and {@code ?} do not. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                boolean slash = i + 2 < pattern.length() && pattern.charAt(i + 2) == '/';
                re.append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    private static String preview(List<String> files) {
        return files.isEmpty()
                ? "(none)"
                : files.size() <= 12 ? String.join(", ", files) : String.join(", ", files.subList(0, 12)) + " ...";
    }
}
