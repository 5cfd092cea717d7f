package dev.dfs.bench;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** One {@link OpRecorder} per operation, plus a tally of distinct error kinds. Thread-safe. */
final class Recorders {
  private static final int MAX_ERROR_KINDS = 50;

  private final EnumMap<Op, OpRecorder> byOp = new EnumMap<>(Op.class);
  private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

  Recorders() {
    for (Op op : Op.values()) byOp.put(op, new OpRecorder());
  }

  /** The constructor made one for every operation. */
  private OpRecorder recorder(Op op) {
    return java.util.Objects.requireNonNull(byOp.get(op));
  }

  void success(Op op, long nanos, long bytes, long items) {
    recorder(op).success(nanos, bytes, items);
  }

  void failure(Op op, Throwable error) {
    recorder(op).failure();
    String kind = op.label() + ": " + describe(error);
    LongAdder n = errorKinds.get(kind);
    if (n == null && errorKinds.size() < MAX_ERROR_KINDS) {
      n = errorKinds.computeIfAbsent(kind, k -> new LongAdder());
    }
    if (n != null) n.increment();
  }

  /** Drains every recorder into {@code into} (one {@link OpTotals} per operation). */
  void drainInto(EnumMap<Op, OpTotals> into) {
    byOp.forEach((op, rec) -> rec.drainInto(into.computeIfAbsent(op, o -> new OpTotals())));
  }

  /** Distinct error kinds seen so far, most frequent first. */
  Map<String, Long> errorKinds() {
    Map<String, Long> out = new LinkedHashMap<>();
    errorKinds.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
        .forEach(e -> out.put(e.getKey(), e.getValue().sum()));
    return out;
  }

  /** A short description of a failure: HTTP status and S3 error code when the server answered. */
  static String describe(Throwable e) {
    if (e instanceof AwsServiceException s) {
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      return s.statusCode() + " " + (code == null ? "(no error code)" : code);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String msg = root.getMessage() == null ? "" : ": " + root.getMessage();
    if (msg.length() > 120) msg = msg.substring(0, 117) + "...";
    return root.getClass().getSimpleName() + msg;
  }
}
