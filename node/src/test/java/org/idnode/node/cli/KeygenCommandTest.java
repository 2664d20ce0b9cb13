package org.idnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.stream.Stream;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.auth.KeyPem;
import org.idnode.protocol.auth.PrivateKeyFiles;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.json.ValueJsonReader;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idnode keygen} end to end: the files, their permissions, and the refusals. */
class KeygenCommandTest {
    private static final List<String> FILES = List.of("admpriv.bin", "admpriv.pem", "admpub.bin", "admpub.pem",
            "admpub.jwk.json");

    @TempDir
    Path dir;

    private Path keys() {
        return dir.resolve("keys");
    }

    private Cli.Result keygen(String... args) {
        String[] all = Stream.concat(Stream.of("keygen", "--out", keys().toString()), Stream.of(args))
                .toArray(String[]::new);
        return Cli.run(all);
    }

    private Path passphraseFile(String content) throws Exception {
        Path f = dir.resolve("pass-" + System.nanoTime());
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void writesTheFiveFilesIntoANewDirectory() {
        Cli.Result r = keygen("--no-passphrase");
        assertEquals(0, r.exit(), r.toString());
        for (String name : FILES) {
            assertTrue(Files.isRegularFile(keys().resolve(name)), name);
        }
    }

    @Test
    void privateFilesAreOwnerOnlyAndPublicFilesWorldReadable() throws Exception {
        assumeTrue(KeyFileWriter.posix(dir), "a POSIX file system");
        Cli.Result r = keygen("--no-passphrase");
        assertEquals(0, r.exit(), r.toString());
        for (String name : FILES) {
            String expected = name.startsWith("admpriv") ? "rw-------" : "rw-r--r--";
            assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(keys().resolve(name))),
                    name);
        }
    }

    @Test
    void printsEveryPathAndTheSha256OfAdmpubBinAsTheFingerprint() throws Exception {
        Cli.Result r = keygen("--no-passphrase");
        assertEquals(0, r.exit(), r.toString());
        for (String name : FILES) {
            assertTrue(r.out().contains(keys().resolve(name).toString()), r.out());
        }
        String fingerprint = KeygenCommand.fingerprint(Files.readAllBytes(keys().resolve("admpub.bin")));
        assertEquals(64, fingerprint.length());
        assertTrue(r.out().contains("fingerprint (SHA-256 of admpub.bin): " + fingerprint + "\n"), r.out());
    }

    @Test
    void withoutPassphraseThePrivateFilesAreUnencryptedAndHoldTheKeyOfThePublicFiles() throws Exception {
        assertEquals(0, keygen("--no-passphrase").exit());
        byte[] bin = Files.readAllBytes(keys().resolve("admpriv.bin"));
        assertFalse(PrivateKeyFiles.requiresPassphrase(bin));
        PrivateKey fromBin = PrivateKeyFiles.read(bin, null);
        PrivateKey fromPem = KeyPem.readPrivateKey(Files.readString(keys().resolve("admpriv.pem")));
        assertEquals(fromBin, fromPem);
        PublicKey pub = PublicKeys.decode(Files.readAllBytes(keys().resolve("admpub.bin")));
        assertEquals(pub, KeyPem.readPublicKey(Files.readString(keys().resolve("admpub.pem"))));
        RSAPublicKey rsa = (RSAPublicKey) pub;
        assertEquals(2048, rsa.getModulus().bitLength());
    }

    @Test
    void withAPassphraseFileBothPrivateFilesAreEncryptedWithItsFirstLine() throws Exception {
        Path pass = passphraseFile("pässwörd €\r\nignored second line\n");
        Cli.Result r = keygen("--passphrase-file", pass.toString());
        assertEquals(0, r.exit(), r.toString());
        byte[] bin = Files.readAllBytes(keys().resolve("admpriv.bin"));
        assertTrue(PrivateKeyFiles.requiresPassphrase(bin));
        PrivateKey key = PrivateKeyFiles.read(bin, "pässwörd €".getBytes(StandardCharsets.UTF_8));
        String pem = Files.readString(keys().resolve("admpriv.pem"));
        assertTrue(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), pem);
        assertFalse(pem.contains("-----BEGIN PRIVATE KEY-----"));
        assertEquals(PublicKeys.decode(Files.readAllBytes(keys().resolve("admpub.bin"))).getAlgorithm(), key.getAlgorithm());
    }

    @Test
    void makesADsaKeyOfTheGivenSize() throws Exception {
        Cli.Result r = keygen("--algorithm", "dsa", "--bits", "2048", "--no-passphrase");
        assertEquals(0, r.exit(), r.toString());
        DSAPublicKey pub = (DSAPublicKey) PublicKeys.decode(Files.readAllBytes(keys().resolve("admpub.bin")));
        assertEquals(2048, pub.getParams().getP().bitLength());
        assertEquals("DSA", PrivateKeyFiles.read(Files.readAllBytes(keys().resolve("admpriv.bin")), null).getAlgorithm());
    }

    @Test
    void theJwkFileIsAKeyValueThatReadsBackToTheOctetsOfAdmpubBin() throws Exception {
        assertEquals(0, keygen("--no-passphrase").exit());
        String jwk = Files.readString(keys().resolve("admpub.jwk.json"));
        assertTrue(jwk.startsWith("{\"kty\":\"RSA\",\"n\":\""), jwk);
        assertEquals(1, jwk.lines().count(), "one line, to go into an import line");
        HandleValue v = ValueJsonReader.readValue("{\"index\":300,\"type\":\"HS_PUBKEY\",\"data\":{\"format\":\"key\","
                + "\"value\":" + jwk + "}}");
        assertArrayEquals(Files.readAllBytes(keys().resolve("admpub.bin")), v.data());
    }

    @Test
    void anImportLineMadeFromTheJwkFileStoresTheOctetsOfAdmpubBinAsTheAdminsKey() throws Exception {
        assertEquals(0, keygen("--no-passphrase").exit());
        String jwk = Files.readString(keys().resolve("admpub.jwk.json")).strip();
        // The line node/README.md shows an operator.
        Path line = dir.resolve("admin.jsonl");
        Files.writeString(line, "{\"handle\":\"88.118.8/ADMIN\",\"values\":[{\"index\":300,\"type\":\"HS_PUBKEY\","
                + "\"data\":{\"format\":\"key\",\"value\":" + jwk + "}}]}\n");
        Path data = dir.resolve("data");
        Cli.Result r = Cli.run("import", "--quiet", "--create", "--data-dir", data.toString(), line.toString());
        assertEquals(0, r.exit(), r.toString());
        try (RocksHandleStore store = RocksHandleStore.open(data.resolve("db"), 8 << 20)) {
            HandleValue key = StoredRecord.decode(store.get(new HandleKeys(false).key("88.118.8/ADMIN"))).get(0);
            assertEquals("HS_PUBKEY", key.type());
            assertArrayEquals(Files.readAllBytes(keys().resolve("admpub.bin")), key.data());
        }
    }

    @Test
    void refusesToOverwriteKeyFilesWithoutForceAndLeavesThemAlone() throws Exception {
        assertEquals(0, keygen("--no-passphrase").exit());
        byte[] before = Files.readAllBytes(keys().resolve("admpriv.bin"));
        Cli.Result r = keygen("--no-passphrase");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("admpriv.bin") && r.err().contains("--force"), r.err());
        assertArrayEquals(before, Files.readAllBytes(keys().resolve("admpriv.bin")));
    }

    @Test
    void refusesWhenEvenOneOfTheFilesIsThere() throws Exception {
        Files.createDirectories(keys());
        Files.writeString(keys().resolve("admpub.pem"), "someone else's key");
        Cli.Result r = keygen("--no-passphrase");
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("admpub.pem exists"), r.err());
        assertFalse(Files.exists(keys().resolve("admpriv.bin")));
    }

    @Test
    void replacesTheFilesWithForce() throws Exception {
        assertEquals(0, keygen("--no-passphrase").exit());
        byte[] before = Files.readAllBytes(keys().resolve("admpub.bin"));
        Cli.Result r = keygen("--no-passphrase", "--force");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(java.util.Arrays.equals(before, Files.readAllBytes(keys().resolve("admpub.bin"))));
        try (Stream<Path> left = Files.list(keys())) {
            assertEquals(FILES.size(), left.count(), "no temporary files left behind");
        }
    }

    @Test
    void badFlagsExitWith2AndWriteNothing() throws Exception {
        Path pass = passphraseFile("secret\n");
        List<List<String>> bad = List.of(
                List.of("--algorithm", "EC", "--no-passphrase"),
                List.of("--bits", "1024", "--no-passphrase"),
                List.of("--bits", "2050", "--no-passphrase"),
                List.of("--algorithm", "DSA", "--bits", "4096", "--no-passphrase"),
                List.of("--bits", "many", "--no-passphrase"),
                List.of("--passphrase-file", pass.toString(), "--no-passphrase"),
                List.of("--no-passphrase", "--unknown"));
        for (List<String> args : bad) {
            Cli.Result r = keygen(args.toArray(String[]::new));
            assertEquals(2, r.exit(), args + ": " + r);
            assertFalse(r.err().isEmpty(), args.toString());
        }
        assertEquals(2, Cli.run("keygen", "--no-passphrase").exit(), "--out is required");
        assertFalse(Files.exists(keys()));
    }

    @Test
    void anEmptyMissingOrNonUtf8PassphraseFileExitsWith2() throws Exception {
        Path nonUtf8 = dir.resolve("latin1");
        Files.write(nonUtf8, new byte[] {'p', (byte) 0xE4, 's', 's', '\n'});
        for (Path f : List.of(passphraseFile("\nsecond line"), dir.resolve("missing"), nonUtf8)) {
            Cli.Result r = keygen("--passphrase-file", f.toString());
            assertEquals(2, r.exit(), f + ": " + r);
            assertTrue(r.err().contains("--passphrase-file"), r.err());
        }
        assertFalse(Files.exists(keys()));
    }

    @Test
    void withoutATerminalOrAPassphraseOptionItExitsWith2NamingBothOptions() {
        assumeTrue(System.console() == null, "no terminal (as under Maven)");
        Cli.Result r = keygen();
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("--passphrase-file FILE or --no-passphrase"), r.err());
    }
}
