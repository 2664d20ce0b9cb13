package org.idnode.protocol.codec;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.idnode.protocol.Limits;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ProtocolException;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.message.AddValueRequest;
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
import org.idnode.protocol.message.MessageBody;
import org.idnode.protocol.message.ModifyValueRequest;
import org.idnode.protocol.message.OpaqueBody;
import org.idnode.protocol.message.ReferralResponse;
import org.idnode.protocol.message.RemoveValueRequest;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.message.ResolutionResponse;
import org.idnode.protocol.message.SessionExchangeKeyRequest;
import org.idnode.protocol.message.SessionSetupRequest;
import org.idnode.protocol.message.SessionSetupResponse;
import org.idnode.protocol.message.SessionTerminateRequest;
import org.idnode.protocol.message.SuccessResponse;
import org.idnode.protocol.message.UnhomePrefixRequest;
import org.idnode.protocol.message.VerifyAuthRequest;
import org.idnode.protocol.message.VerifyAuthResponse;

/**
 * Bodies of handle-protocol.md §8, after any request digest. Which body a message holds follows
 * from its opcode and response code: 0 is a request, 1 a success, 402 a challenge, 302/303 a
 * referral, anything else an error.
 */
public final class BodyCodec {
    private static final int MAX_TYPES = 256;
    private static final int MAX_LISTED = 65_536;

    private BodyCodec() {
    }

    public static MessageBody decode(int opCode, int responseCode, ByteBuf in) {
        return switch (responseCode) {
            case ResponseCodes.RESERVED -> decodeRequest(opCode, in);
            case ResponseCodes.SUCCESS -> decodeSuccess(opCode, in);
            case ResponseCodes.AUTHENTICATION_NEEDED -> new ChallengeResponse(Wire.bytes(in, "challenge nonce", 1024));
            case ResponseCodes.SERVICE_REFERRAL, ResponseCodes.PREFIX_REFERRAL -> {
                String referral = Wire.handle(in, "referral handle");
                yield new ReferralResponse(referral, in.isReadable() ? ValueCodec.decodeList(in, "referral values") : null);
            }
            // §8.6: protocol 2.0 peers could omit the message.
            default -> new ErrorResponse(in.readableBytes() >= 4 ? Wire.string(in, "error message") : "");
        };
    }

    private static MessageBody decodeRequest(int opCode, ByteBuf in) {
        return switch (opCode) {
            case OpCodes.RESOLUTION -> {
                String handle = Wire.handle(in, "handle");
                int[] indexes = Wire.intArray(in, "index list", Limits.MAX_VALUES);
                int nTypes = Wire.count(in, "type list", MAX_TYPES, 4);
                List<String> types = new ArrayList<>(nTypes);
                for (int i = 0; i < nTypes; i++) {
                    types.add(Wire.string(in, "type", 1024, ResponseCodes.PROTOCOL_ERROR));
                }
                yield new ResolutionRequest(handle, boxed(indexes), types);
            }
            // §8.3: CNRI always sends a handle, the RFC sends an empty body.
            case OpCodes.GET_SITE_INFO -> new GetSiteInfoRequest(in.isReadable() ? Wire.handle(in, "handle") : null);
            case OpCodes.CREATE_HANDLE -> new CreateHandleRequest(Wire.handle(in, "handle"), ValueCodec.decodeList(in, "values"));
            case OpCodes.DELETE_HANDLE -> new DeleteHandleRequest(Wire.handle(in, "handle"));
            case OpCodes.ADD_VALUE -> new AddValueRequest(Wire.handle(in, "handle"), ValueCodec.decodeList(in, "values"));
            case OpCodes.REMOVE_VALUE -> new RemoveValueRequest(Wire.handle(in, "handle"),
                    boxed(Wire.intArray(in, "index list", Limits.MAX_VALUES)));
            case OpCodes.MODIFY_VALUE -> new ModifyValueRequest(Wire.handle(in, "handle"), ValueCodec.decodeList(in, "values"));
            case OpCodes.LIST_HANDLES -> new ListHandlesRequest(Wire.handle(in, "prefix handle"));
            case OpCodes.CHALLENGE_RESPONSE -> new ChallengeAnswerRequest(
                    Wire.string(in, "auth type", 64, ResponseCodes.PROTOCOL_ERROR), Wire.handle(in, "identity handle"),
                    Wire.int4(in, "identity index"), Wire.bytes(in, "challenge answer", 65_536));
            case OpCodes.VERIFY_RESPONSE -> new VerifyAuthRequest(Wire.handle(in, "handle"), Wire.int4(in, "index"),
                    Wire.bytes(in, "nonce", 1024), Wire.bytes(in, "request digest", 1024),
                    Wire.bytes(in, "challenge answer", 65_536));
            case OpCodes.HOME_NA -> new HomePrefixRequest(Wire.handle(in, "prefix handle"));
            case OpCodes.UNHOME_NA -> new UnhomePrefixRequest(Wire.handle(in, "prefix handle"));
            case OpCodes.LIST_HOMED_NAS -> new ListPrefixesRequest(Wire.handle(in, "handle"));
            case OpCodes.SESSION_SETUP -> decodeSessionSetup(in);
            case OpCodes.SESSION_TERMINATE -> new SessionTerminateRequest(Wire.handle(in, "handle"));
            case OpCodes.SESSION_EXCHANGEKEY -> new SessionExchangeKeyRequest(Wire.bytes(in, "encrypted session key", 65_536));
            case OpCodes.GET_NEXT_TXN_ID, OpCodes.RETRIEVE_TXN_LOG, OpCodes.DUMP_HANDLES, OpCodes.BACKUP_SERVER,
                    OpCodes.LIST_NA -> opaque(in);
            default -> throw new ProtocolException(ResponseCodes.OPERATION_NOT_SUPPORTED,
                    "opCode: " + opCode + " (expected: an opcode of handle-protocol.md section 6)");
        };
    }

