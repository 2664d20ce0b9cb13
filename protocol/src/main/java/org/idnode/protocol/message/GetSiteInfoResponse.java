package org.idnode.protocol.message;

import org.idnode.protocol.model.SiteInfo;

/** OC 2 success (§8.3): the raw site record fills the rest of the body. */
public record GetSiteInfoResponse(SiteInfo site) implements MessageBody {
}
