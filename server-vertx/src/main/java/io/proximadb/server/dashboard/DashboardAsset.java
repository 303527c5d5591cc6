package io.proximadb.server.dashboard;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One file of the dashboard, read from the class path once, with its media type and a strong
 * entity tag (a digest of its bytes), so that a browser that has it already gets 304.
 *
 * @param name        the file name under {@code /dashboard/} on the class path, such as {@code app.js}
 * @param contentType the {@code Content-Type} it is served with
 * @param body        its bytes
 * @param etag        its {@code ETag}, quoted
 */
record DashboardAsset(String name, String contentType, Buffer body, String etag) {

    static final String RESOURCE_DIRECTORY = "/dashboard/";

    /**
     * Reads {@code name} from the class path.
     *
     * @throws IllegalStateException if it is not there: a server built without its dashboard is broken
     */
    static DashboardAsset load(String name) {
        String resource = RESOURCE_DIRECTORY + name;
        try (InputStream in = DashboardAsset.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the class path has no " + resource
                        + "; it belongs in server-vertx/src/main/resources" + resource);
            }
            byte[] bytes = in.readAllBytes();
            return new DashboardAsset(name, contentType(name), Buffer.buffer(bytes), etag(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the class path", e);
        }
    }

    /** Whether an {@code If-None-Match} header names this version (then the browser's copy is current). */
    boolean matches(String ifNoneMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.trim();
            // RFC 9110: If-None-Match compares weakly, so W/"x" names the same version as "x".
            if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalArgumentException("the dashboard serves no ." + extension
                    + " files (" + name + "); known: html, js, css, svg");
        };
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + HexFormat.of().formatHex(digest, 0, 8) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
