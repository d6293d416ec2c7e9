/**
 * Training config files: a run described in YAML or JSON, with command-line overrides by dotted key.
 *
 * <p>{@link dev.rerank4j.train.config.TrainConfig} is the whole run (model, datasets, losses, evaluators and the
 * {@link dev.rerank4j.train.TrainingArguments}); {@link dev.rerank4j.train.config.DatasetSpec} one dataset and how its
 * rows are prepared; {@link dev.rerank4j.train.config.EvaluatorSpec} one evaluator. {@code ConfigTree} reads the file
 * and applies the overrides; {@code ConfigValues} converts its values strictly: a number, whole number, boolean or name
 * that does not read as one fails naming the key and the value ({@code train.limit must be a whole number >= 0, got
 * "1k"}), never a silent 0 or false.
 *
 * <p>This package sits on top of {@code train}, {@code data}, {@code eval} and {@code loss}; none of them imports it.
 * The training arguments' own names, conversions and range checks stay with {@code TrainingArguments} in {@code train},
 * since {@code TrainingArguments.of(Map)} reads them without any config file.
 */
package dev.rerank4j.train.config;
