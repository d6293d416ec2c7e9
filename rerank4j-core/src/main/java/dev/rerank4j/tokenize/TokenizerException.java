package dev.rerank4j.tokenize;

import dev.rerank4j.Rerank4jException;

/** A tokenizer file cannot be loaded or an input cannot be encoded; the message names the file or input. */
public class TokenizerException extends Rerank4jException {
    private static final long serialVersionUID = 1L;

    public TokenizerException(String message) {
        super(Fault.BAD_INPUT, message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(Fault.BAD_INPUT, message, cause);
    }
}
