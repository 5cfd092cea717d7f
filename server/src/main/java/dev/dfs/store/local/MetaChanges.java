package dev.dfs.store.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Collects, from an iterated WriteBatch, the puts and deletes of one column family whose keys start
 * with a prefix; every other record is skipped. Not thread-safe; a native callback object: close
 * it.
 */
final class MetaChanges extends KeyWriteHandler {
  /** A put ({@code value} set) or a delete ({@code value} null). */
  record Change(byte[] key, byte @Nullable [] value) {}

  private final int cf;
  private final byte[] prefix;
  private final List<Change> found = new ArrayList<>();

  MetaChanges(int cf, byte[] prefix) {
    this.cf = cf;
    this.prefix = prefix;
  }

  List<Change> found() {
    return found;
  }

  private void record(int cfId, byte[] key, byte @Nullable [] value) {
    if (cfId == cf
        && key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
      found.add(new Change(key, value));
    }
  }

  @Override
  public void put(int cfId, byte[] key, byte[] value) {
    record(cfId, key, value);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    record(DEFAULT_CF, key, value);
  }

  @Override
  public void delete(int cfId, byte[] key) {
    record(cfId, key, null);
  }

  @Override
  public void delete(byte[] key) {
    record(DEFAULT_CF, key, null);
  }

  @Override
  public void singleDelete(int cfId, byte[] key) {
    record(cfId, key, null);
  }

  @Override
  public void singleDelete(byte[] key) {
    record(DEFAULT_CF, key, null);
  }

  // System tables are written only with put and delete; the other record kinds are skipped.

  @Override
  public void merge(int cfId, byte[] key, byte[] value) {}

  @Override
  public void merge(byte[] key, byte[] value) {}

  @Override
  public void deleteRange(int cfId, byte[] beginKey, byte[] endKey) {}

  @Override
  public void deleteRange(byte[] beginKey, byte[] endKey) {}

  @Override
  public void putBlobIndex(int cfId, byte[] key, byte[] value) {}
}
