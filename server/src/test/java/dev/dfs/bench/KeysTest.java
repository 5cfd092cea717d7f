package dev.dfs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Test
  void flatLayoutZeroPadsSoKeysSortNumerically() {
    KeyLayout l = new KeyLayout("bench", 1, 1);
    assertThat(l.key(0)).isEqualTo("bench/obj-0000000000");
    assertThat(l.key(42)).isEqualTo("bench/obj-0000000042");
    assertThat(l.root()).isEqualTo("bench/");
    assertThat(l.key(9).compareTo(l.key(10))).isNegative();
    assertThat(new KeyLayout("runs/a/", 1, 1).key(1)).isEqualTo("runs/a/obj-0000000001");
  }

  @Test
  void prefixesSpreadKeysRoundRobin() {
    KeyLayout l = new KeyLayout("bench", 100, 1);
    assertThat(l.fanout()).isEqualTo(100);
    assertThat(l.key(0)).isEqualTo("bench/p00/obj-0000000000");
    assertThat(l.key(7)).isEqualTo("bench/p07/obj-0000000007");
    assertThat(l.key(107)).isEqualTo("bench/p07/obj-0000000107");
    Set<String> prefixes = new HashSet<>();
    for (int i = 0; i < 1000; i++)
      prefixes.add(l.key(i).substring(0, l.key(i).lastIndexOf('/') + 1));
    assertThat(prefixes).hasSize(100);
  }

  @Test
  void depthNestsPrefixes() {
    KeyLayout l = new KeyLayout("bench", 100, 2);
    assertThat(l.fanout()).isEqualTo(10);
    assertThat(l.key(37)).isEqualTo("bench/p3/p7/obj-0000000037");
    KeyLayout odd = new KeyLayout("b", 10, 2); // fan-out 4: prefixes 0..9 as two base-4 digits
    assertThat(odd.fanout()).isEqualTo(4);
    assertThat(odd.prefixPath(9)).isEqualTo("p2/p1/");
    Set<String> top = new HashSet<>();
    Set<String> all = new HashSet<>();
    for (int p = 0; p < 10; p++) {
      String path = odd.prefixPath(p);
      all.add(path);
      top.add(path.substring(0, 3));
    }
    assertThat(all).hasSize(10);
    assertThat(top).hasSize(3);
    assertThat(new KeyLayout("b", 1000, 3).fanout()).isEqualTo(10);
    assertThat(new KeyLayout("b", 1001, 3).fanout()).isEqualTo(11);
  }

  @Test
  void layoutRejectsNonsense() {
    assertThatThrownBy(() -> new KeyLayout("", 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyLayout("b", 0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyLayout("b", 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void keyTableKeepsReadersAndWritersApart() {
    KeyTable t = new KeyTable(1);
    SplittableRandom rnd = new SplittableRandom(1);
    assertThat(t.acquireRead(rnd)).isEqualTo(-1); // nothing exists yet
    assertThat(t.acquireDelete(rnd)).isNull();

    KeyTable.Claim w = t.acquireWrite(rnd);
    assertThat(w).isEqualTo(new KeyTable.Claim(0, false));
    assertThat(t.acquireWrite(rnd)).isNull(); // busy
    t.release(w, true);
    assertThat(t.isPresent(0)).isTrue();

    int r1 = t.acquireRead(rnd);
    int r2 = t.acquireRead(rnd); // readers share
    assertThat(r1).isZero();
    assertThat(r2).isZero();
    assertThat(t.acquireDelete(rnd)).isNull(); // not while read
    assertThat(t.acquireWrite(rnd)).isNull();
    t.releaseRead(r1);
    t.releaseRead(r2);

    KeyTable.Claim d = t.acquireDelete(rnd);
    assertThat(d).isEqualTo(new KeyTable.Claim(0, true));
    assertThat(t.acquireRead(rnd)).isEqualTo(-1);
    t.release(d, false);
    assertThat(t.present().count()).isZero();
  }

  @Test
  void keyTableFindsTheLastFreeKeyByScanning() {
    KeyTable t = new KeyTable(1000);
    t.markPresent(777);
    SplittableRandom rnd = new SplittableRandom(5);
    assertThat(t.acquireRead(rnd)).isEqualTo(777);
    assertThat(t.acquireDelete(777)).isNull(); // still read
    t.releaseRead(777);
    assertThat(t.acquireDelete(777)).isEqualTo(new KeyTable.Claim(777, true));
    assertThat(t.acquireDelete(1)).isNull(); // absent
  }

  @Test
  void presentListsExistingKeys() {
    KeyTable t = new KeyTable(10);
    List<Integer> expected = new ArrayList<>(List.of(1, 4, 9));
    expected.forEach(t::markPresent);
    assertThat(t.present().boxed().toList()).isEqualTo(expected);
  }
}
