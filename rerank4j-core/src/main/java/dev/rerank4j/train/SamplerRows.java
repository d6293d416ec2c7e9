package dev.rerank4j.train;

import java.util.Set;

/** What a batch sampler may look at in a training dataset. */
interface SamplerRows {
    /** The number of rows. */
    int size();

    /** The row's input values as strings (for NO_DUPLICATES: no value may repeat within a batch). */
    Set<String> inputValues(int row);

    /** The row's label as a string (for GROUP_BY_LABEL); empty when the dataset has no label. */
    String label(int row);
}
