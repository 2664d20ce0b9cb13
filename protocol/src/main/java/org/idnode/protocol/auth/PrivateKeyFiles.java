package org.idnode.protocol.auth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.DSAPrivateKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Arrays;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.codec.Bytes;
import org.idnode.protocol.codec.Wire;

/**
 * Private key files in the official Handle library's format (hdl-keygen's {@code admpriv.bin}, and
 * whatever else the library opens with {@code Util.decrypt}), as byte arrays: no I/O here.
 *
 * <p>A file is {@code int4 encryptionType} then, for {@link #ENCRYPT_NONE}, the key octets, or for
 * the other types the key octets encrypted with a passphrase ({@link KeyFileCiphers}). The key octets
 * are, like HS_PUBKEY (§10), a {@code str} type then {@code bytes} integers in Java BigInteger form
 * (sign octet included), but with no reserved {@code int2}:
 * {@code RSA_PRIVCRT_KEY} n, e, d, p, q, dP, dQ, qInv; {@code RSA_PRIV_KEY} n, d;
 * {@code DSA_PRIV_KEY} x, p, q, g.
 *
 * <p>Malformed or damaged input is a {@link ProtocolException} (RC 4; a wrong passphrase RC 403)
 * whose message reads {@code private key file: ... (expected: ...)}; a caller's mistake (a key we
 * cannot write, no passphrase for an encrypted file) is an IllegalArgumentException.
 */
public final class PrivateKeyFiles {
    public static final int ENCRYPT_DES_ECB = 0;
    public static final int ENCRYPT_NONE = 1;
    public static final int ENCRYPT_DES_CBC = 2;
    public static final int ENCRYPT_PBKDF2_DESEDE_CBC = 3;
    /** What the library (9.x) writes for a new file with a passphrase, and so do we. */
    public static final int ENCRYPT_PBKDF2_AES_CBC = 4;
    /** Far above a 16,384-bit RSA key (about 10 KiB), so garbage is refused before any work. */
    public static final int MAX_FILE_LENGTH = 65_536;

    public static final String RSA_CRT = "RSA_PRIVCRT_KEY";
    public static final String RSA = "RSA_PRIV_KEY";
    public static final String DSA = "DSA_PRIV_KEY";

    /** Key octets that still fit {@link #MAX_FILE_LENGTH} with the encryption header and padding. */
    private static final int MAX_KEY_OCTETS = MAX_FILE_LENGTH - 128;
    private static final int MAX_INTEGER = 16_384;
    private static final int MAX_TYPE_LENGTH = 64;

    private PrivateKeyFiles() {
    }

    /** A whole file: the key octets, encrypted with the library's default when a passphrase is given. */
    public static byte[] write(PrivateKey key, byte[] passphrase, SecureRandom random) {
        byte[] octets = encodeKey(key);
        try {
            return wrap(octets, passphrase, random);
        } finally {
            Arrays.fill(octets, (byte) 0);
        }
    }

    /** The key in a file; {@code passphrase} may be null when {@link #requiresPassphrase} is false. */
    public static PrivateKey read(byte[] file, byte[] passphrase) {
        byte[] octets = unwrap(file, passphrase);
        try {
            return decodeKey(octets);
        } catch (ProtocolException e) {
            if (encryptionType(file) == ENCRYPT_NONE) {
                throw e;
            }
            // About one wrong passphrase in 256 still yields valid padding; what it decrypts to is
            // noise, so say what is likely rather than what the noise looked like.
            throw new ProtocolException(ResponseCodes.AUTHENTICATION_FAILED, "private key file: can't decrypt, "
                    + "the result is not a key (" + e.getMessage() + ") (expected: the passphrase it was written with)");
        } finally {
            Arrays.fill(octets, (byte) 0);
        }
    }

    /** Whether opening the file needs a passphrase (every type but {@link #ENCRYPT_NONE}). */
    public static boolean requiresPassphrase(byte[] file) {
        return encryptionType(file) != ENCRYPT_NONE;
    }

    /** The file's encryption type, 0..4; anything else is refused. */
    public static int encryptionType(byte[] file) {
        checkLength(file);
        int type = Wire.int4(Unpooled.wrappedBuffer(file), "private key file: encryption type");
        if (type < ENCRYPT_DES_ECB || type > ENCRYPT_PBKDF2_AES_CBC) {
            throw ProtocolException.malformed("private key file: encryption type", type,
                    "0..4" + (looksLikeBareKey(file) ? "; these look like key octets without the file's header" : ""));
        }
        return type;
    }

    /**
     * The file around key octets: {@link #ENCRYPT_NONE} when {@code passphrase} is null, else
     * {@link #ENCRYPT_PBKDF2_AES_CBC} (16-octet salt, 10,000 iterations, AES-128-CBC, as the library).
     */
    public static byte[] wrap(byte[] keyOctets, byte[] passphrase, SecureRandom random) {
        if (keyOctets.length == 0 || keyOctets.length > MAX_KEY_OCTETS) {
            throw new IllegalArgumentException("key octets: " + keyOctets.length + " (expected: 1.." + MAX_KEY_OCTETS + ")");
        }
        ByteBuf out = Unpooled.buffer(keyOctets.length + 80);
        if (passphrase == null) {
            out.writeInt(ENCRYPT_NONE);
            out.writeBytes(keyOctets);
        } else {
            if (passphrase.length == 0) {
                throw new IllegalArgumentException("passphrase: empty (expected: a passphrase, or null for none)");
            }
            out.writeInt(ENCRYPT_PBKDF2_AES_CBC);
            KeyFileCiphers.writeAes(out, keyOctets, passphrase, random);
        }
        return Bytes.toArray(out);
    }

