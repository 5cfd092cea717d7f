package dev.dfs.auth;

import java.io.InputStream;
import java.util.Map;

/**
 * A verified request.
 *
 * @param principal who sent it
 * @param body the payload to read in place of the raw body: aws-chunked framing removed, chunk
 *     signatures and {@code x-amz-content-sha256} verified while it is read (violations throw
 *     {@link dev.dfs.util.BodyException} from {@code read}, at the latest from the read that
 *     consumes the last byte of a known length, or reaches the end of an unknown one; an empty body
 *     was verified before this result was made). A consumer that commits must therefore read the
 *     whole declared length first; a prefix alone is not yet authentic
 * @param decodedLength the payload length when known ({@code x-amz-decoded-content-length} or
 *     Content-Length), else -1
 * @param trailers trailing headers of an aws-chunked body (names lower-case); filled when the body
 *     has been read to its end, empty before and for other bodies
 */
public record AuthResult(
    Principal principal, InputStream body, long decodedLength, Map<String, String> trailers) {}
