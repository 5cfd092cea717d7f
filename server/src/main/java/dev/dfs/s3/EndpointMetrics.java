package dev.dfs.s3;

import dev.dfs.observe.OperationMetrics;
import dev.dfs.observe.S3Metrics;
import org.jspecify.annotations.Nullable;

/**
 * What the S3 endpoint records per request. {@link #NONE} records nothing, so the endpoint never
 * checks whether metrics are on. Implementations are thread-safe.
 */
interface EndpointMetrics {
  /** Records nothing. */
  EndpointMetrics NONE =
      new EndpointMetrics() {
        @Override
        public void started() {}

        @Override
        public void ended() {}

        @Override
        public void clockSkewRejected() {}

        @Override
        public void record(
            @Nullable S3Operation op, int status, long nanos, long bytesIn, long bytesOut) {}
      };

  /** A request arrived; paired with {@link #ended()}. */
  void started();

  /** A request has been answered (also when it failed). */
  void ended();

  /** A request was refused for clock skew. */
  void clockSkewRejected();

  /**
   * Records one answered request.
   *
   * @param op the operation, or null when the request did not resolve to one
   */
  void record(@Nullable S3Operation op, int status, long nanos, long bytesIn, long bytesOut);

  /** Records into {@code metrics}: one handle per operation, resolved here, "Unknown" last. */
  @SuppressWarnings(
      "EnumOrdinal") // an array indexed by ordinal, built and read in one process: the hot path
  // takes no map lookup
  static EndpointMetrics of(S3Metrics metrics) {
    S3Operation[] ops = S3Operation.values();
    OperationMetrics[] byOp = new OperationMetrics[ops.length + 1];
    for (S3Operation op : ops) byOp[op.ordinal()] = metrics.operation(metricName(op));
    byOp[ops.length] = metrics.operation("Unknown");
    return new EndpointMetrics() {
      @Override
      public void started() {
        metrics.started();
      }

      @Override
      public void ended() {
        metrics.ended();
      }

      @Override
      public void clockSkewRejected() {
        metrics.clockSkewRejected();
      }

      @Override
      public void record(
          @Nullable S3Operation op, int status, long nanos, long bytesIn, long bytesOut) {
        byOp[op == null ? ops.length : op.ordinal()].record(status, nanos, bytesIn, bytesOut);
      }
    };
  }

  /** The S3 API name of an operation as the metrics label, e.g. PutObject, ListObjectsV2. */
  static String metricName(S3Operation op) {
    StringBuilder b = new StringBuilder();
    for (String part : op.name().split("_")) {
      b.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return b.toString();
  }
}
