package org.idnode.node.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;
import org.idnode.node.config.RestSettings;

/** The HTTPS listener's TLS context, from the configured PEM certificate chain and PKCS#8 key. */
final class TlsContext {
    private TlsContext() {
    }

    /** Fails in one line naming the keys when HTTPS is on without both files, or they don't read. */
    static SslContext server(RestSettings rest) {
        if (rest.tlsCertificate() == null || rest.tlsPrivateKey() == null) {
            throw new IllegalStateException("httpsPort " + rest.httpsPort()
                    + " needs tlsCertificate and tlsPrivateKey (PEM files), or httpsPort -1 for no HTTPS");
        }
        try {
            return SslContextBuilder.forServer(rest.tlsCertificate().toFile(), rest.tlsPrivateKey().toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("tlsCertificate " + rest.tlsCertificate() + " / tlsPrivateKey "
                    + rest.tlsPrivateKey() + ": not a PEM certificate chain and unencrypted PKCS#8 key: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }
}
