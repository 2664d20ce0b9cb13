package org.idnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.idnode.node.Await;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.service.ServerFailures;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StorageException;
import org.idnode.node.storage.StoreChange;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue line 6: a table file damaged in place (same size, 200 KB overwritten). The node starts and
 * serves the sound records; a lookup in the damaged range is RC 2 on every transport (HTTP 500 on
 * REST), counted, logged at most once per window, and never ends the process; {@code idnode check}
 * finds the damage offline.
 */
class CorruptStoreIT {
    static final int RECORDS = 30_000;

    @TempDir
    Path dir;

    static String handle(int i) {
        return String.format("88.118.8/C-%06d", i);
    }

    /** A store of poorly compressible records, compacted into table files, then one of them damaged. */
    void writeAndDamage() throws IOException {
        Random r = new Random(11);
        HandleKeys keys = new HandleKeys(false);
        try (RocksHandleStore store = RocksHandleStore.open(dir.resolve("db"), 8L << 20)) {
            StoreChange.Builder all = StoreChange.builder();
            for (int i = 0; i < RECORDS; i++) {
                byte[] noise = new byte[120];
                r.nextBytes(noise);
                all.put(keys.key(handle(i)), StoredRecord.encode(List.of(HandleValue.text(1, "URL", "https://x/" + i),
                        new HandleValue(2, 0, 0, 86400, 0x0E, "BLOB", noise, List.of()))));
            }
            store.apply(all.build());
            store.compact();
        }
        Path sst;
        try (Stream<Path> files = Files.list(dir.resolve("db"))) {
            sst = files.filter(p -> p.toString().endsWith(".sst")).max(Comparator.comparingLong(CorruptStoreIT::size)).orElseThrow();
        }
        assertTrue(size(sst) > 1 << 20, "a table file large enough to damage: " + size(sst));
        try (RandomAccessFile f = new RandomAccessFile(sst.toFile(), "rw")) {
            long length = f.length();
            byte[] junk = new byte[200_000];
            Arrays.fill(junk, (byte) 0x5A);
            f.seek(length / 3);
            f.write(junk);
            assertEquals(length, f.length(), "same size");
        }
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void checkFindsTheDamageOffline() throws IOException {
        writeAndDamage();
        Cli.Result r = Cli.run("check", "--data-dir", dir.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("is damaged"), r::toString);
    }

    @Test
    void checkSaysASoundStoreIsSound() throws IOException {
        try (RocksHandleStore store = RocksHandleStore.open(dir.resolve("db"), 8L << 20)) {
            store.apply(StoreChange.put(new HandleKeys(false).key(handle(1)), StoredRecord.encode(List.of(HandleValue.text(1, "URL", "u")))));
            store.compact();
        }
        Cli.Result r = Cli.run("check", "--data-dir", dir.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("is sound"), r::toString);
        assertEquals(2, Cli.run("check", "--data-dir", dir.resolve("nothing-here").toString()).exit());
    }

    @Test
    void aDamagedRangeAnswersServerErrorOnEveryTransportAndTheNodeStaysUp() throws Exception {
        writeAndDamage();
        try (Node node = TestNodes.start(dir, "88.118.8")) {
            List<String> damaged = new ArrayList<>();
            String sound = null;
            for (int i = 0; i < RECORDS; i++) {
                try {
                    node.store().get(node.keys().key(handle(i)));
                    sound = sound == null ? handle(i) : sound;
                } catch (StorageException e) {
                    damaged.add(handle(i));
                }
            }
            assertFalse(damaged.isEmpty(), "some records lie in the damaged range");
            String bad = damaged.get(damaged.size() / 2);
            HandleClient client = new HandleClient();
            assertEquals(ResponseCodes.ERROR, client.resolve(Transport.TCP, node.tcpAddress(), bad).header().responseCode());
            assertEquals(ResponseCodes.ERROR, client.resolve(Transport.UDP, node.udpAddress(), bad).header().responseCode());
            assertEquals(ResponseCodes.ERROR, client.resolve(Transport.HTTP, node.httpAddress(), bad).header().responseCode());
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> rest = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + node.httpAddress().getPort() + "/api/handles/" + bad)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(500, rest.statusCode());
            assertTrue(rest.body().contains("\"responseCode\":2"), rest.body());
            assertEquals(4, node.failures().count(ServerFailures.Kind.STORAGE));
            // The sound records are still served.
            assertEquals(ResponseCodes.SUCCESS, client.resolve(Transport.TCP, node.tcpAddress(), sound).header().responseCode());

            // Many storage failures in a short time: not ready, until a window passes without them.
            String ready = "http://127.0.0.1:" + node.adminAddress().getPort() + "/ready";
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(ready)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            for (int i = 0; i < ServerFailures.NOT_READY_THRESHOLD; i++) {
                client.resolve(Transport.TCP, node.tcpAddress(), damaged.get(i % damaged.size()));
            }
            HttpResponse<String> notReady = http.send(HttpRequest.newBuilder(URI.create(ready)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, notReady.statusCode(), notReady.body());
            assertTrue(notReady.body().contains("\"storage\":false"), notReady.body());
            Await.until(Duration.ofSeconds(20), "ready again once the failures stopped", () -> http.send(
                    HttpRequest.newBuilder(URI.create(ready)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        }
    }
}
