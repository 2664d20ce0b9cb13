package org.idnode.protocol;

import static org.idnode.protocol.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.idnode.protocol.auth.SessionCipher;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.ErrorResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.message.SessionSetupRequest;
import org.idnode.protocol.model.Credential;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.RequestDigest;
import org.idnode.protocol.model.ValueReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The decoder faces the open internet: whatever arrives, {@link MessageCodec#decode} either returns a
 * message or throws {@link ProtocolException} with the response code to send (handle-protocol.md §3,
 * §4, §7). A seeded fuzz run (reproducible: {@code -Didnode.fuzz.seed=...}) checks that on a million
 * inputs, the named tests pin the response codes, and a jqwik property checks encode/decode identity.
 */
class DecoderFuzzTest {
    private static final long SEED = Long.getLong("idnode.fuzz.seed", 0x1D_0DE_F022L);
    private static final int INPUTS = Integer.getInteger("idnode.fuzz.inputs", 1_000_000);
    /** Interesting int4 values for length and count fields. */
    private static final int[] EDGE_INTS = {0, 1, 2, 3, 4, -1, -2, Integer.MIN_VALUE, Integer.MAX_VALUE,
        Integer.MAX_VALUE - 3, 0x7FFF, 0x8000, 0xFFFF, 0x10000, Limits.MAX_MESSAGE_LENGTH, Limits.MAX_MESSAGE_LENGTH + 1,
        Limits.MAX_ARRAY_SIZE, Limits.MAX_ARRAY_SIZE + 1, Limits.MAX_VALUES, Limits.MAX_VALUES + 1,
        Limits.MAX_HANDLE_LENGTH, Limits.MAX_HANDLE_LENGTH + 1, 0x00FFFFFF, 0x01000000};
    private static final int[] OPCODES = {0, 1, 2, 100, 101, 102, 103, 104, 105, 106, 200, 201, 300, 301, 302, 400,
        401, 402, 1000, 1001, 1002, 1003, 3, 99, 999, -1};
    private static final int[] RESPONSE_CODES = {0, 1, 2, 4, 7, 100, 200, 202, 301, 302, 303, 402, 403, 505, 9, -1};

    private static List<byte[]> corpus;

    /** Every vector as a clear TCP frame: UDP ones reassembled, the encrypted one decrypted (EC cleared). */
    @BeforeAll
    static void loadCorpus() {
        corpus = new ArrayList<>();
        for (String name : Vectors.names()) {
            List<byte[]> lines = Vectors.lines(name);
            if (lines.size() > 1) {
                corpus.add(HandleVectorsTest.Udp.reassemble(lines));
            } else if (name.equals(Vectors.ENCRYPTED)) {
                byte[] frame = lines.get(0);
                byte[] plain = ByteBufUtil.getBytes(SessionCipher.decrypt(Vectors.sessionKey(),
                        Unpooled.wrappedBuffer(frame, 20, frame.length - 20)));
                byte[] clear = Arrays.copyOf(frame, 20 + plain.length);
                System.arraycopy(plain, 0, clear, 20, plain.length);
                clear[2] &= ~Envelope.ENCRYPTED;
                ByteBuffer.wrap(clear).putInt(16, plain.length);
                corpus.add(clear);
            } else {
                corpus.add(lines.get(0));
            }
        }
        for (byte[] frame : corpus) {
            Vectors.decode(frame); // the seeds themselves decode
        }
    }

    // ---- the fuzz run ----

    @Test
    void decoderOnlyEverReturnsAMessageOrThrowsProtocolException() {
        SplittableRandom seeds = new SplittableRandom(SEED);
        int decoded = 0;
        int rejected = 0;
        java.util.TreeMap<Integer, Integer> byCode = new java.util.TreeMap<>();
        for (int i = 0; i < INPUTS; i++) {
            long inputSeed = seeds.nextLong();
            byte[] input = generate(new SplittableRandom(inputSeed));
            ByteBuf buf = Unpooled.wrappedBuffer(input);
            Message m;
            try {
                m = MessageCodec.decode(buf);
            } catch (ProtocolException e) {
                rejected++;
                byCode.merge(e.responseCode(), 1, Integer::sum);
                continue;
            } catch (Throwable t) {
                throw failure("decoding threw " + t, i, inputSeed, input, t);
            }
            decoded++;
            try {
                assertEquals(1, buf.refCnt(), "decode must not release its input");
                assertReencodes(m);
            } catch (Throwable t) {
                throw failure("re-encoding the decoded message failed: " + t, i, inputSeed, input, t);
            }
        }
        System.out.printf("decoder fuzz: seed %d, %d inputs, %d decoded, %d rejected by response code %s%n", SEED,
                INPUTS, decoded, rejected, byCode);
        // Both outcomes in real numbers, or the generator only tests one path.
        assertTrue(decoded > INPUTS / 50, "decoded " + decoded + " of " + INPUTS);
        assertTrue(rejected > INPUTS / 2, "rejected " + rejected + " of " + INPUTS);
    }

    private static AssertionError failure(String what, int i, long inputSeed, byte[] input, Throwable t) {
        return new AssertionError(what + "\n  seed: " + SEED + " (-Didnode.fuzz.seed), input #" + i
                + ", input seed " + inputSeed + "\n  input: " + hex(input), t);
    }

    /** Whatever decodes also encodes, and decodes again to the same message (messageLength aside). */
    private static void assertReencodes(Message m) {
        byte[] again = Vectors.encode(m);
        Message m2 = Vectors.decode(again);
        assertEquals(withoutLength(m), withoutLength(m2));
    }

    private static Message withoutLength(Message m) {
        return m.withEnvelope(m.envelope().withMessageLength(0));
    }

    private static byte[] generate(SplittableRandom r) {
        byte[] input;
        if (r.nextInt(10) == 0) {
            input = new byte[r.nextInt(600)];
            r.nextBytes(input);
            if (input.length >= 44 && r.nextBoolean()) {
                // A plausible envelope and header over random octets, so the body decoders get random input too.
                ByteBuffer b = ByteBuffer.wrap(input);
                b.put(0, (byte) 2);
                b.putInt(20, OPCODES[r.nextInt(OPCODES.length)]);
                b.putInt(24, RESPONSE_CODES[r.nextInt(RESPONSE_CODES.length)]);
                b.putInt(40, r.nextInt(input.length - 43));
                normalize(input);
            }
            return input;
        }
        input = corpus.get(r.nextInt(corpus.size())).clone();
        int mutations = 1 + r.nextInt(4);
        for (int k = 0; k < mutations; k++) {
            input = mutate(r, input);
        }
        if (input.length >= 20 && r.nextInt(4) != 0) {
            normalize(input);
        }
        return input;
    }

    /** Major version 2, no EC/CP, messageLength = what follows: gets the input past the envelope checks. */
    private static void normalize(byte[] input) {
        input[0] = 2;
        input[2] &= 0x3F;
        ByteBuffer.wrap(input).putInt(16, input.length - 20);
    }

    private static byte[] mutate(SplittableRandom r, byte[] in) {
        int n = in.length;
        switch (r.nextInt(10)) {
            case 0 -> { // bit flips
                if (n > 0) {
                    for (int k = 1 + r.nextInt(8); k > 0; k--) {
                        int at = r.nextInt(n);
                        in[at] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                return in;
            }
            case 1 -> { // random octets
                if (n > 0) {
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        in[r.nextInt(n)] = (byte) r.nextInt(256);
                    }
                }
                return in;
            }
            case 2 -> { // truncation
                return Arrays.copyOf(in, n == 0 ? 0 : r.nextInt(n));
            }
            case 3 -> { // a known length field (messageLength, bodyLength, credential length) to an edge value
                int at = switch (r.nextInt(3)) {
                    case 0 -> 16;
                    case 1 -> 40;
                    default -> n >= 44 ? 44 + ByteBuffer.wrap(in).getInt(40) : 40;
                };
                putInt(in, at, edgeInt(r, n));
                return in;
            }
            case 4 -> { // any int4 position to an edge value: counts and lengths inside bodies and values
                if (n >= 4) {
                    putInt(in, r.nextInt(n - 3), edgeInt(r, n));
                }
                return in;
            }
            case 5 -> { // inserted octets
                int at = r.nextInt(n + 1);
                byte[] extra = new byte[1 + r.nextInt(16)];
                r.nextBytes(extra);
                byte[] out = new byte[n + extra.length];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(extra, 0, out, at, extra.length);
                System.arraycopy(in, at, out, at + extra.length, n - at);
                return out;
            }
            case 6 -> { // removed octets
                if (n == 0) {
                    return in;
                }
                int at = r.nextInt(n);
                int len = Math.min(n - at, 1 + r.nextInt(16));
                byte[] out = new byte[n - len];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + len, out, at, n - at - len);
                return out;
            }
            case 7 -> { // another opcode / response code / op flags (RD changes where the body starts)
                if (n >= 32) {
                    ByteBuffer b = ByteBuffer.wrap(in);
                    switch (r.nextInt(3)) {
                        case 0 -> b.putInt(20, OPCODES[r.nextInt(OPCODES.length)]);
                        case 1 -> b.putInt(24, RESPONSE_CODES[r.nextInt(RESPONSE_CODES.length)]);
                        default -> b.putInt(28, b.getInt(28) ^ (1 << (8 + r.nextInt(24))));
                    }
                }
                return in;
            }
            case 8 -> { // splice in a piece of another vector
                byte[] other = corpus.get(r.nextInt(corpus.size()));
                int from = r.nextInt(other.length);
                int len = Math.min(other.length - from, 1 + r.nextInt(64));
                if (n > 0) {
                    int at = r.nextInt(n);
                    System.arraycopy(other, from, in, at, Math.min(len, n - at));
                }
                return in;
            }
            default -> { // appended octets
                byte[] out = Arrays.copyOf(in, n + 1 + r.nextInt(32));
                for (int i = n; i < out.length; i++) {
                    out[i] = (byte) r.nextInt(256);
                }
                return out;
            }
        }
    }

    private static int edgeInt(SplittableRandom r, int inputLength) {
        return switch (r.nextInt(3)) {
            case 0 -> EDGE_INTS[r.nextInt(EDGE_INTS.length)];
            case 1 -> inputLength + r.nextInt(9) - 4;
            default -> r.nextInt();
        };
    }

    private static void putInt(byte[] b, int at, int v) {
        if (at >= 0 && at + 4 <= b.length) {
            ByteBuffer.wrap(b).putInt(at, v);
        }
    }

    // ---- named rejections: the response code each one earns (§3, §4, §7) ----

    private static int rcOf(byte[] frame) {
        return assertThrows(ProtocolException.class, () -> Vectors.decode(frame)).responseCode();
    }

    private static byte[] vector(String name) {
        return Vectors.frame(name);
    }

    @Test
    void rejectsMessageLengthAboveLimit() {
        byte[] f = vector("resolution-request-all");
        ByteBuffer.wrap(f).putInt(16, Limits.MAX_MESSAGE_LENGTH + 1);
        // §3: CNRI's envelope decoder throws on an out-of-range length and the server answers RC_ERROR.
        assertEquals(ResponseCodes.ERROR, rcOf(f));
        ByteBuffer.wrap(f).putInt(16, Integer.MAX_VALUE);
        assertEquals(ResponseCodes.ERROR, rcOf(f));
    }

    @Test
    void rejectsNegativeMessageLength() {
        byte[] f = vector("resolution-request-all");
        ByteBuffer.wrap(f).putInt(16, -1);
        assertEquals(ResponseCodes.ERROR, rcOf(f));
    }

    @Test
    void acceptsMessageLengthAtTheLimit() {
        // An error message that makes the message exactly 262,144 octets: header 24 + bodyLength... + credential 4.
        String text = "x".repeat(Limits.MAX_MESSAGE_LENGTH - Limits.HEADER_SIZE - 4 - 4);
        Message m = new Message(new Envelope(2, 10, 2, 10, 0, 1, 0, 0), new Header(1, 100, 0, 1, 0, 0), null,
                new ErrorResponse(text), null);
        byte[] f = Vectors.encode(m);
        assertEquals(Limits.MAX_MESSAGE_LENGTH, f.length - Limits.ENVELOPE_SIZE);
        assertEquals(text, ((ErrorResponse) Vectors.decode(f).body()).message());
    }

    @Test
    void rejectsMessageLengthOtherThanTheOctetsThatFollow() {
        byte[] f = vector("resolution-request-all");
        ByteBuffer.wrap(f).putInt(16, f.length - 20 + 1);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f)); // §3: a short read is RC_PROTOCOL_ERROR
        ByteBuffer.wrap(f).putInt(16, f.length - 20 - 1);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f));
    }

    @Test
    void rejectsMessageShorterThanTheHeader() {
        byte[] f = Arrays.copyOf(vector("resolution-request-all"), 20 + 23);
        ByteBuffer.wrap(f).putInt(16, 23);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(Arrays.copyOf(f, 19)));
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(new byte[0]));
    }

    @Test
    void rejectsTruncatedBody() {
        byte[] full = vector("create-handle-request");
        int bodyLength = ByteBuffer.wrap(full).getInt(40);
        for (int cut = 1; cut <= bodyLength; cut++) {
            // The body ends early but every length field agrees with what is there.
            byte[] f = new byte[full.length - cut];
            System.arraycopy(full, 0, f, 0, 44 + bodyLength - cut);
            System.arraycopy(full, 44 + bodyLength, f, 44 + bodyLength - cut, full.length - 44 - bodyLength);
            ByteBuffer.wrap(f).putInt(16, f.length - 20).putInt(40, bodyLength - cut);
            int rc = rcOf(f);
            assertEquals(ResponseCodes.PROTOCOL_ERROR, rc, "body cut by " + cut);
        }
        // And a bodyLength that runs past the message.
        byte[] f = full.clone();
        ByteBuffer.wrap(f).putInt(40, bodyLength + 5);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f));
    }

    @Test
    void rejectsNegativeBodyLength() {
        byte[] f = vector("resolution-request-all");
        ByteBuffer.wrap(f).putInt(40, -1);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f));
        ByteBuffer.wrap(f).putInt(40, Integer.MIN_VALUE);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f));
    }

    @Test
    void rejectsCredentialLengthBeyondTheMessage() {
        byte[] f = vector("resolution-response-multi-signed");
        int at = 44 + ByteBuffer.wrap(f).getInt(40);
        ByteBuffer.wrap(f).putInt(at, ByteBuffer.wrap(f).getInt(at) + 1);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f));
        ByteBuffer.wrap(f).putInt(at, -5);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f));
    }

    @Test
    void rejectsUnknownOpcodeWithOperationNotSupported() {
        byte[] f = vector("resolution-request-all");
        for (int op : new int[] {3, 99, 107, 199, 202, 303, 403, 999, 1004, -1, Integer.MAX_VALUE}) {
            ByteBuffer.wrap(f).putInt(20, op);
            assertEquals(ResponseCodes.OPERATION_NOT_SUPPORTED, rcOf(f), "opcode " + op);
        }
    }

    @Test
    void rejectsBadUtf8HandleWithInvalidHandle() {
        // §7: RC_INVALID_HANDLE for bad UTF-8: a bad continuation, an overlong '/', a UTF-16 surrogate, a cut sequence.
        for (String bad : new String[] {"c328", "c0af", "eda080", "e282", "ff", "f4908080"}) {
            byte[] handle = Vectors.HEX.parseHex("32302e353030302e312f" + bad);
            ByteBuf body = Unpooled.buffer().writeInt(handle.length).writeBytes(handle).writeInt(0).writeInt(0);
            assertEquals(ResponseCodes.INVALID_HANDLE, rcOf(frame(1, 0, 0x19000000, ByteBufUtil.getBytes(body))), bad);
        }
    }

    @Test
    void acceptsMultiOctetUtf8Handles() {
        String handle = "20.5000.1/\u00e9\u4e2d\ud83d\ude00";
        byte[] h = handle.getBytes(StandardCharsets.UTF_8);
        ByteBuf body = Unpooled.buffer().writeInt(h.length).writeBytes(h).writeInt(0).writeInt(0);
        Message m = Vectors.decode(frame(1, 0, 0x19000000, ByteBufUtil.getBytes(body)));
        assertEquals(handle, ((ResolutionRequest) m.body()).handle());
    }

    @Test
    void rejectsHandleLongerThan2048Octets() {
        byte[] h = "a".repeat(Limits.MAX_HANDLE_LENGTH + 1).getBytes(StandardCharsets.US_ASCII);
        ByteBuf body = Unpooled.buffer().writeInt(h.length).writeBytes(h).writeInt(0).writeInt(0);
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(frame(1, 0, 0x19000000, ByteBufUtil.getBytes(body))));
    }

    @Test
    void rejectsMajorVersionOtherThanTwo() {
        byte[] f = vector("resolution-request-all");
        for (int major : new int[] {0, 1, 3, 4, 6, 255}) {
            f[0] = (byte) major;
            assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f), "major " + major);
        }
        // §19: a major version of 5 is CNRI's "broken 2.0" and is let through.
        f[0] = 5;
        assertEquals(5, Vectors.decode(f).envelope().majorVersion());
    }

    @Test
    void rejectsEncryptedMessageOutsideASessionWithSessionFailed() {
        assertEquals(ResponseCodes.SESSION_FAILED, rcOf(vector(Vectors.ENCRYPTED)));
    }

    @Test
    void rejectsCompressedMessages() {
        byte[] f = vector("resolution-request-all");
        f[2] |= (byte) Envelope.COMPRESSED; // §3: CNRI never produces or understands CP
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f));
    }

    @Test
    void rejectsHugeCountsWithoutAllocatingForThem() {
        byte[] f = vector("create-handle-request");
        int countAt = 44 + 4 + ByteBuffer.wrap(f).getInt(44); // after the handle: int4 value count
        for (int count : new int[] {Integer.MAX_VALUE, Limits.MAX_VALUES, -1, 3}) {
            ByteBuffer.wrap(f).putInt(countAt, count);
            assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f), "value count " + count);
        }
    }

    @Test
    void rejectsUnknownDigestType() {
        byte[] f = vector("challenge-response");
        f[44] = 4; // §8.1: 1 MD5, 2 SHA-1, 3 SHA-256 (0 = legacy form)
        assertEquals(ResponseCodes.PROTOCOL_ERROR, rcOf(f));
    }

    @Test
    void rejectsUnknownSessionSetupModeWithInvalidSessionSetupRequest() {
        byte[] f = vector("session-setup-request");
        f[44 + 1] = 9;
        assertEquals(ResponseCodes.INVALID_SESSIONSETUP_REQUEST, rcOf(f));
        f[44 + 1] = SessionSetupRequest.MODE_DIFFIE_HELLMAN;
        assertInstanceOf(SessionSetupRequest.class, Vectors.decode(f).body());
    }

    @Test
    void ignoresOctetsAfterTheCredential() {
        // §4: a CNRI decoder only looks for a credential if at least 4 octets remain; less is ignored.
        byte[] f = vector("resolution-request-all");
        byte[] shorter = Arrays.copyOf(f, f.length - 4);
        ByteBuffer.wrap(shorter).putInt(16, shorter.length - 20);
        assertEquals(Vectors.decode(f).body(), Vectors.decode(shorter).body());
    }

    /** Envelope (2.10) + header + body + empty credential. */
    private static byte[] frame(int opCode, int responseCode, int flags, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(20 + 24 + body.length + 4);
        b.put((byte) 2).put((byte) 10).put((byte) 2).put((byte) 10).putInt(0).putInt(1).putInt(0)
                .putInt(24 + body.length + 4);
        b.putInt(opCode).putInt(responseCode).putInt(flags).putShort((short) 1).put((byte) 0).put((byte) 0)
                .putInt(1700043200).putInt(body.length);
        b.put(body).putInt(0);
        return b.array();
    }

    // ---- encode -> decode is identity (jqwik) ----

    @Property(tries = 2000)
    void encodeThenDecodeIsIdentityForResolutionAndErrorMessages(@ForAll("messages") Message m) {
        byte[] encoded = Vectors.encode(m);
        Message expected = m.withEnvelope(m.envelope().withMessageLength(encoded.length - Limits.ENVELOPE_SIZE));
        assertEquals(expected, Vectors.decode(encoded));
        assertEquals(hex(encoded), hex(Vectors.encode(Vectors.decode(encoded))));
    }

    @Provide
    Arbitrary<Message> messages() {
        Arbitrary<Envelope> envelopes = Combinators.combine(Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 0x3F), Arbitraries.integers().between(0, 255),
                Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers().greaterOrEqual(0))
                .as((minor, flags, suggested, session, request, messageId) ->
                        new Envelope(2, minor, flags, suggested, session, request, messageId, 0));
        Arbitrary<Integer> errorCodes = Arbitraries.of(2, 3, 4, 5, 6, 7, 100, 101, 102, 200, 201, 202, 300, 301, 400,
                401, 403, 404, 405, 406, 500, 501, 502, 503, 504, 505);
        Arbitrary<Integer> flags = Arbitraries.integers();
        Arbitrary<MessageBody> request = Combinators.combine(handles(),
                Arbitraries.integers().list().ofMaxSize(20), text(30).list().ofMaxSize(10))
                .as(ResolutionRequest::new);
        Arbitrary<MessageBody> response = Combinators.combine(handles(), values().list().ofMaxSize(6))
                .as(ResolutionResponse::new);
        Arbitrary<MessageBody> error = text(60).map(ErrorResponse::new);
        return Arbitraries.oneOf(
                Combinators.combine(envelopes, flags, request, credentials())
                        .as((e, f, b, c) -> message(e, 0, f, b, null, c)),
                Combinators.combine(envelopes, flags, response, digests(), credentials())
                        .as((e, f, b, d, c) -> message(e, 1, f, b, d, c)),
                Combinators.combine(envelopes, flags, errorCodes, error, digests(), credentials())
                        .as((e, f, rc, b, d, c) -> message(e, rc, f, b, d, c)));
    }

    /** A response carries a digest exactly when RD is set (§8.1). */
    private static Message message(Envelope e, int rc, int flags, MessageBody body, RequestDigest digest, Credential c) {
        RequestDigest d = rc != 0 && OpFlags.has(flags, OpFlags.RD) ? digest : null;
        return new Message(e, new Header(OpCodes.RESOLUTION, rc, flags, (short) flags, (flags >>> 8) & 0xFF, ~flags), d,
                body, c);
    }

    /** BMP text without surrogates, so every string is valid UTF-8 on the wire. */
    private static Arbitrary<String> text(int maxLength) {
        return Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withCharRange('\ue000', '\uffff')
                .ofMaxLength(maxLength);
    }

    private static Arbitrary<String> handles() {
        return Arbitraries.oneOf(text(40), Arbitraries.strings().alpha().numeric().withChars("./-_")
                .ofMaxLength(Limits.MAX_HANDLE_LENGTH));
    }

    private static Arbitrary<HandleValue> values() {
        Arbitrary<ValueReference> refs = Combinators.combine(text(20), Arbitraries.integers()).as(ValueReference::new);
        return Combinators.combine(Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers().between(0, 255),
                Arbitraries.integers(), Arbitraries.integers().between(0, 255), text(20),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64), refs.list().ofMaxSize(3))
                .as(HandleValue::new);
    }

    private static Arbitrary<RequestDigest> digests() {
        return Arbitraries.of(0, 1, 2, 3).flatMap(type -> Arbitraries.bytes().array(byte[].class)
                .ofMinSize(type == 0 ? 0 : RequestDigest.lengthOf(type))
                .ofMaxSize(type == 0 ? 16 : RequestDigest.lengthOf(type))
                .map(b -> new RequestDigest(type, b)));
    }

    private static Arbitrary<Credential> credentials() {
        Arbitrary<Credential> c = Combinators.combine(Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 0xFFFF), text(20), Arbitraries.integers(),
                Arbitraries.of(Credential.HS_SIGNED, Credential.HS_MAC, "", "X"), text(12),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                .as((version, options, signer, index, type, alg, sig) ->
                        new Credential(version, version ^ 0x5A, options, signer, index, type, alg, sig));
        return c.injectNull(0.5);
    }
}
