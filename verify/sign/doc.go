// Package sign holds the request-signing primitives that keyhound's
// read-only verifier needs to prove that a leaked crypto-exchange credential
// is live.
//
// There is one small file per exchange. Every function is pure: it takes the
// secret, the request parts and any timestamp or nonce as arguments and
// returns the signature (or the signed token). Nothing here reads the clock,
// opens a network connection or, except where a signature scheme is
// inherently randomised (ECDSA in CoinbaseJWT), draws randomness that the
// caller cannot inject. Only the Go standard library is used.
//
// Each exported function documents the exact string that is signed (the
// "prehash") and the section of shared/reference/exchanges.md it follows.
// In those descriptions "+" is plain string concatenation, "\n" is a single
// line feed, METHOD is the upper-cased HTTP method, hex is lowercase
// hexadecimal and base64 is standard padded base64 (RFC 4648 §4) unless a
// function says otherwise.
//
// The official worked examples in shared/reference/signing-vectors.json are
// reproduced by the package tests; see vectors_test.go.
package sign
