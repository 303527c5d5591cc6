package io.proximadb.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.server.NoBlockedThreads;
import io.proximadb.server.ServerFixture;
import io.proximadb.server.ServerFixture.Reply;
import io.proximadb.server.auth.ApiKeyFile;
import io.proximadb.server.auth.ApiKeyStore;
import io.proximadb.server.auth.Role;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's page and files over HTTP, without a browser: their headers, caching, what they
 * reference, and that the API around them is unchanged. {@link DashboardBrowserTest} runs the page.
 */
@ExtendWith(NoBlockedThreads.class)
class DashboardTest {

    private static final Pattern PAGE_REFERENCE = Pattern.compile("(?:src|href)=\"(/dashboard/[^\"]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from '\\./([^']+)'");

    @TempDir
    Path directory;

    @Test
    void thePageCarriesItsOwnPolicyAndCachingWhileTheApiKeepsItsOwn() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            Reply page = server.get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(page.header("content-security-policy")).isEqualTo(Dashboard.CONTENT_SECURITY_POLICY)
                    .contains("script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(page.header("cache-control")).isEqualTo("no-cache");
            assertThat(page.header("etag")).matches("\"[0-9a-f]{16}\"");
            assertThat(page.header("x-frame-options")).isEqualTo("DENY");
            assertThat(page.header("x-content-type-options")).isEqualTo("nosniff");
            assertThat(page.body()).startsWith("<!doctype html>").contains("<title>ProximaDB dashboard</title>");

            Reply api = server.get("/v1/collections");
            assertThat(api.header("content-security-policy")).isEqualTo("default-src 'none'; frame-ancestors 'none'");
            assertThat(api.header("cache-control")).isEqualTo("no-store");
            assertThat(api.header("etag")).isNull();
        }
    }

    @Test
    void everyFileThePageAndItsModulesReferenceIsServedAndNothingElseIsListed() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            Set<String> referenced = new TreeSet<>();
            Deque<String> toRead = new ArrayDeque<>();
            Matcher onPage = PAGE_REFERENCE.matcher(server.get("/").body());
            while (onPage.find()) {
                toRead.add(onPage.group(1).substring("/dashboard/".length()));
            }
            while (!toRead.isEmpty()) {
                String name = toRead.poll();
                if (!referenced.add(name)) {
                    continue;
                }
                Reply file = server.get("/dashboard/" + name);
                assertThat(file.status()).as(name).isEqualTo(200);
                assertThat(file.header("content-security-policy")).as(name).isEqualTo(Dashboard.CONTENT_SECURITY_POLICY);
                assertThat(file.header("etag")).as(name).isNotBlank();
                if (name.endsWith(".js")) {
                    assertThat(file.header("content-type")).isEqualTo("text/javascript; charset=utf-8");
                    Matcher imports = MODULE_IMPORT.matcher(file.body());
                    while (imports.find()) {
                        toRead.add(imports.group(1));
                    }
                } else if (name.endsWith(".css")) {
                    assertThat(file.header("content-type")).isEqualTo("text/css; charset=utf-8");
                } else {
                    assertThat(file.header("content-type")).isEqualTo("image/svg+xml");
                }
            }
            assertThat(referenced).as("the files the page uses are exactly those Dashboard serves")
                    .isEqualTo(new TreeSet<>(Dashboard.ASSETS));
        }
    }

    @Test
    void thePageHasNoInlineCodeAndNothingFromElsewhere() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            String page = server.get("/").body();
            // The policy would block these; the test says which file to fix before a browser does.
            assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                    .doesNotContainPattern("<style\\b")
                    .doesNotContainPattern("\\sstyle=")
                    .doesNotContainPattern("\\son[a-z]+=")
                    .doesNotContain("http://", "https://");
            for (String name : Dashboard.ASSETS) {
                String body = server.get("/dashboard/" + name).body();
                assertThat(body.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).as(name)
                        .doesNotContain("http://", "https://");
                if (name.endsWith(".js")) {
                    // Server data (ids, metadata) reaches the DOM as text only.
                    assertThat(body).as(name).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                            "document.write", "eval(", "new Function");
                }
            }
        }
    }

    @Test
    void aBrowserWithTheCurrentCopyGets304AndNoBody() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            for (String path : new String[] {"/", "/dashboard/app.js"}) {
                String etag = server.get(path).header("etag");
                for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"0000000000000000\", " + etag}) {
                    Reply cached = server.send(server.request(path).header("If-None-Match", ifNoneMatch).GET().build());
                    assertThat(cached.status()).as(path + " " + ifNoneMatch).isEqualTo(304);
                    assertThat(cached.body()).isEmpty();
                    assertThat(cached.header("etag")).isEqualTo(etag);
                }
                Reply stale = server.send(server.request(path).header("If-None-Match", "\"0000000000000000\"").GET().build());
                assertThat(stale.status()).isEqualTo(200);
                assertThat(stale.body()).isNotEmpty();
            }
        }
    }

    @Test
    void onlyTheDashboardsOwnFilesAreServed() {
        try (ServerFixture server = ServerFixture.open(directory)) {
            Reply unknown = server.get("/dashboard/secrets.js");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.errorCode()).isEqualTo("not_found");
            assertThat(unknown.errorMessage()).isEqualTo("no such dashboard file: secrets.js");
            assertThat(server.get("/dashboard/..%2Fopenapi.json").status()).isEqualTo(404);
            assertThat(server.get("/dashboard/").status()).isEqualTo(404);
            assertThat(server.get("/dashboard").status()).isEqualTo(404);
        }
    }

    @Test
    void thePageNeedsNoKeyButWhatItShowsDoes() {
        Path keyFile = directory.resolve("keys.json");
        new ApiKeyStore(new ApiKeyFile(keyFile)).create("default", Role.READER, "");
        try (ServerFixture server = ServerFixture.open(directory.resolve("data"), config -> config.withKeysFile(keyFile))) {
            assertThat(server.get("/").status()).isEqualTo(200);
            assertThat(server.get("/dashboard/app.js").status()).isEqualTo(200);
            assertThat(server.get("/v1/collections").status()).isEqualTo(401);
        }
    }
}
