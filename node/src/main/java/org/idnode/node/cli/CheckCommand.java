package org.idnode.node.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StorageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code idnode check}: verifies a stopped node's store offline, reading every block of every table
 * file and checking its checksum. Exit 0 when sound, 1 when damaged (with RocksDB's description of
 * the first damage), 2 when it can't look (no store, or a node is running on it).
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Verify a stopped node's store offline: every block's checksum.")
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "idnode-data", description = "Data directory. Default: ${DEFAULT-VALUE}")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path db = dataDir.resolve("db");
        if (!Files.isDirectory(db)) {
            err.println("idnode check: no store at " + db);
            return 2;
        }
        RocksHandleStore store;
        try {
            store = RocksHandleStore.open(db, 8L << 20);
        } catch (StorageException e) {
            if (e.isLocked()) {
                err.println("idnode check: " + e.getMessage());
                return 2;
            }
            err.println("idnode check: " + db + " is damaged: it can't be opened: " + e.getMessage());
            return 1;
        }
        try (store) {
            long t0 = System.nanoTime();
            store.verifyChecksums();
            out.printf("idnode check: %s is sound: about %,d records, every block's checksum verified in %d ms%n",
                    db, store.estimatedRecordCount(), (System.nanoTime() - t0) / 1_000_000);
            return 0;
        } catch (StorageException e) {
            err.println("idnode check: " + db + " is damaged: " + e.getMessage());
            return 1;
        }
    }
}
