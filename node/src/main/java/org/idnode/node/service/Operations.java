package org.idnode.node.service;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.idnode.node.auth.SeckeyAuthenticator;
import org.idnode.node.auth.Sessions;
import org.idnode.node.registration.Registrar;
import org.idnode.protocol.OpCodes;

/** The table of what the node serves: one handler per opcode (resolution is the dispatcher's own fast path). */
public final class Operations {
    private Operations() {
    }

    public static Map<Integer, OpHandler> all(byte[] siteInfo, Registrar registrar, HandleLister lister,
                                              HomedPrefixes homed, Sessions sessions,
                                              SeckeyAuthenticator seckeys, SecureRandom random, byte[] adminKey,
                                              CryptoWork crypto, java.security.KeyPair nodeKey) {
        Map<Integer, OpHandler> h = new HashMap<>();
        h.put(OpCodes.GET_SITE_INFO, new SiteInfoHandler(siteInfo));
        h.put(OpCodes.CREATE_HANDLE, new CreateHandler(registrar));
        h.put(OpCodes.DELETE_HANDLE, new DeleteHandler(registrar));
        ValuesHandler values = new ValuesHandler(registrar);
        h.put(OpCodes.ADD_VALUE, values);
        h.put(OpCodes.REMOVE_VALUE, values);
        h.put(OpCodes.MODIFY_VALUE, values);
        h.put(OpCodes.LIST_HANDLES, new ListHandlesHandler(lister));
        h.put(OpCodes.VERIFY_RESPONSE, new VerifyChallengeHandler(seckeys));
        PrefixHandler prefixes = new PrefixHandler(registrar, adminKey);
        h.put(OpCodes.HOME_NA, prefixes);
        h.put(OpCodes.UNHOME_NA, prefixes);
        h.put(OpCodes.LIST_HOMED_NAS, new ListPrefixesHandler(registrar, homed));
        h.put(OpCodes.SESSION_SETUP, new SessionSetupHandler(sessions, random, crypto, nodeKey.getPublic()));
        h.put(OpCodes.SESSION_EXCHANGEKEY, new SessionExchangeKeyHandler(nodeKey.getPrivate(), crypto));
        h.put(OpCodes.SESSION_TERMINATE, new SessionTerminateHandler(sessions));
        return h;
    }
}
