package dev.dfs.s3;

import dev.dfs.lifecycle.LifecycleDay;
import dev.dfs.store.ObjectRef;
import dev.dfs.store.ObjectStore;
import dev.dfs.store.Tiering;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * RestoreObject ({@code POST /bucket/key?restore}) of an archived object: {@code
 * <RestoreRequest><Days>N</Days>…</RestoreRequest>}; 202 when a restore starts, 200 when the object
 * is restored already (its expiry moves to the new time), 409 RestoreAlreadyInProgress, 403
 * InvalidObjectState for an object not in an archive tier, 501 on an engine without tiers. The
 * restored copy expires {@code Days} lifecycle days from now (midnight UTC with the standard day).
 * Thread-safe.
 */
final class RestoreHandlers {
  private final ObjectStore store;
  private final LifecycleDay day;
  private final Clock clock;

  RestoreHandlers(ObjectStore store, LifecycleDay day, Clock clock) {
    this.store = store;
    this.day = day;
    this.clock = clock;
  }

  void restoreObject(S3Exchange ex) throws IOException {
    String versionId = ObjectHeaders.checkVersionId(ex.param("versionId"));
    Tiering tiering =
        store
            .tiering()
            .orElseThrow(
                () ->
                    new S3Exception(
                        S3ErrorCode.NOT_IMPLEMENTED,
                        "The "
                            + store.engineName()
                            + " engine has no storage"
                            + " tiers: there is nothing to restore."));
    int days = days(ChecksumHeaders.verifiedXmlBody(ex, false));
    Instant expiry = day.plusDays(clock.instant(), days);
    Tiering.RestoreOutcome outcome =
        tiering.restore(new ObjectRef(ex.bucket(), ex.objectKey(), versionId), expiry);
    switch (outcome) {
      case STARTED -> ex.sendEmpty(202);
      case ALREADY_RESTORED -> ex.sendEmpty(200);
      case IN_PROGRESS -> throw new S3Exception(S3ErrorCode.RESTORE_ALREADY_IN_PROGRESS);
      case NOT_ARCHIVED ->
          throw new S3Exception(
              S3ErrorCode.INVALID_OBJECT_STATE,
              "Restore is not allowed for the object's current storage class");
    }
  }

  /** The request's {@code Days} (1 or more); MalformedXML without it. */
  static int days(byte[] xml) {
    XmlWalk walk = XmlWalk.open(xml, "RestoreRequest");
    Integer days = null;
    while (walk.nextChild()) {
      if (walk.name().equals("Days")) {
        days = LifecycleXml.intValue(walk.text());
      } else {
        walk.skip();
      }
    }
    walk.finish();
    if (days == null) throw XmlWalk.malformed();
    if (days < 1) {
      throw S3Exception.invalidArgument("Days must be 1 or more", "Days", days.toString());
    }
    return days;
  }
}
