package org.idnode.node.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Opening the inputs of an import, and the file chores around it. */
public final class Inputs {
    private Inputs() {
    }

    /** An open input and the format it is read in. */
    record Input(InputStream in, InputFormat format) {
    }

    /**
     * Opens {@code name} ({@code -} = standard input, left open on close) and settles its format: as
     * given, else by file name, else by the first octet. A UTF-8 byte order mark, as spreadsheets put
     * at the start of CSV exports, is skipped: it is not part of the first line.
     */
    static Input open(String name, InputFormat given) throws IOException {
        InputStream raw = name.equals("-") ? nonClosing(System.in) : Files.newInputStream(Path.of(name));
        try {
            PushbackInputStream in = new PushbackInputStream(raw, 4096);
            byte[] head = new byte[4096];
            int n = in.readNBytes(head, 0, head.length);
            int bom = n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
            in.unread(head, bom, n - bom);
            InputFormat format = given != null ? given
                    : InputFormat.byName(name) != null ? InputFormat.byName(name) : InputFormat.sniff(head, n);
            return new Input(in, format);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // standard input belongs to the process
            }
        };
    }

    /** Best effort: a leftover file in the data directory is harmless and named import-tmp-*. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // see above
                }
            });
        } catch (IOException e) {
            // see above
        }
    }
}
