package io.proximadb.server.dashboard;

import io.proximadb.server.service.ErrorCode;
import io.proximadb.server.service.ServiceException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The web dashboard: {@code GET /} is its page and {@code GET /dashboard/{asset}} its scripts,
 * style sheet and icon, all read from the class path at start-up ({@code src/main/resources/dashboard}).
 * The page is static: everything it shows it fetches from the API in the browser, with the
 * caller's key, so serving it needs no key and reveals nothing.
 *
 * <p>The API's Content-Security-Policy ({@code default-src 'none'}) would block the page's own
 * script and style sheet, so these answers carry one that allows exactly the server's own files
 * and calls to it, and still no inline code, no framing, no other origin. Files are few and small:
 * they are held in memory and served with a strong {@code ETag} and {@code Cache-Control: no-cache},
 * so a browser revalidates each time (304, no body) and never runs a stale script after an upgrade.
 */
public final class Dashboard {

    /** The page's policy: its own files and API only; nothing inline, nothing from elsewhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; "
            + "script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String CACHE_CONTROL = "no-cache";
    static final String PAGE = "index.html";
    /** Every file served under /dashboard/; a name not listed is 404, so no path ever reaches the class path. */
    static final List<String> ASSETS = List.of("app.js", "api.js", "prometheus.js", "traffic.js", "chart.js",
            "collections.js", "search.js", "health.js", "format.js", "dashboard.css", "favicon.svg");

    private final DashboardAsset page;
    private final Map<String, DashboardAsset> assets;

    private Dashboard(DashboardAsset page, Map<String, DashboardAsset> assets) {
        this.page = page;
        this.assets = assets;
    }

    /** Reads every file once; fails at start-up if one is missing. */
    public static Dashboard load() {
        return new Dashboard(DashboardAsset.load(PAGE), ASSETS.stream()
                .collect(Collectors.toUnmodifiableMap(Function.identity(), DashboardAsset::load)));
    }

    /** Adds {@code GET /} and {@code GET /dashboard/:asset} to {@code router}; neither needs a key. */
    public void register(Router router) {
        router.get("/").handler(context -> serve(context, page));
        router.get("/dashboard/:asset").handler(this::asset);
    }

    private void asset(RoutingContext context) {
        String name = context.pathParam("asset");
        DashboardAsset asset = assets.get(name);
        if (asset == null) {
            context.fail(new ServiceException(ErrorCode.NOT_FOUND, "no such dashboard file: " + name));
            return;
        }
        serve(context, asset);
    }

    private static void serve(RoutingContext context, DashboardAsset asset) {
        HttpServerResponse response = context.response();
        response.putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .putHeader(HttpHeaders.ETAG, asset.etag());
        if (asset.matches(context.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatusCode(304).end();
            return;
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, asset.contentType()).end(asset.body());
    }
}
