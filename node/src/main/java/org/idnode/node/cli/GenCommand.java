package org.idnode.node.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.idnode.node.config.Prefixes;
import org.idnode.node.importer.InputFormat;
import org.idnode.node.importer.SyntheticRecords;
import org.idnode.node.importer.SyntheticWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code idnode gen}: synthetic identifiers for import tests and load tests. */
@Command(name = "gen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write synthetic records for a prefix as import input.",
                "",
                "Record n is the handle PREFIX/ID-%%09d (e.g. 88.118.8/ID-000000001) with index 1 URL and index 2 DESC, "
                        + "default TTL (86400) and permissions (1110). The values depend only on the prefix, n and --seed, "
                        + "so the same command writes the same file, and the load tool can name and check any record "
                        + "without reading it.",
                "JSON lines are in the REST record shape that `idnode import` reads; CSV is handle,index,type,value.",
                "Exit status: 0 written, 2 bad usage or output error."})
final class GenCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--prefix", required = true, description = "Prefix of the handles, e.g. 88.118.8.")
    String prefix;

    @Option(names = "--count", required = true, description = "Number of records.")
    long count;

    @Option(names = "--start", defaultValue = "1", description = "Number of the first record (default: ${DEFAULT-VALUE}).")
    long start;

    @Option(names = "--out", defaultValue = "-", description = "Output file, or - for standard output (default).")
    String out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the value texts (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "json", description = "json (default) or csv.")
    InputFormat format;

    @Override
    public Integer call() {
        if (!Prefixes.isValidPrefix(prefix)) {
            return usage("--prefix: \"" + prefix + "\" (expected: a prefix such as 88.118.8, no '/', no spaces)");
        }
        if (count < 0 || start < 0 || start + count - 1 > SyntheticRecords.MAX_NUMBER) {
            return usage("--start " + start + " --count " + count + " (expected: numbers within 0.."
                    + SyntheticRecords.MAX_NUMBER + ", the width of the ID-%09d pattern)");
        }
        boolean stdout = out.equals("-");
        long t0 = System.nanoTime();
        try (OutputStream os = stdout ? nonClosing(System.out) : new BufferedOutputStream(Files.newOutputStream(Path.of(out)), 1 << 16)) {
            SyntheticWriter w = new SyntheticWriter(os, format, prefix, seed);
            for (long n = start; n < start + count; n++) {
                w.write(n);
            }
            w.flush();
        } catch (IOException e) {
            spec.commandLine().getErr().println("idnode gen: " + out + ": " + e.getMessage());
            return 2;
        }
        if (!stdout) {
            double s = (System.nanoTime() - t0) / 1e9;
            spec.commandLine().getErr().printf("gen: %,d records to %s in %.2f s (%,.0f records/s)%n", count, out, s,
                    count / Math.max(s, 1e-9));
        }
        return 0;
    }

    private int usage(String message) {
        spec.commandLine().getErr().println("idnode gen: " + message);
        return 2;
    }

    private static OutputStream nonClosing(OutputStream o) {
        return new java.io.FilterOutputStream(o) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
