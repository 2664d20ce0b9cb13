package org.idnode.protocol.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our side of the official library's private key files: what we write reads back, and damaged,
 * truncated or oversized files end in the documented exceptions only. That the library itself
 * reads and writes the same files is tested in the node module (OfficialKeyFilesTest).
 */
class PrivateKeyFilesTest {
    private static final byte[] PASSPHRASE = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
    private static KeyPair rsa;
    private static KeyPair dsa;
    private final SecureRandom random = new SecureRandom();

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
    void anRsaKeyReadsBackEqualFromAFileWithAndWithoutPassphrase() {
        PrivateKey plain = PrivateKeyFiles.read(PrivateKeyFiles.write(rsa.getPrivate(), null, random), null);
        PrivateKey encrypted = PrivateKeyFiles.read(PrivateKeyFiles.write(rsa.getPrivate(), PASSPHRASE, random), PASSPHRASE);
        assertEquals(rsa.getPrivate(), plain);
        assertEquals(rsa.getPrivate(), encrypted);
        assertInstanceOf(RSAPrivateCrtKey.class, plain, "the CRT form keeps p, q and the exponents");
    }

    @Test
    void aDsaKeyReadsBackEqualFromAFileWithAndWithoutPassphrase() {
        PrivateKey plain = PrivateKeyFiles.read(PrivateKeyFiles.write(dsa.getPrivate(), null, random), null);
        PrivateKey encrypted = PrivateKeyFiles.read(PrivateKeyFiles.write(dsa.getPrivate(), PASSPHRASE, random), PASSPHRASE);
        assertEquals(dsa.getPrivate(), plain);
        assertEquals(dsa.getPrivate(), encrypted);
    }

