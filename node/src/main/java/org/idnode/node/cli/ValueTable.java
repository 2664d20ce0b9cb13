package org.idnode.node.cli;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.idnode.protocol.model.HandleValue;

/** Handle values as an aligned text table for the terminal: index, type, ttl, permissions, data. */
final class ValueTable {
    private ValueTable() {
    }

    static void print(PrintWriter out, List<HandleValue> values) {
        int typeWidth = 4;
        for (HandleValue v : values) {
            typeWidth = Math.max(typeWidth, Math.min(v.type().length(), 24));
        }
        String row = "  %-6s %-" + typeWidth + "s %-12s %-5s %s%n";
        out.printf(row, "index", "type", "ttl", "perms", "data");
        for (HandleValue v : values) {
            out.printf(row, v.index(), v.type(), ttl(v), permissions(v.permissions()), data(v.data()));
        }
    }

    private static String ttl(HandleValue v) {
        return v.ttlType() == HandleValue.TTL_ABSOLUTE ? Instant.ofEpochSecond(v.ttl() & 0xFFFFFFFFL).toString()
                : String.valueOf(v.ttl());
    }

    /** §18's four bits: admin read, admin write, public read, public write. */
    static String permissions(int p) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (p >> (3 - i) & 1) != 0 ? '1' : '0';
        }
        return new String(c);
    }

    /**
     * Text when the octets are UTF-8 without control characters, so that nothing printed can move the
     * cursor or fake other lines; anything else as {@code hex:...}.
     */
    static String data(byte[] d) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(d)).toString();
            if (s.codePoints().noneMatch(cp -> cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))) {
                return s;
            }
        } catch (CharacterCodingException e) {
            // binary: hex below
        }
        return "hex:" + HexFormat.of().formatHex(d);
    }
}
