package dev.dfs.store.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The paging core the three listings share ({@link Lister} for objects, {@link VersionLister} for
 * versions, {@link UploadLister} for multipart uploads): one bounded range scan over {@code bucket
 * 0x00 …} from a start position, keys rolled up into common prefixes at the first delimiter after
 * the prefix (then a seek past the whole prefix, so a page costs about {@code max} seeks/steps
 * whatever the bucket size), entries and prefixes counted together up to {@code max}, truncation,
 * and the resume point (the last key listed and, for versions and uploads, the id within it). What
 * an entry is, and where a raw key's listed key ends, is the listing's {@link Source}. One instance
 * fills one page on one thread.
 *
 * @param <T> the listed entry (object, version, upload)
 */
final class ListingPager<T> {

  /** What one listing contributes: the key inside a raw scan key, and the entry read there. */
  interface Source<T> {
    /**
     * The listed key of the raw scan key {@code full} (from just after the bucket prefix), or null
     * to pass over a record that is not an entry.
     */
    byte @Nullable [] key(byte[] full);

    /**
     * The entry stored under {@code full}, or null to leave it out (it still counts as the resume
     * point, so the next page starts after it).
     */
    @Nullable T entry(String key, byte[] full, byte[] value) throws IOException;
  }

  private final byte[] base;
  private final byte[] prefix;
  private final byte @Nullable [] delimiter;
  private final int max;
  private final byte @Nullable [] after;
  private final boolean entriesAfter;
  private final @Nullable Function<T, String> idOf;
  private byte @Nullable [] skipExactly;
  private final List<T> entries = new ArrayList<>();
  private final List<String> prefixes = new ArrayList<>();
  private boolean truncated;
  private @Nullable String nextKey;
  private @Nullable String nextId;

  /**
   * @param base the bucket's key prefix ({@code bucket 0x00})
   * @param prefix the listing's key prefix (UTF-8), delimiters are looked for after it
   * @param delimiter the delimiter (UTF-8), or null for none
   * @param max at most this many entries and prefixes together
   * @param after common prefixes (and with {@code entriesAfter} also keys) must sort strictly after
   *     this key marker (UTF-8), or null
   * @param entriesAfter whether keys, not only prefixes, are held to {@code after}
   * @param skipExactly a raw key to pass over once (the version or upload a marker named), or null
   * @param idOf the id within its key an entry resumes at (version id, upload id), or null
   */
  ListingPager(
      byte[] base,
      byte[] prefix,
      byte @Nullable [] delimiter,
      int max,
      byte @Nullable [] after,
      boolean entriesAfter,
      byte @Nullable [] skipExactly,
      @Nullable Function<T, String> idOf) {
    this.base = base;
    this.prefix = prefix;
    this.delimiter = delimiter;
    this.max = max;
    this.after = after;
    this.entriesAfter = entriesAfter;
    this.skipExactly = skipExactly;
    this.idOf = idOf;
  }

  /** Reads entries from {@code start} on until the scan ends or the page is full. */
  void fill(MetaDb.Scan scan, byte[] start, Source<T> source) throws IOException {
    scan.seek(start);
    while (scan.valid()) {
      byte[] full = scan.key();
      byte[] key = source.key(full);
      if (key == null || (skipExactly != null && Arrays.equals(full, skipExactly))) {
        if (key != null) skipExactly = null;
        scan.next();
        continue;
      }
      byte[] d = delimiter;
      int cut = d == null ? -1 : KeyCodec.indexOf(key, d, prefix.length);
      if (d != null && cut >= 0) {
        byte[] cp = Arrays.copyOf(key, cut + d.length);
        if (!addPrefix(cp)) return;
        scan.seek(KeyCodec.pastPrefix(KeyCodec.concat(base, cp)));
        continue;
      }
      if (!entriesAfter || after == null || Arrays.compareUnsigned(key, after) > 0) {
        if (full()) return;
        nextKey = KeyCodec.string(key, 0, key.length);
        T entry = source.entry(nextKey, full, scan.value());
        if (entry != null) {
          entries.add(entry);
          nextId = idOf == null ? null : idOf.apply(entry);
        }
      }
      scan.next();
    }
  }

  /**
   * Adds common prefix {@code cp} unless already there or not after the marker; false when full.
   */
  private boolean addPrefix(byte[] cp) {
    if (after != null && Arrays.compareUnsigned(cp, after) <= 0) return true;
    String cps = KeyCodec.string(cp, 0, cp.length);
    if (!prefixes.isEmpty() && cps.equals(prefixes.get(prefixes.size() - 1))) return true;
    if (full()) return false;
    prefixes.add(cps);
    nextKey = cps;
    nextId = null;
    return true;
  }

  /** True, and marks the page truncated, when it holds {@code max} entries already. */
  private boolean full() {
    if (entries.size() + prefixes.size() < max) return false;
    truncated = true;
    return true;
  }

  List<T> entries() {
    return entries;
  }

  List<String> prefixes() {
    return prefixes;
  }

  boolean truncated() {
    return truncated;
  }

  /** The last key or prefix listed when the page is truncated, else null. */
  @Nullable String nextKey() {
    return truncated ? nextKey : null;
  }

  /** The id within {@link #nextKey()} to resume after when the page is truncated, else null. */
  @Nullable String nextId() {
    return truncated ? nextId : null;
  }
}
