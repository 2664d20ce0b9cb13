package org.idnode.node.transport;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.idnode.protocol.auth.KeyPem;

/**
 * A self-signed certificate for 127.0.0.1 made by the JDK's own keytool (run as a process: no
 * library needed), written as the PEM files the node's tlsCertificate and tlsPrivateKey take, and an
 * SSLContext that trusts exactly it, for a JDK HttpClient.
 */
record SelfSignedCertificate(Path certificate, Path privateKey, SSLContext clientContext) {
    private static final String PASSWORD = "changeit";

    static SelfSignedCertificate make(Path dir) throws Exception {
        Path store = dir.resolve("tls.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "node", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        X509Certificate cert = (X509Certificate) ks.getCertificate("node");
        PrivateKey key = (PrivateKey) ks.getKey("node", PASSWORD.toCharArray());
        Path certPem = Files.writeString(dir.resolve("tls.crt"), KeyPem.armour("CERTIFICATE", cert.getEncoded()));
        Path keyPem = Files.writeString(dir.resolve("tls.key"), KeyPem.privateKey(key));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("node", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return new SelfSignedCertificate(certPem, keyPem, ctx);
    }
}
