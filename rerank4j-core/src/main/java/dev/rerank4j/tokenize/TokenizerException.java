package dev.rerank4j.tokenize;

/** A tokenizer file cannot be loaded or an input cannot be encoded; the message names the file or input. */
public class TokenizerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenizerException(String message) {
        super(message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
