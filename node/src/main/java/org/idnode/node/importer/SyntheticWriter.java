package org.idnode.node.importer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link SyntheticRecords} as import input, fast: each line is built in one reused
 * StringBuilder and copied into a 1 MiB buffer, ASCII octet by octet (the common case), so a million
 * lines take well under a second. No JSON library: the strings are ours and only the prefix can
 * hold characters that need escaping.
 */
public final class SyntheticWriter {
    private final OutputStream out;
    private final InputFormat format;
    private final String prefix;
    private final long seed;
    private final byte[] buf = new byte[1 << 20];
    private final StringBuilder line = new StringBuilder(512);
    private int n;

    public SyntheticWriter(OutputStream out, InputFormat format, String prefix, long seed) {
        this.out = out;
        this.format = format;
        this.prefix = prefix;
        this.seed = seed;
    }

    public void write(long number) throws IOException {
        line.setLength(0);
        String handle = SyntheticRecords.handle(prefix, number);
        String url = SyntheticRecords.url(prefix, number, seed);
        String desc = SyntheticRecords.description(number, seed);
        if (format == InputFormat.CSV) {
            csvField(handle).append(",1,URL,");
            csvField(url).append('\n');
            csvField(handle).append(",2,DESC,");
            csvField(desc).append('\n');
        } else {
            line.append("{\"handle\":");
            jsonString(handle).append(",\"values\":[{\"index\":1,\"type\":\"URL\",\"data\":{\"format\":\"string\",\"value\":");
            jsonString(url).append("}},{\"index\":2,\"type\":\"DESC\",\"data\":{\"format\":\"string\",\"value\":");
            jsonString(desc).append("}}]}\n");
        }
        append(line);
    }

    public void flush() throws IOException {
        out.write(buf, 0, n);
        n = 0;
        out.flush();
    }

    private StringBuilder jsonString(String s) {
        line.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\');
            }
            line.append(c);
        }
        return line.append('"');
    }

    private StringBuilder csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            return line.append(s);
        }
        return line.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    private void append(CharSequence s) throws IOException {
        int len = s.length();
        if (buf.length - n < len * 3) {
            out.write(buf, 0, n);
            n = 0;
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] b = s.subSequence(i, len).toString().getBytes(StandardCharsets.UTF_8);
                System.arraycopy(b, 0, buf, n, b.length);
                n += b.length;
                return;
            }
            buf[n++] = (byte) c;
        }
    }
}
