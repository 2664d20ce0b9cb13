package org.idnode.node.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.idnode.node.config.ConfigException;
import org.idnode.node.config.ConfigLoader;
import org.idnode.node.config.NodeConfig;
import org.idnode.node.importer.ImportOptions;
import org.idnode.node.importer.ImportResult;
import org.idnode.node.importer.IngestException;
import org.idnode.node.importer.Importer;
import org.idnode.node.importer.InputFormat;
import org.idnode.node.importer.JsonRecordParser;
import org.idnode.node.importer.ProtocolJsonRecordParser;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code idnode import}: bulk load of records into a node's store, offline. */
@Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bulk-load records into the store of a stopped node.",
                "",
                "Input: JSON lines in the REST record shape, {\"handle\":\"P/S\",\"values\":[{\"index\":1,\"type\":\"URL\","
                        + "\"data\":{\"format\":\"string\",\"value\":\"...\"}}]} (every data format of the REST API; ttl, "
                        + "permissions, timestamp, references optional; other members ignored), or CSV handle,index,type,value "
                        + "with one text value per line (RFC 4180 quoting, an optional header line; the consecutive lines of a "
                        + "handle form its record, and a handle's lines must be consecutive). FILE - reads standard input.",
                "",
                "All or nothing: every line of every file is checked first; if any line is bad, it is reported as "
                        + "FILE:LINE: message and nothing of the run is imported, so fixing the lines and running the same "
                        + "command again is always right. Otherwise the records go into sorted SST files, which are then ingested.",
                "A record replaces any stored record of the same handle; within the run the last line of a handle wins. "
                        + "Values without a timestamp get the import time. Importing homes no prefix: start the node "
                        + "with --prefix for each prefix imported.",
                "The node must be stopped: the store is locked while a node runs.",
                "",
                "Exit status: 0 imported, 1 bad input (nothing imported), 2 bad usage, store in use or I/O error (nothing "
                        + "imported, unless the ingest itself fails part way: the message then says how far it got)."})
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "Data directory of the node (the store is DIR/db). Default: that of --config, else idnode-data.")
    Path dataDir;

    @Option(names = "--create", description = "Create the data directory if it does not exist (without this a "
            + "mistyped path is refused instead of starting a new, empty store).")
    boolean create;

    @Option(names = "--config", description = "The node's YAML config: data directory, caseSensitiveSuffix and cache size come from it.")
    Path configFile;

    @Option(names = "--format", defaultValue = "auto",
            description = "auto (default: by extension .csv/.json/.jsonl/.ndjson, else by content), json or csv.")
    String format;

    @Option(names = "--batch-records", defaultValue = "2000000",
            description = "Records per SST file; bounds memory (default: ${DEFAULT-VALUE}).")
    int batchRecords;

    @Option(names = "--max-errors", defaultValue = "20", description = "Bad lines printed before only counting (default: ${DEFAULT-VALUE}).")
    int maxErrors;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Input files; - for standard input.")
    List<String> files = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        NodeConfig config;
        InputFormat fmt;
        try {
            config = ConfigLoader.load(configFile, System.getenv());
            fmt = switch (format.toLowerCase(Locale.ROOT)) {
                case "auto" -> null;
                case "json" -> InputFormat.JSON;
                case "csv" -> InputFormat.CSV;
                default -> throw new ConfigException("--format", format, "auto, json or csv");
            };
            if (batchRecords < 1) {
                throw new ConfigException("--batch-records", batchRecords, "at least 1");
            }
        } catch (ConfigException e) {
            err.println("idnode import: " + e.getMessage());
            return 2;
        }
        for (String f : files) {
            if (!f.equals("-") && !Files.isReadable(Path.of(f))) {
                err.println("idnode import: " + f + ": no such readable file");
                return 2;
            }
        }
        Path dir = dataDir != null ? dataDir : config.dataDir();
        Path db = dir.resolve("db");
        boolean fresh = !Files.isDirectory(db);
        if (!Files.isDirectory(dir) && !create) {
            err.println("idnode import: data directory " + dir + " does not exist (a typo?); "
                    + "add --create to start a new store there");
            return 2;
        }
        RocksHandleStore store;
        try {
            store = RocksHandleStore.open(db, config.blockCacheBytes());
        } catch (StorageException e) {
            err.println("idnode import: " + (e.isLocked() ? e.getMessage() : "cannot open " + db + ": " + e.getMessage()));
            return 2;
        }
        int exit = importInto(store, config, fmt, dir, db, err, out);
        if (exit != 0 && fresh) {
            // A store this run made and filled with nothing: a rejected import leaves nothing behind.
            org.idnode.node.importer.Inputs.deleteTree(db);
            if (create) {
                try (java.util.stream.Stream<Path> left = Files.list(dir)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(dir);
                    }
                } catch (java.io.IOException e) {
                    // best effort: an empty folder is harmless
                }
            }
        }
        return exit;
    }

    private int importInto(RocksHandleStore store, NodeConfig config, InputFormat fmt, Path dir, Path db,
                           PrintWriter err, PrintWriter out) {
        ImportOptions options = ImportOptions.defaults().withFormat(fmt).withBatchRecords(batchRecords)
                .withMaxErrorsShown(Math.max(0, maxErrors)).withProgress(!quiet);
        ImportResult r;
        try (store) {
            Importer importer = new Importer(store, new HandleKeys(config.caseSensitiveSuffix()), new JsonRecordParser(new ProtocolJsonRecordParser()),
                    options, dir, err);
            r = importer.run(files);
            if (importer.errorsNotShown() > 0) {
                err.printf("... and %,d more bad lines%n", importer.errorsNotShown());
            }
        } catch (IngestException e) {
            err.println("idnode import: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException | StorageException e) {
            err.println("idnode import: failed, nothing imported: " + e.getMessage());
            return 2;
        }
        double s = r.nanos() / 1e9;
        if (!r.applied()) {
            err.printf("idnode import: %,d bad lines in %,d records read: nothing imported%n", r.badLines(), r.records());
            return 1;
        }
        out.printf("imported %,d records from %,d lines into %s in %.2f s, %,.0f lines/s%n",
                r.stored(), r.records(), db, s, r.recordsPerSecond());
        out.flush();
        return 0;
    }
}
