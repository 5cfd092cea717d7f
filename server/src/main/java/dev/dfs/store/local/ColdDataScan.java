package dev.dfs.store.local;

import dev.dfs.store.ObjectAttributes;
import dev.dfs.store.local.MetaDb.Cf;
import dev.dfs.store.local.Records.ObjectRecord;
import dev.dfs.store.tier.TierUsage.Amount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Finds, per bucket, the versions kept on the local disk in STANDARD whose last write is older than
 * a cutoff: one pass over the versions index, for the policy report's recommendations. A result is
 * reused while it is younger than {@link TierUsageScan#MAX_AGE_MILLIS} and than a thousandth of the
 * age it looked for (so its cutoff is off by at most 0.1%: a dashboard polling for data 90 days old
 * costs one scan per half minute, a test's 4-second "90 days" one scan per call). Thread-safe.
 */
final class ColdDataScan {
  private final MetaDb db;
  private final java.time.Clock clock;
  private volatile @Nullable Result last;

  private record Result(Instant before, long scannedAtMillis, Map<String, Amount> cold) {}

  ColdDataScan(MetaDb db, java.time.Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  Map<String, Amount> cold(Instant before) throws IOException {
    Result r = last;
    long now = clock.millis();
    if (r != null) {
      long window = (r.scannedAtMillis() - r.before().toEpochMilli()) / 1000;
      if (now - r.scannedAtMillis() < Math.min(TierUsageScan.MAX_AGE_MILLIS, window)) {
        return r.cold();
      }
    }
    r = new Result(before, now, scan(before.toEpochMilli()));
    last = r;
    return r.cold();
  }

  private Map<String, Amount> scan(long beforeMillis) throws IOException {
    Map<String, Amount> cold = new TreeMap<>();
    try (MetaDb.Scan s = db.scan(Cf.VERSIONS, null, null)) {
      for (s.seek(new byte[0]); s.valid(); s.next()) {
        ObjectRecord r = RecordCodec.decodeObject(s.value());
        if (r.deleteMarker()
            || r.lastModifiedMillis() >= beforeMillis
            || r.metadata().attribute(ObjectAttributes.TIER) != null
            || !"STANDARD".equals(r.metadata().effectiveStorageClass())) {
          continue;
        }
        cold.merge(
            bucketOf(s.key()),
            Amount.ZERO.plus(r.size()),
            (a, b) -> new Amount(a.objects() + b.objects(), a.bytes() + b.bytes()));
      }
    }
    return Map.copyOf(cold);
  }

  /** The bucket of a {@link KeyCodec#version} key: the bytes before the first 0x00. */
  private static String bucketOf(byte[] versionKey) {
    int sep = 0;
    while (versionKey[sep] != 0) sep++;
    return new String(versionKey, 0, sep, StandardCharsets.UTF_8);
  }
}
