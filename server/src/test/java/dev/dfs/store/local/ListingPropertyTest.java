package dev.dfs.store.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dfs.store.ListPage;
import dev.dfs.store.ListQuery;
import dev.dfs.store.ObjectInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Compares {@link LocalStore#list} with a model: the sorted (by UTF-8 bytes) set of entries, each a
 * key or the common prefix it rolls up into, filtered by prefix and "after".
 */
class ListingPropertyTest {
  private static Path dir;
  private static LocalStore store;
  private static final AtomicInteger buckets = new AtomicInteger();

  static final Comparator<String> UTF8 =
      (a, b) ->
          Arrays.compareUnsigned(
              a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  @BeforeContainer
  static void open() throws IOException {
    dir = Files.createTempDirectory("dfs-listing-");
    store = LocalStore.open(dir, TestSupport.smallOptions());
  }

  @AfterContainer
  static void close() throws IOException {
    store.close();
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  record Query(String prefix, String delimiter, String after, int maxKeys) {}

  /** Characters chosen to stress byte order: ASCII below and above '/', 2-, 3- and 4-byte UTF-8. */
  private static Arbitrary<String> text(int min, int max) {
    return Arbitraries.of('a', 'b', '/', '-', '.', 'é', '中', '\uFFFD')
        .list()
        .ofMinSize(min)
        .ofMaxSize(max)
        .map(
            cs -> {
              StringBuilder sb = new StringBuilder();
              for (char c : cs) sb.append(c);
              return sb.toString();
            })
        .edgeCases(c -> {});
  }

  private static Arbitrary<String> keyText() {
    return Arbitraries.oneOf(text(1, 6), text(1, 3).map(s -> s + "😀"));
  }

  @Provide
  Arbitrary<Set<String>> keys() {
    return keyText().set().ofMinSize(0).ofMaxSize(25);
  }

  @Provide
  Arbitrary<List<Query>> queries() {
    Arbitrary<String> prefix = Arbitraries.oneOf(Arbitraries.just(""), text(1, 2));
    Arbitrary<String> delimiter = Arbitraries.of("", "/", "/.", "é", "ab", "😀");
    Arbitrary<String> after = Arbitraries.oneOf(Arbitraries.just((String) null), text(0, 4));
    Arbitrary<Integer> max = Arbitraries.integers().between(0, 8);
    return Combinators.combine(prefix, delimiter, after, max)
        .as(Query::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(8);
  }

  @Property(tries = 60, seed = "4711")
  void listMatchesModel(@ForAll("keys") Set<String> keys, @ForAll("queries") List<Query> queries)
      throws IOException {
    String bucket = "p" + buckets.incrementAndGet();
    store.createBucket(bucket, "r");
    for (String k : keys) TestSupport.put(store, bucket, k, new byte[0]);
    for (Query q : queries) {
      ListQuery lq = new ListQuery(q.prefix(), q.delimiter(), q.after(), q.maxKeys());
      List<String> model = entries(keys, lq);
      // one page
      ListPage page = store.list(bucket, lq);
      List<String> expected = model.subList(0, Math.min(q.maxKeys(), model.size()));
      assertThat(merge(page)).as("page %s", q).isEqualTo(expected);
      assertThat(page.truncated())
          .as("truncated %s", q)
          .isEqualTo(q.maxKeys() > 0 && model.size() > q.maxKeys());
      assertThat(page.nextAfter())
          .isEqualTo(page.truncated() ? expected.get(expected.size() - 1) : null);
      for (String p : page.commonPrefixes()) assertThat(isCommonPrefix(p, lq)).isTrue();
      // paging to the end
      if (q.maxKeys() > 0) {
        List<String> all = new ArrayList<>();
        String after = q.after();
        for (int guard = 0; guard < 100; guard++) {
          ListPage p =
              store.list(bucket, new ListQuery(q.prefix(), q.delimiter(), after, q.maxKeys()));
          all.addAll(merge(p));
          if (!p.truncated()) break;
          after = p.nextAfter();
        }
        assertThat(all).as("paged %s", q).isEqualTo(model);
      }
    }
  }

  private static boolean isCommonPrefix(String p, ListQuery q) {
    return q.delimiter() != null && p.startsWith(q.prefix()) && p.endsWith(q.delimiter());
  }

  /** Objects and common prefixes of a page merged back into one ordered entry list. */
  private static List<String> merge(ListPage page) {
    List<String> out = new ArrayList<>();
    for (ObjectInfo o : page.objects()) out.add(o.key());
    out.addAll(page.commonPrefixes());
    out.sort(UTF8);
    return out;
  }

  /** The model: every entry greater than after, in UTF-8 byte order. */
  static List<String> entries(Set<String> keys, ListQuery q) {
    TreeSet<String> entries = new TreeSet<>(UTF8);
    for (String k : keys) {
      if (!k.startsWith(q.prefix())) continue;
      int i = q.delimiter() == null ? -1 : k.indexOf(q.delimiter(), q.prefix().length());
      entries.add(i < 0 ? k : k.substring(0, i + q.delimiter().length()));
    }
    List<String> out = new ArrayList<>();
    for (String e : entries) if (q.after() == null || UTF8.compare(e, q.after()) > 0) out.add(e);
    return out;
  }

  @Property(tries = 1)
  void unicodeOrderIsUtf8ByteOrder() throws IOException {
    String bucket = "u" + buckets.incrementAndGet();
    store.createBucket(bucket, "r");
    // UTF-16 order would put U+FFFD after the surrogate pair of U+1F600; UTF-8 order does not
    List<String> keys = List.of("z", "é", "\uFFFD", "😀", "a", "A", "~");
    for (String k : keys) TestSupport.put(store, bucket, k, new byte[0]);
    List<String> listed =
        store.list(bucket, new ListQuery("", null, null, 100)).objects().stream()
            .map(ObjectInfo::key)
            .toList();
    assertThat(listed).containsExactly("A", "a", "z", "~", "é", "\uFFFD", "😀");
  }
}
