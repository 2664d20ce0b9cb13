package org.idnode.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.idnode.protocol.ProtocolException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM armour and the encrypted PKCS#8 form, checked against the JDK's readers and, where installed, OpenSSL. */
class KeyPemTest {
    private static KeyPair rsa;
    private static KeyPair dsa;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
        r.initialize(2048);
        rsa = r.generateKeyPair();
        KeyPairGenerator d = KeyPairGenerator.getInstance("DSA");
        d.initialize(2048);
        dsa = d.generateKeyPair();
    }

    @Test
    void armourIsBase64InLinesOf64BetweenBeginAndEndLines() {
        byte[] der = new byte[100];
        String pem = KeyPem.armour("TEST", der);
        List<String> lines = pem.lines().toList();
        assertEquals("-----BEGIN TEST-----", lines.get(0));
        assertEquals(64, lines.get(1).length());
        assertEquals("-----END TEST-----", lines.get(lines.size() - 1));
        assertTrue(pem.endsWith("\n"));
        assertArrayEquals(der, KeyPem.dearmour("text before\n" + pem.replace("\n", "\r\n") + "after", "TEST"));
    }

    @Test
    void privateAndPublicKeysReadBackEqualFromTheirPem() {
        for (KeyPair k : new KeyPair[] {rsa, dsa}) {
            assertEquals(k.getPrivate(), KeyPem.readPrivateKey(KeyPem.privateKey(k.getPrivate())));
            assertEquals(k.getPublic(), KeyPem.readPublicKey(KeyPem.publicKey(k.getPublic())));
        }
    }

    @Test
    void aMissingBlockBadBase64AndLegacyHeadersAreProtocolExceptions() {
        assertThrows(ProtocolException.class, () -> KeyPem.dearmour("nothing here", KeyPem.PRIVATE_KEY));
        assertThrows(ProtocolException.class,
                () -> KeyPem.dearmour("-----BEGIN PRIVATE KEY-----\n*!*\n-----END PRIVATE KEY-----\n", KeyPem.PRIVATE_KEY));
        assertThrows(ProtocolException.class, () -> KeyPem.dearmour("-----BEGIN PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "AAAA\n-----END PRIVATE KEY-----\n", KeyPem.PRIVATE_KEY));
        assertThrows(ProtocolException.class, () -> KeyPem.readPublicKey(KeyPem.armour(KeyPem.PUBLIC_KEY, new byte[] {1, 2})));
    }

    @Test
    void theJdkDecryptsTheEncryptedPemWithTheAsciiPassphraseToTheSameKey() throws Exception {
        String pem = KeyPem.encryptedPrivateKey(rsa.getPrivate(), "secret-passphrase", new SecureRandom());
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(KeyPem.dearmour(pem, KeyPem.ENCRYPTED_PRIVATE_KEY));
        // JDK 17 names the scheme PBES2 but registers its cipher under the parameters' full name.
        String algorithm = info.getAlgParameters().toString();
        assertEquals("PBEWithHmacSHA256AndAES_256", algorithm);
        Cipher c = Cipher.getInstance(algorithm);
        c.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                .generateSecret(new PBEKeySpec("secret-passphrase".toCharArray())), info.getAlgParameters());
        PKCS8EncodedKeySpec spec = info.getKeySpec(c);
        assertArrayEquals(rsa.getPrivate().getEncoded(), spec.getEncoded());
    }

    @Test
    void openSslDecryptsTheEncryptedPemWithANonAsciiPassphraseToTheSameKey() throws Exception {
        String passphrase = "pässwörd €";
        Path pem = dir.resolve("k.pem");
        Path pass = dir.resolve("pass");
        Path out = dir.resolve("out.pem");
        Files.writeString(pem, KeyPem.encryptedPrivateKey(dsa.getPrivate(), passphrase, new SecureRandom()));
        Files.writeString(pass, passphrase + "\n", StandardCharsets.UTF_8);
        // OpenSSL 3 writes a decrypted key as unencrypted PKCS#8 PEM, which our reader then takes.
        int exit = openssl("pkey", "-in", pem.toString(), "-passin", "file:" + pass, "-out", out.toString());
        assertEquals(0, exit);
        assertEquals(dsa.getPrivate(), KeyPem.readPrivateKey(Files.readString(out)));
    }

    /** Runs openssl if it is installed; the test is skipped on machines without it. */
    private int openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile())
                    .start();
        } catch (IOException e) {
            assumeTrue(false, "openssl is not installed");
            throw e;
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "openssl finished");
        if (p.exitValue() != 0) {
            System.err.println(Files.readString(dir.resolve("openssl.log")));
        }
        return p.exitValue();
    }
}
