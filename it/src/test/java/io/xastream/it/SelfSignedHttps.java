package io.xastream.it;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * An HTTP client for the test server's HTTPS port. The server's certificate is the self-signed
 * one Elytron generates for "localhost": this client trusts it without checking, as a user would
 * after accepting it once; only the answers are under test.
 */
public final class SelfSignedHttps {

    private SelfSignedHttps() {
    }

    public static HttpClient client() throws GeneralSecurityException {
        X509ExtendedTrustManager trustingAll = new X509ExtendedTrustManager() {
            @Override public void checkClientTrusted(X509Certificate[] chain, String type, Socket socket) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String type, Socket socket) { }
            @Override public void checkClientTrusted(X509Certificate[] chain, String type, SSLEngine engine) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String type, SSLEngine engine) { }
            @Override public void checkClientTrusted(X509Certificate[] chain, String type) { }
            @Override public void checkServerTrusted(X509Certificate[] chain, String type) { }
            @Override public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[]{trustingAll}, null);
        return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** WildFly's HTTPS port for a server whose HTTP port is {@code httpPort} (same offset). */
    public static int portFor(int httpPort) {
        return httpPort - 8080 + 8443;
    }
}
