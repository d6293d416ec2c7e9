package dev.rerank4j.train.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rerank4j.data.ColumnMapping;
import dev.rerank4j.data.DataFormatException;
import dev.rerank4j.data.Dataset;
import dev.rerank4j.data.DatasetFiles;
import dev.rerank4j.data.DatasetFormat;
import dev.rerank4j.data.DatasetSplit;
import dev.rerank4j.data.HubDatasetRef;
import dev.rerank4j.data.HubDatasets;
import dev.rerank4j.data.LabeledLists;
import dev.rerank4j.data.ReadOptions;
import dev.rerank4j.hub.HubClient;
import dev.rerank4j.loss.LossConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One dataset of a training config file: where the rows come from (a file, a folder of files, or a hub dataset id),
 * how they are prepared (in this order: rename, select and remove columns, shuffle, take a range, split off a test
 * part), which columns the loss reads, and the loss.
 *
 * @param name the dataset's name in metrics and the model card
 * @param path a file, a folder, or a hub dataset id {@code org/name}
 * @param config the hub dataset's config (subset); empty = default
 * @param split the hub dataset's split
 * @param revision the hub dataset's revision
 * @param read how files are read (format, CSV/TSV column names)
 * @param renameColumns old name to new name
 * @param selectColumns columns to keep, in order; empty = all
 * @param removeColumns columns to drop
 * @param shuffleSeed shuffle with this seed; {@code Long.MIN_VALUE} = keep the order
 * @param from the first row to keep (after shuffling)
 * @param to the row after the last one to keep; 0 = to the end
 * @param testSize rows (>= 1) or fraction (< 1) split off as an evaluation set; 0 = none
 * @param testSeed the seed of that split
 * @param columns the column mapping
 * @param groupByQuery whether labelled (query, document, label) pairs are grouped into (query, [documents],
 *     [labels]) rows for the listwise losses, right after the column operations; {@code columns} then names the
 *     pairs' columns
 * @param loss the loss trained on this dataset (ignored for evaluation datasets' losses of the same name)
 */
public record DatasetSpec(
        String name,
        String path,
        String config,
        String split,
        String revision,
        ReadOptions read,
        Map<String, String> renameColumns,
        List<String> selectColumns,
        List<String> removeColumns,
        long shuffleSeed,
        int from,
        int to,
        double testSize,
        long testSeed,
        ColumnMapping columns,
        boolean groupByQuery,
        LossConfig loss) {
    static final Set<String> KEYS = Set.of(
            "name",
            "path",
            "config",
            "split",
            "revision",
            "format",
            "column_names",
            "header",
            "rename_columns",
            "select_columns",
            "remove_columns",
            "shuffle_seed",
            "select",
            "limit",
            "test_size",
            "test_seed",
            "columns",
            "group_by_query",
            "loss");

    public DatasetSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        renameColumns = Map.copyOf(renameColumns);
        selectColumns = List.copyOf(selectColumns);
        removeColumns = List.copyOf(removeColumns);
        if (from < 0 || to < 0 || (to > 0 && to < from)) {
            throw new IllegalArgumentException(
                    name + ".select must be [from, to] with 0 <= from <= to, got [" + from + ", " + to + "]");
        }
        if (!(testSize >= 0)) {
            throw new IllegalArgumentException(name + ".test_size must be >= 0, got " + testSize);
        }
    }

    /** The column mapping of the prepared rows: sentence-transformers' rule after grouping, else {@link #columns}. */
    ColumnMapping trainingColumns() {
        return groupByQuery ? ColumnMapping.automatic() : columns;
    }

    /** The rows, prepared as the spec says: the training part and, with {@code test_size}, the split-off part. */
    DatasetSplit load(HubClient hub) throws IOException {
        Dataset d = source(hub);
        if (!renameColumns.isEmpty()) {
            d = d.renameColumns(renameColumns);
        }
        if (!selectColumns.isEmpty()) {
            d = d.selectColumns(selectColumns);
        }
        if (!removeColumns.isEmpty()) {
            d = d.removeColumns(removeColumns);
        }
        if (groupByQuery) {
            ColumnMapping pairs = columns.resolve(d.columns());
            if (pairs.inputs().size() != 2 || pairs.labelColumn().isEmpty()) {
                throw new IllegalArgumentException(name + ".group_by_query needs (query, document, label) pairs; "
                        + path + " has " + d.columns() + " (mapped as " + pairs + "): set columns: {inputs: [query,"
                        + " document], label: label}");
            }
            d = LabeledLists.groupByQuery(
                            d,
                            new LabeledLists.Columns(
                                    pairs.inputs().get(0),
                                    pairs.inputs().get(1),
                                    pairs.labelColumn().orElseThrow()))
                    .withName(d.name());
        }
        if (shuffleSeed != Long.MIN_VALUE) {
            d = d.shuffle(shuffleSeed);
        }
        if (from > 0 || to > 0) {
            d = d.range(Math.min(from, d.size()), to == 0 ? d.size() : Math.min(to, d.size()));
        }
        if (testSize == 0) {
            return new DatasetSplit(d, d.take(0));
        }
        return testSize < 1 ? d.trainTestSplit(testSize, testSeed) : d.trainTestSplit((int) testSize, testSeed);
    }

    private Dataset source(HubClient hub) throws IOException {
        Path p = Path.of(path);
        if (Files.isRegularFile(p)) {
            return DatasetFiles.read(p, read);
        }
        if (Files.isDirectory(p)) {
            List<Path> files;
            try (var walk = Files.list(p)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(DatasetSpec::isData)
                        .sorted()
                        .toList();
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException(name + ".path " + p + ": a folder without data files (.jsonl,"
                        + " .json, .csv, .tsv, .txt, .parquet)");
            }
            return DatasetFiles.read(name, files, read);
        }
        if (path.matches("[A-Za-z0-9][\\w.-]*/[\\w.-]+")) {
            return HubDatasets.load(hub, new HubDatasetRef(path, config, split, revision));
        }
        throw new IllegalArgumentException(
                name + ".path " + path + ": no such file or folder, and not a hub dataset" + " id (org/name)");
    }

    private static boolean isData(Path f) {
        try {
            return DatasetFormat.of(f) != null;
        } catch (DataFormatException e) {
            return false;
        }
    }

    /**
     * A spec from a config mapping.
     *
     * @param defaultLoss the loss when the mapping names none
     */
    static DatasetSpec parse(String name, JsonNode n, LossConfig defaultLoss, long defaultSeed) {
        String where = name;
        if (n.isTextual()) {
            return parse(name, ConfigTree.YAML.createObjectNode().put("path", n.asText()), defaultLoss, defaultSeed);
        }
        if (!n.isObject()) {
            throw new IllegalArgumentException(where + " must be a path or a mapping with a path, got " + n);
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown dataset key \"" + k + "\" in " + where + " (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        });
        String path = ConfigValues.text(n, "path", where, "");
        if (path.isEmpty()) {
            throw new IllegalArgumentException(where + ".path is missing: name a file, a folder or a hub dataset id");
        }
        ReadOptions read = ReadOptions.defaults();
        String format = ConfigValues.text(n, "format", where, "auto");
        try {
            read = read.withFormat(DatasetFormat.valueOf(format.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    where + ".format must be one of "
                            + List.of(DatasetFormat.values()).toString().toLowerCase(Locale.ROOT) + ", got " + format,
                    e);
        }
        List<String> names = ConfigTree.strings(n, "column_names", where);
        if (!names.isEmpty()) {
            read = read.withColumnNames(names).withHeader(ConfigValues.bool(n, "header", where, false));
        }
        Map<String, String> renames = renames(n, where);
        int[] range = {0, 0};
        JsonNode select = n.get("select");
        if (select != null && !select.isNull()) {
            if (!select.isArray() || select.size() != 2) {
                throw new IllegalArgumentException(where + ".select must be [from, to], got " + select);
            }
            range = new int[] {
                ConfigValues.wholeNumber(select.get(0), where + ".select[0]", 0),
                ConfigValues.wholeNumber(select.get(1), where + ".select[1]", 0)
            };
        } else {
            range = new int[] {0, ConfigValues.wholeNumber(n, "limit", where, 0, 0)};
        }
        ColumnMapping mapping = ColumnMapping.automatic();
        JsonNode c = n.get("columns");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                throw new IllegalArgumentException(
                        where + ".columns must be a mapping {inputs: [...], label: ...}, got " + c);
            }
            mapping = ColumnMapping.of(
                    ConfigTree.strings(c, "inputs", where + ".columns"),
                    ConfigValues.text(c, "label", where + ".columns", ""));
        }
        LossConfig loss = n.has("loss") ? TrainConfig.loss(n.get("loss"), where) : defaultLoss;
        return new DatasetSpec(
                ConfigValues.text(n, "name", where, name),
                path,
                ConfigValues.text(n, "config", where, ""),
                ConfigValues.text(n, "split", where, "train"),
                ConfigValues.text(n, "revision", where, "main"),
                read,
                renames,
                ConfigTree.strings(n, "select_columns", where),
                ConfigTree.strings(n, "remove_columns", where),
                ConfigValues.longValue(n, "shuffle_seed", where, Long.MIN_VALUE),
                range[0],
                range[1],
                ConfigValues.number(n, "test_size", where, 0),
                ConfigValues.longValue(n, "test_seed", where, defaultSeed),
                mapping,
                ConfigValues.bool(n, "group_by_query", where, false),
                loss);
    }

    /** {@code rename_columns: {old: new}}: a mapping of names to names. */
    private static Map<String, String> renames(JsonNode n, String where) {
        Map<String, String> renames = new LinkedHashMap<>();
        JsonNode r = n.get("rename_columns");
        if (r == null || r.isNull()) {
            return renames;
        }
        if (!r.isObject()) {
            throw new IllegalArgumentException(
                    where + ".rename_columns must map old column names to new ones, got " + r);
        }
        r.fieldNames()
                .forEachRemaining(old -> renames.put(old, ConfigValues.text(r, old, where + ".rename_columns", "")));
        return renames;
    }
}
