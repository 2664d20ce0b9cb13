package org.idnode.node.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import org.idnode.protocol.auth.KeyPem;
import org.idnode.protocol.auth.PrivateKeyFiles;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.codec.PublicKeyCodec;
import org.idnode.protocol.json.KeyJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code idnode keygen}: an administrator's key pair, in the official library's files and in PEM and JSON. */
@Command(name = "keygen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Make a key pair for a Handle administrator. Writes into DIR:",
                "  admpriv.bin      private key, the official Handle library's format",
                "  admpriv.pem      private key, PKCS#8 PEM",
                "  admpub.bin       public key: the HS_PUBKEY value octets",
                "  admpub.pem       public key, X.509 PEM",
                "  admpub.jwk.json  public key: REST \"key\" data for an HS_PUBKEY value",
                "The private files are owner-only (0600) and encrypted with the passphrase,",
                "if there is one; without --passphrase-file or --no-passphrase it is asked",
                "for on the terminal.",
                "Exit status: 0 written, 1 could not write, 2 bad usage or key files in the way."})
final class KeygenCommand implements Callable<Integer> {
    static final String PRIVATE_BIN = "admpriv.bin";
    static final String PRIVATE_PEM = "admpriv.pem";
    static final String PUBLIC_BIN = "admpub.bin";
    static final String PUBLIC_PEM = "admpub.pem";
    static final String PUBLIC_JWK = "admpub.jwk.json";
    /** A passphrase file is one line of text; more than this is not a passphrase file. */
    private static final int MAX_PASSPHRASE_FILE = 4096;

    enum Algorithm { RSA, DSA }

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the files (created if missing).")
    Path out;

    @Option(names = "--algorithm", defaultValue = "RSA", paramLabel = "RSA|DSA", description = "Key algorithm (default: RSA).")
    Algorithm algorithm;

    @Option(names = "--bits", defaultValue = "2048", paramLabel = "BITS",
            description = "Key size: RSA 2048..8192 (a multiple of 8), DSA 2048 or 3072 (default: ${DEFAULT-VALUE}).")
    int bits;

    @ArgGroup(exclusive = true)
    Protection protection;

    static final class Protection {
        @Option(names = "--passphrase-file", paramLabel = "FILE",
                description = "Encrypt the private key with the passphrase on the first line of FILE (UTF-8).")
        Path passphraseFile;

        @Option(names = "--no-passphrase", description = "Leave the private key unencrypted.")
        boolean none;
    }

    @Option(names = "--force", description = "Replace key files already in DIR.")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String sizes = algorithm == Algorithm.RSA ? "2048..8192, a multiple of 8" : "2048 or 3072";
        boolean sizeOk = algorithm == Algorithm.RSA ? bits >= 2048 && bits <= 8192 && bits % 8 == 0
                : bits == 2048 || bits == 3072;
        if (!sizeOk) {
            return usage("--bits " + bits + " (expected for " + algorithm + ": " + sizes + ")");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return usage("--out " + out + ": not a directory (expected: a directory for the key files)");
        }
        List<Path> inTheWay = new ArrayList<>();
        for (String name : List.of(PRIVATE_BIN, PRIVATE_PEM, PUBLIC_BIN, PUBLIC_PEM, PUBLIC_JWK)) {
            if (Files.exists(out.resolve(name))) {
                inTheWay.add(out.resolve(name));
            }
        }
        if (!inTheWay.isEmpty() && !force) {
            String names = String.join(", ", inTheWay.stream().map(Path::toString).toList());
            return usage(names + (inTheWay.size() == 1 ? " exists" : " exist"),
                    "(expected: a directory without key files, or --force to replace them)");
        }
        String passphrase;
        try {
            passphrase = passphrase();
        } catch (UsageException e) {
            return usage(e.getMessage());
        }

