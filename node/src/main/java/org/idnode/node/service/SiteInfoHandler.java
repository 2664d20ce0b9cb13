package org.idnode.node.service;

/** OC 2 (§8.3): our HS_SITE, encoded once at start. */
final class SiteInfoHandler implements OpHandler {
    private final byte[] siteInfo;

    SiteInfoHandler(byte[] siteInfo) {
        this.siteInfo = siteInfo.clone();
    }

    @Override
    public void handle(Request request, Reply reply) {
        reply.body().writeBytes(siteInfo);
        reply.send();
    }
}
