package org.idnode.node.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.importer.SyntheticRecords;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code idnode import} against a real RocksDB store in a temporary directory. */
class ImportCommandTest {
    static final String PREFIX = "88.118.8";
    static final HandleKeys KEYS = new HandleKeys(false);

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private Path writeBytes(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Cli.Result importFiles(Path... files) {
        List<String> args = new ArrayList<>(List.of("import", "--quiet", "--create", "--data-dir", dir.resolve("data").toString()));
        for (Path f : files) {
            args.add(f.toString());
        }
        return Cli.run(args.toArray(String[]::new));
    }

    private Cli.Result importWith(List<String> options, Path... files) {
        List<String> args = new ArrayList<>(List.of("import", "--quiet", "--create", "--data-dir", dir.resolve("data").toString()));
        args.addAll(options);
        for (Path f : files) {
            args.add(f.toString());
        }
        return Cli.run(args.toArray(String[]::new));
    }

    /** The stored values of {@code handle}, or null; opens and closes the store like the node would. */
    private List<HandleValue> stored(String handle) {
        try (RocksHandleStore store = RocksHandleStore.open(dir.resolve("data").resolve("db"), 8 << 20)) {
            byte[] r = store.get(KEYS.key(handle));
            return r == null ? null : StoredRecord.decode(r);
        }
    }

    private long storedCount(String prefix) {
        try (RocksHandleStore store = RocksHandleStore.open(dir.resolve("data").resolve("db"), 8 << 20)) {
            return store.scanKeys(KEYS.scanPrefix(prefix), null, 1_000_000).size();
        }
    }

    private static String line(String handle, String valuesJson) {
        return "{\"handle\":\"" + handle + "\",\"values\":[" + valuesJson + "]}\n";
    }

    private static String url(int index, String text) {
        return "{\"index\":" + index + ",\"type\":\"URL\",\"data\":{\"format\":\"string\",\"value\":\"" + text + "\"}}";
    }

    private static void assertSameValues(List<HandleValue> expected, List<HandleValue> actual) {
        assertNotNull(actual, "record stored");
        assertEquals(expected.size(), actual.size(), "value count");
        for (int i = 0; i < expected.size(); i++) {
            HandleValue e = expected.get(i);
            HandleValue a = actual.get(i);
            assertEquals(e.withTimestamp(0), a.withTimestamp(0), "value " + i);
            assertTrue(a.timestamp() > 0, "timestamp set");
        }
    }

    @Test
    void importsGeneratedRecordsAndTheStoreResolvesASampleOfThem() {
        Path gen = dir.resolve("g.jsonl");
        assertEquals(0, Cli.run("gen", "--prefix", PREFIX, "--count", "20000", "--seed", "7", "--out", gen.toString()).exit());
        Cli.Result r = importFiles(gen);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("imported 20,000 records from 20,000 lines"), r.out());
        Random random = new Random(1);
        try (RocksHandleStore store = RocksHandleStore.open(dir.resolve("data").resolve("db"), 8 << 20)) {
            for (int i = 0; i < 200; i++) {
                long n = 1 + random.nextInt(20000);
                byte[] record = store.get(KEYS.key(SyntheticRecords.handle(PREFIX, n)));
                assertNotNull(record, "record " + n);
                assertSameValues(SyntheticRecords.values(PREFIX, n, 7), StoredRecord.decode(record));
            }
            assertNull(store.get(KEYS.key(SyntheticRecords.handle(PREFIX, 20001))), "nothing beyond --count");
            assertEquals(20000, store.scanKeys(KEYS.scanPrefix(PREFIX), null, 100_000).size());
        }
    }

