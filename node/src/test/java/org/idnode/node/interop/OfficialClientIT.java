package org.idnode.node.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.Encoder;
import net.handle.hdllib.ErrorResponse;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.HandleValue;
import net.handle.hdllib.Interface;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.ResolutionResponse;
import net.handle.hdllib.SiteInfo;
import net.handle.hdllib.Util;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official client library (net.handle:handle-client 9.3.1) against a node started in-process
 * on loopback, over UDP, TCP and HTTP. The resolver is pointed at the node's own HS_SITE only, so it
 * never talks to the global root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialClientIT {
    static final String PREFIX = "88.118.8";
    static final String PUMP = PREFIX + "/PUMP-2024-000017";
    static final String BIG = PREFIX + "/BIG-RECORD";

    @TempDir
    static Path dir;
    Node node;
    SiteInfo site;
    HandleResolver resolver;

    @BeforeAll
    void start() throws Exception {
        node = TestNodes.start(dir, PREFIX);
        TestNodes.put(node, PUMP, List.of(
                org.idnode.protocol.model.HandleValue.text(1, "URL", "https://factory.example.com/pump/17"),
                org.idnode.protocol.model.HandleValue.text(2, "DESC", "Centrifugal pump"),
                org.idnode.protocol.model.HandleValue.text(3, "URL.backup", "https://mirror.example.com/pump/17"),
                new org.idnode.protocol.model.HandleValue(4, 0, 0, 86400, 0x0C, "SECRET", "internal".getBytes(StandardCharsets.UTF_8), List.of())));
        List<org.idnode.protocol.model.HandleValue> big = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            big.add(org.idnode.protocol.model.HandleValue.text(i, "URL", "https://factory.example.com/part/" + "x".repeat(60) + i));
        }
        TestNodes.put(node, BIG, big);
        byte[] siteBytes = SiteInfoCodec.encode(node.siteInfo());
        site = new SiteInfo();
        Encoder.decodeSiteInfoRecord(siteBytes, 0, site);
        resolver = new HandleResolver();
        resolver.setSessionTracker(null);
        resolver.setCache(null);
        resolver.setCheckSignatures(true);
        resolver.setTcpTimeout(10_000);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    static Stream<Byte> protocols() {
        return Stream.of(Interface.SP_HDL_UDP, Interface.SP_HDL_TCP, Interface.SP_HDL_HTTP);
    }

    private AbstractResponse resolve(byte protocol, String handle, String[] types, int[] indexes, boolean certify)
            throws Exception {
        byte[][] t = types == null ? null : Arrays.stream(types).map(Util::encodeString).toArray(byte[][]::new);
        ResolutionRequest req = new ResolutionRequest(Util.encodeString(handle), t, indexes, null);
        req.certify = certify;
        return resolver.sendRequestToSite(req, site, protocol);
    }

    private static List<String> values(AbstractResponse r) throws Exception {
        ResolutionResponse res = assertInstanceOf(ResolutionResponse.class, r, () -> r.toString());
        List<String> out = new ArrayList<>();
        for (HandleValue v : res.getHandleValues()) {
            out.add(v.getIndex() + ":" + v.getTypeAsString() + "=" + v.getDataAsString());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void resolvesPublicValuesOfAKnownHandle(byte protocol) throws Exception {
        AbstractResponse r = resolve(protocol, PUMP, null, null, false);
        assertEquals(List.of("1:URL=https://factory.example.com/pump/17", "2:DESC=Centrifugal pump",
                "3:URL.backup=https://mirror.example.com/pump/17"), values(r));
        assertArrayEquals(Util.encodeString(PUMP), ((ResolutionResponse) r).handle);
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void answersHandleNotFoundForAnUnknownHandle(byte protocol) throws Exception {
        AbstractResponse r = resolve(protocol, PREFIX + "/NO-SUCH-THING", null, null, false);
        assertEquals(AbstractResponse.RC_HANDLE_NOT_FOUND, r.responseCode);
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void answersServerNotResponsibleForAPrefixNotHomedHere(byte protocol) throws Exception {
        AbstractResponse r = resolve(protocol, "99.999/elsewhere", null, null, false);
        assertEquals(AbstractResponse.RC_SERVER_NOT_RESP, r.responseCode);
        assertInstanceOf(ErrorResponse.class, r);
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void filtersByTypeOrIndexAsAUnion(byte protocol) throws Exception {
        AbstractResponse r = resolve(protocol, PUMP, new String[] {"URL"}, new int[] {2}, false);
        assertEquals(List.of("1:URL=https://factory.example.com/pump/17", "2:DESC=Centrifugal pump"), values(r));
        AbstractResponse sub = resolve(protocol, PUMP, new String[] {"url."}, null, false);
        assertEquals(List.of("1:URL=https://factory.example.com/pump/17",
                "3:URL.backup=https://mirror.example.com/pump/17"), values(sub));
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void answersValuesNotFoundWhenTheFilterMatchesNothing(byte protocol) throws Exception {
        AbstractResponse r = resolve(protocol, PUMP, new String[] {"EMAIL"}, null, false);
        assertEquals(AbstractResponse.RC_VALUES_NOT_FOUND, r.responseCode);
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void leavesOutValuesWithoutPublicRead(byte protocol) throws Exception {
        AbstractResponse r = resolve(protocol, PUMP, new String[] {"SECRET"}, null, false);
        assertEquals(AbstractResponse.RC_VALUES_NOT_FOUND, r.responseCode);
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void resolvesAPrefixHandleToTheNodesSite(byte protocol) throws Exception {
        AbstractResponse r = resolve(protocol, "0.NA/" + PREFIX.toLowerCase(), new String[] {"HS_SITE"}, null, false);
        ResolutionResponse res = assertInstanceOf(ResolutionResponse.class, r);
        HandleValue[] v = res.getHandleValues();
        assertEquals(1, v.length);
        SiteInfo s = new SiteInfo();
        Encoder.decodeSiteInfoRecord(v[0].getData(), 0, s);
        assertEquals(node.tcpAddress().getPort(), s.servers[0].interfaces[0].port);
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void resolvesARecordThatNeedsSeveralDatagrams(byte protocol) throws Exception {
        AbstractResponse r = resolve(protocol, BIG, null, null, false);
        List<String> v = values(r);
        assertEquals(40, v.size());
        assertTrue(v.get(39).endsWith("x40"), v.get(39));
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void signsCertifiedResponsesSoTheOfficialClientAcceptsThem(byte protocol) throws Exception {
        // checkSignatures is on: the client rejects a missing or bad signature by throwing.
        AbstractResponse r = resolve(protocol, PUMP, new String[] {"DESC"}, null, true);
        assertEquals(List.of("2:DESC=Centrifugal pump"), values(r));
        assertTrue(r.signature != null && r.signature.length > 0, "response carries a signature");
        AbstractResponse notFound = resolve(protocol, PREFIX + "/MISSING", null, null, true);
        assertEquals(AbstractResponse.RC_HANDLE_NOT_FOUND, notFound.responseCode);
    }

    @ParameterizedTest
    @MethodSource("protocols")
    void treatsThePrefixCaseInsensitively(byte protocol) throws Exception {
        AbstractResponse r = resolve(protocol, PUMP.toLowerCase(), new String[] {"DESC"}, null, false);
        assertEquals(List.of("2:DESC=Centrifugal pump"), values(r));
    }
}
