package io.proximadb.server.service;

import java.util.UUID;

/**
 * Request ids, the same for every adapter: the caller's own, so that one id follows a request
 * through a proxy and into our logs, or a new one. A caller's id is sanitised (letters, digits and
 * {@code . _ : -}, at most 128 characters) because it is echoed into headers and log lines.
 */
public final class RequestId {

    public static final int MAX_LENGTH = 128;

    private RequestId() {
    }

    /** {@code offered} cleaned of anything else, or a random UUID when nothing is left or none was offered. */
    public static String accept(String offered) {
        if (offered != null) {
            StringBuilder kept = new StringBuilder(Math.min(offered.length(), MAX_LENGTH));
            for (int i = 0; i < offered.length() && kept.length() < MAX_LENGTH; i++) {
                char c = offered.charAt(i);
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '.' || c == '_' || c == ':' || c == '-') {
                    kept.append(c);
                }
            }
            if (!kept.isEmpty()) {
                return kept.toString();
            }
        }
        return UUID.randomUUID().toString();
    }
}
