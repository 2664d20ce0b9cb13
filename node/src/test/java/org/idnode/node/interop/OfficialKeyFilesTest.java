package org.idnode.node.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateKeySpec;
import net.handle.apps.tools.KeyGenerator;
import net.handle.hdllib.Common;
import net.handle.hdllib.Util;
import org.idnode.node.cli.Main;
import org.idnode.protocol.auth.PrivateKeyFiles;
import org.idnode.protocol.auth.PublicKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our key files against the official library (net.handle:handle-client 9.3.1): it reads what we
 * write, we read what it writes, in every encryption form it has, and the keys sign and verify
 * across the two.
 */
class OfficialKeyFilesTest {
    private static final byte[] PASSPHRASE = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NON_ASCII = "pässwörd €".getBytes(StandardCharsets.UTF_8);
    private static KeyPair rsa;
    private static KeyPair dsa;
    private final SecureRandom random = new SecureRandom();

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
    void ourKeyOctetsAreTheLibrarysOctetForOctetForRsaCrtRsaAndDsa() throws Exception {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) rsa.getPrivate();
        PrivateKey bareRsa = KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));
        for (PrivateKey k : new PrivateKey[] {crt, bareRsa, dsa.getPrivate()}) {
            assertArrayEquals(Util.getBytesFromPrivateKey(k), PrivateKeyFiles.encodeKey(k), k.getClass().getName());
        }
    }

    @Test
    void theLibraryReadsOurUnencryptedFileToTheSameKeyAndSaysItNeedsNoPassphrase() throws Exception {
        for (KeyPair k : new KeyPair[] {rsa, dsa}) {
            byte[] file = PrivateKeyFiles.write(k.getPrivate(), null, random);
            assertFalse(Util.requiresSecretKey(file));
            assertEquals(k.getPrivate(), Util.getPrivateKeyFromBytes(Util.decrypt(file, null), 0));
        }
    }

    @Test
    void theLibraryReadsOurEncryptedFileWithThePassphraseToTheSameKey() throws Exception {
        for (KeyPair k : new KeyPair[] {rsa, dsa}) {
            for (byte[] pass : new byte[][] {PASSPHRASE, NON_ASCII}) {
                byte[] file = PrivateKeyFiles.write(k.getPrivate(), pass, random);
                assertTrue(Util.requiresSecretKey(file));
                assertEquals(k.getPrivate(), Util.getPrivateKeyFromBytes(Util.decrypt(file, pass), 0));
            }
        }
    }

    @Test
    void theLibraryRefusesOurEncryptedFileWithAnotherPassphrase() {
        byte[] file = PrivateKeyFiles.write(rsa.getPrivate(), PASSPHRASE, random);
        assertThrows(Exception.class, () -> Util.getPrivateKeyFromBytes(Util.decrypt(file, NON_ASCII), 0));
    }

    @Test
    void theLibrarysDefaultForNewEncryptedFilesIsTheTypeWeWrite() throws Exception {
        byte[] file = Util.encrypt(Util.getBytesFromPrivateKey(rsa.getPrivate()), PASSPHRASE);
        assertEquals(PrivateKeyFiles.ENCRYPT_PBKDF2_AES_CBC, PrivateKeyFiles.encryptionType(file));
        assertEquals(Common.ENCRYPT_PBKDF2_AES_CBC_PKCS5, PrivateKeyFiles.ENCRYPT_PBKDF2_AES_CBC);
    }

    @Test
    @SuppressWarnings("deprecation") // DES-ECB is deprecated in the library, yet old files still use it
    void weReadFilesTheLibraryWritesInEachOfItsFiveEncryptionTypes() throws Exception {
        int[] types = {Common.ENCRYPT_DES_ECB_PKCS5, Common.ENCRYPT_NONE, Common.ENCRYPT_DES_CBC_PKCS5,
            Common.ENCRYPT_PBKDF2_DESEDE_CBC_PKCS5, Common.ENCRYPT_PBKDF2_AES_CBC_PKCS5};
        for (KeyPair k : new KeyPair[] {rsa, dsa}) {
            for (int type : types) {
                for (byte[] pass : new byte[][] {PASSPHRASE, NON_ASCII}) {
                    byte[] file = Util.encrypt(Util.getBytesFromPrivateKey(k.getPrivate()), pass, type);
                    assertEquals(type, PrivateKeyFiles.encryptionType(file));
                    assertEquals(Util.requiresSecretKey(file), PrivateKeyFiles.requiresPassphrase(file), "type " + type);
                    assertEquals(k.getPrivate(), PrivateKeyFiles.read(file, pass), "type " + type);
                }
            }
        }
    }

    @Test
    void weReadTheFilesHdlKeygenWritesAndTheirHalvesMatch() throws Exception {
        for (String algorithm : new String[] {"RSA", "DSA"}) {
            Path priv = dir.resolve(algorithm + "-admpriv.bin");
            Path pub = dir.resolve(algorithm + "-admpub.bin");
            // A copy: generateKeys wipes the passphrase array it is given.
            KeyGenerator.generateKeys(algorithm, 2048, PASSPHRASE.clone(), priv.toFile(), pub.toFile());
            PrivateKey privateKey = PrivateKeyFiles.read(Files.readAllBytes(priv), PASSPHRASE);
            PublicKey publicKey = PublicKeys.decode(Files.readAllBytes(pub));
            assertTrue(verifies(publicKey, sign(privateKey)), algorithm);
        }
    }

    @Test
    void theLibraryReadsOurPublicKeyOctetsToTheSameKeyAndWritesTheSameOctets() throws Exception {
        for (KeyPair k : new KeyPair[] {rsa, dsa}) {
            byte[] ours = PublicKeys.encode(k.getPublic());
            assertEquals(k.getPublic(), Util.getPublicKeyFromBytes(ours, 0));
            assertArrayEquals(Util.getBytesFromPublicKey(k.getPublic()), ours);
        }
    }

    @Test
    void filesFromIdnodeKeygenOpenInTheLibraryAndTheKeysSignAndVerifyAcrossTheTwo() throws Exception {
        Files.writeString(dir.resolve("pass"), "keygen passphrase\n");
        for (String algorithm : new String[] {"RSA", "DSA"}) {
            Path out = dir.resolve(algorithm);
            assertEquals(0, Main.execute("keygen", "--out", out.toString(), "--algorithm", algorithm,
                    "--passphrase-file", dir.resolve("pass").toString()));
            byte[] privateFile = Files.readAllBytes(out.resolve("admpriv.bin"));
            byte[] publicFile = Files.readAllBytes(out.resolve("admpub.bin"));
            PrivateKey libraryPrivate = Util.getPrivateKeyFromBytes(
                    Util.decrypt(privateFile, "keygen passphrase".getBytes(StandardCharsets.UTF_8)), 0);
            PublicKey libraryPublic = Util.getPublicKeyFromBytes(publicFile, 0);
            PrivateKey ourPrivate = PrivateKeyFiles.read(privateFile, "keygen passphrase".getBytes(StandardCharsets.UTF_8));
            PublicKey ourPublic = PublicKeys.decode(publicFile);
            assertTrue(verifies(ourPublic, sign(libraryPrivate)), algorithm + ": library-loaded key, our public key");
            assertTrue(verifies(libraryPublic, sign(ourPrivate)), algorithm + ": our loaded key, library public key");
            assertTrue(Util.isMatchingKeyPair(libraryPublic, libraryPrivate), algorithm);
        }
    }

    private static final byte[] MESSAGE = "nonce || digest".getBytes(StandardCharsets.UTF_8);

    private static byte[] sign(PrivateKey key) throws Exception {
        Signature s = Signature.getInstance("SHA256with" + key.getAlgorithm());
        s.initSign(key);
        s.update(MESSAGE);
        return s.sign();
    }

    private static boolean verifies(PublicKey key, byte[] signature) throws Exception {
        Signature s = Signature.getInstance("SHA256with" + key.getAlgorithm());
        s.initVerify(key);
        s.update(MESSAGE);
        return s.verify(signature);
    }
}