    private static SessionSetupRequest decodeSessionSetup(ByteBuf in) {
        int mode = Wire.int2(in, "key exchange mode");
        int timeout = Wire.int4(in, "session timeout");
        String identity = Wire.handle(in, "identity handle");
        int identityIndex = Wire.int4(in, "identity index");
        byte[] key = null;
        String keyHandle = null;
        int keyIndex = 0;
        switch (mode) {
            case SessionSetupRequest.MODE_CLIENT_CIPHER, SessionSetupRequest.MODE_DIFFIE_HELLMAN ->
                    key = Wire.bytes(in, "session public key", 65_536);
            case SessionSetupRequest.MODE_KEY_IN_HANDLE -> {
                keyHandle = Wire.handle(in, "key handle");
                keyIndex = Wire.int4(in, "key index");
            }
            case SessionSetupRequest.MODE_SERVER_CIPHER -> {
            }
            default -> throw new ProtocolException(ResponseCodes.INVALID_SESSIONSETUP_REQUEST,
                    "key exchange mode: " + mode + " (expected: 1..4)");
        }
        // [CNRI] two zero octets trail the body (§8.8, §20.7); whatever trails is ignored.
        in.skipBytes(in.readableBytes());
        return new SessionSetupRequest(mode, timeout, identity, identityIndex, key, keyHandle, keyIndex);
    }

    private static MessageBody decodeSuccess(int opCode, ByteBuf in) {
        return switch (opCode) {
            case OpCodes.RESOLUTION -> new ResolutionResponse(Wire.handle(in, "handle"), ValueCodec.decodeList(in, "values"));
            case OpCodes.GET_SITE_INFO -> new GetSiteInfoResponse(SiteInfoCodec.decode(in));
            case OpCodes.CREATE_HANDLE -> new CreateHandleResponse(in.readableBytes() >= 4 ? Wire.handle(in, "handle") : null);
            case OpCodes.LIST_HANDLES -> new ListHandlesResponse(handleList(in));
            case OpCodes.LIST_HOMED_NAS -> new ListPrefixesResponse(handleList(in));
            case OpCodes.VERIFY_RESPONSE -> new VerifyAuthResponse((Wire.u8(in, "verify result") & 0x01) != 0);
            case OpCodes.SESSION_SETUP -> {
                int mode = Wire.int2(in, "key exchange mode");
                byte[] data = Wire.bytes(in, "session data", 65_536);
                in.skipBytes(in.readableBytes());
                yield new SessionSetupResponse(mode, data);
            }
            case OpCodes.GET_NEXT_TXN_ID, OpCodes.RETRIEVE_TXN_LOG, OpCodes.DUMP_HANDLES, OpCodes.BACKUP_SERVER -> opaque(in);
            default -> SuccessResponse.INSTANCE;
        };
    }