    @Test
    void anRsaKeyWithoutCrtValuesIsWrittenAsRsaPrivKeyAndReadsBackEqual() throws Exception {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) rsa.getPrivate();
        PrivateKey bare = KeyFactory.getInstance("RSA")
                .generatePrivate(new RSAPrivateKeySpec(crt.getModulus(), crt.getPrivateExponent()));
        byte[] octets = PrivateKeyFiles.encodeKey(bare);
        assertEquals(PrivateKeyFiles.RSA, typeOf(octets));
        RSAPrivateKey back = (RSAPrivateKey) PrivateKeyFiles.decodeKey(octets);
        assertEquals(crt.getModulus(), back.getModulus());
        assertEquals(crt.getPrivateExponent(), back.getPrivateExponent());
    }

    @Test
    void keyOctetsAreTheTypeThenTheIntegersInBigIntegerFormInTheLibrarysOrder() {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) rsa.getPrivate();
        ByteBuffer in = ByteBuffer.wrap(PrivateKeyFiles.encodeKey(k));
        assertEquals(PrivateKeyFiles.RSA_CRT, string(in));
        for (BigInteger v : new BigInteger[] {k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()}) {
            assertArrayEquals(v.toByteArray(), bytes(in));
        }
        assertFalse(in.hasRemaining());

        DSAPrivateKey d = (DSAPrivateKey) dsa.getPrivate();
        in = ByteBuffer.wrap(PrivateKeyFiles.encodeKey(d));
        assertEquals(PrivateKeyFiles.DSA, string(in));
        for (BigInteger v : new BigInteger[] {d.getX(), d.getParams().getP(), d.getParams().getQ(), d.getParams().getG()}) {
            assertArrayEquals(v.toByteArray(), bytes(in));
        }
        assertFalse(in.hasRemaining());
    }

    @Test
    void withoutPassphraseTheFileIsEncryptNoneThenTheKeyOctets() {
        byte[] octets = PrivateKeyFiles.encodeKey(rsa.getPrivate());
        byte[] file = PrivateKeyFiles.write(rsa.getPrivate(), null, random);
        assertEquals(PrivateKeyFiles.ENCRYPT_NONE, ByteBuffer.wrap(file).getInt());
        assertArrayEquals(octets, Arrays.copyOfRange(file, 4, file.length));
        assertFalse(PrivateKeyFiles.requiresPassphrase(file));
    }

    @Test
    void withPassphraseTheFileIsPbkdf2AesWithTheLibrarysSaltIterationsKeyBitsAndIv() {
        byte[] file = PrivateKeyFiles.write(rsa.getPrivate(), PASSPHRASE, random);
        ByteBuffer in = ByteBuffer.wrap(file);
        assertEquals(PrivateKeyFiles.ENCRYPT_PBKDF2_AES_CBC, in.getInt());
        assertEquals(16, bytes(in).length, "salt");
        assertEquals(10_000, in.getInt(), "iterations");
        assertEquals(128, in.getInt(), "key bits");
        assertEquals(16, bytes(in).length, "IV");
        byte[] ciphertext = bytes(in);
        assertEquals(0, ciphertext.length % 16);
        assertFalse(in.hasRemaining());
        assertTrue(PrivateKeyFiles.requiresPassphrase(file));
    }

    @Test
    void twoFilesOfTheSameKeyAndPassphraseDifferBecauseSaltAndIvAreFresh() {
        byte[] a = PrivateKeyFiles.write(rsa.getPrivate(), PASSPHRASE, random);
        byte[] b = PrivateKeyFiles.write(rsa.getPrivate(), PASSPHRASE, random);
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void aNonAsciiPassphraseOpensTheFileItWrote() {
        byte[] pass = "pässwörd €".getBytes(StandardCharsets.UTF_8);
        byte[] file = PrivateKeyFiles.write(dsa.getPrivate(), pass, random);
        assertEquals(dsa.getPrivate(), PrivateKeyFiles.read(file, pass));
    }

    @Test
    void aWrongPassphraseIsAuthenticationFailedWithAClearMessage() {
        byte[] file = PrivateKeyFiles.write(rsa.getPrivate(), PASSPHRASE, random);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> PrivateKeyFiles.read(file, "wrong".getBytes(StandardCharsets.UTF_8)));
        assertEquals(ResponseCodes.AUTHENTICATION_FAILED, e.responseCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("private key file: "), e.getMessage());
    }

    @Test
    void aWrongPassphraseThatHappensToGiveValidPaddingIsStillAuthenticationFailed() throws Exception {
        // DES-ECB (type 0) files: the key is the first 8 octets of MD5(passphrase), so trying many
        // wrong passphrases is cheap; about one in 256 leaves valid padding.
        byte[] octets = PrivateKeyFiles.encodeKey(rsa.getPrivate());
        byte[] file = desEcbFile(octets, PASSPHRASE);
        assertEquals(rsa.getPrivate(), PrivateKeyFiles.read(file, PASSPHRASE), "our own type 0 file reads");
        int paddingPassed = 0;
        for (int i = 0; i < 5000 && paddingPassed == 0; i++) {
            byte[] wrong = ("wrong-" + i).getBytes(StandardCharsets.UTF_8);
            ProtocolException e = assertThrows(ProtocolException.class, () -> PrivateKeyFiles.read(file, wrong));
            assertEquals(ResponseCodes.AUTHENTICATION_FAILED, e.responseCode(), e.getMessage());
            if (e.getMessage().contains("the result is not a key")) {
                paddingPassed++;
            }
        }
        assertEquals(1, paddingPassed, "one wrong passphrase got through the padding to the key decoder");
    }

    private static byte[] desEcbFile(byte[] octets, byte[] passphrase) throws Exception {
        byte[] key = Arrays.copyOf(java.security.MessageDigest.getInstance("MD5").digest(passphrase), 8);
        javax.crypto.Cipher des = javax.crypto.Cipher.getInstance("DES/ECB/PKCS5Padding");
        des.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "DES"));
        byte[] ciphertext = des.doFinal(octets);
        return ByteBuffer.allocate(4 + ciphertext.length).putInt(PrivateKeyFiles.ENCRYPT_DES_ECB).put(ciphertext).array();
    }

    @Test
    void anEncryptedFileWithoutPassphraseIsAnIllegalArgument() {
        byte[] file = PrivateKeyFiles.write(rsa.getPrivate(), PASSPHRASE, random);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrivateKeyFiles.read(file, null));
        assertTrue(e.getMessage().contains("expected: a passphrase"), e.getMessage());
    }

    @Test
    void anEmptyPassphraseIsRefusedForWritingBecauseItProtectsNothing() {
        assertThrows(IllegalArgumentException.class, () -> PrivateKeyFiles.write(rsa.getPrivate(), new byte[0], random));
    }

    @Test
    void aKeyOtherThanRsaOrDsaIsRefusedForWriting() throws Exception {
        PrivateKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPrivate();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrivateKeyFiles.write(ec, null, random));
        assertTrue(e.getMessage().contains("expected: RSA or DSA"), e.getMessage());
    }

    @Test
    void anUnknownEncryptionTypeIsRefusedNamingTheTypesWeRead() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> PrivateKeyFiles.requiresPassphrase(new byte[] {0, 0, 0, 9, 1, 2, 3}));
        assertEquals("private key file: encryption type: 9 (expected: 0..4)", e.getMessage());
    }

    @Test
    void bareKeyOctetsWithoutTheFileHeaderAreRefusedWithAHint() {
        byte[] octets = PrivateKeyFiles.encodeKey(rsa.getPrivate());
        ProtocolException e = assertThrows(ProtocolException.class, () -> PrivateKeyFiles.read(octets, null));
        assertTrue(e.getMessage().contains("without the file's header"), e.getMessage());
    }

    @Test
    void anUnknownKeyTypeIsRefusedNamingTheTypesWeRead() {
        byte[] file = plainFile(keyOctets("DH_PRIV_KEY", BigInteger.TWO, BigInteger.TEN));
        ProtocolException e = assertThrows(ProtocolException.class, () -> PrivateKeyFiles.read(file, null));
        assertEquals("private key file: key type \"DH_PRIV_KEY\" (expected: RSA_PRIVCRT_KEY, RSA_PRIV_KEY or DSA_PRIV_KEY)",
                e.getMessage());
    }

    @Test
    void anRsaKeyWhosePrimesDoNotMakeItsModulusIsRefused() {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) rsa.getPrivate();
        byte[] file = plainFile(keyOctets(PrivateKeyFiles.RSA_CRT, k.getModulus(), k.getPublicExponent(),
                k.getPrivateExponent(), k.getPrimeP(), k.getPrimeQ().add(BigInteger.TWO), k.getPrimeExponentP(),
                k.getPrimeExponentQ(), k.getCrtCoefficient()));
        ProtocolException e = assertThrows(ProtocolException.class, () -> PrivateKeyFiles.read(file, null));
        assertTrue(e.getMessage().contains("p·q = n"), e.getMessage());
    }

    @Test
    void aDsaKeyWithParametersThatDoNotFitIsRefused() {
        DSAPrivateKey d = (DSAPrivateKey) dsa.getPrivate();
        byte[] file = plainFile(keyOctets(PrivateKeyFiles.DSA, d.getX(), d.getParams().getP(),
                d.getParams().getQ().add(BigInteger.TWO), d.getParams().getG()));
        ProtocolException e = assertThrows(ProtocolException.class, () -> PrivateKeyFiles.read(file, null));
        assertTrue(e.getMessage().contains("q divides p - 1"), e.getMessage());
    }

    @Test
    void aZeroOrNegativeIntegerIsRefused() {
        byte[] file = plainFile(keyOctets(PrivateKeyFiles.RSA, BigInteger.valueOf(-77), BigInteger.ONE));
        ProtocolException e = assertThrows(ProtocolException.class, () -> PrivateKeyFiles.read(file, null));
        assertEquals("private key file: RSA n: negative (expected: a positive integer)", e.getMessage());
    }

    @Test
    void trailingOctetsAfterTheKeyAreRefused() {
        byte[] octets = PrivateKeyFiles.encodeKey(dsa.getPrivate());
        byte[] file = plainFile(Arrays.copyOf(octets, octets.length + 3));
        ProtocolException e = assertThrows(ProtocolException.class, () -> PrivateKeyFiles.read(file, null));
        assertTrue(e.getMessage().contains("octets after the DSA_PRIV_KEY: 3 (expected: 0)"), e.getMessage());
    }

    @Test
    void aFileOverTheLengthBoundIsRefusedBeforeAnyDecryption() {
        byte[] file = new byte[PrivateKeyFiles.MAX_FILE_LENGTH + 1];
        file[3] = PrivateKeyFiles.ENCRYPT_PBKDF2_AES_CBC;
        ProtocolException e = assertThrows(ProtocolException.class, () -> PrivateKeyFiles.read(file, PASSPHRASE));
        assertEquals("private key file: length: 65537 (expected: at most 65536)", e.getMessage());
    }

    @Test
    void aPbkdf2IterationCountOverTheBoundIsRefusedBeforeDerivingAKey() {
        byte[] file = PrivateKeyFiles.write(rsa.getPrivate(), PASSPHRASE, random);
        ByteBuffer.wrap(file).putInt(4 + 4 + 16, Integer.MAX_VALUE);
        ProtocolException e = assertThrows(ProtocolException.class, () -> PrivateKeyFiles.read(file, PASSPHRASE));
        assertEquals("private key file: PBKDF2 iterations: 2147483647 (expected: 1..1000000)", e.getMessage());
    }

    @Test
    void everyTruncationOfAPlainOrEncryptedFileIsAProtocolException() {
        for (byte[] file : new byte[][] {PrivateKeyFiles.write(rsa.getPrivate(), null, random),
                PrivateKeyFiles.write(dsa.getPrivate(), PASSPHRASE, random)}) {
            for (int n = 0; n < file.length; n++) {
                byte[] cut = Arrays.copyOf(file, n);
                ProtocolException e = assertThrows(ProtocolException.class, () -> PrivateKeyFiles.read(cut, PASSPHRASE),
                        "truncated at " + n);
                assertTrue(e.getMessage().startsWith("private key file: "), e.getMessage());
            }
        }
    }

    @Test
    void randomGarbageAndDamagedFilesOnlyEverEndInAProtocolException() {
        SplittableRandom r = new SplittableRandom(20240601);
        byte[] plain = PrivateKeyFiles.write(rsa.getPrivate(), null, random);
        byte[] encrypted = PrivateKeyFiles.write(dsa.getPrivate(), PASSPHRASE, random);
        for (int i = 0; i < 3000; i++) {
            byte[] garbage = new byte[r.nextInt(64)];
            r.nextBytes(garbage);
            if (garbage.length >= 4 && r.nextBoolean()) {
                garbage[0] = garbage[1] = garbage[2] = 0;
                garbage[3] = (byte) r.nextInt(5); // a valid type, so the body parsers see the garbage
            }
            mustOnlyRefuse(garbage);
        }
        for (int i = 0; i < 3000; i++) {
            mustOnlyRefuseOrRead(damage(plain, r), plain);
        }
        // Each damaged encrypted file may cost a PBKDF2 run, so fewer of them.
        for (int i = 0; i < 300; i++) {
            mustOnlyRefuseOrRead(damage(encrypted, r), encrypted);
        }
    }

    /** One to three octets overwritten, or one length field (the places a parser trusts) set at random. */
    private static byte[] damage(byte[] file, SplittableRandom r) {
        byte[] d = file.clone();
        int edits = 1 + r.nextInt(3);
        for (int e = 0; e < edits; e++) {
            if (r.nextInt(4) == 0) {
                ByteBuffer.wrap(d).putInt(4 * r.nextInt(Math.min(d.length / 4, 12)), r.nextInt());
            } else {
                d[r.nextInt(d.length)] = (byte) r.nextInt(256);
            }
        }
        return d;
    }

    private static void mustOnlyRefuse(byte[] file) {
        try {
            PrivateKeyFiles.read(file, PASSPHRASE);
            throw new AssertionError("read garbage: " + Arrays.toString(file));
        } catch (ProtocolException e) {
            assertTrue(e.getMessage().startsWith("private key file: "), e.getMessage());
        }
    }

    /** A damaged file may still hold a readable key (an octet of padding changed): then any outcome but a crash. */
    private static void mustOnlyRefuseOrRead(byte[] file, byte[] original) {
        try {
            PrivateKeyFiles.read(file, PASSPHRASE);
        } catch (ProtocolException e) {
            assertTrue(e.getMessage().startsWith("private key file: "), e.getMessage());
        } catch (RuntimeException e) {
            throw new AssertionError("damaged file " + Arrays.toString(diff(file, original)) + " threw " + e, e);
        }
    }

    private static int[] diff(byte[] a, byte[] b) {
        return java.util.stream.IntStream.range(0, Math.min(a.length, b.length)).filter(i -> a[i] != b[i]).toArray();
    }

    private static String typeOf(byte[] keyOctets) {
        return string(ByteBuffer.wrap(keyOctets));
    }

    private static String string(ByteBuffer in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }

    private static byte[] keyOctets(String type, BigInteger... values) {
        ByteBuffer out = ByteBuffer.allocate(8192);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.putInt(t.length).put(t);
        for (BigInteger v : values) {
            byte[] b = v.toByteArray();
            out.putInt(b.length).put(b);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] plainFile(byte[] keyOctets) {
        return ByteBuffer.allocate(4 + keyOctets.length).putInt(PrivateKeyFiles.ENCRYPT_NONE).put(keyOctets).array();
    }
}
