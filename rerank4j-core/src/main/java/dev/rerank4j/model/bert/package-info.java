/**
 * BERT and MiniLM ({@code model_type: bert}) as transformers' {@code BertForSequenceClassification}: the
 * {@link dev.rerank4j.model.bert.BertArchitecture} descriptor, the {@link dev.rerank4j.model.bert.BertConfig} record
 * (whose key readers RoBERTa and ELECTRA share), word + token type + position embeddings
 * ({@link dev.rerank4j.model.bert.BertEmbeddings}), post-norm transformer layers
 * ({@link dev.rerank4j.model.bert.BertEncoder}; both shared with RoBERTa and ELECTRA), the pooler (dense + tanh on
 * [CLS]) and the classifier.
 */
package dev.rerank4j.model.bert;
