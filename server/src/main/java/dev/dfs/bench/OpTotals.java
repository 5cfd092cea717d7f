package dev.dfs.bench;

/** Everything measured for one operation over some interval. Single-threaded. */
public final class OpTotals {
  private final LatencyHistogram histogram = new LatencyHistogram();
  private long errors;
  private long bytes;
  private long items;

  public LatencyHistogram histogram() {
    return histogram;
  }

  /** Successful operations. */
  public long ops() {
    return histogram.count();
  }

  public long errors() {
    return errors;
  }

  /** Payload bytes sent (PUT, parts) or received (GET). */
  public long bytes() {
    return bytes;
  }

  /** Keys plus common prefixes returned by listings. */
  public long items() {
    return items;
  }

  void addCounts(long errorCount, long byteCount, long itemCount) {
    errors += errorCount;
    bytes += byteCount;
    items += itemCount;
  }

  public void add(OpTotals other) {
    histogram.add(other.histogram);
    addCounts(other.errors, other.bytes, other.items);
  }

  public void reset() {
    histogram.reset();
    errors = bytes = items = 0;
  }

  public boolean isEmpty() {
    return ops() == 0 && errors == 0;
  }
}
