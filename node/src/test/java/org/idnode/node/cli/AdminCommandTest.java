package org.idnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.config.AuthSettings;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.auth.PrivateKeyFiles;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code idnode admin} against a running node: each command as the node's prefix administrator
 * {@code 300:0.NA/88.118.8} (an encrypted admpriv.bin), and as a secret-key identity that may create
 * but is no server administrator; exit statuses and the RC names of refusals.
 */
class AdminCommandTest {
    static final String PREFIX = "88.118.8";
    static final String PREFIX_HANDLE = "0.NA/" + PREFIX;

    @TempDir
    static Path dir;
    static Node node;
    static Path key;
    static Path passphrase;
    static Path secret;

    @BeforeAll
    static void startNode() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair admin = gen.generateKeyPair();
        Path pub = Files.write(dir.resolve("admpub.bin"), PublicKeys.encode(admin.getPublic()));
        key = Files.write(dir.resolve("admpriv.bin"), PrivateKeyFiles.write(admin.getPrivate(),
                "correct horse".getBytes(StandardCharsets.UTF_8), new SecureRandom()));
        passphrase = Files.writeString(dir.resolve("pass.txt"), "correct horse\n");
        secret = Files.writeString(dir.resolve("secret.txt"), "s3cret-for-tests\n");
        node = Node.start(TestNodes.config(dir.resolve("node"), PREFIX)
                .withAuth(AuthSettings.defaults().withAdminKeyFile(pub).withServerAdmins(List.of("300:" + PREFIX_HANDLE))));
        List<HandleValue> prefixValues = new ArrayList<>(StoredRecord.decode(node.store().get(node.keys().key(PREFIX_HANDLE))));
        prefixValues.add(HandleValue.of(200, "HS_VLIST", ValueListCodec.encode(new ValueList(List.of(new ValueReference(PREFIX + "/ADMIN", 301))))));
        prefixValues.add(HandleValue.of(101, "HS_ADMIN", AdminRecordCodec.encode(new AdminRecord(AdminRecord.ADD_HANDLE, PREFIX_HANDLE, 200))));
        TestNodes.put(node, PREFIX_HANDLE, prefixValues);
        TestNodes.put(node, PREFIX + "/ADMIN", List.of(HandleValue.of(301, "HS_SECKEY", "s3cret-for-tests".getBytes(StandardCharsets.UTF_8))));
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    static String[] join(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static String server() {
        return "127.0.0.1:" + node.tcpAddress().getPort();
    }

    /** {@code idnode admin COMMAND ARGS...} as the prefix administrator. */
    static Cli.Result admin(String command, String... args) {
        return Cli.run(join(new String[] {"admin", command}, join(args, "--server", server(), "--id", "300:" + PREFIX_HANDLE,
                "--key", key.toString(), "--passphrase-file", passphrase.toString())));
    }

    /** As the secret-key identity 301:88.118.8/ADMIN. */
    static Cli.Result asSecretKey(String command, String... args) {
        return Cli.run(join(new String[] {"admin", command}, join(args, "--server", server(), "--id", "301:" + PREFIX + "/ADMIN",
                "--secret-file", secret.toString())));
    }

    static void assertDone(Cli.Result r) {
        assertEquals(0, r.exit(), r::toString);
    }

    @Test
    void createWithAdminStoresTheValuesAndAnHsAdminForTheIdentityAndGetPrintsThem() {
        Cli.Result created = admin("create", PREFIX + "/CLI-1", "--value", "1:URL:https://factory.example.com/pump/1", "--admin");
        assertDone(created);
        assertEquals("created " + PREFIX + "/CLI-1 (2 values)\n", created.out());

        Cli.Result got = admin("get", PREFIX + "/CLI-1");
        assertDone(got);
        assertTrue(got.out().startsWith(PREFIX + "/CLI-1: 2 values"), got::toString);
        assertTrue(got.out().contains("https://factory.example.com/pump/1"), got::toString);
        assertTrue(got.out().contains("HS_ADMIN"), got::toString);
        assertTrue(got.out().lines().anyMatch(l -> l.trim().startsWith("100 ")), got::toString);
    }

    @Test
    void addModifyAndRemoveChangeTheValuesOfAHandle() {
        assertDone(admin("create", PREFIX + "/CLI-2", "--value", "1:URL:https://a.example/", "--admin"));

        assertEquals("added 1 value to " + PREFIX + "/CLI-2\n", admin("add", PREFIX + "/CLI-2", "--value", "2:DESC:Pump").out());
        assertEquals("modified 1 value of " + PREFIX + "/CLI-2\n",
                admin("modify", PREFIX + "/CLI-2", "--value", "1:URL:https://b.example/").out());
        assertEquals("removed 1 value from " + PREFIX + "/CLI-2\n", admin("remove", PREFIX + "/CLI-2", "--index", "2").out());

        String values = admin("get", PREFIX + "/CLI-2").out();
        assertTrue(values.contains("https://b.example/") && !values.contains("https://a.example/") && !values.contains("Pump"), values);
    }

    @Test
    void deleteRemovesTheHandle() {
        assertDone(admin("create", PREFIX + "/CLI-3", "--value", "1:URL:https://a.example/", "--admin"));

        Cli.Result deleted = admin("delete", PREFIX + "/CLI-3");

        assertEquals("deleted " + PREFIX + "/CLI-3\n", deleted.out(), deleted::toString);
        Cli.Result gone = admin("get", PREFIX + "/CLI-3");
        assertEquals(1, gone.exit(), gone::toString);
        assertTrue(gone.err().contains("RC 100 HANDLE_NOT_FOUND"), gone::toString);
    }

    @Test
    void listPrintsEveryHandleUnderThePrefixAcrossContinuedMessages() {
        for (int i = 0; i < 120; i++) {
            TestNodes.put(node, PREFIX + "/LISTED-" + i, List.of(HandleValue.text(1, "URL", "https://a.example/" + i)));
        }

        Cli.Result r = admin("list", PREFIX);

        assertDone(r);
        assertEquals(120, r.out().lines().filter(l -> l.startsWith(PREFIX + "/LISTED-")).count(), r::toString);
    }

    @Test
    void homeListAndUnhomeAPrefix() {
        assertEquals("homed 0.NA/88.118.9\n", admin("home-prefix", "88.118.9").out());
        assertTrue(admin("list-prefixes").out().lines().toList().containsAll(List.of("0.NA/88.118.8", "0.NA/88.118.9")));

        assertEquals("unhomed 0.NA/88.118.9\n", admin("unhome-prefix", "0.NA/88.118.9").out());
        assertFalse(admin("list-prefixes").out().lines().toList().contains("0.NA/88.118.9"));
    }

    @Test
    void aSecretKeyIdentityCreatesAHandle() {
        Cli.Result r = asSecretKey("create", PREFIX + "/CLI-SECKEY", "--value", "1:URL:https://a.example/");
        assertDone(r);
        assertEquals("created " + PREFIX + "/CLI-SECKEY (1 value)\n", r.out());
    }

    @Test
    void aPrefixHomedByAnIdentityThatIsNoServerAdministratorIsRefusedWithExit1AndTheRcName() {
        Cli.Result r = asSecretKey("home-prefix", "88.118.7");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("RC 400 INVALID_ADMIN"), r::toString);
        assertFalse(node.homedPrefixes().contains("88.118.7"));
    }

