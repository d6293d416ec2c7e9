package dev.rerank4j.loss;

/**
 * The in-batch objective of sentence-transformers' {@code MultipleNegativesRankingLoss}: each anchor's (activated)
 * scores over its candidate columns, multiplied by {@code scale} (a scale of 0 means none, as the reference's {@code
 * if self.scale}), then the cross entropy with the positive in column 0, averaged over the anchors.
 */
final class InBatchMath {
    private InBatchMath() {}

    /**
     * @param columnMajor the scores, {@code columnMajor[c * rows + i]} for anchor i and column c
     * @return the loss and its gradient in the same layout
     */
    static LossValue compute(double[] columnMajor, int rows, double scale) {
        int columns = columnMajor.length / rows;
        double factor = scale == 0 ? 1.0 : scale;
        double total = 0;
        double[] grad = new double[columnMajor.length];
        double[] z = new double[columns];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < columns; c++) {
                z[c] = factor * columnMajor[c * rows + i];
            }
            double[] logP = ListNetMath.logSoftmax(z);
            total -= logP[0];
            for (int c = 0; c < columns; c++) {
                grad[c * rows + i] = factor * (Math.exp(logP[c]) - (c == 0 ? 1 : 0)) / rows;
            }
        }
        return new LossValue(total / rows, grad);
    }
}
