package io.proximadb.server.auth;

/**
 * The API key in an {@code Authorization} value ({@code Bearer <key>}, the scheme in any case), as
 * both adapters receive it: the REST header and the gRPC metadata entry.
 */
public final class BearerKey {

    private static final String SCHEME = "Bearer ";

    private BearerKey() {
    }

    /**
     * @param authorization the header's value, or {@code null} when there is none
     * @return the key, or {@code null} when there was no header
     * @throws IllegalArgumentException when the header uses another scheme than Bearer
     */
    public static String from(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new IllegalArgumentException("the Authorization header must be 'Bearer <key>'");
        }
        return authorization.substring(SCHEME.length()).trim();
    }
}
