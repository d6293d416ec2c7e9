/**
 * Fine-tuning cross-encoders, as sentence-transformers' {@code CrossEncoderTrainer} and transformers' {@code
 * Trainer}.
 *
 * <p>{@link dev.rerank4j.train.CrossEncoderTrainer} runs the loop: each optimizer step takes {@code
 * gradient_accumulation_steps} batches (from one of the {@link dev.rerank4j.train.TrainingDataset}s, ordered by
 * {@link dev.rerank4j.train.BatchSamplers} and {@link dev.rerank4j.train.MultiDatasetBatchSamplers}), runs the
 * forward and backward passes of each batch's loss in its own {@code NDScope}, clips the global gradient norm
 * ({@code clip_grad_norm_}) and applies AdamW ({@code torch.optim.AdamW}, written out so its state checkpoints
 * exactly; no weight decay on biases and normalisation weights) at the learning rate of the {@link
 * dev.rerank4j.train.LrSchedulerType} ({@code get_scheduler}, warmup first). Logging, evaluation, checkpoints, early
 * stopping, the progress bar, {@code metrics.jsonl} and the PNG plot are {@link dev.rerank4j.train.TrainerListener}s.
 *
 * <p>{@link dev.rerank4j.train.TrainingArguments} carries transformers' argument names and defaults (its
 * values checked on construction); the package {@code dev.rerank4j.train.config} reads a whole run from a YAML or JSON
 * file with command-line overrides. Determinism: the
 * data order of an epoch and the dropout masks of a step are functions of the seed, the epoch and the step, so the
 * same seed gives bitwise the same weights and a resumed run ends where an uninterrupted one does. Checkpoints are
 * written into a temporary directory and renamed into place, so a killed process never leaves a half-written one.
 */
package dev.rerank4j.train;
