package io.proximadb.index.faiss;

/**
 * A failure inside FAISS (a C++ exception caught by the shim), carrying FAISS's own message. Bad
 * caller input is reported as {@link IllegalArgumentException} instead.
 */
public final class FaissException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FaissException(String message) {
        super(message);
    }
}
