package dev.dfs.s3;

import dev.dfs.s3.ObjectLockXml.Config;
import dev.dfs.s3.ObjectLockXml.Retention;
import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Object Lock as S3 enforces it. A bucket has Object Lock exactly when its configuration document
 * {@link #DOCUMENT} exists (written at CreateBucket with {@code x-amz-bucket-object-lock-enabled:
 * true}, or by PutObjectLockConfiguration on a versioning-enabled bucket). A version's retention
 * and legal hold are system attributes ({@link ObjectAttributes#LOCK_MODE}, {@link
 * ObjectAttributes#LOCK_RETAIN_UNTIL}, {@link ObjectAttributes#LOCK_LEGAL_HOLD}). A version under
 * legal hold, COMPLIANCE retention, or GOVERNANCE retention without a permitted bypass cannot be
 * deleted or have its retention shortened; COMPLIANCE retention can only be extended. Thread-safe.
 */
final class ObjectLockRules {
  /** Name of the bucket configuration document holding the ObjectLockConfiguration. */
  static final String DOCUMENT = "object-lock";

  static final String MODE_HEADER = "x-amz-object-lock-mode";
  static final String UNTIL_HEADER = "x-amz-object-lock-retain-until-date";
  static final String HOLD_HEADER = "x-amz-object-lock-legal-hold";
  static final String BYPASS_HEADER = "x-amz-bypass-governance-retention";

  private final ObjectStore store;

  ObjectLockRules(ObjectStore store) {
    this.store = store;
  }

  /** Whether the request's bucket has Object Lock enabled (from its {@link BucketContext}). */
  static boolean enabled(S3Exchange ex) throws IOException {
    return ex.bucketContext().objectLockEnabled();
  }

  /** The request's bucket's configuration, or empty when it has no Object Lock. */
  static Optional<Config> config(S3Exchange ex) throws IOException {
    return ex.bucketContext().objectLock();
  }

  /** Stores the configuration (enabling Object Lock if it was not). */
  void store(String bucket, Config config) throws IOException {
    EngineCapabilities.bucketConfig(store, DOCUMENT)
        .put(bucket, new String(ObjectLockXml.render(config).toBytes(), StandardCharsets.UTF_8));
  }

  /** InvalidRequest unless the request's bucket has Object Lock. */
  static void requireEnabled(S3Exchange ex) throws IOException {
    if (!enabled(ex)) throw missingConfiguration();
  }

  static S3Exception missingConfiguration() {
    return new S3Exception(
        S3ErrorCode.INVALID_REQUEST, "Bucket is missing Object Lock Configuration");
  }

  /**
   * The metadata to write for a new version (PutObject, CopyObject, CreateMultipartUpload): {@code
   * md} without any lock attributes it carried (a copy does not inherit the source's lock), plus
   * the lock the request's {@code x-amz-object-lock-*} headers ask for, else the bucket's default
   * retention. InvalidRequest for lock headers on a bucket without Object Lock; InvalidArgument for
   * incomplete or invalid headers.
   */
  ObjectMetadata forWrite(S3Exchange ex, ObjectMetadata md) throws IOException {
    String mode = ex.header(MODE_HEADER);
    String until = ex.header(UNTIL_HEADER);
    String hold = ex.header(HOLD_HEADER);
    boolean asked = mode != null || until != null || hold != null;
    Map<String, String> attrs = withoutLock(md.attributes());
    Optional<Config> config = config(ex); // the default retention may apply
    if (config.isEmpty()) {
      if (asked) throw missingConfiguration();
      return attrs.size() == md.attributes().size() ? md : md.withAttributes(attrs);
    }
    if ((mode == null) != (until == null)) {
      throw new S3Exception(
          S3ErrorCode.INVALID_ARGUMENT,
          "x-amz-object-lock-retain-until-date and"
              + " x-amz-object-lock-mode must both be supplied");
    }
    Instant now = ex.clock().instant();
    if (mode != null) {
      Retention r = headerRetention(mode, until, now);
      putRetention(attrs, r);
    } else if (config.get().mode() != null) {
      putRetention(attrs, new Retention(config.get().mode(), config.get().defaultUntil(now)));
    }
    if (hold != null) {
      if (!hold.equals("ON") && !hold.equals("OFF")) {
        throw S3Exception.invalidArgument(
            "Legal Hold must be either of 'ON' or 'OFF'", HOLD_HEADER, hold);
      }
      attrs.put(ObjectAttributes.LOCK_LEGAL_HOLD, hold);
    }
    return md.withAttributes(attrs);
  }

  private static Retention headerRetention(String mode, String until, Instant now) {
    if (!mode.equals(ObjectLockXml.GOVERNANCE) && !mode.equals(ObjectLockXml.COMPLIANCE)) {
      throw S3Exception.invalidArgument("Unknown wormMode directive.", MODE_HEADER, mode);
    }
    Instant date = ObjectLockXml.date(until.trim());
    if (date == null) {
      throw S3Exception.invalidArgument(
          "The retain until date must be provided in ISO 8601 format", UNTIL_HEADER, until);
    }
    if (!date.isAfter(now)) {
      throw S3Exception.invalidArgument(
          "The retain until date must be in the future!", UNTIL_HEADER, until);
    }
    return new Retention(mode, date);
  }

  private static Map<String, String> withoutLock(Map<String, String> attributes) {
    Map<String, String> out = new TreeMap<>(attributes);
    out.remove(ObjectAttributes.LOCK_MODE);
    out.remove(ObjectAttributes.LOCK_RETAIN_UNTIL);
    out.remove(ObjectAttributes.LOCK_LEGAL_HOLD);
    return out;
  }

  private static void putRetention(Map<String, String> attrs, Retention r) {
    String mode = r.mode();
    Instant until = r.until();
    if (mode == null || until == null) { // none: a retention has both or neither
      attrs.remove(ObjectAttributes.LOCK_MODE);
      attrs.remove(ObjectAttributes.LOCK_RETAIN_UNTIL);
    } else {
      attrs.put(ObjectAttributes.LOCK_MODE, mode);
      attrs.put(ObjectAttributes.LOCK_RETAIN_UNTIL, until.toString());
    }
  }

  /** A version's retention (none when it has no mode). */
  static Retention retention(ObjectMetadata md) {
    String mode = md.attribute(ObjectAttributes.LOCK_MODE);
    String until = md.attribute(ObjectAttributes.LOCK_RETAIN_UNTIL);
    if (mode == null || until == null) return new Retention(null, null);
    return new Retention(mode, Instant.parse(until));
  }

  /** {@code md} with retention {@code r} (none: removed). */
  static ObjectMetadata withRetention(ObjectMetadata md, Retention r) {
    Map<String, String> attrs = new TreeMap<>(md.attributes());
    putRetention(attrs, r);
    return md.withAttributes(attrs);
  }

  /** {@code md} with legal hold ON or OFF. */
  static ObjectMetadata withLegalHold(ObjectMetadata md, boolean on) {
    Map<String, String> attrs = new TreeMap<>(md.attributes());
    attrs.put(ObjectAttributes.LOCK_LEGAL_HOLD, on ? "ON" : "OFF");
    return md.withAttributes(attrs);
  }

  /** Whether the request carries {@code x-amz-bypass-governance-retention: true}. */
  static boolean asksGovernanceBypass(S3Exchange ex) {
    return "true".equalsIgnoreCase(ex.header(BYPASS_HEADER));
  }

  /**
   * Whether the request asks to bypass GOVERNANCE retention and may: the caller is signed and the
   * authorizer allowed it {@code s3:BypassGovernanceRetention} (root and the bucket owner always
   * are; others need a policy that grants it).
   */
  static boolean bypassGovernance(S3Exchange ex) {
    return asksGovernanceBypass(ex) && !ex.principal().anonymous() && !ex.governanceBypassDenied();
  }

  /**
   * AccessDenied unless retention {@code next} may replace {@code current} at {@code now}: an
   * expired or absent retention may change freely; COMPLIANCE only to COMPLIANCE with an equal or
   * later date; GOVERNANCE to GOVERNANCE with an equal or later date, and to anything else
   * (shorter, removed, or COMPLIANCE, as S3 and Ceph RGW rule) only when bypassed.
   */
  static void checkRetentionChange(Retention current, Retention next, boolean bypass, Instant now) {
    // a retention has both mode and date or neither (none)
    String currentMode = current.mode();
    Instant currentUntil = current.until();
    if (currentMode == null || currentUntil == null || !currentUntil.isAfter(now)) return;
    Instant nextUntil = next.until();
    boolean extends_ =
        next.mode() != null && nextUntil != null && !nextUntil.isBefore(currentUntil);
    boolean sameMode = currentMode.equals(next.mode());
    if (currentMode.equals(ObjectLockXml.COMPLIANCE)) {
      if (extends_ && sameMode) return;
      throw denied();
    }
    if (extends_ && sameMode || bypass) return;
    throw denied();
  }

  /**
   * The guard for removing versions in {@code ex}'s bucket (see {@link ObjectStore#delete}), or
   * null when the bucket has no Object Lock: refuses (AccessDenied) a version under legal hold,
   * under unexpired COMPLIANCE retention, or under unexpired GOVERNANCE retention without a
   * permitted bypass. Delete markers are never locked.
   */
  @Nullable Consumer<ObjectInfo> deleteGuard(S3Exchange ex) throws IOException {
    if (!enabled(ex)) return null;
    boolean bypass = bypassGovernance(ex);
    return version -> {
      if (version.deleteMarker()) return;
      ObjectMetadata md = version.metadata();
      if ("ON".equals(md.attribute(ObjectAttributes.LOCK_LEGAL_HOLD))) throw denied();
      Retention r = retention(md);
      String mode = r.mode();
      Instant until = r.until();
      if (mode == null || until == null || !until.isAfter(ex.clock().instant())) return; // none
      if (mode.equals(ObjectLockXml.COMPLIANCE) || !bypass) throw denied();
    };
  }

  static S3Exception denied() {
    return new S3Exception(
        S3ErrorCode.ACCESS_DENIED, "Access Denied because object protected by object lock.");
  }

  /** The lock headers GET and HEAD send for a version (none when it has no lock settings). */
  static Map<String, String> headers(ObjectInfo info) {
    Map<String, String> h = new LinkedHashMap<>();
    Retention r = retention(info.metadata());
    if (r.mode() != null && r.until() != null) { // a retention has both or neither
      h.put(MODE_HEADER, r.mode());
      h.put(UNTIL_HEADER, XmlOut.isoMillis(r.until()));
    }
    String hold = info.metadata().attribute(ObjectAttributes.LOCK_LEGAL_HOLD);
    if (hold != null) h.put(HOLD_HEADER, hold);
    return h;
  }
}
