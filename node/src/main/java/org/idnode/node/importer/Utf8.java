package org.idnode.node.importer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 checks of input lines. JSON parsers and String decoding are lenient in places
 * (overlong forms, encoded surrogates, replacement characters); an import must not store a
 * different handle than the one in the file, so bad octets fail the line instead.
 */
final class Utf8 {
    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    private Utf8() {
    }

    static void check(byte[] b, int off, int len) throws LineError {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] < 0) {
                slowCheck(b, i, end, off);
                return;
            }
        }
    }

    /** Text of the octets, refusing malformed UTF-8. */
    static String decode(byte[] b, int off, int len, String field) throws LineError {
        boolean ascii = true;
        for (int i = off; i < off + len && ascii; i++) {
            ascii = b[i] >= 0;
        }
        if (ascii) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return DECODER.get().reset().decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new LineError(field + ": not valid UTF-8");
        }
    }

    private static void slowCheck(byte[] b, int from, int end, int lineStart) throws LineError {
        CharsetDecoder d = DECODER.get().reset();
        ByteBuffer in = ByteBuffer.wrap(b, from, end - from);
        CharBuffer out = CharBuffer.allocate(end - from);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw new LineError("not valid UTF-8 at column " + (in.position() - lineStart + 1));
        }
    }
}
