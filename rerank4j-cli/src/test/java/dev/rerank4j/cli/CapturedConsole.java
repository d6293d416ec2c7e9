package dev.rerank4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Captures standard output and error around each test: {@code @RegisterExtension CapturedConsole console}. */
final class CapturedConsole implements BeforeEachCallback, AfterEachCallback {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @Override
    public void beforeEach(ExtensionContext context) {
        out.reset();
        err.reset();
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    /** Forgets what was printed so far (between two runs of one test). */
    void reset() {
        out.reset();
        err.reset();
    }

    /** What was printed on standard output so far. */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What was printed on standard error so far. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
