package org.idnode.node.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.junit.jupiter.api.Test;

class RestAuthorizationHeaderTest {
    @Test
    void readsQuotedAndBareValuesWithNamesInLowerCase() {
        assertEquals(Map.of("sessionid", "abc", "id", "300:0.NA/88.118.8", "alg", "SHA256"),
                RestAuthorizationHeader.parameters("sessionId=\"abc\", id=\"300:0.NA/88.118.8\",alg=SHA256"));
    }

    @Test
    void keepsEscapedQuotesInsideAValue() {
        assertEquals("a\"b", RestAuthorizationHeader.parameters("id=\"a\\\"b\"").get("id"));
    }

    @Test
    void refusesAnUnterminatedValueARepeatedNameAndTooManyParametersWithRc404() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= RestAuthorizationHeader.MAX_PARAMETERS; i++) {
            many.append("p").append(i).append("=1,");
        }
        for (String bad : new String[] {"id=\"open", "id=1, id=2", many.toString(), "noequals"}) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> RestAuthorizationHeader.parameters(bad), bad);
            assertEquals(ResponseCodes.INVALID_CREDENTIAL, e.responseCode(), bad);
        }
    }
}
