package dev.dfs.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link LifecycleWorker} has done since the server started: totals, per-rule counters,
 * and the last completed pass. Written by the worker's single thread, read by any thread through
 * {@link #snapshot()}. Thread-safe; counters only grow (a server restart resets them).
 */
public final class LifecycleStats {
  private final LongAdder evaluations = new LongAdder();
  private final LongAdder objectsExpired = new LongAdder();
  private final LongAdder versionsExpired = new LongAdder();
  private final LongAdder uploadsAborted = new LongAdder();
  private final LongAdder bytesFreed = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder passes = new LongAdder();
  private final Map<RuleKey, RuleCounters> rules = new ConcurrentHashMap<>();
  private volatile boolean running;
  private volatile int totalRules;
  private volatile int enabledRules;
  private volatile @Nullable Run lastRun;
  private volatile @Nullable Instant currentStart;
  private final LifecycleDay day;

  /** Counters of a worker whose rules count days of {@code day}. */
  public LifecycleStats(LifecycleDay day) {
    this.day = day;
  }

  /** The length of the worker's lifecycle day (reports state ages in it). */
  public LifecycleDay day() {
    return day;
  }

  private record RuleKey(String bucket, String ruleId) {}

  private static final class RuleCounters {
    final LongAdder evaluations = new LongAdder();
    final LongAdder matches = new LongAdder();
    volatile @Nullable Instant lastEvaluatedAt;
  }

  /**
   * One rule's counters. {@code evaluations}: entries (objects or uploads) checked while the rule
   * was enabled; {@code matches}: entries the rule expired or aborted.
   */
  public record RuleSnapshot(
      String bucket,
      String ruleId,
      long evaluations,
      long matches,
      @Nullable Instant lastEvaluatedAt) {}

  /**
   * One completed pass over all buckets.
   *
   * @param status {@code ok}, or {@code "errors"} when some bucket failed (see {@code error})
   * @param error the last failure's message, or null
   */
  public record Run(
      Instant startedAt,
      Instant finishedAt,
      long durationMs,
      String status,
      @Nullable String error) {}

  /**
   * Everything at one moment. {@code totalRules}/{@code enabledRules} count the rules of every
   * bucket with a configuration, as the last pass found them.
   */
  public record Snapshot(
      boolean running,
      int totalRules,
      int enabledRules,
      long evaluations,
      long objectsExpired,
      long versionsExpired,
      long uploadsAborted,
      long bytesFreed,
      long errors,
      long passes,
      List<RuleSnapshot> rules,
      @Nullable Run lastRun) {
    public Snapshot {
      rules = List.copyOf(rules);
    }
  }

  // Cheap single figures, for metrics scraped often (the snapshot also copies per-rule counters).

  public long objectsExpiredTotal() {
    return objectsExpired.sum();
  }

  public long bytesFreedTotal() {
    return bytesFreed.sum();
  }

  public long uploadsAbortedTotal() {
    return uploadsAborted.sum();
  }

  public long evaluationsTotal() {
    return evaluations.sum();
  }

  public long errorsTotal() {
    return errors.sum();
  }

  public long passesTotal() {
    return passes.sum();
  }

  /** The last completed pass, or null. */
  public @Nullable Run lastRun() {
    return lastRun;
  }

  public Snapshot snapshot() {
    List<RuleSnapshot> r = new ArrayList<>();
    rules.forEach(
        (k, c) ->
            r.add(
                new RuleSnapshot(
                    k.bucket(),
                    k.ruleId(),
                    c.evaluations.sum(),
                    c.matches.sum(),
                    c.lastEvaluatedAt)));
    r.sort(Comparator.comparing(RuleSnapshot::bucket).thenComparing(RuleSnapshot::ruleId));
    return new Snapshot(
        running,
        totalRules,
        enabledRules,
        evaluations.sum(),
        objectsExpired.sum(),
        versionsExpired.sum(),
        uploadsAborted.sum(),
        bytesFreed.sum(),
        errors.sum(),
        passes.sum(),
        r,
        lastRun);
  }

  // ---- written by the worker ----

  void running(boolean value) {
    running = value;
  }

  void passStarted(Instant at) {
    currentStart = at;
  }

  /** {@code entries} entries were checked against the enabled {@code rule} of {@code bucket}. */
  void evaluated(String bucket, LifecycleRule rule, long entries, Instant at) {
    if (entries == 0) return;
    evaluations.add(entries);
    RuleCounters c = rules.computeIfAbsent(new RuleKey(bucket, rule.id()), k -> new RuleCounters());
    c.evaluations.add(entries);
    c.lastEvaluatedAt = at;
  }

  void objectExpired(String bucket, String ruleId, long bytes) {
    objectsExpired.increment();
    bytesFreed.add(bytes);
    match(bucket, ruleId);
  }

  void versionsExpired(long count, long bytes) {
    versionsExpired.add(count);
    bytesFreed.add(bytes);
  }

  void uploadAborted(String bucket, String ruleId) {
    uploadsAborted.increment();
    match(bucket, ruleId);
  }

  private void match(String bucket, String ruleId) {
    rules.computeIfAbsent(new RuleKey(bucket, ruleId), k -> new RuleCounters()).matches.increment();
  }

  void error() {
    errors.increment();
  }

  /**
   * A pass ended. {@code configured} maps each bucket that had a configuration to it; counters of
   * rules no longer configured are dropped.
   */
  void passFinished(
      Instant at, Map<String, LifecycleConfiguration> configured, @Nullable String error) {
    Set<RuleKey> live = new java.util.HashSet<>();
    int total = 0;
    int enabled = 0;
    for (Map.Entry<String, LifecycleConfiguration> e : configured.entrySet()) {
      for (LifecycleRule rule : e.getValue().rules()) {
        total++;
        if (rule.enabled()) enabled++;
        live.add(new RuleKey(e.getKey(), rule.id()));
      }
    }
    rules.keySet().retainAll(live);
    totalRules = total;
    enabledRules = enabled;
    Instant start = currentStart == null ? at : currentStart;
    lastRun =
        new Run(
            start,
            at,
            java.time.Duration.between(start, at).toMillis(),
            error == null ? "ok" : "errors",
            error);
    passes.increment();
  }
}
