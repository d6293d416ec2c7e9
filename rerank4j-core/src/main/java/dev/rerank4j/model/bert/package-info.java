/**
 * BERT and MiniLM ({@code model_type: bert}) as transformers' {@code BertForSequenceClassification}: word + token
 * type + position embeddings, post-norm transformer layers ({@link dev.rerank4j.model.bert.BertEncoder}, shared with
 * RoBERTa and ELECTRA), the pooler (dense + tanh on [CLS]) and the classifier.
 */
package dev.rerank4j.model.bert;
