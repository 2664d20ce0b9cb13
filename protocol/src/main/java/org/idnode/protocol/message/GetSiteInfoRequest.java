package org.idnode.protocol.message;

/** OC 2 request (§8.3): [CNRI] carries a handle string, usually "/". */
public record GetSiteInfoRequest(String handle) implements MessageBody {
}
