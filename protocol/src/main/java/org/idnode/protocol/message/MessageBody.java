package org.idnode.protocol.message;

/**
 * The body of a message, one record per opcode and direction (handle-protocol.md §8). Which record a
 * body decodes to depends on the header's opcode and response code; see {@code BodyCodec}.
 */
public sealed interface MessageBody permits ResolutionRequest, ResolutionResponse, GetSiteInfoRequest,
        GetSiteInfoResponse, CreateHandleRequest, CreateHandleResponse, DeleteHandleRequest, AddValueRequest,
        RemoveValueRequest, ModifyValueRequest, ListHandlesRequest, ListHandlesResponse, HomePrefixRequest,
        UnhomePrefixRequest, ListPrefixesRequest, ListPrefixesResponse, ChallengeResponse, ChallengeAnswerRequest,
        VerifyAuthRequest, VerifyAuthResponse, SessionSetupRequest, SessionSetupResponse, SessionTerminateRequest,
        SessionExchangeKeyRequest, SuccessResponse, ErrorResponse, ReferralResponse, OpaqueBody {
}
