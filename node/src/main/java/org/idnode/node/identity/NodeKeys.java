package org.idnode.node.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;

/**
 * The node's signing key: RSA-2048, generated on first start and kept in the data directory
 * ({@code node-key.pk8}, PKCS#8, owner-only). Its public half goes into our HS_SITE, so clients
 * verify certified responses (§9) with it.
 */
public final class NodeKeys {
    static final String FILE = "node-key.pk8";

    private NodeKeys() {
    }

    public static KeyPair loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return load(Files.readAllBytes(file));
            }
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair pair = gen.generateKeyPair();
            Files.createDirectories(dataDir);
            Path tmp = dataDir.resolve(FILE + ".tmp");
            Files.write(tmp, pair.getPrivate().getEncoded(), StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the data directory's own permissions apply
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return pair;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("node key " + file + ": " + e.getMessage(), e);
        }
    }

    static KeyPair load(byte[] pkcs8) throws GeneralSecurityException {
        KeyFactory kf = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return new KeyPair(kf.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent())), priv);
    }

    /**
     * A short stable name for this node, from its key: {@code node-} and the first 8 octets of the
     * SHA-256 of the encoded public key, in hex. The stream's default node id: it survives restarts
     * and differs between nodes without anyone choosing names.
     */
    public static String fingerprint(java.security.PublicKey key) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "node-" + java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
