package org.idnode.node.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.idnode.node.storage.HandleKeys;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.codec.ValueListCodec;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;
import org.idnode.protocol.model.ValueList;
import org.idnode.protocol.model.ValueReference;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
    final Map<String, List<HandleValue>> records = new HashMap<>();
    final Authorizer authorizer = new Authorizer(List.of(new Identity("0.NA/88", 300)), records::get, new HandleKeys(false));

    static HandleValue admin(int index, int bits, String handle, int adminIndex) {
        return HandleValue.of(index, "HS_ADMIN", AdminRecordCodec.encode(new AdminRecord(bits, handle, adminIndex)));
    }

    static HandleValue group(int index, ValueReference... members) {
        return HandleValue.of(index, "HS_VLIST", ValueListCodec.encode(new ValueList(List.of(members))));
    }

    @Test
    void oneAdminValueMustGrantEveryBitNeeded() {
        List<HandleValue> admins = List.of(admin(100, AdminRecord.ADD_VALUE, "88.1/OWNER", 300),
                admin(101, AdminRecord.REMOVE_VALUE, "88.1/OWNER", 300));
        Identity owner = new Identity("88.1/OWNER", 300);
        assertTrue(authorizer.grants(admins, owner, AdminRecord.ADD_VALUE));
        assertFalse(authorizer.grants(admins, owner, AdminRecord.ADD_VALUE | AdminRecord.REMOVE_VALUE));
    }

    @Test
    void indexZeroInTheAdminValueMatchesAnyIndexAndHandlesCompareWithoutCase() {
        List<HandleValue> admins = List.of(admin(100, AdminRecord.ALL, "88.1/owner", 0));
        assertTrue(authorizer.grants(admins, new Identity("88.1/OWNER", 7), AdminRecord.DELETE_HANDLE));
        assertFalse(authorizer.grants(admins, new Identity("88.1/OTHER", 7), AdminRecord.DELETE_HANDLE));
    }

    @Test
    void aMemberOfANestedGroupIsGrantedAndCyclesEndTheSearch() {
        records.put("88.1/GROUPS", List.of(group(1, new ValueReference("88.1/GROUPS", 2)),
                group(2, new ValueReference("88.1/GROUPS", 1), new ValueReference("88.1/ALICE", 300))));
        List<HandleValue> admins = List.of(admin(100, AdminRecord.ALL, "88.1/GROUPS", 1));
        assertTrue(authorizer.grants(admins, new Identity("88.1/ALICE", 300), AdminRecord.ADD_VALUE));
        assertFalse(authorizer.grants(admins, new Identity("88.1/MALLORY", 300), AdminRecord.ADD_VALUE));
    }

    @Test
    void groupsNestedDeeperThanTheBoundGrantNothing() {
        List<HandleValue> chain = new java.util.ArrayList<>();
        for (int i = 1; i <= Authorizer.MAX_DEPTH + 1; i++) {
            chain.add(group(i, new ValueReference("88.1/DEEP", i + 1)));
        }
        chain.add(group(Authorizer.MAX_DEPTH + 2, new ValueReference("88.1/ALICE", 300)));
        records.put("88.1/DEEP", chain);
        assertFalse(authorizer.grants(List.of(admin(100, AdminRecord.ALL, "88.1/DEEP", 1)), new Identity("88.1/ALICE", 300),
                AdminRecord.ADD_VALUE));
    }

    @Test
    void serverAdministratorsNeedNoAdminValueAndAnonymousCallersGetNothing() {
        assertTrue(authorizer.grants(List.of(), new Identity("0.na/88", 300), AdminRecord.ALL));
        assertFalse(authorizer.grants(List.of(admin(100, AdminRecord.ALL, "88.1/X", 0)), null, AdminRecord.ADD_VALUE));
    }

    @Test
    void aDamagedAdminValueGrantsNothing() {
        List<HandleValue> admins = List.of(HandleValue.of(100, "HS_ADMIN", new byte[] {1, 2, 3}));
        assertFalse(authorizer.grants(admins, new Identity("88.1/OWNER", 300), AdminRecord.ADD_VALUE));
    }
}
