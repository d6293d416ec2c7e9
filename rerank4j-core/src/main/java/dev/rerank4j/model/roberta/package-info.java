/**
 * RoBERTa and XLM-RoBERTa ({@code model_type: roberta, xlm-roberta}) as transformers'
 * {@code RobertaForSequenceClassification}: the BERT layer stack, positions counted from {@code padding_idx + 1}
 * over real tokens only, no token types, and the {@code classifier.dense} + tanh + {@code classifier.out_proj} head.
 */
package dev.rerank4j.model.roberta;
