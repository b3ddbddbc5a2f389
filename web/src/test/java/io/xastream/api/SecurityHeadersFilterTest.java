package io.xastream.api;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                assertFalse(code.matches("(?s).*(\\beval\\(|new Function\\(|setAttribute\\(['\"](style|on[a-z]+)['\"]).*"), script.toString());
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
