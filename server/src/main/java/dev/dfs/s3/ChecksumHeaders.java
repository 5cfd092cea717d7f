package dev.dfs.s3;

import dev.dfs.util.BodyException;
import dev.dfs.util.ChecksumAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Integrity headers of a request body: {@code Content-MD5} and the additional checksum a client
 * claims, either as an {@code x-amz-checksum-<alg>} header or, announced by {@code x-amz-trailer},
 * as a trailer after an aws-chunked body (the SDKs' default). Pure and thread-safe.
 */
final class ChecksumHeaders {
  private ChecksumHeaders() {}

  /**
   * A checksum a request claims: which algorithm, and the value it claims (read only once the body
   * has ended, as a trailer arrives after the data). {@link #NONE} when there is none.
   */
  record Claim(@Nullable ChecksumAlgorithm algorithm, Supplier<String> expected, boolean trailing) {
    static final Claim NONE = new Claim(null, () -> null, false);

    boolean present() {
      return algorithm != null;
    }
  }

  /**
   * Decodes {@code Content-MD5}: null when absent, the 16 digest bytes otherwise. InvalidDigest
   * when it is not the canonical base64 of 16 bytes.
   */
  static byte @Nullable [] contentMd5(String header) {
    if (header == null) return null;
    byte[] md5 = CanonicalBase64.decode(header.trim());
    if (md5 != null && md5.length == 16) return md5;
    throw new S3Exception(S3ErrorCode.INVALID_DIGEST).with("Content-MD5", header);
  }

  /**
   * The checksum a request claims. {@code header} reads request headers; {@code trailer} reads
   * trailers once the body ended. InvalidRequest for contradicting or malformed claims, as S3.
   */
  static Claim claim(Function<String, String> header, Function<String, String> trailer) {
    return claim(header, trailer, null);
  }

  /**
   * As {@link #claim(Function, Function)}; when a trailer is claimed but not there yet (a consumer
   * that stopped at the announced length, or never read an empty body), {@code body} is read to its
   * end first, which delivers the trailers.
   */
  static Claim claim(
      Function<String, String> header,
      Function<String, String> trailer,
      @Nullable InputStream body) {
    List<ChecksumAlgorithm> inHeaders = new ArrayList<>();
    for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
      if (header.apply(a.headerName()) != null) inHeaders.add(a);
    }
    ChecksumAlgorithm inTrailer = trailerAlgorithm(header.apply("x-amz-trailer"));
    String sdk = header.apply("x-amz-sdk-checksum-algorithm");
    ChecksumAlgorithm sdkAlgorithm =
        sdk == null
            ? null
            : ChecksumAlgorithm.fromWireName(sdk)
                .orElseThrow(
                    () ->
                        invalidRequest(
                            "Value for x-amz-sdk-checksum-algorithm header is invalid."));
    if (inHeaders.size() + (inTrailer == null ? 0 : 1) > 1) {
      throw invalidRequest(
          "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
    }
    if (inHeaders.isEmpty() && inTrailer == null) {
      if (sdkAlgorithm != null) {
        throw invalidRequest(
            "x-amz-sdk-checksum-algorithm specified, but no corresponding"
                + " x-amz-checksum-* or x-amz-trailer headers were found.");
      }
      return Claim.NONE;
    }
    ChecksumAlgorithm algorithm = inTrailer != null ? inTrailer : inHeaders.get(0);
    if (sdkAlgorithm != null && sdkAlgorithm != algorithm) {
      throw invalidRequest("Value for x-amz-sdk-checksum-algorithm header is invalid.");
    }
    if (inTrailer != null) {
      String name = inTrailer.headerName();
      return new Claim(
          algorithm,
          () -> {
            String value = trailer.apply(name);
            if (value == null && body != null) {
              drain(body);
              value = trailer.apply(name);
            }
            if (value == null) {
              throw invalidRequest(
                  "The x-amz-trailer header named "
                      + name
                      + " but the request carried no such trailer.");
            }
            return value.trim();
          },
          true);
    }
    String value = header.apply(algorithm.headerName()).trim();
    if (!wellFormed(algorithm, value)) {
      throw invalidRequest("Value for " + algorithm.headerName() + " header is invalid.");
    }
    return new Claim(algorithm, () -> value, false);
  }

  /** Reads {@code body} to its end; a failure of the body becomes its S3 error. */
  private static void drain(InputStream body) {
    try {
      byte[] sink = new byte[8192];
      while (body.read(sink) >= 0) {
        // discard: the data was consumed already, only the trailers are left
      }
    } catch (BodyException e) {
      throw ErrorMapper.fromBody(e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The checksum algorithm a {@code x-amz-trailer} header announces, or null. */
  static @Nullable ChecksumAlgorithm trailerAlgorithm(String xAmzTrailer) {
    if (xAmzTrailer == null) return null;
    ChecksumAlgorithm found = null;
    for (String name : xAmzTrailer.split(",")) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      if (!n.startsWith("x-amz-checksum-")) continue;
      ChecksumAlgorithm a =
          ChecksumAlgorithm.fromHeaderName(n)
              .orElseThrow(
                  () ->
                      invalidRequest(
                          "The value specified in the x-amz-trailer header is not supported"));
      if (found != null && found != a) {
        throw invalidRequest(
            "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
      }
      found = a;
    }
    return found;
  }

  /** Whether {@code base64} is the canonical base64 of a digest of the algorithm's length. */
  static boolean wellFormed(ChecksumAlgorithm algorithm, String base64) {
    byte[] digest = CanonicalBase64.decode(base64);
    return digest != null && digest.length == digestLength(algorithm);
  }

  static int digestLength(ChecksumAlgorithm algorithm) {
    return switch (algorithm) {
      case CRC32, CRC32C -> 4;
      case CRC64NVME -> 8;
      case SHA1 -> 20;
      case SHA256 -> 32;
    };
  }

  /** The checksum of a whole byte array in S3's base64 form. */
  static String compute(ChecksumAlgorithm algorithm, byte[] bytes) {
    ChecksumAlgorithm.RunningChecksum c = algorithm.newChecksum();
    c.update(bytes, 0, bytes.length);
    return c.finishBase64();
  }

  /**
   * Checks a small body held in memory (e.g. a DeleteObjects document) against its Content-MD5 and
   * claimed checksum: BadDigest on mismatch.
   */
  static void verify(byte[] body, byte @Nullable [] expectedMd5, Claim claim) {
    if (expectedMd5 != null) {
      byte[] actual = md5(body);
      if (!MessageDigest.isEqual(actual, expectedMd5)) {
        throw new S3Exception(S3ErrorCode.BAD_DIGEST);
      }
    }
    if (claim.algorithm() != null) {
      String actual = compute(claim.algorithm(), body);
      if (!actual.equals(claim.expected().get())) {
        throw new S3Exception(S3ErrorCode.BAD_DIGEST, mismatchMessage(claim.algorithm()));
      }
    }
  }

  /**
   * Reads a small XML request body (DeleteObjects, PutObjectTagging, PutBucketCors) and checks its
   * Content-MD5 or {@code x-amz-checksum-*} claim. With {@code integrityRequired}, a body with
   * neither is refused as S3 refuses it.
   */
  static byte[] verifiedXmlBody(S3Exchange ex, boolean integrityRequired) throws IOException {
    byte[] md5 = contentMd5(ex.header("Content-MD5"));
    Claim claim = claim(ex::header, ex::trailer, ex.body());
    byte[] body = XmlIn.readBody(ex.body());
    if (integrityRequired && md5 == null && !claim.present()) {
      throw invalidRequest(
          "Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
    }
    verify(body, md5, claim);
    return body;
  }

  /** S3's BadDigest message for a checksum that did not match. */
  static String mismatchMessage(ChecksumAlgorithm algorithm) {
    return "The " + algorithm.wireName() + " you specified did not match the calculated checksum.";
  }

  /**
   * Wraps a body so that reaching its end checks the claimed checksum and fails with a {@link
   * BodyException} (CHECKSUM_MISMATCH) when it differs, before the consumer commits. Used where the
   * store does not verify the claim itself. With a known {@code size}, the check runs as soon as
   * that many bytes were read (a consumer may stop there), after reading on to the end of the
   * underlying stream so that a trailer has arrived.
   */
  static InputStream verifying(InputStream body, long size, Claim claim) {
    if (!claim.present()) return body;
    return new VerifyingStream(body, size, claim);
  }

  private static byte[] md5(byte[] body) {
    try {
      return MessageDigest.getInstance("MD5").digest(body);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static S3Exception invalidRequest(String message) {
    return new S3Exception(S3ErrorCode.INVALID_REQUEST, message);
  }

  private static final class VerifyingStream extends ReadThroughStream {
    private final long size;
    private final Claim claim;
    private final ChecksumAlgorithm algorithm;
    private final ChecksumAlgorithm.RunningChecksum running;
    private long count;
    private boolean checked;

    VerifyingStream(InputStream in, long size, Claim claim) {
      super(in);
      this.size = size;
      this.claim = claim;
      // verifying() wraps a body only for a present claim
      this.algorithm = Objects.requireNonNull(claim.algorithm(), "a verified claim names one");
      this.running = algorithm.newChecksum();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (checked) return -1;
      int n = in.read(b, off, len);
      if (n > 0) {
        running.update(b, off, n);
        count += n;
        if (count == size) {
          if (in.read() >= 0) {
            throw new BodyException(
                BodyException.Fault.TOO_LARGE, "The body is longer than its declared length.");
          }
          check();
        }
      } else if (n < 0) {
        check();
      }
      return n;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void check() throws BodyException {
      if (checked) return;
      checked = true;
      String actual = running.finishBase64();
      if (!actual.equals(claim.expected().get())) {
        throw new BodyException(BodyException.Fault.CHECKSUM_MISMATCH, mismatchMessage(algorithm));
      }
    }
  }
}
