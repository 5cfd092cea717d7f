package dev.dfs.store.local;

import dev.dfs.util.ChecksumAlgorithm;
import dev.dfs.util.CrcCombine;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a PUT computes over each block of its body, 1 MiB per invocation in blocks of {@code
 * blockSize}: MD5 (the ETag), CRC32C (per stored block), and the SDK's default CRC32 checksum;
 * alone and together as {@link ChunkWriter} does it (every hash over one block while it is in
 * cache). Read the score as MB/s: ops/s x 1.048576.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HashBench {
  @Param({"65536"})
  int blockSize;

  private final byte[] data = new byte[1 << 20];
  private MessageDigest md5;
  private final CRC32C crc = new CRC32C();

  @Setup
  public void setup() {
    new Random(1).nextBytes(data);
    md5 = ChunkWriter.md5();
  }

  @Benchmark
  public byte[] md5() {
    for (int off = 0; off < data.length; off += blockSize) md5.update(data, off, blockSize);
    return md5.digest();
  }

  @Benchmark
  public long crc32c() {
    long x = 0;
    for (int off = 0; off < data.length; off += blockSize) {
      crc.reset();
      crc.update(data, off, blockSize);
      x += crc.getValue();
    }
    return x;
  }

  /** MD5 + per-block CRC32C: a PUT without an additional checksum. */
  @Benchmark
  public long md5AndCrc32c() {
    long x = 0;
    for (int off = 0; off < data.length; off += blockSize) {
      md5.update(data, off, blockSize);
      crc.reset();
      crc.update(data, off, blockSize);
      x += crc.getValue();
    }
    return x + md5.digest()[0];
  }

  /** MD5 + per-block CRC32C + the whole-object CRC32 the AWS SDKs send by default. */
  @Benchmark
  public long md5Crc32cAndCrc32() {
    ChecksumAlgorithm.RunningChecksum extra = ChecksumAlgorithm.CRC32.newChecksum();
    long x = 0;
    for (int off = 0; off < data.length; off += blockSize) {
      md5.update(data, off, blockSize);
      extra.update(data, off, blockSize);
      crc.reset();
      crc.update(data, off, blockSize);
      x += crc.getValue();
    }
    return x + md5.digest()[0] + extra.finish()[0];
  }

  private final ChunkId chunk = new ChunkId(0x0123456789abcdefL, 0x0fedcba987654321L);

  /**
   * What a read verifies per block of a format-2 chunk: the data's CRC32C XOR the block's tag (a
   * CRC32C of chunk id and block index, 24 bytes). Compare with {@link #crc32c}.
   */
  @Benchmark
  public long crc32cBoundToChunkAndIndex() {
    long x = 0;
    long index = 0;
    for (int off = 0; off < data.length; off += blockSize) {
      crc.reset();
      crc.update(data, off, blockSize);
      x += (int) crc.getValue() ^ ChunkFormat.tag(chunk, index++);
    }
    return x;
  }

  /** The same, plus folding each block's CRC into the whole object's CRC32C (a whole GET). */
  @Benchmark
  public long crc32cBoundAndWholeCrc32c() {
    long whole = 0;
    long x = 0;
    long index = 0;
    for (int off = 0; off < data.length; off += blockSize) {
      crc.reset();
      crc.update(data, off, blockSize);
      int c = (int) crc.getValue();
      x += c ^ ChunkFormat.tag(chunk, index++);
      whole = CrcCombine.CRC32C.combine(whole, c & 0xFFFFFFFFL, blockSize);
    }
    return x + whole;
  }

  /** The same, plus the whole-object CRC32 pass (objects written with the SDKs' default CRC32). */
  @Benchmark
  public long crc32cBoundAndWholeCrc32() {
    java.util.zip.CRC32 whole = new java.util.zip.CRC32();
    long x = 0;
    long index = 0;
    for (int off = 0; off < data.length; off += blockSize) {
      crc.reset();
      crc.update(data, off, blockSize);
      whole.update(data, off, blockSize);
      x += (int) crc.getValue() ^ ChunkFormat.tag(chunk, index++);
    }
    return x + whole.getValue();
  }
}
