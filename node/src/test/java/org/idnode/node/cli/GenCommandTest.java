package org.idnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.idnode.node.importer.ParsedRecord;
import org.idnode.node.importer.ProtocolJsonRecordParser;
import org.idnode.node.importer.SyntheticRecords;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idnode gen}: the synthetic records the load tool and the tests rely on. */
class GenCommandTest {
    @TempDir
    Path dir;

    private List<String> gen(String... args) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime());
        String[] all = new String[args.length + 3];
        all[0] = "gen";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = out.toString();
        Cli.Result r = Cli.run(all);
        assertEquals(0, r.exit(), r.toString());
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSameLinesForTheSameSeedAndOtherTextsForAnotherSeed() throws Exception {
        List<String> a = gen("--prefix", "88.118.8", "--count", "500", "--seed", "42");
        List<String> b = gen("--prefix", "88.118.8", "--count", "500", "--seed", "42");
        List<String> c = gen("--prefix", "88.118.8", "--count", "500", "--seed", "43");
        assertEquals(a, b);
        assertEquals(500, a.size());
        assertNotEquals(a, c);
        assertEquals(a.get(0).substring(0, 40), c.get(0).substring(0, 40), "same handles, other value texts");
    }

    @Test
    void namesRecordsByTheDocumentedPatternFromTheStartNumber() throws Exception {
        List<String> lines = gen("--prefix", "20.500.7", "--count", "3", "--start", "998");
        assertTrue(lines.get(0).startsWith("{\"handle\":\"20.500.7/ID-000000998\",\"values\":[{\"index\":1,\"type\":\"URL\""),
                lines.get(0));
        assertTrue(lines.get(2).startsWith("{\"handle\":\"20.500.7/ID-000001000\""), lines.get(2));
        assertEquals("20.500.7/ID-000001000", SyntheticRecords.handle("20.500.7", 1000));
    }

    @Test
    void linesReadBackToTheValuesSyntheticRecordsComputes() throws Exception {
        List<String> lines = gen("--prefix", "88.118.8", "--count", "300", "--seed", "9");
        ProtocolJsonRecordParser reference = new ProtocolJsonRecordParser();
        for (int n = 1; n <= 300; n++) {
            byte[] line = lines.get(n - 1).getBytes(StandardCharsets.UTF_8);
            ParsedRecord r = reference.parse(line, 0, line.length, 1);
            assertEquals(SyntheticRecords.handle("88.118.8", n), r.handle());
            List<HandleValue> expected = SyntheticRecords.values("88.118.8", n, 9);
            assertEquals(expected, r.values().stream().map(v -> v.withTimestamp(0)).toList(), "record " + n);
        }
    }

    @Test
    void escapesAPrefixThatNeedsItInJsonAndCsv() throws Exception {
        List<String> json = gen("--prefix", "88.x\"y,z", "--count", "1");
        byte[] line = json.get(0).getBytes(StandardCharsets.UTF_8);
        assertEquals("88.x\"y,z/ID-000000001", new ProtocolJsonRecordParser().parse(line, 0, line.length, 1).handle());
        List<String> csv = gen("--prefix", "88.x\"y,z", "--count", "1", "--format", "csv");
        assertTrue(csv.get(0).startsWith("\"88.x\"\"y,z/ID-000000001\",1,URL,"), csv.get(0));
    }

    @Test
    void csvOutputImportsToTheSameRecordsAsJson() throws Exception {
        Path csv = dir.resolve("g.csv");
        assertEquals(0, Cli.run("gen", "--prefix", "88.118.8", "--count", "1000", "--format", "csv", "--seed", "5",
                "--out", csv.toString()).exit());
        Cli.Result r = Cli.run("import", "--quiet", "--create", "--data-dir", dir.resolve("data").toString(), csv.toString());
        assertEquals(0, r.exit(), r.toString());
        HandleKeys keys = new HandleKeys(false);
        try (RocksHandleStore store = RocksHandleStore.open(dir.resolve("data").resolve("db"), 8 << 20)) {
            for (long n : new long[] {1, 500, 1000}) {
                List<HandleValue> v = StoredRecord.decode(store.get(keys.key(SyntheticRecords.handle("88.118.8", n))));
                assertEquals(SyntheticRecords.values("88.118.8", n, 5), v.stream().map(x -> x.withTimestamp(0)).toList());
            }
        }
    }

    @Test
    void writesToStandardOutputByDefault() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Cli.Result r;
        try {
            r = Cli.run("gen", "--prefix", "88.118.8", "--count", "2");
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, r.exit(), r.toString());
        assertEquals(2, captured.toString(StandardCharsets.UTF_8).lines().count());
    }

    @Test
    void refusesABadPrefixAndNumbersBeyondThePattern() {
        assertEquals(2, Cli.run("gen", "--prefix", "88/118", "--count", "1").exit());
        assertEquals(2, Cli.run("gen", "--prefix", "88.118.8", "--count", "2", "--start", "999999999").exit());
        assertEquals(2, Cli.run("gen", "--prefix", "88.118.8", "--count", "-1").exit());
        assertEquals(2, Cli.run("gen", "--count", "1").exit(), "--prefix is required");
    }
}
