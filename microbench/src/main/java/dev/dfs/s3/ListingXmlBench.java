package dev.dfs.s3;

import dev.dfs.store.ListPage;
import dev.dfs.store.ObjectInfo;
import dev.dfs.store.ObjectMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** ListObjectsV2 response XML for a full page: 1,000 objects, or 1,000 common prefixes. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ListingXmlBench {
  private ListPage objects;
  private ListPage prefixes;
  private final ListParams plain = new ListParams("bench/", null, 1000, false);
  private final ListParams delimited = new ListParams("bench/", "/", 1000, false);

  @Setup
  public void setup() {
    List<ObjectInfo> os = new ArrayList<>();
    List<String> ps = new ArrayList<>();
    Instant t = Instant.parse("2025-03-01T10:00:00.123Z");
    for (int i = 0; i < 1000; i++) {
      String key = String.format("bench/p%04d/obj-%010d", i % 100, i);
      os.add(
          new ObjectInfo(
              "dfs-bench",
              key,
              4096,
              "0123456789abcdef0123456789abcdef",
              t,
              ObjectMetadata.empty(),
              null,
              List.of(),
              null));
      ps.add(String.format("bench/p%04d/", i));
    }
    objects = new ListPage(os, List.of(), true, os.get(999).key());
    prefixes = new ListPage(List.of(), ps, true, ps.get(999));
  }

  @Benchmark
  public byte[] thousandObjects() {
    return ListingXml.v2("dfs-bench", plain, null, null, objects, null).toBytes();
  }

  @Benchmark
  public byte[] thousandCommonPrefixes() {
    return ListingXml.v2("dfs-bench", delimited, null, null, prefixes, null).toBytes();
  }
}