    @Test
    void aCreateOfAnExistingHandleIsRefusedWithExit1AndTheRcName() {
        assertDone(admin("create", PREFIX + "/CLI-TWICE", "--value", "1:URL:https://a.example/"));
        Cli.Result r = admin("create", PREFIX + "/CLI-TWICE", "--value", "1:URL:https://b.example/");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("RC 101 HANDLE_ALREADY_EXISTS"), r::toString);
    }

    @Test
    void aChallengedRequestWithoutAnIdentityExitsOneSayingWhatToGive() {
        Cli.Result r = Cli.run("admin", "delete", PREFIX + "/CLI-1", "--server", server());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("RC 402 AUTHENTICATION_NEEDED") && r.err().contains("--id"), r::toString);
    }

    @Test
    void aValueThatIsNotIndexTypeTextIsAUsageError() {
        Cli.Result r = admin("create", PREFIX + "/CLI-BAD", "--value", "URL:https://a.example/");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("index:type:text"), r::toString);
    }

    @Test
    void anIdentityWithoutKeyOrSecretIsAUsageError() {
        Cli.Result r = Cli.run("admin", "list-prefixes", "--server", server(), "--id", "300:" + PREFIX_HANDLE);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("--key FILE or --secret-file FILE"), r::toString);
    }

    @Test
    void aNodeThatDoesNotAnswerExitsOne() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Cli.Result r = Cli.run("admin", "list-prefixes", "--server", "127.0.0.1:" + port, "--timeout", "2s");
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("no answer from 127.0.0.1:" + port), r::toString);
    }
}
