package io.xastream.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Just enough of a servlet request and response for the filters: no servlet container in unit tests. */
final class ServletFakes {

    private ServletFakes() {
    }

    static HttpServletRequest request(boolean secure, long contentLength, Map<String, String> headers, byte[] body) {
        ServletInputStream in = BodyLimitFilter.streamOf(body);
        return (HttpServletRequest) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isSecure" -> secure;
                    case "getContentLengthLong" -> contentLength;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getInputStream" -> in;
                    default -> null;
                });
    }

    /** A response that keeps its status, headers and body. */
    static final class Response {
        final Map<String, String> headers = new HashMap<>();
        final StringWriter body = new StringWriter();
        int status = 200;
        final HttpServletResponse servlet = (HttpServletResponse) Proxy.newProxyInstance(ServletFakes.class.getClassLoader(),
                new Class<?>[]{HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "setStatus" -> status = (Integer) args[0];
                        case "getWriter" -> {
                            return new PrintWriter(body, true);
                        }
                        default -> {
                        }
                    }
                    return null;
                });
    }

    /** A chain that remembers whether it ran and with which request. */
    static final class Chain implements FilterChain {
        jakarta.servlet.ServletRequest passed;

        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
            passed = request;
        }
    }
}
