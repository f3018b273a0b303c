// TimestampClient — RFC 3161 time-stamp requests, replies and token verification.
//
// This module will hold the TimeStampReq/TimeStampResp/TSTInfo types, the
// `TimestampAuthority` protocol with its HTTP and in-process implementations,
// token verification on top of CMSCore, and CAdES-T upgrade of CMS signatures.
// It is filled by a later issue; until then it intentionally exports nothing.
import CMSCore
