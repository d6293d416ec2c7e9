/**
 * The blog's recipe ("Training and Finetuning Reranker Models with Sentence Transformers v4") as one pipeline: load a
 * question–answer dataset, split it by group with a seed, mine hard negatives for the training pairs and a top-k
 * evaluation set with an embedding model, train a cross-encoder ({@code BinaryCrossEntropyLoss} with {@code pos_weight
 * = num_negatives} by default), evaluate before and after training, and write a {@link dev.rerank4j.report.RunReport}.
 *
 * <p>Main types: {@link dev.rerank4j.recipe.RecipeConfig} (a {@code recipe.yaml}, strictly parsed by {@link
 * dev.rerank4j.recipe.RecipeConfigs}), {@link dev.rerank4j.recipe.Recipe} (runs or plans the stages), {@link
 * dev.rerank4j.recipe.RecipeOptions} (progress, stop signal, messages). Every stage writes into the run folder and is
 * reused when started again with the same fingerprint (a SHA-256 of its inputs: data content, options, model id or
 * directory content, and the previous stages' fingerprints); mined data lives under {@code mined/<fingerprint>/}, so a
 * change of training arguments never mines again. {@code stages.json} records every stage's fingerprint and time.
 *
 * <p>The evaluation set is mined as the blog does it ({@code num_negatives = top_k}, {@code include_positives},
 * n-tuple, the whole dataset's answers as the corpus) and evaluated twice: realistic ({@link
 * dev.rerank4j.eval.RerankPositives#RETRIEVED_ONLY}: positives only where the first stage found them) and with all
 * positives reranked ({@link dev.rerank4j.eval.RerankPositives#ALWAYS}).
 */
package dev.rerank4j.recipe;
