package dev.dfs.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Every setting of {@code dfs server}, with typed defaults. The README's table mirrors this. */
public final class ConfigKeys {
  private ConfigKeys() {}

  public enum StorageEnv {
    LOCAL,
    AWS,
    CLUSTER
  }

  /** When the cluster's chunk service speaks TLS ({@link #CLUSTER_TLS}). */
  public enum ClusterTls {
    /** When the S3 listener has a certificate ({@code DFS_TLS_CERT}). */
    AUTO,
    ON,
    OFF
  }

  public enum AuthMode {
    SIGV4,
    NONE
  }

  public static final ConfigKey<StorageEnv> STORAGE_ENV =
      new ConfigKey<>(
          "STORAGE_ENV",
          List.of("DFS_STORAGE_ENV"),
          "--storage-env",
          "local",
          "'local', 'aws' or 'cluster'",
          v -> StorageEnv.valueOf(v.toUpperCase(Locale.ROOT)),
          "Storage engine: local (embedded, data on this disk), aws (gateway to an S3 endpoint) or"
              + " cluster (this node and its peers: metadata on Raft, data replicated)",
          false);

  public static final ConfigKey<String> HOST =
      new ConfigKey<>(
          "API_HOST",
          List.of("DFS_HOST"),
          "--host",
          "0.0.0.0",
          "a host name or IP address",
          v -> {
            if (v.isEmpty()) throw new IllegalArgumentException();
            return v;
          },
          "Address to listen on",
          false);

