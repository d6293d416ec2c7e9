/**
 * RoBERTa and XLM-RoBERTa ({@code model_type: roberta, xlm-roberta}) as transformers'
 * {@code RobertaForSequenceClassification}: the {@link dev.rerank4j.model.roberta.RobertaArchitecture} descriptors
 * (their maximum length is the position table less {@code padding_idx + 1}), the
 * {@link dev.rerank4j.model.roberta.RobertaConfig} record ({@code pad_token_id} 1 by default), the BERT embeddings and
 * layer stack, positions counted from {@code padding_idx + 1} over real tokens only, no token types, and the
 * {@code classifier.dense} + tanh + {@code classifier.out_proj} head.
 */
package dev.rerank4j.model.roberta;
