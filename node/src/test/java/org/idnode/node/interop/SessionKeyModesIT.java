package org.idnode.node.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import org.idnode.node.Node;
import org.idnode.node.TestNodes;
import org.idnode.protocol.OpCodes;
import org.idnode.protocol.ResponseCodes;
import org.idnode.protocol.auth.MessageSigner;
import org.idnode.protocol.auth.PublicKeys;
import org.idnode.protocol.auth.SessionCipher;
import org.idnode.protocol.client.HandleClient;
import org.idnode.protocol.client.Requests;
import org.idnode.protocol.client.Transport;
import org.idnode.protocol.codec.MessageCodec;
import org.idnode.protocol.message.Message;
import org.idnode.protocol.message.ResolutionRequest;
import org.idnode.protocol.message.SessionExchangeKeyRequest;
import org.idnode.protocol.message.SessionSetupRequest;
import org.idnode.protocol.message.SessionSetupResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Session setup by key transport (§8.8): mode 1, the node makes the key and sends it encrypted with
 * the client's RSA key; mode 2, the node sends its public key and the client sends the key with OC
 * 402. Requests MAC'd with the agreed key are then served; a wrong MAC is refused. (The official
 * client can't run these modes on a stock JDK, so the requests are built with our codecs.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionKeyModesIT {
    static final String PREFIX = "88.118.8";

    @TempDir
    static Path dir;
    Node node;
    InetSocketAddress tcp;
    final HandleClient client = new HandleClient();
    int counter;

    @BeforeAll
    void start() {
        node = TestNodes.start(dir, PREFIX);
        tcp = node.tcpAddress();
    }

    @AfterAll
    void stop() {
        node.close();
    }

    Message setup(int mode, byte[] publicKey) throws Exception {
        return client.send(Transport.TCP, tcp, Requests.request(Requests.newRequestId(), OpCodes.SESSION_SETUP,
                new SessionSetupRequest(mode, 60, "", -1, publicKey, null, 0), 0), "/");
    }

    /** A resolution of a handle that does not exist, in session {@code id}, MAC'd with {@code key}. */
    Message inSession(int id, byte[] key) throws Exception {
        Message m = Requests.request(Requests.newRequestId(), OpCodes.RESOLUTION, ResolutionRequest.all(PREFIX + "/NONE"), 0);
        m = m.withEnvelope(m.envelope().withSessionId(id));
        ByteBuf encoded = MessageCodec.encode(m, Unpooled.buffer().alloc());
        MessageSigner.mac(encoded, key, ++counter);
        return client.send(Transport.TCP, tcp, MessageCodec.decode(encoded), "/");
    }

    static byte[] rsa(int mode, java.security.Key key, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        c.init(mode, key);
        return c.doFinal(data);
    }

    @Test
    void inModeOneTheNodeSendsTheKeyEncryptedWithTheClientsKey() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair mine = gen.generateKeyPair();
        Message r = setup(SessionSetupRequest.MODE_CLIENT_CIPHER, PublicKeys.encode(mine.getPublic()));
        assertEquals(ResponseCodes.SUCCESS, r.header().responseCode());
        int id = r.envelope().sessionId();
        assertTrue(id > 0);
        byte[] plain = rsa(Cipher.DECRYPT_MODE, mine.getPrivate(), assertInstanceOf(SessionSetupResponse.class, r.body()).data());
        assertEquals(SessionCipher.ALG_AES, ByteBuffer.wrap(plain).getInt());
        byte[] key = Arrays.copyOfRange(plain, 4, plain.length);
        assertEquals(ResponseCodes.HANDLE_NOT_FOUND, inSession(id, key).header().responseCode(), "served in the session");
        byte[] wrong = key.clone();
        wrong[0] ^= 1;
        assertEquals(ResponseCodes.INVALID_SESSION_KEY, inSession(id, wrong).header().responseCode());
    }

    @Test
    void inModeTwoTheClientSendsTheKeyEncryptedWithTheNodesKeyOnce() throws Exception {
        Message r = setup(SessionSetupRequest.MODE_SERVER_CIPHER, null);
        assertEquals(ResponseCodes.SUCCESS, r.header().responseCode());
        int id = r.envelope().sessionId();
        PublicKey nodeKey = PublicKeys.decode(assertInstanceOf(SessionSetupResponse.class, r.body()).data());
        assertArrayEquals(node.siteInfo().servers().get(0).publicKey(), PublicKeys.encode(nodeKey), "the node's own key");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        assertEquals(ResponseCodes.SESSION_FAILED, inSession(id, key).header().responseCode(), "no key yet");
        byte[] sealed = rsa(Cipher.ENCRYPT_MODE, nodeKey, ByteBuffer.allocate(36).putInt(SessionCipher.ALG_AES).put(key).array());
        Message exchange = Requests.request(Requests.newRequestId(), OpCodes.SESSION_EXCHANGEKEY, new SessionExchangeKeyRequest(sealed), 0);
        exchange = exchange.withEnvelope(exchange.envelope().withSessionId(id));
        assertEquals(ResponseCodes.SUCCESS, client.send(Transport.TCP, tcp, exchange, "/").header().responseCode());
        assertEquals(ResponseCodes.HANDLE_NOT_FOUND, inSession(id, key).header().responseCode(), "served in the session");
        Message again = exchange.withEnvelope(exchange.envelope());
        assertEquals(ResponseCodes.INVALID_SESSIONSETUP_REQUEST, client.send(Transport.TCP, tcp, again, "/").header().responseCode(),
                "a session's key is set once");
    }
}
