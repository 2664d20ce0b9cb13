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
            config = configFile == null ? NodeConfig.defaults() : ConfigLoader.load(configFile);
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
        RocksHandleStore store;
        try {
            store = RocksHandleStore.open(db, config.blockCacheBytes());
        } catch (StorageException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("lock")) {
                err.println("idnode import: " + db + " is in use by another process (a running node?): stop it, then import");
            } else {
                err.println("idnode import: cannot open " + db + ": " + e.getMessage());
            }
            return 2;
        }
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
