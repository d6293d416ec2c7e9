package dev.rerank4j.cli;

import dev.rerank4j.ProgressListener;
import dev.rerank4j.progress.ConsoleProgressListener;

/** The command line's progress: bars on standard error, interactive (AUTO work shown) when a console is attached. */
final class ConsoleProgress {
    private ConsoleProgress() {}

    static ProgressListener standardError() {
        return new ConsoleProgressListener(System.err, System.console() != null);
    }
}
