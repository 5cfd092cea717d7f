package dev.dfs.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns observed conditions into dashboard recommendations. Pure: the same {@link Conditions}
 * always give the same list, so each rule is unit-tested by building the condition. Rules: disk
 * over 80% (warning; critical over 95%), 5xx answers rising (this minute more than the previous and
 * at least {@link #MIN_5XX}), multipart uploads open for more than a day, and requests refused for
 * clock skew in the last minute. Versioned buckets do not exist yet, so there is no rule for old
 * versions.
 */
final class Recommendations {
  static final double DISK_WARN = 0.80;
  static final double DISK_CRITICAL = 0.95;
  static final long MIN_5XX = 5;

  /**
   * @param diskUsage used / capacity of the data volume, or -1 when unknown
   * @param serverErrors 5xx answers in the last window
   * @param previousServerErrors 5xx answers in the window before, -1 when not known yet
   * @param staleUploads multipart uploads initiated more than a day ago
   * @param skewRejections requests refused for clock skew in the last window
   */
  record Conditions(
      double diskUsage,
      long serverErrors,
      long previousServerErrors,
      long staleUploads,
      long skewRejections) {}

  private Recommendations() {}

  static List<Map<String, Object>> compute(Conditions c, Instant now) {
    String at = now.toString();
    List<Map<String, Object>> out = new ArrayList<>();
    addCapacity(out, c, at);
    addServerErrors(out, c, at);
    addStaleUploads(out, c, at);
    addClockSkew(out, c, at);
    return out;
  }

  /** Warns when the data volume is filling up. */
  private static void addCapacity(List<Map<String, Object>> out, Conditions c, String at) {
    if (c.diskUsage() > DISK_WARN) {
      out.add(
          rec(
              "capacity",
              c.diskUsage() > DISK_CRITICAL ? "critical" : "warning",
              "Data volume is " + Math.round(c.diskUsage() * 100) + "% full",
              "The volume holding the data directory is over "
                  + Math.round(DISK_WARN * 100)
                  + "% used; writes fail once it is full.",
              List.of(
                  "Delete objects or buckets that are no longer needed",
                  "Abort stale multipart uploads",
                  "Move the data directory to a larger volume"),
              at));
    }
  }

  /** Warns when server errors rise minute over minute. */
  private static void addServerErrors(List<Map<String, Object>> out, Conditions c, String at) {
    boolean rising =
        c.serverErrors() >= MIN_5XX
            && (c.previousServerErrors() < 0 || c.serverErrors() > c.previousServerErrors());
    if (rising) {
      out.add(
          rec(
              "reliability",
              "critical",
              "Server errors (5xx) are rising",
              c.serverErrors()
                  + " requests failed with a 5xx status in the last minute"
                  + (c.previousServerErrors() >= 0
                      ? " (" + c.previousServerErrors() + " the minute before)"
                      : "")
                  + ".",
              List.of(
                  "Check the server log for 'internal error' lines and their request ids",
                  "Check GET /api/v1/ready for a failing store or disk"),
              at));
    }
  }

  /** Tells of multipart uploads left open for over a day. */
  private static void addStaleUploads(List<Map<String, Object>> out, Conditions c, String at) {
    if (c.staleUploads() > 0) {
      out.add(
          rec(
              "storage",
              "info",
              c.staleUploads() + " multipart upload(s) open for more than a day",
              "Incomplete multipart uploads keep their parts on disk until completed or aborted.",
              List.of(
                  "Abort them with AbortMultipartUpload (aws s3api list-multipart-uploads /"
                      + " abort-multipart-upload)",
                  "Check the clients that started them"),
              at));
    }
  }

  /** Warns of requests refused for clock skew. */
  private static void addClockSkew(List<Map<String, Object>> out, Conditions c, String at) {
    if (c.skewRejections() > 0) {
      out.add(
          rec(
              "security",
              "warning",
              "Requests refused for clock skew",
              c.skewRejections()
                  + " request(s) in the last minute were signed more than 15 minutes"
                  + " away from the server's clock (RequestTimeTooSkewed).",
              List.of(
                  "Run NTP (chrony, systemd-timesyncd) on the server and on the clients",
                  "Compare 'date -u' on client and server"),
              at));
    }
  }

  /**
   * A cluster node's recommendations from its repair and scrub figures: replicas the scrub found
   * damaged since the node started (warning: a disk may be failing), nodes declared dead (critical:
   * their chunks are being copied elsewhere), and replicas waiting for repair.
   */
  static List<Map<String, Object>> cluster(dev.dfs.store.ClusterStatus.Repair r, Instant now) {
    String at = now.toString();
    List<Map<String, Object>> out = new ArrayList<>();
    if (r.scrubCorrupt() > 0) {
      out.add(
          rec(
              "reliability",
              "warning",
              "Scrub found " + r.scrubCorrupt() + " damaged replica(s)",
              "This node's scrub read replicas whose block checksums failed; each was moved to"
                  + " quarantine/ in the data directory and copied again from a healthy node.",
              List.of(
                  "Check the disk's health (smartctl -a, dmesg for I/O errors)",
                  "Replace the disk if damage keeps appearing (see the README: what to do when a disk dies)",
                  "Delete quarantine/ once inspected"),
              at));
    }
    if (!r.deadNodes().isEmpty()) {
      out.add(
          rec(
              "reliability",
              "critical",
              "Node(s) declared dead: " + String.join(", ", r.deadNodes()),
              "They have not answered for longer than DFS_NODE_DEAD_AFTER; their chunks are being"
                  + " copied to the next nodes of their placement.",
              List.of(
                  "Bring the node back or replace its disk; it gets its chunks back by repair",
                  "Watch chunksToGo in dfs admin cluster status"),
              at));
    }
    if (r.chunksToGo() > 0) {
      out.add(
          rec(
              "storage",
              "info",
              r.chunksToGo() + " replica(s) waiting for repair",
              "Replicas missing or damaged on some node are being copied from healthy ones"
                  + (r.etaSeconds() >= 0 ? " (about " + r.etaSeconds() + " s to go)." : "."),
              List.of(
                  "Check that every node is up (dfs admin cluster status)",
                  "Raise DFS_REPAIR_BANDWIDTH to repair faster"),
              at));
    }
    return out;
  }

  private static Map<String, Object> rec(
      String category,
      String severity,
      String title,
      String description,
      List<String> suggestions,
      String at) {
    return AdminJson.obj(
        "category",
        category,
        "severity",
        severity,
        "title",
        title,
        "description",
        description,
        "suggestions",
        suggestions,
        "created_at",
        at);
  }
}
