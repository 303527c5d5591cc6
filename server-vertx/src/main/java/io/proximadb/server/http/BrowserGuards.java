package io.proximadb.server.http;

import io.proximadb.server.auth.Authenticator;
import io.proximadb.server.service.ErrorCode;
import io.proximadb.server.service.ServiceException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Two checks against web pages, which a browser lets reach a server on this machine although they
 * come from elsewhere. Other clients pass both.
 *
 * <ul>
 *   <li><b>Loopback names only while authentication is off.</b> A server on loopback with no API
 *       key yet answers anyone who reaches it. A page can reach it by DNS rebinding: its own name,
 *       re-pointed at 127.0.0.1, makes the browser treat the server as the page's origin, so the
 *       page may read and write everything, and create the first admin key. Such requests carry
 *       the page's name in {@code Host}; while no key is needed, only {@code localhost} and
 *       loopback addresses are answered. A server bound beyond loopback without keys runs that way
 *       only when its operator said {@code --insecure}, and is not second-guessed here.</li>
 *   <li><b>WebSockets from the server's own pages, or configured origins.</b> A WebSocket is not
 *       held to CORS: any page may open one to any server and read what it sends, so a change feed
 *       open to its callers would be open to every page the user visits. An upgrade whose
 *       {@code Origin} is neither the server itself nor one of {@code cors_origins} is refused.</li>
 * </ul>
 */
final class BrowserGuards {

    private BrowserGuards() {
    }

    /** The first check: {@code loopbackBound} says whether the server listens on loopback only. */
    static Handler<RoutingContext> loopbackNamesWhileOpen(Authenticator authenticator, boolean loopbackBound) {
        return context -> {
            HostAndPort authority = context.request().authority();
            if (loopbackBound && authority != null && !authenticator.required() && !isLoopbackName(authority.host())) {
                context.fail(new ServiceException(ErrorCode.PERMISSION_DENIED, "this server runs without API keys and"
                        + " answers requests addressed to localhost only, not to '" + printable(authority.host())
                        + "'; create a key (proxima keys create) to serve other names"));
                return;
            }
            context.next();
        };
    }

    /** The second check, for WebSocket upgrades. */
    static Handler<RoutingContext> sameOriginWebSockets(Set<String> corsOrigins) {
        return context -> {
            String origin = context.request().getHeader(HttpHeaders.ORIGIN);
            boolean upgrade = "websocket".equalsIgnoreCase(context.request().getHeader(HttpHeaders.UPGRADE));
            if (upgrade && origin != null && !corsOrigins.contains("*") && !corsOrigins.contains(origin)
                    && !sameOrigin(origin, context.request().authority())) {
                context.fail(new ServiceException(ErrorCode.PERMISSION_DENIED, "a WebSocket from a page of "
                        + printable(origin) + " is refused: only the server's own pages and the origins of cors_origins"
                        + " may open one"));
                return;
            }
            context.next();
        };
    }

    /** {@code localhost}, a name under it, or a loopback address written out; never looked up. */
    static boolean isLoopbackName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true; // browsers resolve these to loopback themselves, so a page cannot re-point them
        }
        try {
            return InetAddress.ofLiteral(name).isLoopbackAddress();
        } catch (IllegalArgumentException notAnAddress) {
            return false;
        }
    }

    /**
     * Whether the request comes from a page of this server itself (its {@code Origin} names the
     * host and port the request was sent to): such a request is not cross-origin, whatever
     * {@code cors_origins} lists. Browsers send {@code Origin} on their own pages' POSTs too.
     */
    static boolean fromItself(RoutingContext context) {
        String origin = context.request().getHeader(HttpHeaders.ORIGIN);
        return origin != null && sameOrigin(origin, context.request().authority());
    }

    private static boolean sameOrigin(String origin, HostAndPort authority) {
        if (authority == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            if (uri.getHost() == null) {
                return false;
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            int serverPort = authority.port() >= 0 ? authority.port() : port;
            String host = uri.getHost().replace("[", "").replace("]", "");
            return host.equalsIgnoreCase(authority.host().replace("[", "").replace("]", "")) && port == serverPort;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    /** Echoed in a message: no control characters, bounded length. */
    private static String printable(String text) {
        String clean = text.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }
}
