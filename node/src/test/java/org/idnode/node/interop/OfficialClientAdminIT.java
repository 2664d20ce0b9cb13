package org.idnode.node.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.handle.hdllib.AbstractRequest;
import net.handle.hdllib.AbstractResponse;
import net.handle.hdllib.AddValueRequest;
import net.handle.hdllib.AdminRecord;
import net.handle.hdllib.AuthenticationInfo;
import net.handle.hdllib.ClientSessionTracker;
import net.handle.hdllib.CreateHandleRequest;
import net.handle.hdllib.DeleteHandleRequest;
import net.handle.hdllib.Encoder;
import net.handle.hdllib.HandleResolver;
import net.handle.hdllib.HandleValue;
import net.handle.hdllib.Interface;
import net.handle.hdllib.ModifyValueRequest;
import net.handle.hdllib.PublicKeyAuthenticationInfo;
import net.handle.hdllib.RemoveValueRequest;
import net.handle.hdllib.ResolutionRequest;
import net.handle.hdllib.ResolutionResponse;
import net.handle.hdllib.SecretKeyAuthenticationInfo;
import net.handle.hdllib.SessionSetupInfo;
import net.handle.hdllib.SiteInfo;
import net.handle.hdllib.Util;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.node.config.AuthSettings;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.codec.SiteInfoCodec;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official client library (handle-client 9.3.1) registering against the node: create, add,
 * modify, remove and delete with a public-key and a secret-key identity, with and without a
 * session, over TCP and HTTP. The node's prefix administrator is {@code 300:0.NA/88.118.8} (the key
 * configured as adminKeyFile); the secret-key identity {@code 301:88.118.8/ADMIN} may create through
 * an HS_VLIST group the prefix handle's HS_ADMIN names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficialClientAdminIT {
    static final String PREFIX = "88.118.8";
    static final String PREFIX_HANDLE = "0.NA/" + PREFIX;
    static final String SECKEY_ID = PREFIX + "/ADMIN";
    static final byte[] SECRET = "s3cret-for-tests".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    Node node;
    SiteInfo site;
    KeyPair admin;
    KeyPair stranger;

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        admin = gen.generateKeyPair();
        stranger = gen.generateKeyPair();
        Path keyFile = dir.resolve("admpub.bin");
        Files.write(keyFile, PublicKeys.encode(admin.getPublic()));
        node = Node.start(TestNodes.config(dir.resolve("node"), PREFIX)
                .withAuth(AuthSettings.defaults().withAdminKeyFile(keyFile).withServerAdmins(List.of("300:" + PREFIX_HANDLE))));
        // The prefix handle as the node made it, plus a group (index 200) and an HS_ADMIN for the group (index 101).
        List<org.idnode.protocol.model.HandleValue> prefixValues = new ArrayList<>(
                org.idnode.node.storage.StoredRecord.decode(node.store().get(node.keys().key(PREFIX_HANDLE))));
        prefixValues.add(org.idnode.protocol.model.HandleValue.of(200, "HS_VLIST",
                ValueListCodec.encode(new ValueList(List.of(new ValueReference(SECKEY_ID, 301))))));
        prefixValues.add(org.idnode.protocol.model.HandleValue.of(101, "HS_ADMIN",
                org.idnode.protocol.codec.AdminRecordCodec.encode(new org.idnode.protocol.model.AdminRecord(
                        org.idnode.protocol.model.AdminRecord.ADD_HANDLE | org.idnode.protocol.model.AdminRecord.LIST_HANDLES,
                        PREFIX_HANDLE, 200))));
        TestNodes.put(node, PREFIX_HANDLE, prefixValues);
        TestNodes.put(node, SECKEY_ID, List.of(org.idnode.protocol.model.HandleValue.of(301, "HS_SECKEY", SECRET)));
        site = new SiteInfo();
        Encoder.decodeSiteInfoRecord(SiteInfoCodec.encode(node.siteInfo()), 0, site);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    HandleResolver resolver(boolean sessions, AuthenticationInfo auth) {
        HandleResolver r = new HandleResolver();
        r.setCache(null);
        r.setCheckSignatures(true);
        r.setTcpTimeout(10_000);
        r.setSessionTracker(sessions ? new ClientSessionTracker(new SessionSetupInfo(auth)) : null);
        return r;
    }

    AuthenticationInfo pubkey() {
        return new PublicKeyAuthenticationInfo(Util.encodeString(PREFIX_HANDLE), 300, admin.getPrivate());
    }

    AuthenticationInfo seckey() {
        return new SecretKeyAuthenticationInfo(Util.encodeString(SECKEY_ID), 301, SECRET);
    }

    static Stream<Arguments> ways() {
        List<Arguments> out = new ArrayList<>();
        for (String key : List.of("pubkey", "seckey")) {
            for (boolean session : List.of(false, true)) {
                for (byte protocol : new byte[] {Interface.SP_HDL_TCP, Interface.SP_HDL_HTTP}) {
                    out.add(Arguments.of(key, session, protocol));
                }
            }
        }
        return out.stream();
    }

    AbstractResponse send(HandleResolver r, AbstractRequest req, byte protocol) throws Exception {
        req.certify = true;
        return r.sendRequestToSite(req, site, protocol);
    }

    List<String> resolve(String handle) throws Exception {
        HandleResolver r = resolver(false, null);
        AbstractResponse res = r.sendRequestToSite(new ResolutionRequest(Util.encodeString(handle), null, null, null), site,
                Interface.SP_HDL_TCP);
        if (res.responseCode == AbstractResponse.RC_HANDLE_NOT_FOUND) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (HandleValue v : assertInstanceOf(ResolutionResponse.class, res, res::toString).getHandleValues()) {
            out.add(v.getIndex() + ":" + v.getTypeAsString() + "=" + (v.getTypeAsString().equals("HS_ADMIN") ? "admin" : v.getDataAsString()));
        }
        return out;
    }

    HandleValue adminValue(AuthenticationInfo auth) {
        AdminRecord a = new AdminRecord(auth.getUserIdHandle(), auth.getUserIdIndex(), true, true, false, false, true, true,
                true, true, true, true, true, true);
        return new HandleValue(100, Util.encodeString("HS_ADMIN"), Encoder.encodeAdminRecord(a));
    }

    @ParameterizedTest(name = "{0}, session {1}, protocol {2}")
    @MethodSource("ways")
    void createsModifiesAndDeletesAHandle(String key, boolean session, byte protocol) throws Exception {
        AuthenticationInfo auth = key.equals("pubkey") ? pubkey() : seckey();
        HandleResolver r = resolver(session, auth);
        String handle = PREFIX + "/PUMP-" + key + "-" + session + "-" + protocol;
        byte[] h = Util.encodeString(handle);

        AbstractResponse created = send(r, new CreateHandleRequest(h, new HandleValue[] {
                new HandleValue(1, "URL", "https://factory.example.com/pump/1"), adminValue(auth)}, auth), protocol);
        assertEquals(AbstractResponse.RC_SUCCESS, created.responseCode, created::toString);
        assertEquals(List.of("1:URL=https://factory.example.com/pump/1", "100:HS_ADMIN=admin"), resolve(handle));

        AbstractResponse added = send(r, new AddValueRequest(h, new HandleValue(2, "DESC", "Centrifugal pump"), auth), protocol);
        assertEquals(AbstractResponse.RC_SUCCESS, added.responseCode, added::toString);
        AbstractResponse modified = send(r, new ModifyValueRequest(h, new HandleValue(1, "URL", "https://factory.example.com/pump/2"), auth), protocol);
        assertEquals(AbstractResponse.RC_SUCCESS, modified.responseCode, modified::toString);
        assertEquals(List.of("1:URL=https://factory.example.com/pump/2", "100:HS_ADMIN=admin", "2:DESC=Centrifugal pump"),
                resolve(handle));

        AbstractResponse removed = send(r, new RemoveValueRequest(h, 2, auth), protocol);
        assertEquals(AbstractResponse.RC_SUCCESS, removed.responseCode, removed::toString);
        assertEquals(List.of("1:URL=https://factory.example.com/pump/2", "100:HS_ADMIN=admin"), resolve(handle));

        AbstractResponse deleted = send(r, new DeleteHandleRequest(h, auth), protocol);
        assertEquals(AbstractResponse.RC_SUCCESS, deleted.responseCode, deleted::toString);
        assertNull(resolve(handle));
    }

    @Test
    void aRetriedCreateWithTheSameValuesSucceedsAndDifferentValuesAreRefused() throws Exception {
        AuthenticationInfo auth = pubkey();
        HandleResolver r = resolver(false, auth);
        byte[] h = Util.encodeString(PREFIX + "/RETRIED");
        HandleValue[] values = {new HandleValue(1, "URL", "https://a.example.com/"), adminValue(auth)};
        assertEquals(AbstractResponse.RC_SUCCESS, send(r, new CreateHandleRequest(h, values, auth), Interface.SP_HDL_TCP).responseCode);
        assertEquals(AbstractResponse.RC_SUCCESS, send(r, new CreateHandleRequest(h, values, auth), Interface.SP_HDL_TCP).responseCode);
        AbstractResponse other = send(r, new CreateHandleRequest(h, new HandleValue[] {
                new HandleValue(1, "URL", "https://b.example.com/"), adminValue(auth)}, auth), Interface.SP_HDL_TCP);
        assertEquals(AbstractResponse.RC_HANDLE_ALREADY_EXISTS, other.responseCode, other::toString);
        assertEquals(List.of("1:URL=https://a.example.com/", "100:HS_ADMIN=admin"), resolve(PREFIX + "/RETRIED"));
    }

    @Test
    void aKeyThatIsNotTheIdentitysIsRefusedAndNothingIsStored() throws Exception {
        AuthenticationInfo wrong = new PublicKeyAuthenticationInfo(Util.encodeString(PREFIX_HANDLE), 300, stranger.getPrivate());
        HandleResolver r = resolver(false, wrong);
        byte[] h = Util.encodeString(PREFIX + "/FORGED");
        AbstractResponse res = send(r, new CreateHandleRequest(h, new HandleValue[] {
                new HandleValue(1, "URL", "https://evil.example.com/")}, wrong), Interface.SP_HDL_TCP);
        assertEquals(AbstractResponse.RC_AUTHENTICATION_FAILED, res.responseCode, res::toString);
        assertNull(resolve(PREFIX + "/FORGED"));
    }

    @Test
    void aWrongSecretIsRefusedAndNothingIsStored() throws Exception {
        AuthenticationInfo wrong = new SecretKeyAuthenticationInfo(Util.encodeString(SECKEY_ID), 301,
                "not-the-secret".getBytes(StandardCharsets.UTF_8));
        HandleResolver r = resolver(false, wrong);
        AbstractResponse res = send(r, new CreateHandleRequest(Util.encodeString(PREFIX + "/GUESSED"), new HandleValue[] {
                new HandleValue(1, "URL", "https://evil.example.com/")}, wrong), Interface.SP_HDL_TCP);
        assertEquals(AbstractResponse.RC_AUTHENTICATION_FAILED, res.responseCode, res::toString);
        assertNull(resolve(PREFIX + "/GUESSED"));
    }

    @Test
    void anIdentityWithoutAnAdminValueMayNotChangeSomeoneElsesHandle() throws Exception {
        AuthenticationInfo owner = pubkey();
        byte[] h = Util.encodeString(PREFIX + "/OWNED");
        HandleValue ownerOnly = new HandleValue(100, Util.encodeString("HS_ADMIN"), Encoder.encodeAdminRecord(new AdminRecord(
                Util.encodeString(PREFIX_HANDLE), 300, true, true, false, false, true, true, true, true, true, true, true, true)));
        assertEquals(AbstractResponse.RC_SUCCESS, send(resolver(false, owner), new CreateHandleRequest(h, new HandleValue[] {
                new HandleValue(1, "URL", "https://owner.example.com/"), ownerOnly}, owner), Interface.SP_HDL_TCP).responseCode);
        AuthenticationInfo other = seckey();
        AbstractResponse res = send(resolver(false, other), new DeleteHandleRequest(h, other), Interface.SP_HDL_TCP);
        assertEquals(AbstractResponse.RC_INVALID_ADMIN, res.responseCode, res::toString);
        assertTrue(resolve(PREFIX + "/OWNED").contains("1:URL=https://owner.example.com/"));
    }

    AbstractResponse create(String handle, HandleValue... values) throws Exception {
        AuthenticationInfo auth = pubkey();
        return send(resolver(false, auth), new CreateHandleRequest(Util.encodeString(handle), values, auth), Interface.SP_HDL_TCP);
    }

    @Test
    void badValuesAreRefusedWithTheirCodeAndNothingIsStored() throws Exception {
        String h = PREFIX + "/BAD";
        assertEquals(AbstractResponse.RC_INVALID_VALUE, create(h, new HandleValue(0, "URL", "https://x/")).responseCode,
                "index 0");
        assertEquals(AbstractResponse.RC_VALUE_ALREADY_EXISTS, create(h, new HandleValue(1, "URL", "https://x/"),
                new HandleValue(1, "DESC", "twice")).responseCode, "an index twice");
        HandleValue brokenAdmin = new HandleValue(100, Util.encodeString("HS_ADMIN"), new byte[] {0, 1, 2});
        AbstractResponse r = create(h, new HandleValue(1, "URL", "https://x/"), brokenAdmin);
        assertEquals(AbstractResponse.RC_INVALID_VALUE, r.responseCode, "a malformed HS_ADMIN");
        assertTrue(r.toString().contains("HS_ADMIN"), r::toString);
        HandleValue brokenKey = new HandleValue(300, Util.encodeString("HS_PUBKEY"), "not a key".getBytes(StandardCharsets.UTF_8));
        assertEquals(AbstractResponse.RC_INVALID_VALUE, create(h, brokenKey).responseCode, "a malformed HS_PUBKEY");
        HandleValue[] tooMany = new HandleValue[org.idnode.protocol.Limits.MAX_VALUES + 1];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = new HandleValue(i + 1, "N", "v");
        }
        AbstractResponse many = create(h, tooMany);
        assertEquals(AbstractResponse.RC_PROTOCOL_ERROR, many.responseCode, "too many values: refused by the decoder");
        assertTrue(many.toString().contains("values"), many::toString);
        assertNull(resolve(h));
    }

    @Test
    void anOversizedRecordIsRefusedAndNothingIsStored() throws Exception {
        String h = PREFIX + "/HUGE";
        HandleValue[] big = new HandleValue[5];
        for (int i = 0; i < big.length; i++) {
            big[i] = new HandleValue(i + 1, Util.encodeString("DATA"), new byte[60_000]);
        }
        AuthenticationInfo auth = pubkey();
        HandleResolver r0 = resolver(false, auth);
        r0.setCheckSignatures(false); // the refusal of a frame over the size bound comes before its flags are read: unsigned
        AbstractResponse r = r0.sendRequestToSite(new CreateHandleRequest(Util.encodeString(h), big, auth), site, Interface.SP_HDL_TCP);
        assertEquals(AbstractResponse.RC_PROTOCOL_ERROR, r.responseCode, r::toString);
        assertTrue(r.toString().contains("messageLength"), r::toString);
        assertNull(resolve(h));
    }

    @Test
    void handlesThatAreNotHandlesOrNotHomedHereAreRefused() throws Exception {
        assertEquals(AbstractResponse.RC_SERVER_NOT_RESP, create("99.999/ELSEWHERE", new HandleValue(1, "URL", "u")).responseCode);
        assertEquals(AbstractResponse.RC_INVALID_HANDLE, create("NO-SLASH", new HandleValue(1, "URL", "u")).responseCode);
    }

    @Test
    void valueOperationsFollowTheReferenceRules() throws Exception {
        AuthenticationInfo auth = pubkey();
        HandleResolver r = resolver(false, auth);
        String handle = PREFIX + "/RULES";
        byte[] h = Util.encodeString(handle);
        HandleValue readOnly = new HandleValue(5, Util.encodeString("FIXED"), Util.encodeString("fixed"));
        readOnly.setAdminCanWrite(false);
        assertEquals(AbstractResponse.RC_SUCCESS, create(handle, new HandleValue(1, "URL", "u"), readOnly, adminValue(auth)).responseCode);
        assertEquals(AbstractResponse.RC_VALUE_ALREADY_EXISTS,
                send(r, new AddValueRequest(h, new HandleValue(1, "URL", "again"), auth), Interface.SP_HDL_TCP).responseCode);
        assertEquals(AbstractResponse.RC_VALUES_NOT_FOUND,
                send(r, new RemoveValueRequest(h, 9, auth), Interface.SP_HDL_TCP).responseCode);
        assertEquals(AbstractResponse.RC_VALUES_NOT_FOUND,
                send(r, new ModifyValueRequest(h, new HandleValue(9, "URL", "x"), auth), Interface.SP_HDL_TCP).responseCode);
        assertEquals(AbstractResponse.RC_INSUFFICIENT_PERMISSIONS,
                send(r, new ModifyValueRequest(h, new HandleValue(5, "FIXED", "changed"), auth), Interface.SP_HDL_TCP).responseCode);
        assertEquals(AbstractResponse.RC_HANDLE_NOT_FOUND,
                send(r, new DeleteHandleRequest(Util.encodeString(PREFIX + "/NEVER"), auth), Interface.SP_HDL_TCP).responseCode);
        assertEquals(List.of("1:URL=u", "5:FIXED=fixed", "100:HS_ADMIN=admin"), resolve(handle));
    }

    @Test
    void anAdministratorWhoAnswersTheChallengeReadsAdminReadableValues() throws Exception {
        AuthenticationInfo auth = pubkey();
        HandleResolver r = resolver(true, auth);
        String handle = PREFIX + "/RESTRICTED";
        byte[] h = Util.encodeString(handle);
        HandleValue secret = new HandleValue(2, Util.encodeString("SECRET"), Util.encodeString("internal"));
        secret.setAnyoneCanRead(false);
        assertEquals(AbstractResponse.RC_SUCCESS, send(r, new CreateHandleRequest(h, new HandleValue[] {
                new HandleValue(1, "URL", "u"), secret, adminValue(auth)}, auth), Interface.SP_HDL_TCP).responseCode);
        assertEquals(List.of("1:URL=u", "100:HS_ADMIN=admin"), resolve(handle), "anonymous: public values only");
        ResolutionRequest read = new ResolutionRequest(h, null, null, auth);
        read.ignoreRestrictedValues = false; // no PO: the node challenges, the client answers
        AbstractResponse res = send(r, read, Interface.SP_HDL_TCP);
        List<String> seen = new ArrayList<>();
        for (HandleValue v : assertInstanceOf(ResolutionResponse.class, res, res::toString).getHandleValues()) {
            seen.add(v.getIndex() + ":" + v.getTypeAsString());
        }
        assertEquals(List.of("1:URL", "2:SECRET", "100:HS_ADMIN"), seen);
    }

    @Test
    void aDsaIdentityAuthenticatesToo() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("DSA");
        // §9: to a 2.10 node the client signs SHA1withDSA, which the JDK allows for 1024-bit keys only
        // (SHA256withDSA, for bigger keys, needs protocol 2.11).
        gen.initialize(1024);
        KeyPair dsa = gen.generateKeyPair();
        String id = PREFIX + "/DSA-ADMIN";
        // The prefix administrator registers the DSA identity and names it in a handle's HS_ADMIN.
        assertEquals(AbstractResponse.RC_SUCCESS, create(id, new HandleValue(300, Util.encodeString("HS_PUBKEY"),
                PublicKeys.encode(dsa.getPublic())), adminValue(pubkey())).responseCode);
        AuthenticationInfo dsaAuth = new PublicKeyAuthenticationInfo(Util.encodeString(id), 300, dsa.getPrivate());
        String handle = PREFIX + "/DSA-OWNED";
        assertEquals(AbstractResponse.RC_SUCCESS, create(handle, new HandleValue(1, "URL", "u"), adminValue(dsaAuth)).responseCode);
        AbstractResponse r = send(resolver(false, dsaAuth), new ModifyValueRequest(Util.encodeString(handle),
                new HandleValue(1, "URL", "by dsa"), dsaAuth), Interface.SP_HDL_TCP);
        assertEquals(AbstractResponse.RC_SUCCESS, r.responseCode, r::toString);
        assertEquals(List.of("1:URL=by dsa", "100:HS_ADMIN=admin"), resolve(handle));
    }
}