  public static final ConfigKey<Integer> PORT =
      new ConfigKey<>(
          "API_PORT",
          List.of("DFS_PORT"),
          "--port",
          "5555",
          "an integer from 0 to 65535",
          v -> {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) throw new IllegalArgumentException();
            return p;
          },
          "TCP port of the S3 endpoint and /api/v1 (0 picks a free port)",
          false);

  public static final ConfigKey<Path> DATA_DIR =
      new ConfigKey<>(
          "DFS_DATA_DIR",
          List.of(),
          "--data-dir",
          "./data",
          "a directory path",
          v -> {
            if (v.isEmpty()) throw new IllegalArgumentException();
            return Path.of(v);
          },
          "Where the local engine keeps metadata and object data",
          false);

  public static final ConfigKey<AuthMode> AUTH =
      new ConfigKey<>(
          "DFS_AUTH",
          List.of(),
          "--auth",
          "sigv4",
          "'sigv4' or 'none'",
          v -> AuthMode.valueOf(v.toUpperCase(Locale.ROOT)),
          "sigv4: every request must be signed; none: anonymous requests are allowed (unsafe)",
          false);

  public static final ConfigKey<Boolean> SIGV2 =
      new ConfigKey<>(
          "DFS_SIGV2",
          List.of(),
          null,
          "true",
          "'true' or 'false'",
          v ->
              switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException();
              },
          "Accept AWS Signature Version 2 (Authorization: AWS, presigned AWSAccessKeyId URLs, SigV2"
              + " browser forms); false: refused with 400 InvalidRequest as SigV4-only S3 regions do",
          false);

  public static final ConfigKey<dev.dfs.authz.acl.ObjectOwnership> DEFAULT_OBJECT_OWNERSHIP =
      new ConfigKey<>(
          "DFS_DEFAULT_OBJECT_OWNERSHIP",
          List.of(),
          null,
          "ObjectWriter",
          "BucketOwnerEnforced, BucketOwnerPreferred or ObjectWriter",
          v ->
              dev.dfs.authz.acl.ObjectOwnership.fromWire(v)
                  .orElseThrow(IllegalArgumentException::new),
          "Object Ownership of a bucket created without x-amz-object-ownership; ObjectWriter and"
              + " BucketOwnerPreferred honour ACLs, BucketOwnerEnforced disables them",
          false);

  public static final ConfigKey<String> ROOT_ACCESS_KEY =
      new ConfigKey<>(
          "DFS_ROOT_ACCESS_KEY",
          List.of(),
          null,
          null,
          "3 to 128 characters of A-Z a-z 0-9 . _ -",
          v -> {
            if (!v.matches("[A-Za-z0-9._-]{3,128}")) throw new IllegalArgumentException();
            return v;
          },
          "Root access key (generated on first start when unset)",
          false);

  public static final ConfigKey<String> ROOT_SECRET_KEY =
      new ConfigKey<>(
          "DFS_ROOT_SECRET_KEY",
          List.of(),
          null,
          null,
          "8 to 128 printable characters",
          v -> {
            if (v.length() < 8 || v.length() > 128 || !v.matches("\\p{Graph}+")) {
              throw new IllegalArgumentException();
            }
            return v;
          },
          "Root secret key (generated on first start when unset)",
          true);

  public static final ConfigKey<String> DOMAIN =
      new ConfigKey<>(
          "DFS_DOMAIN",
          List.of(),
          "--domain",
          null,
          "a DNS name such as s3.example.com",
          v -> {
            if (!v.matches("[A-Za-z0-9.-]+")) throw new IllegalArgumentException();
            return v.toLowerCase(Locale.ROOT);
          },
          "Base domain for virtual-host-style requests (bucket.<domain>); path style always works",
          false);

  public static final ConfigKey<String> REGION =
      new ConfigKey<>(
          "DFS_REGION",
          List.of(),
          "--region",
          "us-east-1",
          "a region name such as us-east-1",
          v -> {
            if (!v.matches("[a-z0-9-]{1,64}")) throw new IllegalArgumentException();
            return v;
          },
          "Region DFS reports to clients",
          false);

  public static final ConfigKey<Integer> SHUTDOWN_GRACE_SECONDS =
      new ConfigKey<>(
          "DFS_SHUTDOWN_GRACE_SECONDS",
          List.of(),
          null,
          "30",
          "an integer from 0 to 3600",
          v -> {
            int s = Integer.parseInt(v);
            if (s < 0 || s > 3600) throw new IllegalArgumentException();
            return s;
          },
          "How long SIGTERM waits for in-flight requests before closing",
          false);

  public static final ConfigKey<List<String>> CORS_ORIGINS =
      new ConfigKey<>(
          "DFS_CORS_ORIGINS",
          List.of(),
          null,
          "",
          "a comma-separated list of origins such as" + " https://console.example.com, or *",
          v -> {
            List<String> out = new java.util.ArrayList<>();
            for (String o : v.split(",")) {
              String t = o.strip();
              if (t.isEmpty()) continue;
              if (!t.equals("*") && !t.matches("https?://[A-Za-z0-9.-]+(:\\d{1,5})?")) {
                throw new IllegalArgumentException();
              }
              out.add(t);
            }
            return List.copyOf(out);
          },
          "Browser origins allowed to call /api/v1 and /metrics (CORS); empty: none",
          false);

  public static final ConfigKey<String> METRICS_TOKEN =
      new ConfigKey<>(
          "DFS_METRICS_TOKEN",
          List.of(),
          null,
          null,
          "16 to 256 printable characters",
          v -> {
            if (v.length() < 16 || v.length() > 256 || !v.matches("\\p{Graph}+")) {
              throw new IllegalArgumentException();
            }
            return v;
          },
          "Bearer token GET /metrics requires; unset: /metrics is open",
          true);

  public static final ConfigKey<Boolean> METRICS =
      new ConfigKey<>(
          "DFS_METRICS",
          List.of(),
          null,
          "true",
          "'true' or 'false'",
          v ->
              switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException();
              },
          "Record request metrics and serve /metrics (false: nothing is recorded)",
          false);

  // ---- gateway (STORAGE_ENV=aws): the UPSTREAM's settings, never accepted from clients ----

  public static final ConfigKey<String> AWS_ACCESS_KEY =
      new ConfigKey<>(
          "AWS_ACCESS_KEY",
          List.of(),
          null,
          null,
          "an access key id",
          ConfigKeys::nonBlank,
          "Gateway: access key for the upstream S3 (unset: the AWS SDK's default credential chain)",
          false);

  public static final ConfigKey<String> AWS_SECRET_KEY =
      new ConfigKey<>(
          "AWS_SECRET_KEY",
          List.of(),
          null,
          null,
          "a secret access key",
          ConfigKeys::nonBlank,
          "Gateway: secret key for the upstream S3 (never logged)",
          true);

  public static final ConfigKey<String> AWS_SESSION_TOKEN =
      new ConfigKey<>(
          "AWS_SESSION_TOKEN",
          List.of(),
          null,
          null,
          "a session token",
          ConfigKeys::nonBlank,
          "Gateway: session token for temporary upstream credentials (never logged)",
          true);

  public static final ConfigKey<String> AWS_REGION =
      new ConfigKey<>(
          "AWS_REGION",
          List.of(),
          null,
          "us-east-1",
          "a region name such as eu-west-1",
          v -> {
            if (!v.matches("[a-z0-9-]{1,64}")) throw new IllegalArgumentException();
            return v;
          },
          "Gateway: the upstream's region (used to sign upstream requests)",
          false);

  public static final ConfigKey<java.net.URI> AWS_ENDPOINT_URL =
      new ConfigKey<>(
          "AWS_ENDPOINT_URL",
          List.of(),
          null,
          null,
          "an http:// or https:// URL",
          v -> {
            java.net.URI u = java.net.URI.create(v);
            if (u.getHost() == null
                || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
              throw new IllegalArgumentException();
            }
            return u;
          },
          "Gateway: URL of any S3-compatible upstream (unset: AWS S3 in AWS_REGION)",
          false);

  public static final ConfigKey<Boolean> GATEWAY_PATH_STYLE =
      new ConfigKey<>(
          "DFS_GATEWAY_PATH_STYLE",
          List.of(),
          null,
          null,
          "'true' or 'false'",
          v ->
              switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException();
              },
          "Gateway: address upstream buckets path style (default: true with AWS_ENDPOINT_URL,"
              + " false for AWS)",
          false);

  public static final ConfigKey<String> GATEWAY_BUCKET_PREFIX =
      new ConfigKey<>(
          "DFS_GATEWAY_BUCKET_PREFIX",
          List.of(),
          null,
          null,
          "up to 40 characters of a-z 0-9 . -, starting with a letter or digit",
          v -> {
            if (!v.matches("[a-z0-9][a-z0-9.-]{0,39}")) throw new IllegalArgumentException();
            return v;
          },
          "Gateway: prefix of every upstream bucket name; other upstream buckets stay invisible",
          false);

  private static String nonBlank(String v) {
    if (v.isBlank()) throw new IllegalArgumentException();
    return v;
  }

  // ---- TLS ----

  public static final ConfigKey<Path> TLS_CERT =
      new ConfigKey<>(
          "DFS_TLS_CERT",
          List.of(),
          "--tls-cert",
          null,
          "a PEM file with the certificate chain",
          v -> {
            if (v.isEmpty()) throw new IllegalArgumentException();
            return Path.of(v);
          },
          "Serve HTTPS with this certificate chain (PEM); set together with DFS_TLS_KEY",
          false);

  public static final ConfigKey<Path> TLS_KEY =
      new ConfigKey<>(
          "DFS_TLS_KEY",
          List.of(),
          "--tls-key",
          null,
          "a PEM file with the unencrypted private key",
          v -> {
            if (v.isEmpty()) throw new IllegalArgumentException();
            return Path.of(v);
          },
          "Private key (PEM: PKCS#8 or PKCS#1 RSA) of DFS_TLS_CERT",
          false);

  public static final ConfigKey<Integer> TLS_PORT =
      new ConfigKey<>(
          "DFS_TLS_PORT",
          List.of(),
          "--tls-port",
          "5443",
          "an integer from 0 to 65535",
          v -> {
            int p = Integer.parseInt(v);
            if (p < 0 || p > 65535) throw new IllegalArgumentException();
            return p;
          },
          "Port of the HTTPS listener (when DFS_TLS_CERT is set)",
          false);

  public static final ConfigKey<Boolean> HTTP =
      new ConfigKey<>(
          "DFS_HTTP",
          List.of(),
          "--http",
          "true",
          "'true' or 'false'",
          v ->
              switch (v.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException();
              },
          "Serve plain HTTP on API_PORT (false: HTTPS only; needs DFS_TLS_CERT)",
          false);

  public static final ConfigKey<String> MASTER_KEY =
      new ConfigKey<>(
          "DFS_MASTER_KEY",
          List.of(),
          null,
          null,
          "32 random bytes in base64 (44 characters)",
          v -> {
            byte[] raw;
            try {
              raw = java.util.Base64.getDecoder().decode(v.trim());
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException();
            }
            if (raw.length != 32) throw new IllegalArgumentException();
            return v.trim();
          },
          "Master key that wraps data keys and stored secrets (else <data-dir>/master.key, generated"
              + " 0600 on first start)",
          true);

  public static final ConfigKey<String> MASTER_KEY_PREVIOUS =
      new ConfigKey<>(
          "DFS_MASTER_KEY_PREVIOUS",
          List.of(),
          null,
          null,
          "comma-separated master keys, each 32 random bytes in base64",
          v -> {
            for (String k : v.split(",")) {
              String unused = MASTER_KEY.parser().apply(k.trim()); // validates; throws when invalid
            }
            return v.trim();
          },
          "With DFS_MASTER_KEY: the key(s) it replaces, which then only open what they sealed until"
              + " a master-key rotation (dfs admin kms rotate-master-key) has sealed it again",
          true);

  public static final ConfigKey<Integer> LIFECYCLE_DAY_SECONDS =
      new ConfigKey<>(
          "DFS_LIFECYCLE_DAY_SECONDS",
          List.of(),
          "--lifecycle-day-seconds",
          "86400",
          "a positive integer of seconds",
          v -> {
            int s = Integer.parseInt(v);
            if (s <= 0) throw new IllegalArgumentException();
            return s;
          },
          "Length of a lifecycle day: rules' Days count in it (86400: as S3, rounded up to"
              + " midnight UTC; shorter days are not rounded, for tests and demonstrations)",
          false);

  public static final ConfigKey<String> ACCESS_TRACKING =
      new ConfigKey<>(
          "DFS_ACCESS_TRACKING",
          List.of(),
          "--access-tracking",
          "intelligent-tiering",
          "'off', 'intelligent-tiering' or 'all'",
          v -> oneOf(v.toLowerCase(Locale.ROOT), "off", "intelligent-tiering", "all"),
          "Which GETs the access log records (in memory, written to the metadata every 5 s):"
              + " reads of INTELLIGENT_TIERING objects, every read, or none",
          false);

  // ---- limits (unset: derived from the process's file-descriptor limit / the volume) ----

  public static final ConfigKey<Integer> MAX_CONNECTIONS =
      new ConfigKey<>(
          "DFS_MAX_CONNECTIONS",
          List.of(),
          null,
          null,
          "an integer from 1 to 10000000",
          v -> positive(v, 10_000_000),
          "Connections served at once; beyond it new ones are answered 503 SlowDown (health checks"
              + " excepted) and past 1.25x not accepted (default: half the file-descriptor limit)",
          false);

  public static final ConfigKey<Integer> MAX_CONNECTIONS_PER_CLIENT =
      new ConfigKey<>(
          "DFS_MAX_CONNECTIONS_PER_CLIENT",
          List.of(),
          null,
          null,
          "an integer from 1 to 10000000",
          v -> positive(v, 10_000_000),
          "Connections one client address may hold before its further ones are answered 503"
              + " SlowDown (default: a quarter of DFS_MAX_CONNECTIONS, at least 64)",
          false);

  public static final ConfigKey<Integer> HEADER_TIMEOUT_SECONDS =
      new ConfigKey<>(
          "DFS_HEADER_TIMEOUT_SECONDS",
          List.of(),
          null,
          "20",
          "an integer from 1 to 3600",
          v -> positive(v, 3600),
          "Longest a client may take to send a request's headers (from connecting, or from the"
              + " next request's first byte); trickling bytes do not extend it",
          false);

  public static final ConfigKey<Long> DISK_RESERVE_MB =
      new ConfigKey<>(
          "DFS_DISK_RESERVE_MB",
          List.of(),
          null,
          null,
          "an integer of MiB from 0 to 1048576",
          v -> {
            long mb = Long.parseLong(v);
            if (mb < 0 || mb > 1L << 20) throw new IllegalArgumentException();
            return mb;
          },
          "Free space on the data volume new data may not use, kept so deletes can commit on a"
              + " full disk; writes get 507 InsufficientStorage below it (default: 1% of the"
              + " volume, 64 to 1024 MiB)",
          false);

  // ---- cluster (STORAGE_ENV=cluster); checked together at start-up, see ClusterSettings ----

  public static final ConfigKey<String> NODE_ID =
      new ConfigKey<>(
          "DFS_NODE_ID",
          List.of(),
          "--node-id",
          null,
          "1 to 32 of a-z 0-9 -, starting with a letter or digit",
          ConfigKeys::nonEmpty,
          "Cluster: this node's stable name; one of the ids in DFS_CLUSTER_SEEDS, or a new id to join",
          false);

  public static final ConfigKey<String> CLUSTER_ADDRESS =
      new ConfigKey<>(
          "DFS_CLUSTER_ADDRESS",
          List.of(),
          "--cluster-address",
          null,
          "host:port with a port from 1 to 65534",
          ConfigKeys::nonEmpty,
          "Cluster: host:port peers reach this node on; the chunk service listens on the port, the"
              + " Raft server on port + 1 (both must be reachable from every peer)",
          false);

  public static final ConfigKey<String> CLUSTER_SEEDS =
      new ConfigKey<>(
          "DFS_CLUSTER_SEEDS",
          List.of(),
          "--cluster-seeds",
          null,
          "id=host:port,... (e.g. n1=10.0.0.1:5556,n2=10.0.0.2:5556,n3=10.0.0.3:5556)",
          ConfigKeys::nonEmpty,
          "Cluster: the initial voters, each id=DFS_CLUSTER_ADDRESS; the same list on every node"
              + " (a joining node: any members)",
          false);

  public static final ConfigKey<String> CLUSTER_SECRET =
      new ConfigKey<>(
          "DFS_CLUSTER_SECRET",
          List.of(),
          null,
          null,
          "at least 16 characters, the same on every node",
          ConfigKeys::nonEmpty,
          "Cluster: shared secret; node-to-node requests and metadata log entries are authenticated"
              + " with it",
          true);

  public static final ConfigKey<ClusterTls> CLUSTER_TLS =
      new ConfigKey<>(
          "DFS_CLUSTER_TLS",
          List.of(),
          "--cluster-tls",
          "auto",
          "'auto', 'on' or 'off', the same on every node",
          v -> ClusterTls.valueOf(v.toUpperCase(Locale.ROOT)),
          "Cluster: whether chunk traffic, node polls and membership requests between nodes are"
              + " mutual TLS with a certificate derived from DFS_CLUSTER_SECRET; auto: when"
              + " DFS_TLS_CERT is set (Raft traffic is mutual TLS always)",
          false);

  public static final ConfigKey<String> ZONE =
      new ConfigKey<>(
          "DFS_ZONE",
          List.of(),
          "--zone",
          null,
          "1 to 32 of a-z 0-9 -",
          ConfigKeys::nonEmpty,
          "Cluster: this node's failure domain (rack, room), reported in the cluster status",
          false);

  public static final ConfigKey<Integer> REPLICATION_FACTOR =
      new ConfigKey<>(
          "DFS_REPLICATION_FACTOR",
          List.of(),
          "--replication-factor",
          "3",
          "an integer from 1 to 5",
          v -> positive(v, 5),
          "Cluster: copies kept of each chunk (capped at the number of seeds); a write is"
              + " acknowledged once a majority of them is on disk (2 of 3)",
          false);

  public static final ConfigKey<Integer> REPAIR_BANDWIDTH =
      new ConfigKey<>(
          "DFS_REPAIR_BANDWIDTH",
          List.of(),
          null,
          "64",
          "an integer of MiB/s from 0 (unlimited) to 100000",
          v -> bounded(v, 0, 100_000),
          "Cluster: bytes per second (MiB/s) this node's repair worker copies at most, to restore"
              + " missing or damaged replicas; 0: unlimited",
          false);

  public static final ConfigKey<Integer> NODE_DEAD_AFTER =
      new ConfigKey<>(
          "DFS_NODE_DEAD_AFTER",
          List.of(),
          null,
          "600",
          "an integer of seconds from 10 to 31536000",
          v -> bounded(v, 10, 31_536_000),
          "Cluster: seconds a node may be unreachable before it is declared dead and its chunks are"
              + " copied to the next nodes of their placement",
          false);

  public static final ConfigKey<Integer> REPAIR_PASS_PERIOD =
      new ConfigKey<>(
          "DFS_REPAIR_PASS_PERIOD",
          List.of(),
          null,
          "3600",
          "an integer of seconds from 10 to 31536000",
          v -> bounded(v, 10, 31_536_000),
          "Cluster: seconds between the leader's full repair passes (every referenced chunk checked"
              + " against every owner's listing); a node declared dead starts one at once",
          false);

  public static final ConfigKey<Integer> SCRUB_BANDWIDTH =
      new ConfigKey<>(
          "DFS_SCRUB_BANDWIDTH",
          List.of(),
          null,
          "8",
          "an integer of MiB/s from 0 (scrub off) to 100000",
          v -> bounded(v, 0, 100_000),
          "Cluster: bytes per second (MiB/s) this node's scrub reads at most while it verifies every"
              + " replica's block checksums; 0: no scrub",
          false);

  public static final ConfigKey<Integer> SCRUB_PERIOD =
      new ConfigKey<>(
          "DFS_SCRUB_PERIOD",
          List.of(),
          null,
          "604800",
          "an integer of seconds from 0 to 31536000",
          v -> bounded(v, 0, 31_536_000),
          "Cluster: seconds from the start of one scrub pass to the start of the next (a pass that"
              + " takes longer is followed at once by the next; 0: passes back to back)",
          false);

  public static final ConfigKey<Integer> CLUSTER_GC_GRACE =
      new ConfigKey<>(
          "DFS_CLUSTER_GC_GRACE",
          List.of(),
          null,
          "3600",
          "an integer of seconds from 1 to 31536000",
          v -> bounded(v, 1, 31_536_000),
          "Cluster: seconds a chunk replica must have been seen unreferenced by any metadata before"
              + " the leader's orphan sweep removes it (chunks of writes in progress are never removed)",
          false);

  private static int bounded(String v, int min, int max) {
    int n = Integer.parseInt(v);
    if (n < min || n > max) throw new IllegalArgumentException();
    return n;
  }

  public static final ConfigKey<List<String>> DEFAULT_BUCKETS =
      new ConfigKey<>(
          "DFS_DEFAULT_BUCKETS",
          List.of(),
          null,
          "",
          "a comma-separated list of bucket names",
          v -> {
            List<String> out = new java.util.ArrayList<>();
            for (String b : v.split(",")) {
              if (!b.isBlank() && !out.contains(b.strip())) out.add(b.strip());
            }
            return List.copyOf(out);
          },
          "Buckets created at start if missing (owned by root), so a fresh server or container is"
              + " usable at once",
          false);

  public static final ConfigKey<String> LOG_LEVEL =
      new ConfigKey<>(
          "DFS_LOG_LEVEL",
          List.of(),
          null,
          "INFO",
          "one of ERROR, WARN, INFO, DEBUG, TRACE",
          v -> oneOf(v.toUpperCase(Locale.ROOT), "ERROR", "WARN", "INFO", "DEBUG", "TRACE"),
          "Log level of DFS' own loggers (DEBUG logs one line per request)",
          false);

  public static final ConfigKey<String> LOG_FORMAT =
      new ConfigKey<>(
          "DFS_LOG_FORMAT",
          List.of(),
          null,
          "text",
          "'text' or 'json'",
          v -> oneOf(v.toLowerCase(Locale.ROOT), "text", "json"),
          "Log format on stderr: text (dated lines) or json (one JSON object a line)",
          false);

  public static final ConfigKey<String> ACCESS_LOG =
      new ConfigKey<>(
          "DFS_ACCESS_LOG",
          List.of(),
          null,
          null,
          "'stdout' or a file path",
          ConfigKeys::nonEmpty,
          "Access log, one JSON object per S3 request (time, request id, access key, operation,"
              + " bucket, key, status, bytes, duration, remote address; never secrets): stdout or a"
              + " file appended to; unset: none",
          false);

  private static String oneOf(String v, String... allowed) {
    if (!List.of(allowed).contains(v)) throw new IllegalArgumentException();
    return v;
  }

  private static String nonEmpty(String v) {
    if (v.isEmpty()) throw new IllegalArgumentException();
    return v;
  }

  private static int positive(String v, int max) {
    int n = Integer.parseInt(v);
    if (n < 1 || n > max) throw new IllegalArgumentException();
    return n;
  }

  /** All keys, in the order the README documents them. */
  public static final List<ConfigKey<?>> ALL =
      List.of(
          STORAGE_ENV,
          HOST,
          PORT,
          DATA_DIR,
          AUTH,
          SIGV2,
          DEFAULT_OBJECT_OWNERSHIP,
          ROOT_ACCESS_KEY,
          ROOT_SECRET_KEY,
          DOMAIN,
          REGION,
          SHUTDOWN_GRACE_SECONDS,
          CORS_ORIGINS,
          METRICS_TOKEN,
          METRICS,
          AWS_ACCESS_KEY,
          AWS_SECRET_KEY,
          AWS_SESSION_TOKEN,
          AWS_REGION,
          AWS_ENDPOINT_URL,
          GATEWAY_PATH_STYLE,
          GATEWAY_BUCKET_PREFIX,
          TLS_CERT,
          TLS_KEY,
          TLS_PORT,
          HTTP,
          MASTER_KEY,
          MASTER_KEY_PREVIOUS,
          LIFECYCLE_DAY_SECONDS,
          ACCESS_TRACKING,
          MAX_CONNECTIONS,
          MAX_CONNECTIONS_PER_CLIENT,
          HEADER_TIMEOUT_SECONDS,
          DISK_RESERVE_MB,
          DEFAULT_BUCKETS,
          LOG_LEVEL,
          LOG_FORMAT,
          ACCESS_LOG,
          NODE_ID,
          CLUSTER_ADDRESS,
          CLUSTER_SEEDS,
          CLUSTER_SECRET,
          CLUSTER_TLS,
          ZONE,
          REPLICATION_FACTOR,
          REPAIR_BANDWIDTH,
          NODE_DEAD_AFTER,
          REPAIR_PASS_PERIOD,
          SCRUB_BANDWIDTH,
          SCRUB_PERIOD,
          CLUSTER_GC_GRACE);
}
