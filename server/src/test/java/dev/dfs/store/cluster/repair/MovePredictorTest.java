package dev.dfs.store.cluster.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ClusterLayout;
import dev.dfs.store.cluster.data.Node;
import dev.dfs.store.cluster.data.NodeState;
import dev.dfs.store.cluster.data.Placement;
import dev.dfs.store.local.ChunkId;
import dev.dfs.store.local.ChunkVolume.StoredChunk;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The move predictor against a catalog of 5,000 chunks (more than one page): adding a fourth node
 * of equal weight moves about a quarter of the copies, all to it, each from the node repair would
 * copy from; the prediction equals a chunk-by-chunk count; a heavier node draws more; a draining
 * node gives away exactly its copies; an unchanged layout moves nothing.
 */
class MovePredictorTest {
  private static final int RF = 3;

  private static Node node(String id, String zone, double weight, NodeState state) {
    return new Node(
        id, URI.create("http://127.0.0.1:" + (7000 + id.hashCode() % 100)), zone, weight, state);
  }

  private static final List<Node> THREE =
      List.of(
          node("n1", "z1", 1, NodeState.ACTIVE),
          node("n2", "z2", 1, NodeState.ACTIVE),
          node("n3", "z3", 1, NodeState.ACTIVE));

  @Test
  void addingAFourthNodeMovesAQuarterOfTheCopiesToItFromTheRepairSource() throws Exception {
    List<StoredChunk> chunks = chunks(5_000);
    List<Node> four = plus(THREE, node("n4", "z4", 1, NodeState.ACTIVE));
    ClusterLayout.Moves m = predict(chunks, THREE, four);
    long expected = 0;
    long expectedBytes = 0;
    Placement after = new Placement(four);
    for (StoredChunk c : chunks) {
      if (after.replicas(c.id(), RF).stream().anyMatch(n -> n.id().equals("n4"))) {
        expected++;
        expectedBytes += c.length();
      }
    }
    assertThat(m.chunks()).isEqualTo(expected);
    assertThat(m.bytes()).isEqualTo(expectedBytes);
    // n4 takes one copy of the chunks it ranks in the top 3 of 4: 3/4 of the chunks, 1/4 of the
    // copies
    assertThat((double) m.chunks() / (RF * chunks.size()))
        .isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.02));
    assertThat(m.byLink()).allSatisfy(l -> assertThat(l.to()).isEqualTo("n4"));
    assertThat(m.byLink())
        .extracting(ClusterLayout.Move::from)
        .containsExactlyInAnyOrder("n1", "n2", "n3");
    assertThat(m.byLink().stream().mapToLong(ClusterLayout.Move::chunks).sum())
        .isEqualTo(m.chunks());
  }

  @Test
  void aHeavierNodeDrawsMoreAndADrainingNodeGivesAwayExactlyItsCopies() throws Exception {
    List<StoredChunk> chunks = chunks(3_000);
    long light =
        predict(chunks, THREE, plus(THREE, node("n4", "z4", 1, NodeState.ACTIVE))).chunks();
    long heavy =
        predict(chunks, THREE, plus(THREE, node("n4", "z4", 3, NodeState.ACTIVE))).chunks();
    assertThat(heavy).isGreaterThan(light);

    List<Node> four = plus(THREE, node("n4", "z4", 1, NodeState.ACTIVE));
    List<Node> drained =
        List.of(four.get(0), four.get(1), four.get(2), node("n4", "z4", 1, NodeState.DRAINING));
    ClusterLayout.Moves m = predict(chunks, four, drained);
    long held =
        chunks.stream()
            .filter(
                c ->
                    new Placement(four)
                        .replicas(c.id(), RF).stream().anyMatch(n -> n.id().equals("n4")))
            .count();
    assertThat(m.chunks()).isEqualTo(held);
    assertThat(m.byLink()).allSatisfy(l -> assertThat(l.to()).isNotEqualTo("n4"));
    assertThat(predict(chunks, four, four).chunks()).isZero();
  }

  @Test
  void oneChunksCopyComesFromTheFirstNewOwnerThatHeldItElseTheFirstOldOwner() {
    Node a = node("a", null, 1, NodeState.ACTIVE);
    Node b = node("b", null, 1, NodeState.ACTIVE);
    Node c = node("c", null, 1, NodeState.ACTIVE);
    Node d = node("d", null, 1, NodeState.ACTIVE);
    assertThat(MovePredictor.copies(List.of(a, b), List.of(d, b)))
        .containsExactly(new String[] {"b", "d"});
    assertThat(MovePredictor.copies(List.of(a, b), List.of(c, d)))
        .containsExactly(new String[] {"a", "c"}, new String[] {"a", "d"});
    assertThat(MovePredictor.copies(List.of(a, b), List.of(b, a))).isEmpty();
  }

  private static ClusterLayout.Moves predict(
      List<StoredChunk> chunks, List<Node> before, List<Node> after) throws Exception {
    LiveOwners from = new LiveOwners(before, RF, Set::of);
    LiveOwners to = new LiveOwners(after, RF, Set::of);
    return new MovePredictor(catalog(chunks)).predict(from::ownersOf, to::ownersOf);
  }

  private static List<Node> plus(List<Node> nodes, Node n) {
    List<Node> out = new ArrayList<>(nodes);
    out.add(n);
    return out;
  }

  private static List<StoredChunk> chunks(int count) {
    Random random = new Random(5);
    List<StoredChunk> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] raw = new byte[16];
      random.nextBytes(raw);
      out.add(
          new StoredChunk(
              ChunkId.parseHex(HexFormat.of().formatHex(raw)), 1 + random.nextInt(4 << 20)));
    }
    out.sort(Comparator.comparing(c -> c.id().hex()));
    return out;
  }

  /** The chunks in id order, pages as the store gives them. */
  private static ChunkCatalog catalog(List<StoredChunk> chunks) {
    return new ChunkCatalog() {
      @Override
      public List<StoredChunk> referenced(ChunkId after, int limit) {
        return chunks.stream()
            .filter(c -> after == null || c.id().hex().compareTo(after.hex()) > 0)
            .limit(limit)
            .toList();
      }

      @Override
      public OptionalLong length(ChunkId id) {
        return chunks.stream()
            .filter(c -> c.id().equals(id))
            .mapToLong(StoredChunk::length)
            .findFirst();
      }

      @Override
      public void readBarrier() {
        // always current
      }
    };
  }
}
