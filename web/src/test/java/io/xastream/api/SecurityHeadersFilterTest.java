package io.xastream.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecurityHeadersFilterTest {

    private static final Path WEBAPP = Path.of("src/main/webapp");
    /** What a script-src 'self' and style-src 'self' policy would refuse at run time. */
    private static final Pattern UNSAFE_CODE = Pattern.compile("\\beval\\(|new Function\\(|setAttribute\\(['\"](style|on[a-z]+)['\"]");

    @Test
    void everyAnswerCarriesThePolicyAndHstsOnlyOverHttps() throws Exception {
        ServletFakes.Response plain = filtered(false);
        assertEquals(SecurityHeadersFilter.CONTENT_SECURITY_POLICY, plain.headers.get("Content-Security-Policy"));
        assertEquals("nosniff", plain.headers.get("X-Content-Type-Options"));
        assertEquals("no-referrer", plain.headers.get("Referrer-Policy"));
        assertNull(plain.headers.get("Strict-Transport-Security"), "a browser ignores HSTS over plain HTTP");
        assertNotNull(filtered(true).headers.get("Strict-Transport-Security"));
    }

    @Test
    void thePolicyAllowsThePagesOwnScriptsFetchAndEventsAndNoFraming() {
        List<String> directives = List.of(SecurityHeadersFilter.CONTENT_SECURITY_POLICY.split("; "));
        assertTrue(directives.containsAll(List.of("script-src 'self'", "style-src 'self'", "connect-src 'self'",
                "frame-ancestors 'none'")), directives.toString());
        assertFalse(SecurityHeadersFilter.CONTENT_SECURITY_POLICY.contains("unsafe"));
    }

    /** The policy forbids inline code: a page holding any would break silently in the browser. */
    @Test
    void thePagesHoldNoInlineScriptStyleOrHandler() throws IOException {
        Pattern inline = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>|<style|\\sstyle=|\\son[a-z]+=|javascript:",
                Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.list(WEBAPP)) {
            List<Path> pages = files.filter(p -> p.toString().endsWith(".html")).toList();
            assertFalse(pages.isEmpty());
            for (Path page : pages) {
                var found = inline.matcher(Files.readString(page));
                assertFalse(found.find(), page + ": " + (found.hitEnd() ? "" : found.group()));
            }
        }
        try (Stream<Path> files = Files.list(WEBAPP)) {
            for (Path script : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                String code = Files.readString(script);
                assertFalse(UNSAFE_CODE.matcher(code).find(), script.toString());
            }
        }
    }

    /**
     * The pages load uPlot from its WebJar in WEB-INF/lib: each webjars/ path a page names must be in
     * that jar (a version bump in the pom alone would leave the page without its chart), and the
     * library must run under the policy too: no eval, no style or handler attributes.
     */
    @Test
    void theWebJarsThePagesNameAreShippedAndNeedNoInlineCode() throws IOException {
        Pattern webjar = Pattern.compile("(?:src|href)=\"(webjars/[^\"]+)\"");
        List<String> named = new ArrayList<>();
        try (Stream<Path> files = Files.list(WEBAPP)) {
            for (Path page : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                webjar.matcher(Files.readString(page)).results().forEach(found -> named.add(found.group(1)));
            }
        }
        assertFalse(named.isEmpty(), "the overview loads uPlot from its WebJar");
        for (String path : named) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/resources/" + path)) {
                assertNotNull(in, path + " is in no jar of the WAR");
                if (path.endsWith(".js")) {
                    assertFalse(UNSAFE_CODE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8)).find(), path);
                }
            }
        }
    }

    private static ServletFakes.Response filtered(boolean secure) throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        ServletFakes.Chain chain = new ServletFakes.Chain();
        new SecurityHeadersFilter().doFilter(ServletFakes.request(secure, -1, Map.of(), new byte[0]), response.servlet, chain);
        assertNotNull(chain.passed);
        return response;
    }
}
