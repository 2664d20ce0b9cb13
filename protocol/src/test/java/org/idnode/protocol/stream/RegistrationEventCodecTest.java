package org.idnode.protocol.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.model.HandleValue;
import org.junit.jupiter.api.Test;

class RegistrationEventCodecTest {
    static final RegistrationEvent PUT = new RegistrationEvent(RegistrationEvent.Operation.PUT, "88.118.8/PUMP-1",
            List.of(HandleValue.text(1, "URL", "https://factory.example.com/pump/1").withTimestamp(1_700_000_000),
                    HandleValue.text(2, "DESC", "泵").withTimestamp(1_700_000_000)),
            1_700_000_000_123L, "300:0.NA/88.118.8");

    @Test
    void aPutAndATombstoneReadBackAsWritten() {
        assertEquals(PUT, RegistrationEventCodec.decode(RegistrationEventCodec.encode(PUT)));
        RegistrationEvent gone = new RegistrationEvent(RegistrationEvent.Operation.DELETE, "88.118.8/PUMP-1", List.of(), 5, "");
        assertEquals(gone, RegistrationEventCodec.decode(RegistrationEventCodec.encode(gone)));
    }

    @Test
    void theTopicKeyIsTheHandleAndPrefixEventsHaveTheirOwn() {
        assertEquals("88.118.8/PUMP-1", new String(RegistrationEventCodec.topicKey(RegistrationEventCodec.encode(PUT)),
                java.nio.charset.StandardCharsets.UTF_8));
        RegistrationEvent home = new RegistrationEvent(RegistrationEvent.Operation.HOME_PREFIX, "0.NA/88.118.8", List.of(), 5, "");
        assertEquals("prefix:0.NA/88.118.8", new String(RegistrationEventCodec.topicKey(RegistrationEventCodec.encode(home)),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, RegistrationEventCodec.topicKey(new byte[] {1, 1, 0}).length, "too short: the empty key");
    }

    @Test
    void anEventMadeFromAlreadyEncodedValuesIsTheSameOctets() {
        io.netty.buffer.ByteBuf list = io.netty.buffer.Unpooled.buffer();
        list.writeBytes(new byte[] {7, 7}); // something before the list, as in a stored record
        org.idnode.protocol.codec.ValueCodec.encodeList(PUT.values(), list);
        byte[] octets = new byte[list.readableBytes()];
        list.readBytes(octets);
        assertEquals(java.util.HexFormat.of().formatHex(RegistrationEventCodec.encode(PUT)),
                java.util.HexFormat.of().formatHex(RegistrationEventCodec.encode(PUT.operation(), PUT.handle(), PUT.timeMillis(),
                        PUT.identity(), octets, 2, octets.length - 2)));
    }

    @Test
    void anotherVersionIsRefusedNotGuessed() {
        byte[] b = RegistrationEventCodec.encode(PUT);
        b[0] = 2;
        ProtocolException e = assertThrows(ProtocolException.class, () -> RegistrationEventCodec.decode(b));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, e.responseCode());
    }

    @Test
    void everyTruncationAndRandomDamageEndsInAProtocolExceptionOrAnEvent() {
        byte[] good = RegistrationEventCodec.encode(PUT);
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            assertThrows(ProtocolException.class, () -> RegistrationEventCodec.decode(cut), "cut at " + n);
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = good.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            try {
                RegistrationEventCodec.decode(b);
            } catch (ProtocolException expected) {
                // the only failure a consumer has to handle
            }
        }
    }
}
