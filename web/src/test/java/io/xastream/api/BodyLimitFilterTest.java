package io.xastream.api;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BodyLimitFilterTest {

    private static final int LIMIT = BodyLimitFilter.MAX_BODY_BYTES;

    @Test
    void aDeclaredLengthOverTheLimitIs413BeforeAnythingIsRead() throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        ServletFakes.Chain chain = new ServletFakes.Chain();
        new BodyLimitFilter().doFilter(ServletFakes.request(false, 10L << 20, Map.of(), new byte[0]), response.servlet, chain);
        assertNull(chain.passed);
        assertEquals(413, response.status);
        assertEquals("close", response.headers.get("Connection"));
        assertTrue(response.body.toString().contains("\"error\":\"request body too large"), response.body.toString());
    }

    @Test
    void aChunkedBodyIsReadUpToTheLimitOnly() throws Exception {
        ServletFakes.Response response = new ServletFakes.Response();
        ServletFakes.Chain chain = new ServletFakes.Chain();
        new BodyLimitFilter().doFilter(ServletFakes.request(false, -1, Map.of("Transfer-Encoding", "chunked"),
                new byte[LIMIT + 1]), response.servlet, chain);
        assertNull(chain.passed);
        assertEquals(413, response.status);
    }

    @Test
    void smallBodiesPassAndAChunkedOneCanStillBeRead() throws Exception {
        ServletFakes.Chain chain = new ServletFakes.Chain();
        HttpServletRequest small = ServletFakes.request(false, 10, Map.of(), new byte[10]);
        new BodyLimitFilter().doFilter(small, new ServletFakes.Response().servlet, chain);
        assertSame(small, chain.passed);

        byte[] body = "{\"a\":1}".getBytes();
        new BodyLimitFilter().doFilter(ServletFakes.request(false, -1, Map.of("Transfer-Encoding", "chunked"), body),
                new ServletFakes.Response().servlet, chain);
        HttpServletRequest passed = (HttpServletRequest) chain.passed;
        assertArrayEquals(body, passed.getInputStream().readAllBytes());
        assertEquals(body.length, passed.getContentLengthLong());
        assertEquals("UTF-8", BodyLimitFilter.BufferedBody.charset("no such charset").name());
    }
}