    private static List<String> handleList(ByteBuf in) {
        int n = Wire.count(in, "handle list", MAX_LISTED, 4);
        List<String> handles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            handles.add(Wire.handle(in, "listed handle"));
        }
        return handles;
    }

    private static OpaqueBody opaque(ByteBuf in) {
        byte[] b = new byte[in.readableBytes()];
        in.readBytes(b);
        return new OpaqueBody(b);
    }

    private static List<Integer> boxed(int[] a) {
        List<Integer> l = new ArrayList<>(a.length);
        for (int i : a) {
            l.add(i);
        }
        return l;
    }

    public static void encode(MessageBody body, ByteBuf out) {
        if (body instanceof ResolutionRequest r) {
            Wire.writeString(out, r.handle());
            out.writeInt(r.indexes().size());
            r.indexes().forEach(out::writeInt);
            out.writeInt(r.types().size());
            r.types().forEach(t -> Wire.writeString(out, t));
        } else if (body instanceof ResolutionResponse r) {
            Wire.writeString(out, r.handle());
            ValueCodec.encodeList(r.values(), out);
        } else if (body instanceof GetSiteInfoRequest r) {
            if (r.handle() != null) {
                Wire.writeString(out, r.handle());
            }
        } else if (body instanceof GetSiteInfoResponse r) {
            SiteInfoCodec.encode(r.site(), out);
        } else if (body instanceof CreateHandleRequest r) {
            Wire.writeString(out, r.handle());
            ValueCodec.encodeList(r.values(), out);
        } else if (body instanceof CreateHandleResponse r) {
            if (r.handle() != null) {
                Wire.writeString(out, r.handle());
            }
        } else if (body instanceof DeleteHandleRequest r) {
            Wire.writeString(out, r.handle());
        } else if (body instanceof AddValueRequest r) {
            Wire.writeString(out, r.handle());
            ValueCodec.encodeList(r.values(), out);
        } else if (body instanceof RemoveValueRequest r) {
            Wire.writeString(out, r.handle());
            out.writeInt(r.indexes().size());
            r.indexes().forEach(out::writeInt);
        } else if (body instanceof ModifyValueRequest r) {
            Wire.writeString(out, r.handle());
            ValueCodec.encodeList(r.values(), out);
        } else if (body instanceof ListHandlesRequest r) {
            Wire.writeString(out, r.prefixHandle());
        } else if (body instanceof ListHandlesResponse r) {
            writeHandles(r.handles(), out);
        } else if (body instanceof HomePrefixRequest r) {
            Wire.writeString(out, r.prefixHandle());
        } else if (body instanceof UnhomePrefixRequest r) {
            Wire.writeString(out, r.prefixHandle());
        } else if (body instanceof ListPrefixesRequest r) {
            Wire.writeString(out, r.handle());
        } else if (body instanceof ListPrefixesResponse r) {
            writeHandles(r.prefixHandles(), out);
        } else if (body instanceof ChallengeResponse r) {
            Wire.writeBytes(out, r.nonce());
        } else if (body instanceof ChallengeAnswerRequest r) {
            Wire.writeString(out, r.authType());
            Wire.writeString(out, r.identityHandle());
            out.writeInt(r.identityIndex());
            Wire.writeBytes(out, r.response());
        } else if (body instanceof VerifyAuthRequest r) {
            Wire.writeString(out, r.handle());
            out.writeInt(r.index());
            Wire.writeBytes(out, r.nonce());
            Wire.writeBytes(out, r.requestDigest());
            Wire.writeBytes(out, r.answer());
        } else if (body instanceof VerifyAuthResponse r) {
            out.writeByte(r.valid() ? 1 : 0);
        } else if (body instanceof SessionSetupRequest r) {
            out.writeShort(r.keyExchangeMode());
            out.writeInt(r.timeout());
            Wire.writeString(out, r.identityHandle());
            out.writeInt(r.identityIndex());
            switch (r.keyExchangeMode()) {
                case SessionSetupRequest.MODE_CLIENT_CIPHER, SessionSetupRequest.MODE_DIFFIE_HELLMAN ->
                        Wire.writeBytes(out, r.publicKey());
                case SessionSetupRequest.MODE_KEY_IN_HANDLE -> {
                    Wire.writeString(out, r.keyHandle());
                    out.writeInt(r.keyIndex());
                }
                default -> {
                }
            }
            out.writeShort(0); // [CNRI] §20.7: the stray two octets peers expect
        } else if (body instanceof SessionSetupResponse r) {
            out.writeShort(r.keyExchangeMode());
            Wire.writeBytes(out, r.data());
            out.writeShort(0);
        } else if (body instanceof SessionTerminateRequest r) {
            Wire.writeString(out, r.handle());
        } else if (body instanceof SessionExchangeKeyRequest r) {
            Wire.writeBytes(out, r.encryptedSessionKey());
        } else if (body instanceof SuccessResponse) {
            return;
        } else if (body instanceof ErrorResponse r) {
            Wire.writeString(out, r.message());
        } else if (body instanceof ReferralResponse r) {
            Wire.writeString(out, r.referralHandle());
            if (r.values() != null) {
                ValueCodec.encodeList(r.values(), out);
            }
        } else if (body instanceof OpaqueBody r) {
            out.writeBytes(r.octets());
        } else {
            throw new IllegalArgumentException("body: " + body.getClass().getSimpleName() + " (no encoder)");
        }
    }

    private static void writeHandles(List<String> handles, ByteBuf out) {
        out.writeInt(handles.size());
        handles.forEach(h -> Wire.writeString(out, h));
    }
}
