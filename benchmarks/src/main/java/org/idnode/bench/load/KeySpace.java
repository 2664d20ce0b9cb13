package org.idnode.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The handles a run asks for, numbered 0..size-1, and handles that exist nowhere (for
 * --miss-ratio). Either the {@code idnode gen} pattern, built on demand so ten million keys cost
 * no memory, or the lines of a file.
 */
interface KeySpace {
    /** The suffix of deliberate misses: gen never writes it, and the prefix stays one the node homes. */
    String MISS_SUFFIX = "LOADTOOL-MISS-";

    long size();

    String handle(long i);

    /** A handle under the same prefix as {@code handle(i)} that should not exist. */
    String missing(long i);

    String describe();

    /** {@code PREFIX/ID-%09d} for ids start..start+count-1, as {@code idnode gen} writes them. */
    static KeySpace generated(String prefix, long start, long count) {
        return new Generated(prefix, start, count);
    }

    /** One handle per line; blank lines are skipped. */
    static KeySpace fromFile(Path file) throws IOException {
        List<String> handles = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String h = line.strip();
            if (!h.isEmpty()) {
                handles.add(h);
            }
        }
        if (handles.isEmpty()) {
            throw new IOException(file + ": no handles (expected one per line)");
        }
        return new Listed(List.copyOf(handles), file.toString());
    }

    record Generated(String prefix, long start, long count) implements KeySpace {
        @Override
        public long size() {
            return count;
        }

        @Override
        public String handle(long i) {
            // Same text as String.format("%s/ID-%09d"), without the formatter's cost per request.
            String digits = Long.toString(start + i);
            StringBuilder sb = new StringBuilder(prefix.length() + 4 + Math.max(9, digits.length()));
            sb.append(prefix).append("/ID-");
            for (int pad = digits.length(); pad < 9; pad++) {
                sb.append('0');
            }
            return sb.append(digits).toString();
        }

        @Override
        public String missing(long i) {
            return prefix + "/" + MISS_SUFFIX + i;
        }

        @Override
        public String describe() {
            return prefix + "/ID-%09d, ids " + start + ".." + (start + count - 1);
        }
    }

    record Listed(List<String> handles, String source) implements KeySpace {
        @Override
        public long size() {
            return handles.size();
        }

        @Override
        public String handle(long i) {
            return handles.get((int) i);
        }

        @Override
        public String missing(long i) {
            String h = handles.get((int) i);
            int slash = h.indexOf('/');
            // A slash-less handle X means 0.NA/X (§12): keep it slash-less, with a suffix of ours.
            return slash < 0 ? h + "." + MISS_SUFFIX + i : h.substring(0, slash + 1) + MISS_SUFFIX + i;
        }

        @Override
        public String describe() {
            return handles.size() + " handles from " + source;
        }
    }
}
