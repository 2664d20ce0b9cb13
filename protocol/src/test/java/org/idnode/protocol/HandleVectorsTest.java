package org.idnode.protocol;

import static org.idnode.protocol.Vectors.HEX;
import static org.idnode.protocol.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.idnode.protocol.auth.ChallengeAnswers;
import org.idnode.protocol.auth.MessageSigner;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.auth.RequestDigests;
import org.idnode.protocol.auth.SessionCipher;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.codec.CredentialCodec;
import org.idnode.protocol.codec.EnvelopeCodec;
import org.idnode.protocol.codec.PublicKeyCodec;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.codec.ValueCodec;
import org.idnode.protocol.message.ChallengeAnswerRequest;
import org.idnode.protocol.message.ChallengeResponse;
import org.idnode.protocol.message.CreateHandleRequest;
import org.idnode.protocol.message.CreateHandleResponse;
import org.idnode.protocol.message.DeleteHandleRequest;
import org.idnode.protocol.message.ErrorResponse;
import org.idnode.protocol.message.GetSiteInfoRequest;
import org.idnode.protocol.message.GetSiteInfoResponse;
import org.idnode.protocol.message.HomePrefixRequest;
import org.idnode.protocol.message.ListHandlesRequest;
import org.idnode.protocol.message.ListHandlesResponse;
import org.idnode.protocol.message.ListPrefixesRequest;
import org.idnode.protocol.message.ListPrefixesResponse;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.message.ModifyValueRequest;
import org.idnode.protocol.message.AddValueRequest;
import org.idnode.protocol.message.ReferralResponse;
import org.idnode.protocol.message.RemoveValueRequest;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.message.SessionSetupRequest;
import org.idnode.protocol.message.SessionSetupResponse;
import org.idnode.protocol.message.SessionTerminateRequest;
import org.idnode.protocol.message.UnhomePrefixRequest;
import org.idnode.protocol.message.VerifyAuthRequest;
import org.idnode.protocol.message.VerifyAuthResponse;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.Credential;
import org.idnode.protocol.model.Envelope;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.Header;
import org.idnode.protocol.model.ProtocolVersion;
import org.idnode.protocol.model.PublicKeyData;
import org.idnode.protocol.model.RequestDigest;
import org.idnode.protocol.model.SiteInfo;
import org.idnode.protocol.model.ValueReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The byte-exact CNRI vectors of src/test/resources/handle-vectors: every message decodes to exactly the
 * fields its JSON lists (each JSON field is either compared or, for prose, explicitly skipped; an
 * unchecked field fails the test), encodes back to the same octets, and every signature, MAC, digest
 * and challenge answer in them checks out with the auth primitives.
 */
class HandleVectorsTest {
    private static final int MESSAGE_VECTORS = 40;

    static Stream<String> vectorNames() {
        return Vectors.names().stream();
    }

