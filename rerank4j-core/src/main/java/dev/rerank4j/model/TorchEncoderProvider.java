package dev.rerank4j.model;

import dev.rerank4j.backend.EncoderProvider;
import dev.rerank4j.backend.TextEncoder;
import java.nio.file.Path;

/** The libtorch engine for {@link TextEncoder}s, registered for {@link java.util.ServiceLoader}. */
public final class TorchEncoderProvider implements EncoderProvider {
    @Override
    public String name() {
        return "torch";
    }

    @Override
    public TextEncoder load(Path modelDir, int threads) {
        return TransformerEncoder.load(modelDir, TorchRuntime.start(threads));
    }
}