        SecureRandom random = new SecureRandom();
        KeyPair pair;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.name());
            g.initialize(bits, random);
            pair = g.generateKeyPair();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            err.println("idnode keygen: " + algorithm + " " + bits + ": " + e.getMessage());
            return 1;
        }
        byte[] pass = passphrase == null ? null : passphrase.getBytes(StandardCharsets.UTF_8);
        byte[] publicBin = PublicKeys.encode(pair.getPublic());
        byte[] privateBin = PrivateKeyFiles.write(pair.getPrivate(), pass, random);
        String privatePem = passphrase == null ? KeyPem.privateKey(pair.getPrivate())
                : KeyPem.encryptedPrivateKey(pair.getPrivate(), passphrase, random);
        if (pass != null) {
            Arrays.fill(pass, (byte) 0);
        }
        try {
            Files.createDirectories(out);
            KeyFileWriter.write(out.resolve(PRIVATE_BIN), privateBin, true);
            KeyFileWriter.write(out.resolve(PRIVATE_PEM), privatePem.getBytes(StandardCharsets.US_ASCII), true);
            KeyFileWriter.write(out.resolve(PUBLIC_BIN), publicBin, false);
            KeyFileWriter.write(out.resolve(PUBLIC_PEM), KeyPem.publicKey(pair.getPublic())
                    .getBytes(StandardCharsets.US_ASCII), false);
            String jwk = KeyJson.toJson(PublicKeyCodec.decode(publicBin)) + "\n";
            KeyFileWriter.write(out.resolve(PUBLIC_JWK), jwk.getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            err.println("idnode keygen: " + out + ": " + e);
            return 1;
        }
        report(passphrase != null, publicBin);
        if (passphrase == null) {
            err.println("idnode keygen: the private key is not encrypted: keep admpriv.bin and admpriv.pem where "
                    + "only you can read them");
        }
        return 0;
    }

    private void report(boolean encrypted, byte[] publicBin) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf("idnode keygen: %s %d-bit key pair, private key %s%n", algorithm, bits,
                encrypted ? "encrypted with the passphrase" : "NOT encrypted");
        String privateNote = encrypted ? " (encrypted)" : "";
        o.printf("  %-40s private key, official Handle library format%s%n", out.resolve(PRIVATE_BIN), privateNote);
        o.printf("  %-40s private key, PKCS#8 PEM%s%n", out.resolve(PRIVATE_PEM), privateNote);
        o.printf("  %-40s public key, HS_PUBKEY value octets%n", out.resolve(PUBLIC_BIN));
        o.printf("  %-40s public key, X.509 PEM%n", out.resolve(PUBLIC_PEM));
        o.printf("  %-40s public key, REST \"key\" form for an HS_PUBKEY value%n", out.resolve(PUBLIC_JWK));
        o.printf("fingerprint (SHA-256 of %s): %s%n", PUBLIC_BIN, fingerprint(publicBin));
        o.flush();
    }

    static String fingerprint(byte[] publicBin) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicBin));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The passphrase text, or null for none. */
    private String passphrase() throws UsageException {
        if (protection != null && protection.none) {
            return null;
        }
        if (protection != null) {
            return passphraseFromFile(protection.passphraseFile);
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageException("no terminal to ask for a passphrase (expected: --passphrase-file FILE or --no-passphrase)");
        }
        char[] first = console.readPassword("Passphrase for the private key: ");
        char[] second = first == null ? null : console.readPassword("The same passphrase again: ");
        try {
            if (first == null || first.length == 0) {
                throw new UsageException("empty passphrase (expected: a passphrase, or --no-passphrase)");
            }
            if (!Arrays.equals(first, second)) {
                throw new UsageException("the two passphrases differ");
            }
            return new String(first);
        } finally {
            Arrays.fill(first == null ? new char[0] : first, '\0');
            Arrays.fill(second == null ? new char[0] : second, '\0');
        }
    }

    /** The first line of the file, its line end dropped (a file made with {@code echo} ends with one). */
    private static String passphraseFromFile(Path file) throws UsageException {
        byte[] b;
        try (InputStream in = Files.newInputStream(file)) {
            b = in.readNBytes(MAX_PASSPHRASE_FILE + 1);
        } catch (IOException e) {
            throw new UsageException("--passphrase-file " + file + ": " + e);
        }
        if (b.length > MAX_PASSPHRASE_FILE) {
            throw new UsageException("--passphrase-file " + file + ": longer than " + MAX_PASSPHRASE_FILE
                    + " octets (expected: one line, the passphrase)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException("--passphrase-file " + file + ": not UTF-8 text (expected: the passphrase as UTF-8)");
        } finally {
            Arrays.fill(b, (byte) 0);
        }
        int end = text.indexOf('\n');
        String line = end < 0 ? text : text.substring(0, end);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        if (line.isEmpty()) {
            throw new UsageException("--passphrase-file " + file + ": empty first line (expected: the passphrase)");
        }
        return line;
    }

    private int usage(String... message) {
        spec.commandLine().getErr().println("idnode keygen: " + String.join(" ", message));
        return 2;
    }

    /** A problem with what the user gave, reported as exit 2. */
    private static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
