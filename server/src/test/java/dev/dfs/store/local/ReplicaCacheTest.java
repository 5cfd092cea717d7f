package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.VersioningState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica's caches of bucket records and configuration documents follow the batches it applies
 * ({@link MetaReplica#apply} invalidates them only for batches that write those records): a replica
 * that cached a bucket's state sees the leader's later change of it once the entry is applied, also
 * after applying object writes in between.
 */
class ReplicaCacheTest {
  @TempDir Path dir;
  private final List<LocalStore> stores = new ArrayList<>();
  private final List<RecordingLog> logs = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (LocalStore s : stores) s.close();
  }

  private LocalStore openReplicated(String name) throws IOException {
    LocalStore s = RecordingLog.openReplicated(dir.resolve(name), logs::add);
    stores.add(s);
    return s;
  }

  /** Applies the leader's entries from {@code from} on, on the replica; returns the next index. */
  private static int replay(RecordingLog leader, RecordingLog replica, int from)
      throws IOException {
    for (int i = from; i < leader.entries.size(); i++)
      replica.replica.apply(leader.entries.get(i), new MetaReplica.Position(1, 100 + i));
    return leader.entries.size();
  }

  @Test
  void aReplicaSeesConfigurationAndVersioningChangesAfterCachingTheOldState() throws IOException {
    LocalStore leader = openReplicated("leader");
    LocalStore replica = openReplicated("replica");
    RecordingLog leaderLog = logs.get(0);
    RecordingLog replicaLog = logs.get(1);
    leader.createBucket("b", "us-east-1");
    int at = replay(leaderLog, replicaLog, 0);
    var cors = replica.bucketConfig("cors").orElseThrow();
    // cached on the replica: no document, unversioned
    assertThat(cors.get("b")).isEmpty();
    assertThat(replica.versioning().orElseThrow().state("b"))
        .isEqualTo(VersioningState.UNVERSIONED);

    // object writes only: the cached state stays valid
    TestSupport.put(leader, "b", "k1", "one".getBytes(StandardCharsets.UTF_8));
    at = replay(leaderLog, replicaLog, at);
    assertThat(cors.get("b")).isEmpty();

    leader.bucketConfig("cors").orElseThrow().put("b", "<CORSConfiguration/>");
    leader.versioning().orElseThrow().setState("b", VersioningState.ENABLED);
    TestSupport.put(leader, "b", "k2", "two".getBytes(StandardCharsets.UTF_8));
    replay(leaderLog, replicaLog, at);

    assertThat(cors.get("b")).contains("<CORSConfiguration/>");
    assertThat(replica.versioning().orElseThrow().state("b")).isEqualTo(VersioningState.ENABLED);
    assertThat(replica.bucket("b")).isPresent();
  }

  @Test
  void aReplicaForgetsADeletedBucket() throws IOException {
    LocalStore leader = openReplicated("leader");
    LocalStore replica = openReplicated("replica");
    leader.createBucket("gone", "us-east-1");
    int at = replay(logs.get(0), logs.get(1), 0);
    assertThat(replica.bucket("gone")).isPresent();
    leader.deleteBucket("gone");
    replay(logs.get(0), logs.get(1), at);
    assertThat(replica.bucket("gone")).isEmpty();
  }
}
