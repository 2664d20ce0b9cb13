package org.idnode.node.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandleKeysTest {
    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void foldsTheWholeHandleByDefault() {
        assertEquals("88.118.AB/PUMP-X", s(new HandleKeys(false).key("88.118.ab/pump-x")));
    }

    @Test
    void foldsOnlyThePrefixWhenSuffixesAreCaseSensitive() {
        assertEquals("88.118.AB/pump-x", s(new HandleKeys(true).key("88.118.ab/pump-x")));
        assertEquals("0.NA/88.118.AB", s(new HandleKeys(true).key("0.na/88.118.ab")));
    }

    @Test
    void readsASlashlessHandleAsAPrefixHandle() {
        assertEquals("0.NA/88.118", s(new HandleKeys(false).key("88.118")));
    }

    @Test
    void foldsAsciiOnly() {
        assertEquals("P/ÄÖ-É", s(new HandleKeys(false).key("p/ÄÖ-é".replace("é", "É"))));
    }
}