    @Test
    void indexListsTheFortyMessagesAndNothingElse() throws Exception {
        List<String> names = Vectors.names();
        assertEquals(MESSAGE_VECTORS, names.size(), "index.txt entries");
        assertEquals(names.size(), new HashSet<>(names).size(), "index.txt has duplicates");
        Set<String> hexFiles;
        try (Stream<java.nio.file.Path> files = Files.list(Vectors.DIR)) {
            hexFiles = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".hex"))
                    .map(f -> f.substring(0, f.length() - 4)).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(names), hexFiles, "every .hex is a message listed in index.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorNames")
    void decodesEveryVectorToItsJsonFieldsAndBack(String name) throws Exception {
        Obj root = new Obj(Vectors.json(name), name);
        assertEquals(name, root.s("name"));
        root.prose("description", "producedBy", "framing", "reassembledEquals");
        if (root.has("packets")) {
            checkUdp(root, Vectors.lines(name));
        } else if (root.has("decrypted")) {
            checkEncrypted(root, Vectors.frame(name));
        } else {
            byte[] frame = Vectors.frame(name);
            assertEquals(frame.length, root.i("totalLength"), "totalLength");
            Message m = Vectors.decode(frame);
            checkMessage(root, m, frame);
            assertEquals(hex(frame), hex(Vectors.encode(m)), "re-encoded octets");
        }
        root.done();
    }

    // ---- the three framings ----

    /** §2: reassemble by messageLength / messageId, check, re-encode, and split again into the same datagrams. */
    private static void checkUdp(Obj root, List<byte[]> datagrams) {
        List<Obj> packets = root.objs("packets");
        assertEquals(packets.size(), datagrams.size(), "datagrams");
        for (int i = 0; i < datagrams.size(); i++) {
            Obj p = packets.get(i);
            byte[] d = datagrams.get(i);
            Envelope e = EnvelopeCodec.decode(Unpooled.wrappedBuffer(d));
            assertEquals(d.length, p.i("datagramLength"), p.path);
            assertEquals(d.length - Limits.ENVELOPE_SIZE, p.i("payloadLength"), p.path);
            assertTrue(d.length <= Limits.UDP_DATAGRAM_SIZE, "datagram above 512 octets");
            assertEquals(String.format("0x%02x", e.flags()), p.s("flagsOctet"), p.path);
            assertEquals(e.truncated(), p.b("truncated"), p.path);
            assertEquals(e.messageId(), p.i("messageId"), p.path);
            assertEquals(e.messageLength(), p.i("messageLength"), p.path);
            assertEquals(e.requestId(), p.i("requestId"), p.path);
            p.done();
        }
        byte[] frame = Udp.reassemble(datagrams);
        Obj m = root.obj("reassembledMessage");
        Message decoded = Vectors.decode(frame);
        checkMessage(m, decoded, frame);
        m.done();
        byte[] encoded = Vectors.encode(decoded);
        assertEquals(hex(frame), hex(encoded), "re-encoded octets");
        boolean truncated = EnvelopeCodec.decode(Unpooled.wrappedBuffer(datagrams.get(0))).truncated();
        List<byte[]> split = Udp.split(encoded, truncated);
        assertEquals(datagrams.size(), split.size(), "datagrams after splitting again");
        for (int i = 0; i < split.size(); i++) {
            assertEquals(hex(datagrams.get(i)), hex(split.get(i)), "datagram " + i + " after splitting again");
        }
    }

    /** §15: decrypt with session-key.json, check the clear message, then re-encode and re-encrypt with the same IV. */
    private static void checkEncrypted(Obj root, byte[] frame) {
        assertEquals(frame.length, root.i("totalLength"), "totalLength");
        byte[] key = Vectors.sessionKey();
        ByteBuf payload = Unpooled.wrappedBuffer(frame, Limits.ENVELOPE_SIZE, frame.length - Limits.ENVELOPE_SIZE);
        byte[] plain = ByteBufUtil.getBytes(SessionCipher.decrypt(key, payload));
        Obj d = root.obj("decrypted");
        byte[] iv = Arrays.copyOfRange(frame, Limits.ENVELOPE_SIZE, Limits.ENVELOPE_SIZE + SessionCipher.IV_LENGTH);
        assertEquals(d.s("ivHex"), hex(iv), "IV");
        assertEquals(Vectors.json("session-key").get("encryptionIvHex").asText(), hex(iv));
        assertEquals(d.i("plaintextLength"), plain.length, "plaintextLength");
        assertEquals(d.s("plaintextHex"), hex(plain), "plaintext");
        d.done();

        Message m = SessionCipher.decodeEncrypted(Unpooled.wrappedBuffer(frame), key);
        assertTrue(m.envelope().encrypted());
        // Offsets of header, body and credential are those of the clear message after the envelope.
        byte[] clearFrame = concat(Arrays.copyOf(frame, Limits.ENVELOPE_SIZE), plain);
        checkMessage(root, m, clearFrame);

        ByteBuf encoded = Unpooled.wrappedBuffer(Vectors.encode(m));
        ByteBuf again = SessionCipher.encryptFrame(encoded, key, iv, ByteBufAllocator.DEFAULT);
        try {
            assertEquals(hex(frame), hex(ByteBufUtil.getBytes(again)), "re-encoded and re-encrypted octets");
        } finally {
            again.release();
        }
    }

    // ---- a message: envelope, header, body, credential ----

    private static void checkMessage(Obj m, Message msg, byte[] frame) {
        checkEnvelope(m.obj("envelope"), msg.envelope());
        int bodyLength = intAt(frame, Limits.ENVELOPE_SIZE + 20);
        checkHeader(m.obj("header"), msg.header(), frame);
        byte[] body = Arrays.copyOfRange(frame, Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE,
                Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE + bodyLength);
        checkBody(m.obj("body"), msg, body);
        checkCredential(m.obj("credential"), msg.credential(), frame,
                Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE + bodyLength);
    }

    private static void checkEnvelope(Obj e, Envelope env) {
        assertEquals(e.i("majorVersion"), env.majorVersion(), e.path);
        assertEquals(e.i("minorVersion"), env.minorVersion(), e.path);
        assertEquals(e.s("flagsOctet"), String.format("0x%02x", env.flags()), e.path);
        assertEquals(e.b("compressed"), env.compressed(), e.path);
        assertEquals(e.b("encrypted"), env.encrypted(), e.path);
        assertEquals(e.b("truncated"), env.truncated(), e.path);
        assertEquals(e.i("suggestedMajorVersion"), env.suggestedMajor(), e.path);
        assertEquals(e.i("suggestedMinorVersion"), env.effectiveSuggestedMinor(), e.path);
        assertEquals(e.i("sessionId"), env.sessionId(), e.path);
        assertEquals(e.i("requestId"), env.requestId(), e.path);
        assertEquals(e.i("messageId"), env.messageId(), e.path);
        assertEquals(e.i("messageLength"), env.messageLength(), e.path);
        e.done();
    }

    private static final Map<Integer, String> FLAG_NAMES = flagNames();

    private static Map<Integer, String> flagNames() {
        Map<Integer, String> m = new java.util.LinkedHashMap<>();
        m.put(OpFlags.AT, "AT");
        m.put(OpFlags.CT, "CT");
        m.put(OpFlags.ENC, "ENC");
        m.put(OpFlags.REC, "REC");
        m.put(OpFlags.CA, "CA");
        m.put(OpFlags.CN, "CN");
        m.put(OpFlags.KA, "KA");
        m.put(OpFlags.PO, "PO");
        m.put(OpFlags.RD, "RD");
        m.put(OpFlags.OVRW, "OVRW");
        m.put(OpFlags.MINT, "MINT");
        m.put(OpFlags.DNRF, "DNRF");
        return m;
    }

    private static void checkHeader(Obj h, Header hd, byte[] frame) {
        int at = Limits.ENVELOPE_SIZE;
        assertEquals(h.i("opCode"), hd.opCode(), h.path);
        assertEquals(h.s("opCodeName"), OpCodes.name(hd.opCode()), h.path);
        assertEquals(h.i("responseCode"), hd.responseCode(), h.path);
        String rcName = h.s("responseCodeName");
        assertTrue(rcName.equals(ResponseCodes.name(hd.responseCode()))
                || rcName.equals(ResponseCodes.name(hd.responseCode()) + " (request)"), h.path + ": " + rcName);
        assertEquals(h.s("opFlags"), String.format("0x%08x", hd.opFlags()), h.path);
        List<String> names = new ArrayList<>();
        FLAG_NAMES.forEach((bit, n) -> {
            if (hd.has(bit)) {
                names.add(n);
            }
        });
        // The JSON names read "REC (recursive)": compare the abbreviations.
        assertEquals(h.strings("opFlagNames").stream().map(s -> s.split(" ")[0]).collect(Collectors.toList()), names,
                h.path + ".opFlagNames");
        // int2: -1 (unknown) is 0xFFFF on the wire and 65535 in the JSON (§4).
        assertEquals(h.i("siteInfoSerial"), hd.siteInfoSerial() & 0xFFFF, h.path);
        assertEquals(h.i("recursionCount"), hd.recursionCount(), h.path);
        assertEquals(h.i("reservedOctet"), frame[at + 15] & 0xFF, h.path);
        assertEquals(h.i("expiration"), hd.expiration(), h.path);
        assertEquals(h.s("expirationIso"), Instant.ofEpochSecond(hd.expiration() & 0xFFFFFFFFL).toString(), h.path);
        assertEquals(h.i("bodyLength"), intAt(frame, at + 20), h.path);
        h.done();
    }

    /** CNRI's class names (decodedAs) to ours; the generic ones cover several opcodes. */
    private static final Map<String, Set<Class<? extends MessageBody>>> DECODED_AS = Map.ofEntries(
            Map.entry("ResolutionRequest", Set.of(ResolutionRequest.class)),
            Map.entry("ResolutionResponse", Set.of(ResolutionResponse.class)),
            Map.entry("ErrorResponse", Set.of(ErrorResponse.class)),
            Map.entry("GenericRequest", Set.of(GetSiteInfoRequest.class, HomePrefixRequest.class,
                    UnhomePrefixRequest.class, SessionTerminateRequest.class)),
            Map.entry("GenericResponse", Set.of(org.idnode.protocol.message.SuccessResponse.class)),
            Map.entry("GetSiteInfoResponse", Set.of(GetSiteInfoResponse.class)),
            Map.entry("CreateHandleRequest", Set.of(CreateHandleRequest.class)),
            Map.entry("CreateHandleResponse", Set.of(CreateHandleResponse.class)),
            Map.entry("DeleteHandleRequest", Set.of(DeleteHandleRequest.class)),
            Map.entry("AddValueRequest", Set.of(AddValueRequest.class)),
            Map.entry("RemoveValueRequest", Set.of(RemoveValueRequest.class)),
            Map.entry("ModifyValueRequest", Set.of(ModifyValueRequest.class)),
            Map.entry("ListHandlesRequest", Set.of(ListHandlesRequest.class)),
            Map.entry("ListHandlesResponse", Set.of(ListHandlesResponse.class)),
            Map.entry("ListNAsRequest", Set.of(ListPrefixesRequest.class)),
            Map.entry("ListNAsResponse", Set.of(ListPrefixesResponse.class)),
            Map.entry("ChallengeResponse", Set.of(ChallengeResponse.class)),
            Map.entry("ChallengeAnswerRequest", Set.of(ChallengeAnswerRequest.class)),
            Map.entry("VerifyAuthRequest", Set.of(VerifyAuthRequest.class)),
            Map.entry("VerifyAuthResponse", Set.of(VerifyAuthResponse.class)),
            Map.entry("ServiceReferralResponse", Set.of(ReferralResponse.class)),
            Map.entry("SessionSetupRequest", Set.of(SessionSetupRequest.class)),
            Map.entry("SessionSetupResponse", Set.of(SessionSetupResponse.class)));

    private static void checkBody(Obj b, Message msg, byte[] body) {
        assertEquals(b.s("hex"), hex(body), b.path + ".hex");
        MessageBody decoded = msg.body();
        String cnri = b.s("decodedAs");
        Set<Class<? extends MessageBody>> ours = DECODED_AS.get(cnri);
        assertNotNull(ours, "unmapped decodedAs " + cnri);
        assertTrue(ours.contains(decoded.getClass()), b.path + ": " + cnri + " decoded as " + decoded.getClass());

        if (b.has("requestDigest")) {
            Obj d = b.obj("requestDigest");
            assertNotNull(msg.digest(), b.path + ": no request digest decoded");
            assertEquals(d.i("hashType"), msg.digest().hashType(), d.path);
            assertEquals(d.s("hashName"), RequestDigest.algorithmOf(msg.digest().hashType()), d.path);
            assertEquals(d.s("digestHex"), hex(msg.digest().digest()), d.path);
            d.done();
        } else {
            assertNull(msg.digest(), b.path + ": unexpected request digest");
        }

        if (decoded instanceof ResolutionRequest r) {
            assertEquals(b.s("handle"), r.handle());
            assertEquals(b.ints("indexList"), r.indexes());
            assertEquals(b.strings("typeList"), r.types());
        } else if (decoded instanceof ResolutionResponse r) {
            assertEquals(b.s("handle"), r.handle());
            checkValues(b.objs("values"), r.values());
        } else if (decoded instanceof ErrorResponse r) {
            assertEquals(b.s("message"), r.message());
        } else if (decoded instanceof GetSiteInfoRequest r) {
            assertEquals(b.s("handle"), r.handle());
        } else if (decoded instanceof GetSiteInfoResponse r) {
            checkSite(b.obj("site"), r.site());
            assertEquals(hex(body), hex(SiteInfoCodec.encode(r.site())), "site record re-encoded");
        } else if (decoded instanceof CreateHandleRequest r) {
            assertEquals(b.s("handle"), r.handle());
            checkValues(b.objs("values"), r.values());
        } else if (decoded instanceof CreateHandleResponse r) {
            assertEquals(b.s("handle"), r.handle());
        } else if (decoded instanceof DeleteHandleRequest r) {
            assertEquals(b.s("handle"), r.handle());
        } else if (decoded instanceof AddValueRequest r) {
            assertEquals(b.s("handle"), r.handle());
            checkValues(b.objs("values"), r.values());
        } else if (decoded instanceof RemoveValueRequest r) {
            assertEquals(b.s("handle"), r.handle());
            assertEquals(b.ints("indexList"), r.indexes());
        } else if (decoded instanceof ModifyValueRequest r) {
            assertEquals(b.s("handle"), r.handle());
            checkValues(b.objs("values"), r.values());
        } else if (decoded instanceof ListHandlesRequest r) {
            assertEquals(b.s("handle"), r.prefixHandle());
        } else if (decoded instanceof ListHandlesResponse r) {
            assertEquals(b.strings("handles"), r.handles());
        } else if (decoded instanceof HomePrefixRequest r) {
            assertEquals(b.s("handle"), r.prefixHandle());
        } else if (decoded instanceof UnhomePrefixRequest r) {
            assertEquals(b.s("handle"), r.prefixHandle());
        } else if (decoded instanceof ListPrefixesRequest r) {
            assertEquals(b.s("handle"), r.handle());
        } else if (decoded instanceof ListPrefixesResponse r) {
            assertEquals(b.strings("handles"), r.prefixHandles());
        } else if (decoded instanceof ChallengeResponse r) {
            assertEquals(b.s("nonceHex"), hex(r.nonce()));
        } else if (decoded instanceof ChallengeAnswerRequest r) {
            assertEquals(b.s("authType"), r.authType());
            assertEquals(b.s("userIdHandle"), r.identityHandle());
            assertEquals(b.i("userIdIndex"), r.identityIndex());
            assertEquals(b.s("signedResponseHex"), hex(r.response()));
            checkAnswer(b.obj("signedResponseParsed"), r.authType(), r.response());
        } else if (decoded instanceof VerifyAuthRequest r) {
            assertEquals(b.s("handle"), r.handle());
            assertEquals(b.i("handleIndex"), r.index());
            assertEquals(b.s("nonceHex"), hex(r.nonce()));
            assertEquals(b.s("origRequestDigestHex"), hex(r.requestDigest()));
            assertEquals(b.s("signedResponseHex"), hex(r.answer()));
        } else if (decoded instanceof VerifyAuthResponse r) {
            assertEquals(b.b("isValid"), r.valid());
        } else if (decoded instanceof ReferralResponse r) {
            assertEquals(b.s("referralHandle"), r.referralHandle());
            checkValues(b.objs("values"), r.values());
        } else if (decoded instanceof SessionSetupRequest r) {
            assertEquals(b.i("keyExchangeMode"), r.keyExchangeMode());
            assertEquals(b.i("timeout"), r.timeout());
            assertEquals(b.s("identityHandle"), r.identityHandle());
            assertEquals(b.i("identityIndex"), r.identityIndex());
            assertEquals(b.s("publicKeyHex"), hex(r.publicKey()));
            checkKey(b.obj("publicKeyParsed"), r.publicKey(), 0);
        } else if (decoded instanceof SessionSetupResponse r) {
            assertEquals(b.i("keyExchangeMode"), r.keyExchangeMode());
            assertEquals(b.s("dataHex"), hex(r.data()));
            SessionCipher.DhSetupData data = SessionCipher.DhSetupData.decode(r.data());
            assertEquals(b.i("encryptionAlgorithm"), data.algorithm());
            checkKey(b.obj("dhPublicKeyParsed"), r.data(), 4);
            assertEquals(hex(r.data()), hex(data.encode()), "DH setup data re-encoded");
        } else if (decoded instanceof SessionTerminateRequest r) {
            assertEquals(b.s("handle"), r.handle());
        } else if (!(decoded instanceof org.idnode.protocol.message.SuccessResponse)) {
            fail("no check for " + decoded.getClass());
        }
        b.done();
    }

    private static void checkAnswer(Obj p, String authType, byte[] response) {
        if (ChallengeAnswerRequest.HS_PUBKEY.equals(authType)) {
            ChallengeAnswers.PubkeyAnswer a = ChallengeAnswers.parsePubkeyAnswer(response);
            assertEquals(p.s("digestAlgorithm"), a.digestAlgorithm(), p.path);
            assertEquals(p.s("signatureHex"), hex(a.signature()), p.path);
            p.prose("signedBytes"); // "nonce || requestDigest": checked by challengeAnswersVerifyAgainstTheirChallenge
            assertEquals(hex(response), hex(ChallengeAnswers.encode(a)), "answer re-encoded");
        } else {
            ChallengeAnswers.SeckeyAnswer a = ChallengeAnswers.parseSeckeyAnswer(response);
            assertEquals(p.s("algorithmCode"), String.format("0x%02x", a.code()), p.path);
            assertEquals(p.s("saltHex"), hex(a.salt()), p.path);
            assertEquals(p.i("iterations"), a.iterations(), p.path);
            assertEquals(p.i("keyLengthBits"), a.keyBits(), p.path);
            assertEquals(p.s("hmacSha1Hex"), hex(a.mac()), p.path);
            assertEquals(hex(response), hex(ChallengeAnswers.encode(a)), "answer re-encoded");
        }
        p.done();
    }

    // ---- values and their typed data ----

    private static void checkValues(List<Obj> json, List<HandleValue> values) {
        assertEquals(json.size(), values.size(), "value count");
        for (int i = 0; i < values.size(); i++) {
            checkValue(json.get(i), values.get(i));
        }
    }

    private static void checkValue(Obj v, HandleValue value) {
        assertEquals(v.i("index"), value.index(), v.path);
        assertEquals(v.s("type"), value.type(), v.path);
        byte[] data = value.data();
        assertEquals(v.s("dataHex"), hex(data), v.path);
        String kind = v.s("dataKind");
        if (kind.equals("text")) {
            assertEquals(v.s("data"), strictUtf8(data), v.path);
        } else {
            assertEquals("binary", kind, v.path);
            assertFalse(v.has("data"), v.path + ": binary value with text");
        }
        assertEquals(v.s("ttlType"), value.ttlType() == HandleValue.TTL_RELATIVE ? "relative" : "absolute", v.path);
        assertEquals(v.i("ttl"), value.ttl(), v.path);
        assertEquals(v.i("timestamp"), value.timestamp(), v.path);
        assertEquals(v.s("timestampIso"), Instant.ofEpochSecond(value.timestamp() & 0xFFFFFFFFL).toString(), v.path);
        // §18: four bits, admin read, admin write, public read, public write.
        String bits = String.format("%4s", Integer.toBinaryString(value.permissions() & 0x0F)).replace(' ', '0');
        assertEquals(v.s("permissions"), bits, v.path);
        List<Obj> refs = v.objs("references");
        assertEquals(refs.size(), value.references().size(), v.path);
        for (int i = 0; i < refs.size(); i++) {
            ValueReference r = value.references().get(i);
            assertEquals(refs.get(i).s("handle"), r.handle());
            assertEquals(refs.get(i).i("index"), r.index());
            refs.get(i).done();
        }
        ByteBuf encoded = Unpooled.buffer();
        ValueCodec.encode(value, encoded);
        if (v.has("encodedHex")) {
            assertEquals(v.s("encodedHex"), hex(ByteBufUtil.getBytes(encoded)), v.path + ".encodedHex");
        }
        String type = value.type();
        boolean typed = type.equals("HS_ADMIN") || type.equals("HS_PUBKEY") || type.startsWith("HS_SITE");
        assertEquals(typed, v.has("parsed"), v.path + ": parsed data present for exactly the typed values");
        if (type.equals("HS_ADMIN")) {
            checkAdmin(v.obj("parsed"), data);
        } else if (type.equals("HS_PUBKEY")) {
            checkKey(v.obj("parsed"), data, 0);
        } else if (typed) {
            SiteInfo site = SiteInfoCodec.decode(data);
            checkSite(v.obj("parsed"), site);
            assertEquals(hex(data), hex(SiteInfoCodec.encode(site)), v.path + ": site re-encoded");
        }
        v.done();
    }

    private static final String[] ADMIN_BITS = {"ADD_HANDLE", "DELETE_HANDLE", "ADD_DERIVED_PREFIX",
        "DELETE_DERIVED_PREFIX", "MODIFY_VALUE", "REMOVE_VALUE", "ADD_VALUE", "MODIFY_ADMIN", "REMOVE_ADMIN",
        "ADD_ADMIN", "READ_VALUE", "LIST_HANDLES"};

    private static void checkAdmin(Obj p, byte[] data) {
        AdminRecord admin = AdminRecordCodec.decode(data);
        assertEquals(p.s("permissionBits"), String.format("0x%04x", admin.permissions()), p.path);
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < ADMIN_BITS.length; bit++) {
            if ((admin.permissions() & (1 << bit)) != 0) {
                names.add(ADMIN_BITS[bit]);
            }
        }
        assertEquals(p.strings("permissionNames"), names, p.path);
        assertEquals(p.s("adminHandle"), admin.adminHandle(), p.path);
        assertEquals(p.i("adminIndex"), admin.adminIndex(), p.path);
        assertEquals(hex(data), hex(AdminRecordCodec.encode(admin)), p.path + ": HS_ADMIN re-encoded");
        p.done();
    }

    /** HS_PUBKEY data (§10) starting at {@code offset} of {@code data}: RSA or DH in these vectors. */
    private static void checkKey(Obj p, byte[] data, int offset) {
        byte[] encoded = Arrays.copyOfRange(data, offset, data.length);
        PublicKeyData key = PublicKeyCodec.decode(encoded);
        assertEquals(p.s("keyType"), key.keyType(), p.path);
        ByteBuf raw = Unpooled.wrappedBuffer(encoded);
        raw.skipBytes(4 + raw.getInt(0));
        assertEquals(p.i("reservedFlags"), raw.readShort(), p.path);
        if (key instanceof PublicKeyData.Rsa r) {
            assertEquals(p.s("exponentHex"), hex(r.exponent().toByteArray()), p.path);
            assertEquals(p.s("modulusHex"), hex(r.modulus().toByteArray()), p.path);
        } else if (key instanceof PublicKeyData.Dh h) {
            assertEquals(p.s("yHex"), hex(h.y().toByteArray()), p.path);
            assertEquals(p.s("pHex"), hex(h.p().toByteArray()), p.path);
            assertEquals(p.s("gHex"), hex(h.g().toByteArray()), p.path);
        } else {
            fail("no check for " + key);
        }
        // Converts to a JCA key and back to the same octets (integers keep their sign octet).
        assertEquals(hex(encoded), hex(PublicKeyCodec.encode(key)), p.path + ": HS_PUBKEY re-encoded");
        assertEquals(hex(encoded), hex(PublicKeys.encode(PublicKeys.toJava(key))), p.path + ": via JCA");
        p.done();
    }

    private static final Map<Integer, String> INTERFACE_TYPES = Map.of(1, "adm", 2, "qry", 3, "adm+qry");
    private static final Map<Integer, String> PROTOCOLS = Map.of(0, "UDP", 1, "TCP", 2, "HTTP", 3, "HTTPS");

    private static void checkSite(Obj s, SiteInfo site) {
        assertEquals(s.i("dataFormatVersion"), site.dataFormatVersion(), s.path);
        assertEquals(s.s("protocolVersion"), site.protocolMajor() + "." + site.protocolMinor(), s.path);
        assertEquals(s.i("serialNumber"), site.serialNumber(), s.path);
        assertEquals(s.b("primary"), site.primary(), s.path);
        assertEquals(s.b("multiPrimary"), site.multiPrimary(), s.path);
        assertEquals(s.i("hashOption"), site.hashOption(), s.path);
        assertEquals(s.s("hashFilter"), hex(site.hashFilter()), s.path);
        List<Obj> attrs = s.objs("attributes");
        assertEquals(attrs.size(), site.attributes().size(), s.path);
        for (int i = 0; i < attrs.size(); i++) {
            assertEquals(attrs.get(i).s("name"), site.attributes().get(i).name());
            assertEquals(attrs.get(i).s("value"), site.attributes().get(i).value());
            attrs.get(i).done();
        }
        List<Obj> servers = s.objs("servers");
        assertEquals(servers.size(), site.servers().size(), s.path);
        for (int i = 0; i < servers.size(); i++) {
            Obj j = servers.get(i);
            SiteInfo.ServerInfo server = site.servers().get(i);
            assertEquals(j.i("serverId"), server.serverId(), j.path);
            assertEquals(j.s("ipAddressHex"), hex(server.address()), j.path);
            assertEquals(j.s("address"), addressText(server.address()), j.path);
            assertEquals(j.s("publicKeyHex"), hex(server.publicKey()), j.path);
            PublicKeys.decode(server.publicKey()); // a usable key
            List<Obj> ifs = j.objs("interfaces");
            assertEquals(ifs.size(), server.interfaces().size(), j.path);
            for (int k = 0; k < ifs.size(); k++) {
                Obj f = ifs.get(k);
                SiteInfo.ServerInterface si = server.interfaces().get(k);
                assertEquals(f.i("type"), si.type(), f.path);
                assertEquals(f.s("typeName"), INTERFACE_TYPES.get(si.type()), f.path);
                assertEquals(f.i("protocol"), si.protocol(), f.path);
                assertEquals(f.s("protocolName"), PROTOCOLS.get(si.protocol()), f.path);
                assertEquals(f.i("port"), si.port(), f.path);
                f.done();
            }
            j.done();
        }
        s.done();
    }

    /** §11: 12 zero octets then an IPv4 address (not ::ffff:-mapped); anything else is IPv6. */
    private static String addressText(byte[] a) {
        boolean v4 = true;
        for (int i = 0; i < 12; i++) {
            v4 &= a[i] == 0;
        }
        try {
            return InetAddress.getByAddress(v4 ? Arrays.copyOfRange(a, 12, 16) : a).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    // ---- credential ----

    private static void checkCredential(Obj c, Credential cred, byte[] frame, int lengthAt) {
        int length = intAt(frame, lengthAt);
        assertEquals(c.i("lengthField"), length, c.path);
        if (length == 0) {
            assertNull(cred, c.path);
            c.done();
            return;
        }
        assertNotNull(cred, c.path);
        byte[] raw = Arrays.copyOfRange(frame, lengthAt + 4, lengthAt + 4 + length);
        assertEquals(c.s("hex"), hex(raw), c.path);
        assertEquals(c.i("version"), cred.version(), c.path);
        assertEquals(c.i("reserved"), cred.reserved(), c.path);
        assertEquals(c.i("flags"), cred.options(), c.path);
        assertEquals(c.s("signerHandle"), cred.signerHandle(), c.path);
        assertEquals(c.i("signerIndexOrSessionCounter"), cred.signerIndex(), c.path);
        assertEquals(c.s("type"), cred.type(), c.path);
        int typeAt = 4 + 4 + intAt(raw, 4) + 4; // version, reserved, options, str signer, int4 signer index
        int infoAt = typeAt + 4 + intAt(raw, typeAt);
        assertEquals(c.i("signedInfoLength"), intAt(raw, infoAt), c.path);
        assertEquals(c.s("digestAlgorithm"), cred.digestAlgorithm(), c.path);
        assertEquals(c.s("signedDataHex"), hex(cred.signature()), c.path);
        ByteBuf again = Unpooled.buffer();
        CredentialCodec.encode(cred, again);
        assertEquals(hex(raw), hex(ByteBufUtil.getBytes(again)), c.path + ": credential re-encoded");
        c.done();
    }

    // ---- signatures, MACs, digests, answers, session key ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("signedVectors")
    void signedVectorsVerifyWithTheTestRsaKey(String name) throws Exception {
        byte[] frame = Vectors.frame(name);
        Message m = Vectors.decode(frame);
        PublicKey key = Vectors.rsaPublicKey();
        assertEquals(Credential.HS_SIGNED, m.credential().type());
        assertTrue(MessageSigner.verify(Unpooled.wrappedBuffer(frame), m.credential(), key), "signature");

        // One flipped body octet, or another request id, breaks it.
        byte[] tampered = frame.clone();
        tampered[Limits.ENVELOPE_SIZE + Limits.HEADER_SIZE] ^= 0x01;
        assertFalse(MessageSigner.verify(Unpooled.wrappedBuffer(tampered), m.credential(), key));
        tampered = frame.clone();
        tampered[11] ^= 0x01;
        assertFalse(MessageSigner.verify(Unpooled.wrappedBuffer(tampered), m.credential(), key));
    }

    /** PKCS#1 v1.5 is deterministic, so signing the unsigned form must give the vector octet for octet. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("signedVectors")
    void signingTheUnsignedFormReproducesTheSignedVector(String name) throws Exception {
        byte[] frame = Vectors.frame(name);
        Message m = Vectors.decode(frame);
        ByteBuf unsigned = Unpooled.buffer().writeBytes(Vectors.encode(m.withCredential(null)));
        MessageSigner.sign(unsigned, Vectors.rsaPrivateKey(), 0);
        assertEquals(hex(frame), hex(ByteBufUtil.getBytes(unsigned)));
        // Signing again replaces the credential rather than appending one.
        MessageSigner.sign(unsigned, Vectors.rsaPrivateKey(), 0);
        assertEquals(hex(frame), hex(ByteBufUtil.getBytes(unsigned)));
    }

    static Stream<String> signedVectors() {
        return Stream.of("resolution-response-multi-signed", "verify-auth-response", "session-setup-response");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("macVectors")
    void sessionVectorsCarryValidHmacsThatWeReproduce(String name) {
        byte[] key = Vectors.sessionKey();
        byte[] frame = Vectors.frame(name);
        Message m;
        byte[] clear;
        if (name.equals(Vectors.ENCRYPTED)) {
            // MAC'd, then encrypted (§15): the MAC covers the clear message under the sent envelope.
            ByteBuf plain = SessionCipher.decrypt(key, Unpooled.wrappedBuffer(frame, 20, frame.length - 20));
            Envelope env = EnvelopeCodec.decode(Unpooled.wrappedBuffer(frame));
            m = SessionCipher.decodeEncrypted(Unpooled.wrappedBuffer(frame), key);
            assertTrue(MessageSigner.verifyMac(env, plain, m.credential(), key), "MAC of the decrypted message");
            clear = concat(Arrays.copyOf(frame, 20), ByteBufUtil.getBytes(plain));
        } else {
            m = Vectors.decode(frame);
            clear = frame;
        }
        Credential c = m.credential();
        assertEquals(Credential.HS_MAC, c.type());
        assertEquals(MessageSigner.HMAC_SHA256, c.digestAlgorithm());
        assertTrue(MessageSigner.verifyMac(Unpooled.wrappedBuffer(clear), c, key), "MAC");

        byte[] tampered = clear.clone();
        tampered[Limits.ENVELOPE_SIZE + 9] ^= 0x40; // an op flag
        assertFalse(MessageSigner.verifyMac(Unpooled.wrappedBuffer(tampered), c, key));
        byte[] otherKey = key.clone();
        otherKey[31] ^= 1;
        assertFalse(MessageSigner.verifyMac(Unpooled.wrappedBuffer(clear), c, otherKey));

        ByteBuf again = Unpooled.buffer().writeBytes(Vectors.encode(m.withCredential(null)));
        MessageSigner.mac(again, key, c.signerIndex());
        assertEquals(hex(Arrays.copyOfRange(clear, 20, clear.length)),
                hex(ByteBufUtil.getBytes(again, 20, again.readableBytes() - 20)), "MAC'd message");
    }

    static Stream<String> macVectors() {
        return Stream.of("create-handle-request-session-mac", Vectors.ENCRYPTED, "session-terminate-request");
    }

    @Test
    void responseDigestsAreTheDigestsOfTheirRequests() {
        String[][] pairs = {{"create-handle-request", "challenge-response"}, {"verify-auth-request", "verify-auth-response"},
            {"session-setup-request", "session-setup-response"}};
        for (String[] p : pairs) {
            ByteBuf request = Unpooled.wrappedBuffer(Vectors.frame(p[0]));
            Message response = Vectors.decode(Vectors.frame(p[1]));
            ProtocolVersion version = response.envelope().version();
            assertEquals(response.digest(), RequestDigests.of(request, version), p[1] + " digests " + p[0]);
            assertTrue(RequestDigests.matches(response.digest(), request));
        }
        // Below 2.7 the same request is digested with SHA-1 (§8.1).
        RequestDigest sha1 = RequestDigests.of(Unpooled.wrappedBuffer(Vectors.frame("create-handle-request")),
                new ProtocolVersion(2, 6));
        assertEquals(RequestDigest.SHA1, sha1.hashType());
        assertEquals(20, sha1.digest().length);
    }

    @Test
    void challengeAnswersVerifyAgainstTheirChallenge() throws Exception {
        Message challenge = Vectors.decode(Vectors.frame("challenge-response"));
        byte[] nonce = ((ChallengeResponse) challenge.body()).nonce();
        byte[] digest = challenge.digest().digest();

        Message pub = Vectors.decode(Vectors.frame("challenge-answer-pubkey"));
        ChallengeAnswerRequest pubAnswer = (ChallengeAnswerRequest) pub.body();
        assertEquals(challenge.envelope().sessionId(), pub.envelope().sessionId(), "answer carries the challenge id");
        assertTrue(ChallengeAnswers.verifyPubkeyAnswer(pubAnswer.response(), Vectors.rsaPublicKey(), nonce, digest));
        assertFalse(ChallengeAnswers.verifyPubkeyAnswer(pubAnswer.response(), Vectors.rsaPublicKey(), digest, nonce));
        PrivateKey rsa = Vectors.rsaPrivateKey();
        assertEquals(hex(pubAnswer.response()),
                hex(ChallengeAnswers.pubkeyAnswer(rsa, nonce, digest, pub.envelope().version())), "re-signed answer");

        Message sec = Vectors.decode(Vectors.frame("challenge-answer-seckey"));
        ChallengeAnswerRequest secAnswer = (ChallengeAnswerRequest) sec.body();
        byte[] secret = "example-secret".getBytes(StandardCharsets.UTF_8);
        assertTrue(ChallengeAnswers.verifySeckeyAnswer(secAnswer.response(), secret, nonce, digest));
        assertFalse(ChallengeAnswers.verifySeckeyAnswer(secAnswer.response(),
                "example-secreT".getBytes(StandardCharsets.UTF_8), nonce, digest));
        ChallengeAnswers.SeckeyAnswer parsed = ChallengeAnswers.parseSeckeyAnswer(secAnswer.response());
        assertEquals(hex(secAnswer.response()), hex(ChallengeAnswers.seckeyAnswerPbkdf2(secret, parsed.salt(),
                parsed.iterations(), parsed.keyBits(), nonce, digest)), "recomputed answer");

        // The secret is the HS_SECKEY value the add-value vector stores.
        AddValueRequest add = (AddValueRequest) Vectors.decode(Vectors.frame("add-value-request")).body();
        assertArrayEquals(secret, add.values().stream().filter(v -> v.type().equals("HS_SECKEY")).findFirst()
                .orElseThrow().data());

        // The server-to-server check (§8.7) forwards exactly nonce, digest and answer.
        VerifyAuthRequest verify = (VerifyAuthRequest) Vectors.decode(Vectors.frame("verify-auth-request")).body();
        assertArrayEquals(nonce, verify.nonce());
        assertArrayEquals(digest, verify.requestDigest());
        assertArrayEquals(secAnswer.response(), verify.answer());
        assertEquals(secAnswer.identityHandle(), verify.handle());
        assertEquals(secAnswer.identityIndex(), verify.index());
    }

    @Test
    void sessionKeyIsTheDhSecretOfTheSetupVectors() {
        JsonNode k = Vectors.json("session-key");
        SessionSetupRequest setup = (SessionSetupRequest) Vectors.decode(Vectors.frame("session-setup-request")).body();
        SessionSetupResponse answer = (SessionSetupResponse) Vectors.decode(Vectors.frame("session-setup-response")).body();
        assertEquals(k.get("clientDhPubKeyEncodingHex").asText(), hex(setup.publicKey()));
        SessionCipher.DhSetupData data = SessionCipher.DhSetupData.decode(answer.data());
        assertEquals(SessionCipher.ALG_AES, data.algorithm());
        assertEquals(k.get("serverDhPubKeyEncodingHex").asText(), hex(PublicKeyCodec.encode(data.key())));
        PublicKeyData.Dh client = (PublicKeyData.Dh) PublicKeyCodec.decode(setup.publicKey());
        assertEquals(new BigInteger(k.get("dhPrimeHex").asText(), 16), client.p());

        BigInteger serverX = new BigInteger(k.get("serverPrivateExponentHex").asText(), 16);
        BigInteger clientX = new BigInteger(k.get("clientPrivateExponentHex").asText(), 16);
        String expected = k.get("sessionKeyHex").asText();
        assertEquals(expected, hex(SessionCipher.dhSessionKey(serverX, client)), "server side");
        assertEquals(expected, hex(SessionCipher.dhSessionKey(clientX, data.key())), "client side");
        assertEquals(Vectors.hex(Vectors.sessionKey()), expected);
    }

    @Test
    void hsPubkeyEncodingIsTheTestRsaKey() throws Exception {
        JsonNode k = Vectors.json("test-rsa-key");
        byte[] hsPubkey = HEX.parseHex(k.get("hsPubkeyEncodingHex").asText());
        PublicKey x509 = Vectors.rsaPublicKey();
        assertEquals(x509, PublicKeys.decode(hsPubkey));
        assertEquals(hex(hsPubkey), hex(PublicKeys.encode(x509)));
        PublicKeyData.Rsa rsa = (PublicKeyData.Rsa) PublicKeys.fromJava(x509);
        assertEquals(new BigInteger(k.get("modulusHex").asText(), 16), rsa.modulus());
        assertEquals(new BigInteger(k.get("publicExponent").asText()), rsa.exponent());
        assertEquals(Vectors.rsaPrivateKey(), PublicKeys.privateKey(HEX.parseHex(k.get("privateKeyPkcs8Hex").asText())));
    }

    // ---- helpers ----

    private static int intAt(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).getInt();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String strictUtf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new AssertionError("text value is not UTF-8", e);
        }
    }

    /** UDP framing of §2, written here from the spec to check the vectors against. */
    static final class Udp {
        static byte[] reassemble(List<byte[]> datagrams) {
            List<byte[]> sorted = new ArrayList<>(datagrams);
            sorted.sort(Comparator.comparingInt(d -> intAt(d, 12)));
            Envelope first = EnvelopeCodec.decode(Unpooled.wrappedBuffer(sorted.get(0)));
            int length = first.messageLength();
            int slices = (length + Limits.UDP_SLICE_SIZE - 1) / Limits.UDP_SLICE_SIZE;
            assertEquals(slices, sorted.size(), "ceil(messageLength / 492) datagrams");
            byte[] message = new byte[length];
            for (int n = 0; n < slices; n++) {
                byte[] d = sorted.get(n);
                Envelope e = EnvelopeCodec.decode(Unpooled.wrappedBuffer(d));
                assertEquals(n, e.messageId(), "slice number");
                assertEquals(first.requestId(), e.requestId(), "request id of every slice");
                assertEquals(length, e.messageLength(), "messageLength of every slice is the whole message");
                int expected = Math.min(Limits.UDP_SLICE_SIZE, length - n * Limits.UDP_SLICE_SIZE);
                assertEquals(expected, d.length - Limits.ENVELOPE_SIZE, "slice " + n + " length");
                System.arraycopy(d, Limits.ENVELOPE_SIZE, message, n * Limits.UDP_SLICE_SIZE, expected);
            }
            // The whole message travels as if over TCP: TC cleared, messageId 0.
            Envelope whole = first.withFlags(first.flags() & ~Envelope.TRUNCATED).withMessageId(0);
            ByteBuf out = Unpooled.buffer();
            EnvelopeCodec.encode(whole, out);
            out.writeBytes(message);
            return ByteBufUtil.getBytes(out);
        }

        /** Client requests set TC on every slice [CNRI]; server responses do not. */
        static List<byte[]> split(byte[] frame, boolean truncated) {
            Envelope e = EnvelopeCodec.decode(Unpooled.wrappedBuffer(frame));
            int length = frame.length - Limits.ENVELOPE_SIZE;
            List<byte[]> out = new ArrayList<>();
            for (int n = 0; n * Limits.UDP_SLICE_SIZE < length; n++) {
                int from = n * Limits.UDP_SLICE_SIZE;
                int size = Math.min(Limits.UDP_SLICE_SIZE, length - from);
                ByteBuf d = Unpooled.buffer(Limits.ENVELOPE_SIZE + size);
                EnvelopeCodec.encode(e.withFlags(truncated ? e.flags() | Envelope.TRUNCATED : e.flags())
                        .withMessageId(n).withMessageLength(length), d);
                d.writeBytes(frame, Limits.ENVELOPE_SIZE + from, size);
                out.add(ByteBufUtil.getBytes(d));
            }
            return out;
        }
    }

    /** A JSON object whose fields must all be read (compared) or declared prose before {@link #done()}. */
    static final class Obj {
        final JsonNode node;
        final String path;
        private final Set<String> seen = new HashSet<>();

        Obj(JsonNode node, String path) {
            assertTrue(node != null && node.isObject(), path + ": not a JSON object");
            this.node = node;
            this.path = path;
        }

        boolean has(String key) {
            return node.has(key);
        }

        JsonNode get(String key) {
            JsonNode v = node.get(key);
            assertNotNull(v, path + "." + key + ": missing");
            seen.add(key);
            return v;
        }

        /** Descriptive text with nothing to compare against. */
        void prose(String... keys) {
            seen.addAll(List.of(keys));
        }

        int i(String key) {
            JsonNode v = get(key);
            assertTrue(v.isIntegralNumber(), path + "." + key + ": not an integer");
            return v.asInt();
        }

        String s(String key) {
            JsonNode v = get(key);
            assertTrue(v.isTextual(), path + "." + key + ": not a string");
            return v.asText();
        }

        boolean b(String key) {
            JsonNode v = get(key);
            assertTrue(v.isBoolean(), path + "." + key + ": not a boolean");
            return v.asBoolean();
        }

        Obj obj(String key) {
            return new Obj(get(key), path + "." + key);
        }

        List<Obj> objs(String key) {
            List<Obj> out = new ArrayList<>();
            JsonNode a = get(key);
            assertTrue(a.isArray(), path + "." + key + ": not an array");
            for (int n = 0; n < a.size(); n++) {
                out.add(new Obj(a.get(n), path + "." + key + "[" + n + "]"));
            }
            return out;
        }

        List<Integer> ints(String key) {
            List<Integer> out = new ArrayList<>();
            get(key).forEach(n -> out.add(n.asInt()));
            return out;
        }

        List<String> strings(String key) {
            List<String> out = new ArrayList<>();
            get(key).forEach(n -> out.add(n.asText()));
            return out;
        }

        void done() {
            List<String> unchecked = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!seen.contains(k)) {
                    unchecked.add(k);
                }
            }
            assertTrue(unchecked.isEmpty(), path + ": JSON fields not checked: " + unchecked);
        }
    }
}