    /** The key octets in a file. */
    public static byte[] unwrap(byte[] file, byte[] passphrase) {
        int type = encryptionType(file);
        ByteBuf in = Unpooled.wrappedBuffer(file);
        in.skipBytes(4);
        if (type == ENCRYPT_NONE) {
            return Bytes.toArray(in);
        }
        if (passphrase == null) {
            throw new IllegalArgumentException("private key file: encrypted, type " + type + " (expected: a passphrase)");
        }
        return KeyFileCiphers.read(type, in, passphrase);
    }

    /** The library's key octets ({@code Util.getBytesFromPrivateKey}): RSA with or without CRT, or DSA. */
    public static byte[] encodeKey(PrivateKey key) {
        ByteBuf out = Unpooled.buffer(2048);
        if (key instanceof RSAPrivateCrtKey k && k.getPublicExponent().signum() > 0) {
            Wire.writeString(out, RSA_CRT);
            for (BigInteger v : new BigInteger[] {k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                    k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()}) {
                Wire.writeBytes(out, v.toByteArray());
            }
        } else if (key instanceof RSAPrivateKey k) {
            Wire.writeString(out, RSA);
            Wire.writeBytes(out, k.getModulus().toByteArray());
            Wire.writeBytes(out, k.getPrivateExponent().toByteArray());
        } else if (key instanceof DSAPrivateKey k) {
            DSAParams p = k.getParams();
            Wire.writeString(out, DSA);
            for (BigInteger v : new BigInteger[] {k.getX(), p.getP(), p.getQ(), p.getG()}) {
                Wire.writeBytes(out, v.toByteArray());
            }
        } else {
            out.release();
            throw new IllegalArgumentException("private key: " + (key == null ? "none" : key.getAlgorithm())
                    + " (expected: RSA or DSA)");
        }
        return Bytes.toArray(out);
    }

    /** Key octets to a JCA key; the integers must be positive and an RSA CRT key consistent (p·q = n). */
    public static PrivateKey decodeKey(byte[] keyOctets) {
        checkLength(keyOctets);
        ByteBuf in = Unpooled.wrappedBuffer(keyOctets);
        String type = Wire.string(in, "private key file: key type", MAX_TYPE_LENGTH, ResponseCodes.PROTOCOL_ERROR);
        PrivateKey key = switch (type) {
            case RSA_CRT -> {
                BigInteger n = integer(in, "RSA n");
                BigInteger e = integer(in, "RSA e");
                BigInteger d = integer(in, "RSA d");
                BigInteger p = integer(in, "RSA p");
                BigInteger q = integer(in, "RSA q");
                RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(n, e, d, p, q, integer(in, "RSA dP"),
                        integer(in, "RSA dQ"), integer(in, "RSA qInv"));
                if (!p.multiply(q).equals(n)) {
                    throw ProtocolException.malformed("private key file: RSA p, q and n disagree (expected: p·q = n)");
                }
                yield generate("RSA", spec);
            }
            case RSA -> generate("RSA", new RSAPrivateKeySpec(integer(in, "RSA n"), integer(in, "RSA d")));
            case DSA -> {
                BigInteger x = integer(in, "DSA x");
                BigInteger p = integer(in, "DSA p");
                BigInteger q = integer(in, "DSA q");
                BigInteger g = integer(in, "DSA g");
                // Cheap checks that catch a damaged key before it signs something nobody can verify.
                if (x.compareTo(q) >= 0 || g.compareTo(p) >= 0 || g.equals(BigInteger.ONE)
                        || p.subtract(BigInteger.ONE).mod(q).signum() != 0) {
                    throw ProtocolException.malformed("private key file: DSA x, p, q and g disagree"
                            + " (expected: x < q, q divides p - 1, 1 < g < p)");
                }
                yield generate("DSA", new DSAPrivateKeySpec(x, p, q, g));
            }
            default -> throw ProtocolException.malformed("private key file: key type \"" + printable(type)
                    + "\" (expected: " + RSA_CRT + ", " + RSA + " or " + DSA + ")");
        };
        if (in.isReadable()) {
            throw ProtocolException.malformed("private key file: octets after the " + type, in.readableBytes(), "0");
        }
        return key;
    }

    private static BigInteger integer(ByteBuf in, String field) {
        byte[] b = Wire.bytes(in, "private key file: " + field, MAX_INTEGER);
        BigInteger v = b.length == 0 ? BigInteger.ZERO : new BigInteger(b);
        if (v.signum() <= 0) {
            String what = b.length == 0 ? "empty" : v.signum() == 0 ? "zero" : "negative";
            throw ProtocolException.malformed("private key file: " + field + ": " + what + " (expected: a positive integer)");
        }
        return v;
    }

    private static PrivateKey generate(String algorithm, KeySpec spec) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw ProtocolException.malformed("private key file: " + algorithm + " key refused: " + e.getMessage()
                    + " (expected: a usable " + algorithm + " key)");
        }
    }

    private static void checkLength(byte[] octets) {
        if (octets.length > MAX_FILE_LENGTH) {
            throw ProtocolException.malformed("private key file: length", octets.length, "at most " + MAX_FILE_LENGTH);
        }
    }

    /** A key type string starts where a file's encryption type would: its length, 12 or 15. */
    private static boolean looksLikeBareKey(byte[] file) {
        ByteBuf in = Unpooled.wrappedBuffer(file);
        int n = in.readInt();
        if (n != DSA.length() && n != RSA.length() && n != RSA_CRT.length() || in.readableBytes() < n) {
            return false;
        }
        String type = in.toString(4, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        return type.equals(DSA) || type.equals(RSA) || type.equals(RSA_CRT);
    }

    /** A type string from a damaged file, safe to print: at most 32 characters, controls as '?'. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 32; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return s.length() > 32 ? b + "..." : b.toString();
    }
}
