package dev.dfs.store.local;

import dev.dfs.store.ObjectMetadata;
import dev.dfs.store.local.Records.ChunkRef;
import dev.dfs.store.local.Records.ObjectRecord;
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

/** Metadata key encoding (bucket 0x00 key, strict UTF-8) and the object record codec. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyCodecBench {
  private final String bucket = "dfs-bench";
  private final String key = "bench/p0042/obj-0000123456";
  private final String unicodeKey = "photos/2024/Zürich/München-Ωmega-写真-0001.jpg";
  private ObjectRecord record;
  private byte[] encoded;

  @Setup
  public void setup() {
    record =
        new ObjectRecord(
            4096,
            "0123456789abcdef0123456789abcdef",
            1_740_000_000_000L,
            ObjectMetadata.empty(),
            null,
            List.of(),
            null,
            List.of(new ChunkRef(ChunkId.random(), 4096)));
    encoded = RecordCodec.encode(record);
  }

  @Benchmark
  public byte[] objectKeyAscii() {
    return KeyCodec.object(bucket, key);
  }

  @Benchmark
  public byte[] objectKeyUnicode() {
    return KeyCodec.object(bucket, unicodeKey);
  }

  @Benchmark
  public byte[] encodeRecord() {
    return RecordCodec.encode(record);
  }

  @Benchmark
  public ObjectRecord decodeRecord() {
    return RecordCodec.decodeObject(encoded);
  }
}
