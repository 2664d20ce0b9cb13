package org.idnode.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.idnode.protocol.codec.AdminRecordCodec;
import org.idnode.protocol.model.AdminRecord;
import org.idnode.protocol.model.HandleValue;

/**
 * The record each create carries, shaped like an industrial identifier's: a URL, a description, a
 * JSON document of about 300 octets, and an HS_ADMIN naming the identity that creates it (so it
 * can manage the handle later, as a registration client would write it).
 */
public final class CreateRecords {
    private final HandleValue admin;

    public CreateRecords(String adminHandle, int adminIndex) {
        this.admin = HandleValue.of(100, "HS_ADMIN",
                AdminRecordCodec.encode(new AdminRecord(AdminRecord.HANDLE_DEFAULT, adminHandle, adminIndex)));
    }

    public List<HandleValue> values(String handle) {
        String suffix = handle.substring(handle.indexOf('/') + 1);
        String json = "{\"gtin\":\"04012345678901\",\"serial\":\"" + suffix + "\",\"manufacturer\":\"Example Pumps GmbH\","
                + "\"model\":\"CP-200 centrifugal pump\",\"batch\":\"2026-12-03-A\",\"madeIn\":\"DE\","
                + "\"ratedFlowM3h\":42.5,\"ratedHeadM\":31.0,\"motorKw\":5.5,\"certificates\":[\"CE\",\"ATEX II 2G\"],"
                + "\"manual\":\"https://factory.example.com/manuals/cp-200.pdf\"}";
        return List.of(
                HandleValue.text(1, "URL", "https://factory.example.com/asset/" + suffix),
                HandleValue.text(2, "DESC", "Centrifugal pump CP-200, serial " + suffix),
                HandleValue.of(3, "JSON", json.getBytes(StandardCharsets.UTF_8)),
                admin);
    }
}
