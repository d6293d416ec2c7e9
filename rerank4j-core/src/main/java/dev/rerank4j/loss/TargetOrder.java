package dev.rerank4j.loss;

/**
 * The target ranking of {@link ListMLELoss} and {@link PListMLELoss}: sentence-transformers' {@code
 * respect_input_order}.
 */
public enum TargetOrder {
    /** The documents' order in the dataset is the target ranking; labels are not read ({@code true}, the default). */
    INPUT_ORDER,
    /** The documents sorted by label, highest first; equal labels keep their input order ({@code false}). */
    BY_LABEL;

    /** The value of {@code respect_input_order}. */
    public boolean respectInputOrder() {
        return this == INPUT_ORDER;
    }

    static TargetOrder of(boolean respectInputOrder) {
        return respectInputOrder ? INPUT_ORDER : BY_LABEL;
    }
}
