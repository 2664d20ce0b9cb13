package org.idnode.protocol.message;

/** OC 401 request (§8.8): handle "/", must carry an HS_MAC. */
public record SessionTerminateRequest(String handle) implements MessageBody {
}
