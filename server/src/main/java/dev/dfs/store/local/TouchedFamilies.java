package dev.dfs.store.local;

/**
 * Tells, from an iterated WriteBatch, whether any of its records writes one of a set of column
 * families (a put, delete, merge, range delete or blob index of that family). Records without a
 * column family id address the default family (id 0). Not thread-safe; a native callback object:
 * close it.
 */
final class TouchedFamilies extends KeyWriteHandler {

  private final int[] watched;
  private boolean touched;

  /**
   * @param watched the column family ids whose writes count
   */
  TouchedFamilies(int... watched) {
    this.watched = watched.clone();
  }

  /** Whether a record of the iterated batch wrote one of the watched column families. */
  boolean touched() {
    return touched;
  }

  private void record(int cfId) {
    for (int w : watched) {
      if (w == cfId) touched = true;
    }
  }

  @Override
  public void put(int cfId, byte[] key, byte[] value) {
    record(cfId);
  }

  @Override
  public void put(byte[] key, byte[] value) {
    record(DEFAULT_CF);
  }

  @Override
  public void merge(int cfId, byte[] key, byte[] value) {
    record(cfId);
  }

  @Override
  public void merge(byte[] key, byte[] value) {
    record(DEFAULT_CF);
  }

  @Override
  public void delete(int cfId, byte[] key) {
    record(cfId);
  }

  @Override
  public void delete(byte[] key) {
    record(DEFAULT_CF);
  }

  @Override
  public void singleDelete(int cfId, byte[] key) {
    record(cfId);
  }

  @Override
  public void singleDelete(byte[] key) {
    record(DEFAULT_CF);
  }

  @Override
  public void deleteRange(int cfId, byte[] beginKey, byte[] endKey) {
    record(cfId);
  }

  @Override
  public void deleteRange(byte[] beginKey, byte[] endKey) {
    record(DEFAULT_CF);
  }

  @Override
  public void putBlobIndex(int cfId, byte[] key, byte[] value) {
    record(cfId);
  }
}
