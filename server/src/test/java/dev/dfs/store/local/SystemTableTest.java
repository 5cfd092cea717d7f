package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dfs.util.SystemTable;
import dev.dfs.util.SystemTable.Entry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * System tables in the metadata: reads, writes, and what their listeners hear on a store of its own
 * and on a replica (through a log that applies each batch with {@link MetaReplica#apply}, as the
 * Raft state machine does, and records its bytes).
 */
class SystemTableTest {
  @TempDir Path dir;
  private final List<LocalStore> stores = new ArrayList<>();

  @AfterEach
  void close() throws IOException {
    for (LocalStore s : stores) s.close();
  }

  private LocalStore open(String name) throws IOException {
    LocalStore s = LocalStore.open(dir.resolve(name), TestSupport.smallOptions());
    stores.add(s);
    return s;
  }

  private final RecordingLog[] logs = new RecordingLog[1];

  private LocalStore openReplicated(String name) throws IOException {
    LocalStore s = RecordingLog.openReplicated(dir.resolve(name), l -> logs[0] = l);
    stores.add(s);
    return s;
  }

  /** Records what a listener hears, as text. */
  private static final class Heard implements SystemTable.Listener {
    final List<String> events = new ArrayList<>();

    @Override
    public void applied(List<Entry> changes) {
      events.add(
          changes.stream()
              .map(
                  e ->
                      e.key()
                          + (e.deleted()
                              ? "-"
                              : "=" + new String(e.value(), StandardCharsets.UTF_8)))
              .toList()
              .toString());
    }

    @Override
    public void replaced() {
      events.add("replaced");
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesAreReadBackByKeyAndPrefixAndHeardOnceAfterTheCommit() throws IOException {
    LocalStore store = open("a");
    SystemTable t = store.systemTable("identity");
    assertThat(store.systemTable("identity")).isSameAs(t);
    Heard heard = new Heard();
    t.listen(heard);
    String r =
        t.write(
            c -> {
              c.put("u/alice", utf8("1")).put("u/bob", utf8("2")).put("k/x", utf8("3"));
              return "done";
            });
    assertThat(r).isEqualTo("done");
    t.write(
        c -> {
          c.delete("u/bob");
          return null;
        });
    t.write(c -> null); // nothing to commit: nothing heard
    assertThat(heard.events).containsExactly("[u/alice=1, u/bob=2, k/x=3]", "[u/bob-]");
    assertThat(t.get("u/alice")).get().isEqualTo(utf8("1"));
    assertThat(t.scan("u/")).extracting(Entry::key).containsExactly("u/alice");
    assertThat(t.scan("")).extracting(Entry::key).containsExactly("k/x", "u/alice");
    assertThat(store.systemTable("other").scan("")).isEmpty();
    assertThatThrownBy(() -> store.systemTable("Bad/Name"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFailedWriteCommitsNothing() throws IOException {
    SystemTable t = open("a").systemTable("identity");
    assertThatThrownBy(
            () ->
                t.write(
                    c -> {
                      c.put("u/alice", utf8("1"));
                      throw new IOException("refused");
                    }))
        .hasMessage("refused");
    assertThat(t.scan("")).isEmpty();
  }

  @Test
  void onAReplicaEveryAppliedChangeIsHeardOnceWhoeverWroteIt() throws IOException {
    LocalStore leader = openReplicated("leader");
    RecordingLog leaderLog = logs[0];
    LocalStore replica = openReplicated("replica");
    RecordingLog replicaLog = logs[0];
    Heard onLeader = new Heard();
    Heard onReplica = new Heard();
    leader.systemTable("identity").listen(onLeader);
    replica.systemTable("identity").listen(onReplica);

    leader.createBucket("b", "us-east-1"); // a batch without system records: heard by nobody
    leader
        .systemTable("identity")
        .write(
            c -> {
              c.put("u/alice", utf8("1"));
              return null;
            });
    leader
        .systemTable("cluster")
        .write(
            c -> {
              c.put("x", utf8("2"));
              return null;
            });
    long at = 100;
    for (byte[] entry : leaderLog.entries)
      replicaLog.replica.apply(entry, new MetaReplica.Position(1, at++));

    assertThat(onLeader.events).containsExactly("[u/alice=1]");
    assertThat(onReplica.events).containsExactly("[u/alice=1]");
    assertThat(replica.systemTable("identity").get("u/alice")).get().isEqualTo(utf8("1"));
    assertThat(replica.systemTable("cluster").get("x")).get().isEqualTo(utf8("2"));
    assertThat(replica.bucket("b")).isPresent();
  }

  @Test
  void installingACheckpointReplacesTheTableAndTellsItsListeners() throws IOException {
    LocalStore leader = openReplicated("leader");
    MetaReplica leaderReplica = logs[0].replica;
    LocalStore follower = openReplicated("follower");
    MetaReplica followerReplica = logs[0].replica;
    follower
        .systemTable("identity")
        .write(
            c -> {
              c.put("u/stale", utf8("0"));
              return null;
            });
    leader
        .systemTable("identity")
        .write(
            c -> {
              c.put("u/alice", utf8("1"));
              return null;
            });
    Heard heard = new Heard();
    follower.systemTable("identity").listen(heard);

    Path checkpoint = dir.resolve("checkpoint");
    leaderReplica.checkpoint(checkpoint);
    followerReplica.install(checkpoint);

    assertThat(heard.events).containsExactly("replaced");
    assertThat(follower.systemTable("identity").scan(""))
        .extracting(Entry::key)
        .containsExactly("u/alice");
  }

  @Test
  void aWriteHoldsTheLockTheReplicasQuiescenceWaitsFor() throws Exception {
    openReplicated("leader");
    MetaReplica replica = logs[0].replica;
    SystemTable t = stores.getFirst().systemTable("identity");
    AtomicInteger order = new AtomicInteger();
    int[] quiesced = new int[1];
    java.util.concurrent.CountDownLatch inWrite = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    t.write(
                        c -> {
                          inWrite.countDown();
                          try {
                            release.await();
                          } catch (InterruptedException e) {
                            throw new IOException(e);
                          }
                          order.incrementAndGet();
                          c.put("u/alice", utf8("1"));
                          return null;
                        });
                  } catch (IOException | RuntimeException e) {
                    throw new AssertionError(e);
                  }
                });
    inWrite.await();
    Thread quiescence =
        Thread.ofVirtual().start(() -> replica.excludingWriters(() -> quiesced[0] = order.get()));
    quiescence.join(
        200); // it must wait for the writer: give it a chance to run past it if it could
    release.countDown();
    writer.join();
    quiescence.join();
    assertThat(quiesced[0]).as("the quiescence ran after the write finished").isEqualTo(1);
  }
}
