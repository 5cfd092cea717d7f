package dev.dfs.s3;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The four HTTP preconditions as S3 evaluates them, for reads ({@code If-Match} …) and for copy
 * sources ({@code x-amz-copy-source-if-match} …). A present entity-tag condition overrides its date
 * counterpart: If-Match true wins over If-Unmodified-Since false, and If-None-Match false (the ETag
 * matches) gives 304 whatever If-Modified-Since says. Dates that do not parse are ignored. Times
 * compare at whole seconds, as HTTP dates carry them. Immutable.
 */
record Conditionals(
    String ifMatch, String ifNoneMatch, String ifModifiedSince, String ifUnmodifiedSince) {

  /** What a request's preconditions decide. */
  enum Outcome {
    PROCEED,
    NOT_MODIFIED,
    PRECONDITION_FAILED
  }

  static Conditionals ofRead(S3Exchange ex) {
    return new Conditionals(
        ex.header("If-Match"),
        ex.header("If-None-Match"),
        ex.header("If-Modified-Since"),
        ex.header("If-Unmodified-Since"));
  }

  static Conditionals ofCopySource(S3Exchange ex) {
    return new Conditionals(
        ex.header("x-amz-copy-source-if-match"),
        ex.header("x-amz-copy-source-if-none-match"),
        ex.header("x-amz-copy-source-if-modified-since"),
        ex.header("x-amz-copy-source-if-unmodified-since"));
  }

  boolean isEmpty() {
    return ifMatch == null
        && ifNoneMatch == null
        && ifModifiedSince == null
        && ifUnmodifiedSince == null;
  }

  /** Evaluates against an existing object's ETag (without quotes) and modification time. */
  Outcome evaluate(String etag, Instant lastModified) {
    return decide(etag, lastModified).outcome();
  }

  /**
   * Throws 412 PreconditionFailed unless a read may proceed; returns true when the answer is 304
   * Not Modified.
   */
  boolean checkRead(String etag, Instant lastModified) {
    Decision d = decide(etag, lastModified);
    if (d.outcome() == Outcome.PRECONDITION_FAILED) {
      // decide() names the condition of every outcome but PROCEED
      throw preconditionFailed(Objects.requireNonNull(d.condition(), "a failed condition"));
    }
    return d.outcome() == Outcome.NOT_MODIFIED;
  }

  /** Throws 412 unless a copy from the source may proceed (a copy has no 304). */
  void checkCopySource(String etag, Instant lastModified) {
    Decision d = decide(etag, lastModified);
    if (d.outcome() != Outcome.PROCEED) {
      throw preconditionFailed("x-amz-copy-source-" + d.condition());
    }
  }

  private record Decision(Outcome outcome, @Nullable String condition) {}

  private Decision decide(String etag, Instant lastModified) {
    Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
    if (ifMatch != null) {
      if (!matches(ifMatch, etag)) return new Decision(Outcome.PRECONDITION_FAILED, "If-Match");
    } else {
      Instant since = HttpDates.parse(ifUnmodifiedSince);
      if (since != null && modified.isAfter(since)) {
        return new Decision(Outcome.PRECONDITION_FAILED, "If-Unmodified-Since");
      }
    }
    if (ifNoneMatch != null) {
      if (matches(ifNoneMatch, etag)) return new Decision(Outcome.NOT_MODIFIED, "If-None-Match");
    } else {
      Instant since = HttpDates.parse(ifModifiedSince);
      if (since != null && !modified.isAfter(since)) {
        return new Decision(Outcome.NOT_MODIFIED, "If-Modified-Since");
      }
    }
    return new Decision(Outcome.PROCEED, null);
  }

  private static S3Exception preconditionFailed(String condition) {
    return new S3Exception(S3ErrorCode.PRECONDITION_FAILED).with("Condition", condition);
  }

  /** Whether a list of entity tags ({@code "a", W/"b"} or {@code *}) names {@code etag}. */
  static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String c = candidate.trim();
      if (c.equals("*")) return true;
      if (c.startsWith("W/")) c = c.substring(2);
      if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
        c = c.substring(1, c.length() - 1);
      }
      if (c.equals(etag)) return true;
    }
    return false;
  }
}