    @Test
    void aFolderLeftByAKilledImportIsRemovedByTheNextOne() throws IOException {
        Path gen = dir.resolve("g.jsonl");
        assertEquals(0, Cli.run("gen", "--prefix", PREFIX, "--count", "10", "--out", gen.toString()).exit());
        Path leftover = dir.resolve("data").resolve("import-tmp-12345");
        Files.createDirectories(leftover);
        Files.write(leftover.resolve("000001.sst"), new byte[4096]);
        Cli.Result r = importFiles(gen);
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(leftover), "leftover removed");
        assertTrue(r.err().contains("removed import-tmp-12345"), r.toString());
        try (java.util.stream.Stream<Path> left = Files.list(dir.resolve("data"))) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith("import-tmp-")).count());
        }
    }

    @Test
    void importsOutOfOrderRecordsAcrossSeveralBatches() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int n = 1; n <= 5000; n++) {
            lines.add(line(PREFIX + "/R-" + n, url(1, "https://example.com/" + n)));
        }
        java.util.Collections.shuffle(lines, new Random(3));
        Path f = write("shuffled.jsonl", String.join("", lines));
        Cli.Result r = importWith(List.of("--batch-records", "700"), f);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(5000, storedCount(PREFIX));
        assertSameValues(List.of(HandleValue.text(1, "URL", "https://example.com/4321")), stored(PREFIX + "/R-4321"));
    }

    @Test
    void theLastLineOfAHandleWinsWithinAFileAndAcrossFiles() throws IOException {
        Path a = write("a.jsonl", line(PREFIX + "/A", url(1, "first")) + line(PREFIX + "/B", url(1, "b"))
                + line(PREFIX + "/a", url(1, "second, same handle as the prefix and suffix fold")));
        Path b = write("b.jsonl", line(PREFIX + "/B", url(2, "b from the later file")));
        Cli.Result r = importFiles(a, b);
        assertEquals(0, r.exit(), r.toString());
        assertSameValues(List.of(HandleValue.text(1, "URL", "second, same handle as the prefix and suffix fold")),
                stored(PREFIX + "/A"));
        assertSameValues(List.of(HandleValue.text(2, "URL", "b from the later file")), stored(PREFIX + "/B"));
    }

    @Test
    void theLaterFileWinsWhateverTheFormatsOfTheFiles() throws IOException {
        Path csv = write("first.csv", PREFIX + "/M,1,URL,from csv\n");
        Path json = write("second.jsonl", line(PREFIX + "/M", url(1, "from json")) + line(PREFIX + "/N", url(1, "n")));
        assertEquals(0, importFiles(csv, json).exit());
        assertSameValues(List.of(HandleValue.text(1, "URL", "from json")), stored(PREFIX + "/M"));
        Path csv2 = write("third.csv", PREFIX + "/N,2,DESC,from csv\n");
        assertEquals(0, importFiles(json, csv2).exit());
        assertSameValues(List.of(HandleValue.text(2, "DESC", "from csv")), stored(PREFIX + "/N"));
    }

    @Test
    void anImportedRecordReplacesTheStoredRecordWhole() throws IOException {
        Path a = write("a.jsonl", line(PREFIX + "/X", url(1, "one") + "," + url(2, "two")));
        assertEquals(0, importFiles(a).exit());
        Path b = write("b.jsonl", line(PREFIX + "/X", url(3, "three")));
        assertEquals(0, importFiles(b).exit());
        assertSameValues(List.of(HandleValue.text(3, "URL", "three")), stored(PREFIX + "/X"));
    }

    @Test
    void aBadLineRejectsTheWholeRunAndNamesFileAndLine() throws IOException {
        Path good = write("good.jsonl", line(PREFIX + "/G1", url(1, "g")) + line(PREFIX + "/G2", url(1, "g")));
        Path bad = write("bad.jsonl", line(PREFIX + "/B1", url(1, "b")) + "\n"
                + "{\"handle\":\"" + PREFIX + "/B2\",\"values\":[" + url(1, "b") + "]\n"
                + line(PREFIX + "/B3", url(1, "b")));
        Cli.Result r = importFiles(good, bad);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(bad + ":3: truncated JSON"), r.err());
        assertTrue(r.err().contains("nothing imported"), r.err());
        assertEquals(0, storedCount(PREFIX), "nothing of either file applied");
    }

    @Test
    void aRejectedRunLeavesTheStoredRecordsAsTheyWere() throws IOException {
        assertEquals(0, importFiles(write("a.jsonl", line(PREFIX + "/KEEP", url(1, "kept")))).exit());
        Path next = write("b.jsonl", line(PREFIX + "/KEEP", url(1, "replacement")) + line(PREFIX + "/NEW", url(0, "zero")));
        Cli.Result r = importFiles(next);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(next + ":2: values[0].index: 0 (expected: an index 1..2147483647)"), r.err());
        assertSameValues(List.of(HandleValue.text(1, "URL", "kept")), stored(PREFIX + "/KEEP"));
        assertNull(stored(PREFIX + "/NEW"));
    }

    @Test
    void reportsEachKindOfBadJsonLineWithItsLineNumber() throws IOException {
        String longHandle = PREFIX + "/" + "x".repeat(2100);
        StringBuilder sb = new StringBuilder();
        sb.append(line(PREFIX + "/OK", url(1, "fine")));                                       // 1
        sb.append(line(longHandle, url(1, "x")));                                              // 2
        sb.append(line(PREFIX + "/DUP", url(1, "a") + "," + url(1, "b")));                     // 3
        sb.append(line(PREFIX + "/ZERO", url(0, "a")));                                        // 4
        sb.append(line("no-slash-handle", url(1, "a")));                                       // 5
        sb.append(line(PREFIX + "/NOVALUES", ""));                                             // 6
        sb.append("{\"handle\":\"" + PREFIX + "/T\",\"values\":[{\"index\":1,\"type\":\"\",\"data\":\"x\"}]}\n"); // 7
        sb.append("not json at all\n");                                                        // 8
        sb.append(line(PREFIX + "/FMT", "{\"index\":1,\"type\":\"URL\",\"data\":{\"format\":\"nope\",\"value\":\"x\"}}")); // 9
        sb.append("{\"handle\":\"" + PREFIX + "/TRAIL\",\"values\":[" + url(1, "x") + "]} {}\n"); // 10
        Path f = write("bad.jsonl", sb.toString());
        Cli.Result r = importWith(List.of("--max-errors", "100"), f);
        assertEquals(1, r.exit(), r.toString());
        String err = r.err();
        assertTrue(!err.contains(f + ":1:"), err);
        assertTrue(err.contains(f + ":2: handle: 2109 octets (expected: at most 2048)"), err);
        assertTrue(err.contains(f + ":3: values[1].index: 1 (expected: an index not used by another value"), err);
        assertTrue(err.contains(f + ":4: values[0].index: 0"), err);
        assertTrue(err.contains(f + ":5: handle: \"no-slash-handle\" (expected: prefix/suffix"), err);
        assertTrue(err.contains(f + ":6: values: [] (expected: at least one value)"), err);
        assertTrue(err.contains(f + ":7: values[0].type: \"\""), err);
        assertTrue(err.contains(f + ":8: malformed JSON at column 1"), err);
        assertTrue(err.contains(f + ":9: values[0].data.format: \"nope\""), err);
        assertTrue(err.contains(f + ":10: record: more JSON after the object"), err);
        assertTrue(err.contains("9 bad lines in 10 records read"), err);
        assertEquals(0, storedCount(PREFIX));
    }

    @Test
    void refusesLinesThatAreNotValidUtf8() throws IOException {
        byte[] good = line(PREFIX + "/U1", url(1, "ok")).getBytes(StandardCharsets.UTF_8);
        byte[] bad = line(PREFIX + "/U2\u00e9", url(1, "bad")).getBytes(StandardCharsets.UTF_8);
        int e = indexOf(bad, (byte) 0xC3);
        bad[e + 1] = (byte) 0x28; // C3 28: a lead octet without its continuation
        byte[] overlong = line(PREFIX + "/U3", url(1, "x")).getBytes(StandardCharsets.UTF_8);
        int slash = indexOf(overlong, (byte) 'U');
        byte[] withOverlong = new byte[overlong.length + 1];
        System.arraycopy(overlong, 0, withOverlong, 0, slash);
        withOverlong[slash] = (byte) 0xC1; // C1 81: an overlong 'A'
        withOverlong[slash + 1] = (byte) 0x81;
        System.arraycopy(overlong, slash + 1, withOverlong, slash + 2, overlong.length - slash - 1);
        Path f = writeBytes("utf8.jsonl", concat(good, bad, withOverlong));
        Cli.Result r = importFiles(f);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(f + ":2: not valid UTF-8 at column"), r.err());
        assertTrue(r.err().contains(f + ":3: not valid UTF-8 at column"), r.err());
        assertNull(stored(PREFIX + "/U1"));
    }

    @Test
    void printsTheFirstTwentyBadLinesThenACount() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            sb.append("{broken\n");
        }
        Path f = write("many.jsonl", sb.toString());
        Cli.Result r = importFiles(f);
        assertEquals(1, r.exit());
        assertEquals(20, r.err().lines().filter(l -> l.startsWith(f + ":")).count(), r.err());
        assertTrue(r.err().contains("... and 5 more bad lines"), r.err());
    }

    @Test
    void keepsGivenTimestampsAndStampsTheOthersWithTheImportTime() throws IOException {
        long before = System.currentTimeMillis() / 1000;
        Path f = write("ts.jsonl", line(PREFIX + "/TS", "{\"index\":1,\"type\":\"URL\",\"data\":\"a\",\"timestamp\":\"2023-11-14T22:13:20Z\"},"
                + url(2, "b")));
        assertEquals(0, importFiles(f).exit());
        List<HandleValue> v = stored(PREFIX + "/TS");
        assertEquals(1_700_000_000, v.get(0).timestamp());
        assertTrue(v.get(1).timestamp() >= before && v.get(1).timestamp() <= System.currentTimeMillis() / 1000 + 1);
    }

    @Test
    void readsEveryDataFormatAndTheOptionalValueMembers() throws IOException {
        String values = "{\"index\":1,\"type\":\"HS_BIN\",\"data\":{\"format\":\"hex\",\"value\":\"00ff10\"}},"
                + "{\"index\":2,\"type\":\"HS_B64\",\"data\":{\"format\":\"base64\",\"value\":\"AP8Q\"},\"ttl\":60,\"permissions\":\"1100\"},"
                + "{\"index\":3,\"type\":\"DESC\",\"data\":\"bare \\\"escaped\\\" text \\u6c34\",\"ttl\":\"2030-01-01T00:00:00Z\"},"
                + "{\"index\":4,\"type\":\"LINK\",\"data\":\"r\",\"references\":[{\"handle\":\"" + PREFIX + "/OTHER\",\"index\":1}]},"
                + "{\"index\":100,\"type\":\"HS_ADMIN\",\"data\":{\"format\":\"admin\",\"value\":{\"handle\":\"0.NA/" + PREFIX
                + "\",\"index\":200,\"permissions\":\"111111111111\"}}}";
        Path f = write("formats.jsonl", line(PREFIX + "/F", values));
        Cli.Result r = importFiles(f);
        assertEquals(0, r.exit(), r.toString());
        List<HandleValue> v = stored(PREFIX + "/F");
        assertEquals(5, v.size());
        assertArrayEquals(new byte[] {0, (byte) 0xFF, 0x10}, v.get(0).data());
        assertArrayEquals(new byte[] {0, (byte) 0xFF, 0x10}, v.get(1).data());
        assertEquals(60, v.get(1).ttl());
        assertEquals(0x0C, v.get(1).permissions());
        assertEquals("bare \"escaped\" text \u6c34", v.get(2).dataAsText());
        assertEquals(HandleValue.TTL_ABSOLUTE, v.get(2).ttlType());
        assertEquals(1_893_456_000, v.get(2).ttl());
        assertEquals(PREFIX + "/OTHER", v.get(3).references().get(0).handle());
        assertEquals("HS_ADMIN", v.get(4).type());
        assertTrue(v.get(4).dataLength() > 8, "admin record encoded");
    }

    @Test
    void importsCsvWithQuotingAndJoinsTheConsecutiveLinesOfAHandle() throws IOException {
        String csv = "\uFEFFhandle,index,type,value\r\n"
                + PREFIX + "/C1,1,URL,https://example.com/c1\r\n"
                + PREFIX + "/C1,2,DESC,\"Pump, centrifugal, \"\"PX-7\"\"\"\r\n"
                + "\"" + PREFIX + "/C2\",1,DESC,\"two\nlines\"\n"
                + PREFIX + "/C3,5,EMAIL,\n"
                + "\n"
                + PREFIX + "/C4,1,DESC,\u6c34\u6cf5";
        Path f = write("records.csv", csv);
        Cli.Result r = importFiles(f);
        assertEquals(0, r.exit(), r.toString());
        assertSameValues(List.of(HandleValue.text(1, "URL", "https://example.com/c1"),
                HandleValue.text(2, "DESC", "Pump, centrifugal, \"PX-7\"")), stored(PREFIX + "/C1"));
        assertSameValues(List.of(HandleValue.text(1, "DESC", "two\nlines")), stored(PREFIX + "/C2"));
        assertSameValues(List.of(HandleValue.text(5, "EMAIL", "")), stored(PREFIX + "/C3"));
        assertSameValues(List.of(HandleValue.text(1, "DESC", "\u6c34\u6cf5")), stored(PREFIX + "/C4"));
    }

    @Test
    void joinsTheLinesOfAHandleThatStraddleTwoReadChunks() throws IOException {
        // Lines of ~1 KiB, three per handle: the first 1 MiB read chunk ends inside a handle's lines.
        StringBuilder sb = new StringBuilder();
        String filler = "v".repeat(1000);
        int handles = 700;
        for (int h = 0; h < handles; h++) {
            for (int i = 1; i <= 3; i++) {
                sb.append(PREFIX).append("/S").append(h).append(',').append(i).append(",DESC,").append(filler).append(i).append('\n');
            }
        }
        String csv = sb.toString();
        long linesInFirstMiB = csv.substring(0, csv.lastIndexOf('\n', 1 << 20) + 1).chars().filter(c -> c == '\n').count();
        assertTrue(linesInFirstMiB % 3 != 0, "the test data straddles a chunk boundary");
        Path f = write("big.csv", csv);
        Cli.Result r = importFiles(f);
        assertEquals(0, r.exit(), r.toString());
        try (RocksHandleStore store = RocksHandleStore.open(dir.resolve("data").resolve("db"), 8 << 20)) {
            assertEquals(handles, store.scanKeys(KEYS.scanPrefix(PREFIX), null, 10_000).size());
            for (int h = 0; h < handles; h++) {
                List<HandleValue> v = StoredRecord.decode(store.get(KEYS.key(PREFIX + "/S" + h)));
                assertEquals(List.of(1, 2, 3), v.stream().map(HandleValue::index).toList(), "values of S" + h);
            }
        }
    }

    @Test
    void reportsBadCsvLinesWithTheirLineNumbers() throws IOException {
        String csv = PREFIX + "/OK,1,URL,x\n"          // 1
                + PREFIX + "/Q,1,URL,a\"b\n"             // 2
                + PREFIX + "/F,1,URL\n"                  // 3
                + PREFIX + "/I,zero,URL,x\n"             // 4
                + PREFIX + "/D,1,URL,x\n"                // 5
                + PREFIX + "/D,1,URL,y\n"                // 6
                + PREFIX + "/A,1,URL,\"x\"y\n"           // 7
                + PREFIX + "/E,1,,x\n"                   // 8
                + PREFIX + "/U,1,URL,\"open\n";          // 9: the file ends inside quotes
        Path f = write("bad.csv", csv);
        Cli.Result r = importFiles(f);
        assertEquals(1, r.exit(), r.toString());
        String err = r.err();
        assertTrue(err.contains(f + ":2: field 4: a quote inside an unquoted field"), err);
        assertTrue(err.contains(f + ":3: line: 3 fields (expected: 4: handle,index,type,value)"), err);
        assertTrue(err.contains(f + ":4: index: \"zero\""), err);
        assertTrue(err.contains(f + ":6: index: 1 (expected: an index not used by another line of \"" + PREFIX + "/D\"; line 5 has it)"), err);
        assertTrue(err.contains(f + ":7: field 4: text after the closing quote"), err);
        assertTrue(err.contains(f + ":8: type: \"\""), err);
        assertTrue(err.contains(f + ":9: unterminated quoted field"), err);
        assertEquals(0, storedCount(PREFIX));
    }

    @Test
    void refusesCsvWhoseLinesOfAHandleAreNotConsecutive() throws IOException {
        Path f = write("split.csv", PREFIX + "/A,1,URL,x\n" + PREFIX + "/B,1,URL,y\n" + PREFIX + "/A,2,DESC,z\n");
        Cli.Result r = importFiles(f);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(f + ":3: handle \"" + PREFIX + "/A\": also on line 1 with other handles between"), r.err());
        assertNull(stored(PREFIX + "/A"));
    }

    @Test
    void choosesTheFormatByNameOrContentUnlessTold() throws IOException {
        Path json = write("records.txt", line(PREFIX + "/J", url(1, "j")));
        Path csv = write("records.data", PREFIX + "/K,1,URL,k\n");
        assertEquals(0, importFiles(json, csv).exit());
        assertSameValues(List.of(HandleValue.text(1, "URL", "j")), stored(PREFIX + "/J"));
        assertSameValues(List.of(HandleValue.text(1, "URL", "k")), stored(PREFIX + "/K"));
        Cli.Result forced = importWith(List.of("--format", "csv"), json);
        assertEquals(1, forced.exit(), "a JSON line read as CSV is bad");
    }

    @Test
    void stopsReadingAFileAtALineLongerThanTheBound() throws IOException {
        String huge = "{\"handle\":\"" + PREFIX + "/H\",\"values\":[" + url(1, "h".repeat(9 << 20)) + "]}\n";
        Path f = write("huge.jsonl", line(PREFIX + "/BEFORE", url(1, "x")) + huge + line(PREFIX + "/AFTER", url(1, "y")));
        Cli.Result r = importFiles(f);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(f + ":2: a line longer than 8388608 octets"), r.err());
        assertNull(stored(PREFIX + "/BEFORE"));
    }

    @Test
    void readsStandardInputNamedAsADash() {
        java.io.InputStream saved = System.in;
        System.setIn(new java.io.ByteArrayInputStream((line(PREFIX + "/IN1", url(1, "from stdin"))
                + line(PREFIX + "/IN2", url(1, "too"))).getBytes(StandardCharsets.UTF_8)));
        Cli.Result r;
        try {
            r = importFiles(Path.of("-"));
        } finally {
            System.setIn(saved);
        }
        assertEquals(0, r.exit(), r.toString());
        assertSameValues(List.of(HandleValue.text(1, "URL", "from stdin")), stored(PREFIX + "/IN1"));
    }

    @Test
    void importsSortedInputInSeveralBatches() {
        Path gen = dir.resolve("g.jsonl");
        assertEquals(0, Cli.run("gen", "--prefix", PREFIX, "--count", "12000", "--out", gen.toString()).exit());
        Cli.Result r = importWith(List.of("--batch-records", "3000"), gen);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(12000, storedCount(PREFIX));
        assertSameValues(SyntheticRecords.values(PREFIX, 11999, 1), stored(SyntheticRecords.handle(PREFIX, 11999)));
    }

    @Test
    void refusesToOpenTheStoreWhileANodeHoldsIt() throws IOException {
        Path f = write("a.jsonl", line(PREFIX + "/L", url(1, "x")));
        try (Node node = TestNodes.start(dir.resolve("data"), PREFIX)) {
            Cli.Result r = importFiles(f);
            assertEquals(2, r.exit(), r.toString());
            assertTrue(r.err().contains("is in use by another process (a running node or import)"), r.err());
            assertNull(node.store().get(KEYS.key(PREFIX + "/L")));
        }
    }

    @Test
    void refusesMissingFilesAndBadOptionsBeforeTouchingTheStore() {
        Cli.Result missing = importFiles(dir.resolve("nope.jsonl"));
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no such readable file"), missing.err());
        assertEquals(2, importWith(List.of("--format", "xml"), dir.resolve("nope.jsonl")).exit());
        assertEquals(2, Cli.run("import", "--data-dir", dir.toString()).exit(), "no FILE");
        assertTrue(!Files.exists(dir.resolve("data")), "store not created");
    }

    @Test
    void aDataDirectoryThatDoesNotExistIsRefusedUnlessAskedToCreateIt() throws IOException {
        Path f = write("a.jsonl", line(PREFIX + "/N", url(1, "x")));
        Path typo = dir.resolve("dtaa");
        Cli.Result r = Cli.run("import", "--quiet", "--data-dir", typo.toString(), f.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("does not exist (a typo?)") && r.err().contains("--create"), r.err());
        assertFalse(Files.exists(typo), "no new store made");
        assertEquals(0, Cli.run("import", "--quiet", "--create", "--data-dir", typo.toString(), f.toString()).exit());
        assertTrue(Files.isDirectory(typo.resolve("db")));
    }

    @Test
    void aRejectedImportIntoANewStoreLeavesNothingBehind() throws IOException {
        Path bad = write("bad.jsonl", line(PREFIX + "/OK", url(1, "x")) + "{bad\n");
        Path fresh = dir.resolve("fresh");
        Cli.Result r = Cli.run("import", "--quiet", "--create", "--data-dir", fresh.toString(), bad.toString());
        assertEquals(1, r.exit(), r.toString());
        assertFalse(Files.exists(fresh), "neither the store nor the folder --create made");
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        assertEquals(0, importFiles(write("a.jsonl", line(PREFIX + "/T1", url(1, "x")))).exit());
        assertEquals(1, importFiles(write("b.jsonl", "{bad\n")).exit());
        try (Stream<Path> s = Files.list(dir.resolve("data"))) {
            assertEquals(List.of("db"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
