package dev.dfs.store.local;

import dev.dfs.store.local.MetaDb.Batch;
import dev.dfs.store.local.MetaDb.Cf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The tier records kept beside the tier definitions in the system table {@value LocalTiering#TABLE}
 * (META keys {@code sys/tiers/…}), written in the same batches as the object records they go with:
 *
 * <ul>
 *   <li>{@code intent/<tier>/<tier key>}: a transition is writing that copy; committed before the
 *       first byte goes out and deleted in the commit that makes the copy a version's, so one left
 *       over that no transition of the process works on names a copy no version owns ({@link
 *       TierFreeQueue} frees it).
 *   <li>{@code free/<tier>/<tier key>}: a version that lived there was deleted or replaced; added
 *       in the commit that drops the version, removed once the copy is deleted.
 * </ul>
 *
 * Stateless; thread-safe.
 */
final class TierLedger {
  static final String INTENT = "intent/";
  static final String FREE = "free/";

  private TierLedger() {}

  /** The META key of table record {@code rel}. */
  static byte[] metaKey(String rel) {
    byte[] p = SystemTables.prefix(LocalTiering.TABLE);
    byte[] r = rel.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[p.length + r.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(r, 0, out, p.length, r.length);
    return out;
  }

  static String entry(String kind, String tier, String tierKey) {
    return kind + tier + "/" + tierKey;
  }

  /**
   * Adds to {@code b} the record that the copy {@code tierKey} in {@code tier} is to be freed,
   * stamped with {@code clock}'s time.
   */
  static void free(Batch b, String tier, String tierKey, java.time.Clock clock) throws IOException {
    b.put(Cf.META, metaKey(entry(FREE, tier, tierKey)), stamp(clock.millis()));
  }

  /** The value of a {@code free/} record: when it was added (epoch ms, decimal ASCII). */
  static byte[] stamp(long millis) {
    return Long.toString(millis).getBytes(StandardCharsets.US_ASCII);
  }

  /** When a {@code free/} record was added; 0 for a value that is not a stamp (free it now). */
  static long since(byte @Nullable [] value) {
    if (value == null) return 0;
    try {
      return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A ledger entry's tier and tier key, from its table key without the kind prefix. */
  record Copy(String tier, String tierKey) {
    static Copy parse(String rest) {
      int slash = rest.indexOf('/');
      return new Copy(rest.substring(0, slash), rest.substring(slash + 1));
    }
  }
}
