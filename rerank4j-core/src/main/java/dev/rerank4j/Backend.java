package dev.rerank4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The engine a model runs on for inference. */
public enum Backend {
    /** libtorch through DJL, reading {@code model.safetensors}: inference and training. */
    TORCH("torch"),
    /**
     * ONNX Runtime, reading an ONNX graph of the model directory ({@code onnx/model.onnx} unless another file is
     * named): inference only.
     */
    ONNX("onnx");

    private final String cliName;

    Backend(String cliName) {
        this.cliName = cliName;
    }

    /** The lower-case name the command line and the encoder engines use: {@code torch} or {@code onnx}. */
    public String cliName() {
        return cliName;
    }

    /**
     * The backend of a name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the bad value and the allowed ones
     */
    public static Backend fromName(String name) {
        for (Backend b : values()) {
            if (b.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("backend must be one of "
                + Arrays.stream(values()).map(Backend::cliName).collect(Collectors.joining(", ")) + ", got \"" + name
                + "\"");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
