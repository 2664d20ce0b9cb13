package org.idnode.node.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.idnode.node.Requests;
import org.idnode.node.storage.HandleKeys;
import org.idnode.node.storage.RocksHandleStore;
import org.idnode.node.storage.StoredRecord;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.OpFlags;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.message.DeleteHandleRequest;
import org.idnode.protocol.message.ErrorResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.RequestDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestProcessorTest {
    @TempDir
    Path dir;
    RocksHandleStore store;
    RequestProcessor processor;

    @BeforeEach
    void setUp() {
        store = RocksHandleStore.open(dir, 8 << 20);
        HandleKeys keys = new HandleKeys(false);
        store.apply(org.idnode.node.storage.StoreChange.put(keys.key("88.118.8/A"), StoredRecord.encode(List.of(HandleValue.text(1, "URL", "https://a"),
                HandleValue.text(2, "DESC", "a thing")))));
        processor = new RequestProcessor(new Resolver(store, keys, new HomedPrefixes(Set.of("88.118.8"))),
                new byte[] {0, 1}, 7, null);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private Message process(byte[] frame, Interface iface) {
        ByteBuf out = processor.process(Unpooled.wrappedBuffer(frame), iface, UnpooledByteBufAllocator.DEFAULT);
        try {
            return Requests.decode(ByteBufUtil.getBytes(out));
        } finally {
            out.release();
        }
    }

    @Test
    void answersAnUnfilteredResolutionWithTheStoredValues() {
        Message m = process(Requests.resolution(5, "88.118.8/a"), Interface.UDP);
        assertEquals(ResponseCodes.SUCCESS, m.header().responseCode());
        assertEquals(5, m.envelope().requestId());
        assertEquals(7, m.header().siteInfoSerial());
        assertTrue(m.header().has(OpFlags.AT));
        ResolutionResponse r = assertInstanceOf(ResolutionResponse.class, m.body());
        assertEquals("88.118.8/a", r.handle());
        assertEquals(List.of(1, 2), r.values().stream().map(HandleValue::index).toList());
    }

    @Test
    void startsTheBodyWithTheRequestDigestWhenRdIsSet() throws Exception {
        byte[] req = Requests.resolution(6, "88.118.8/A", List.of(2), List.of(), OpFlags.CLIENT_DEFAULT | OpFlags.RD);
        Message m = process(req, Interface.TCP);
        RequestDigest d = m.digest();
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256")
                .digest(Arrays.copyOfRange(req, 20, 20 + 24 + Unpooled.wrappedBuffer(req).getInt(20 + 20)));
        assertEquals(RequestDigest.SHA256, d.hashType());
        assertTrue(Arrays.equals(expected, d.digest()));
        assertEquals(List.of(2), ((ResolutionResponse) m.body()).values().stream().map(HandleValue::index).toList());
    }

    @Test
    void answersTruncatedInputWithProtocolErrorAndRequestIdMinusOne() {
        byte[] req = Requests.resolution(8, "88.118.8/A");
        Message m = process(Arrays.copyOf(req, 30), Interface.TCP);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, m.header().responseCode());
        assertEquals(-1, m.envelope().requestId());
    }

    @Test
    void answersAWrongMessageLengthWithProtocolError() {
        byte[] req = Requests.resolution(9, "88.118.8/A");
        Message m = process(Arrays.copyOf(req, req.length - 3), Interface.TCP);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, m.header().responseCode());
        assertEquals(9, m.envelope().requestId());
    }

    @Test
    void answersAnUnknownOpcodeWithOperationNotSupported() {
        byte[] req = Requests.resolution(10, "88.118.8/A");
        Unpooled.wrappedBuffer(req).setInt(20, 77);
        Message m = process(req, Interface.TCP);
        assertEquals(ResponseCodes.OPERATION_NOT_SUPPORTED, m.header().responseCode());
        assertEquals(77, m.header().opCode());
        assertInstanceOf(ErrorResponse.class, m.body());
    }

    @Test
    void refusesAdminOperationsOnUdp() {
        byte[] req = Requests.frame(11, OpCodes.DELETE_HANDLE, 0, new DeleteHandleRequest("88.118.8/A"));
        Message m = process(req, Interface.UDP);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, m.header().responseCode());
        assertEquals(OpCodes.DELETE_HANDLE, m.header().opCode());
    }

    @Test
    void refusesAnUnknownMajorVersion() {
        byte[] req = Requests.resolution(12, "88.118.8/A");
        req[0] = 3;
        Message m = process(req, Interface.TCP);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, m.header().responseCode());
    }

    @Test
    void answersInTheOlderVersionAPeerSuggests() {
        byte[] req = Requests.resolution(13, "88.118.8/A");
        req[1] = 3;
        req[2] = 0; // an old peer: no suggested version, so its envelope version counts
        req[3] = 0;
        Message m = process(req, Interface.TCP);
        assertEquals(3, m.envelope().minorVersion());
        assertEquals(ResponseCodes.SUCCESS, m.header().responseCode());
    }

    @Test
    void answersBadUtf8InAHandleWithInvalidHandle() {
        byte[] req = Requests.resolution(14, "88.118.8/A");
        req[20 + 24 + 4 + 9] = (byte) 0xC3; // the 'A': now a lone UTF-8 lead octet
        Message m = process(req, Interface.TCP);
        assertEquals(ResponseCodes.INVALID_HANDLE, m.header().responseCode());
        assertNull(m.credential());
    }

    @Test
    void servesTheSiteInfoBytes() {
        byte[] req = Requests.frame(15, OpCodes.GET_SITE_INFO, 0, new org.idnode.protocol.message.GetSiteInfoRequest("/"));
        ByteBuf out = processor.process(Unpooled.wrappedBuffer(req), Interface.UDP, UnpooledByteBufAllocator.DEFAULT);
        try {
            assertEquals(ResponseCodes.SUCCESS, out.getInt(24));
            assertEquals(2, out.getInt(20 + 20));
            assertEquals(1, out.getByte(20 + 24 + 1));
        } finally {
            out.release();
        }
    }
}
