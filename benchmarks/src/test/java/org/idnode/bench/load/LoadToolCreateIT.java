package org.idnode.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.idnode.node.Node;
import org.idnode.node.config.AuthSettings;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.storage.StoreChange;
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
 * The tool creating handles on a real node: in sessions (pipelined) and one-shot (a challenge per
 * create), with the node's adminKeyFile identity {@code 300:0.NA/88.118.8} from an admpriv.bin and
 * with a secret-key identity, and a mix of creates and reads of {@code idnode gen} records.
 */
class LoadToolCreateIT {
    private static final String PREFIX = "88.118.8";
    private static final String PREFIX_HANDLE = "0.NA/" + PREFIX;
    private static final int RECORDS = 100;

    @TempDir
    static Path dir;
    private static Node node;
    private static Path privateKey;
    private static Path secret;

    @BeforeAll
    static void startNode() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair admin = gen.generateKeyPair();
        Path publicKey = Files.write(dir.resolve("admpub.bin"), PublicKeys.encode(admin.getPublic()));
        privateKey = Files.write(dir.resolve("admpriv.bin"), PrivateKeyFiles.write(admin.getPrivate(), null, new SecureRandom()));
        secret = Files.writeString(dir.resolve("secret.txt"), "s3cret-for-tests\n");
        node = Node.start(NodeConfig.defaults().withDataDir(dir.resolve("node")).withPorts(0, 0).withAdminPort(0)
                .withPrefixes(List.of(PREFIX))
                .withAuth(AuthSettings.defaults().withAdminKeyFile(publicKey).withServerAdmins(List.of("300:" + PREFIX_HANDLE))));
        // 301:88.118.8/ADMIN holds a secret and may create through a group the prefix handle's HS_ADMIN names.
        List<HandleValue> prefixValues = new ArrayList<>(StoredRecord.decode(node.store().get(node.keys().key(PREFIX_HANDLE))));
        prefixValues.add(HandleValue.of(200, "HS_VLIST", ValueListCodec.encode(new ValueList(List.of(new ValueReference(PREFIX + "/ADMIN", 301))))));
        prefixValues.add(HandleValue.of(101, "HS_ADMIN", AdminRecordCodec.encode(new AdminRecord(AdminRecord.ADD_HANDLE, PREFIX_HANDLE, 200))));
        put(PREFIX_HANDLE, prefixValues);
        put(PREFIX + "/ADMIN", List.of(HandleValue.of(301, "HS_SECKEY", "s3cret-for-tests".getBytes(StandardCharsets.UTF_8))));
        KeySpace keys = KeySpace.generated(PREFIX, 1, RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            put(keys.handle(i), CannedReplies.values(i));
        }
    }

    private static void put(String handle, List<HandleValue> values) {
        node.store().apply(StoreChange.put(node.keys().key(handle), StoredRecord.encode(values)));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static ToolRun run(String... args) throws IOException {
        String[] common = {"--port", String.valueOf(node.tcpAddress().getPort()), "--prefix", PREFIX,
                "--warmup", "0s", "--timeout", "5s", "--threads", "1", "--max-error-ratio", "0"};
        String[] all = new String[common.length + args.length];
        System.arraycopy(common, 0, all, 0, common.length);
        System.arraycopy(args, 0, all, common.length, args.length);
        return ToolRun.of(dir, all);
    }

    /** The values of the first handle the run created, read from the store. */
    private static List<HandleValue> firstCreated(ToolRun r) {
        String names = r.json().path("workload").path("describe").asText();
        int at = names.indexOf(PREFIX + "/LOAD-");
        String first = names.substring(at, names.indexOf("-N", at)) + "-1";
        byte[] stored = node.store().get(node.keys().key(first));
        assertNotNull(stored, () -> first + " is not in the store\n" + r);
        return StoredRecord.decode(stored);
    }

    private static void assertCreatedWithoutErrors(ToolRun r) {
        assertEquals(0, r.exit(), r::toString);
        assertEquals(0, r.json().path("errors").asLong(), r::toString);
        assertTrue(r.json().path("creates").path("ok").asLong() > 0, r::toString);
        assertTrue(r.json().path("creates").path("latencyMicros").path("p99").asDouble() > 0, r::toString);
        assertTrue(r.out().contains("creates/s"), r::toString);
    }

    @Test
    void pipelinedCreatesInSessionsStoreRecordsOfFourValuesWithoutErrors() throws IOException {
        ToolRun r = run("-t", "tcp", "--workload", "create", "--connections", "2", "--in-flight", "8", "--duration", "2s",
                "--auth-id", "300:" + PREFIX_HANDLE, "--auth-key", privateKey.toString());
        assertCreatedWithoutErrors(r);
        List<HandleValue> values = firstCreated(r);
        assertEquals(List.of("URL", "DESC", "JSON", "HS_ADMIN"), values.stream().map(HandleValue::type).toList());
        assertTrue(values.get(2).dataLength() >= 250, () -> values.get(2).dataAsText());
    }

    @Test
    void oneShotCreatesAnsweringAChallengeEachSucceedWithoutErrors() throws IOException {
        ToolRun r = run("-t", "tcp-oneshot", "--workload", "create", "--connections", "2", "--duration", "2s",
                "--auth-id", "300:" + PREFIX_HANDLE, "--auth-key", privateKey.toString());
        assertCreatedWithoutErrors(r);
        assertEquals(4, firstCreated(r).size());
    }

    @Test
    void aSecretKeyIdentityCreatesInASession() throws IOException {
        ToolRun r = run("-t", "tcp", "--workload", "create", "--connections", "1", "--in-flight", "4", "--duration", "1s",
                "--auth-id", "301:" + PREFIX + "/ADMIN", "--auth-secret-file", secret.toString());
        assertCreatedWithoutErrors(r);
    }

    @Test
    void aMixReadsGeneratedRecordsAndCreatesInTheSameSessions() throws IOException {
        ToolRun r = run("-t", "tcp", "--workload", "mix", "--write-ratio", "0.3", "--count", String.valueOf(RECORDS),
                "--expect-values", "2", "--connections", "2", "--in-flight", "8", "--duration", "2s",
                "--auth-id", "300:" + PREFIX_HANDLE, "--auth-key", privateKey.toString());
        assertCreatedWithoutErrors(r);
        long creates = r.json().path("creates").path("ok").asLong();
        long all = r.json().path("ok").asLong();
        assertTrue(creates < all, r::toString); // reads were answered too
    }

    @Test
    void createsWithoutAnIdentityAreAUsageError() throws IOException {
        ToolRun r = run("-t", "tcp", "--workload", "create", "--duration", "1s");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("--auth-id"), r::toString);
    }
}
