package dev.dfs.store.local;

import dev.dfs.store.StoreError;
import dev.dfs.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Encodes RocksDB keys so that every listing is one range scan in UTF-8 byte order.
 *
 * <ul>
 *   <li>buckets: {@code bucket}
 *   <li>objects: {@code bucket 0x00 key}
 *   <li>versions: {@code bucket 0x00 key 0x00 versionKey} (16 bytes, newest first)
 *   <li>uploads: {@code bucket 0x00 key 0x00 uploadId} (upload ids are fixed-length ASCII)
 *   <li>parts: {@code uploadId 0x00 partNumber(4 bytes big-endian)}
 * </ul>
 *
 * Bucket names never contain 0x00, so {@code bucket 0x00} is an exact prefix of that bucket's keys.
 * 0xFF never occurs in UTF-8, so {@code p 0xFF} sorts after every key starting with {@code p}. User
 * strings only ever become key bytes, never file names.
 */
final class KeyCodec {
  static final int MAX_KEY_BYTES = 1024;
  private static final byte SEP = 0x00;

  private KeyCodec() {}

  /** Strict UTF-8 (unpaired surrogates are refused, so two keys never encode alike). */
  static byte[] utf8(@Nullable String s) {
    try {
      ByteBuffer bb =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(s));
      byte[] out = new byte[bb.remaining()];
      bb.get(out);
      return out;
    } catch (CharacterCodingException e) {
      throw new StoreException(StoreError.INVALID_ARGUMENT, "not valid UTF-8: " + e.getMessage());
    }
  }

  static String string(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  /** Validates an object key and returns its UTF-8 bytes. */
  static byte[] objectKeyBytes(String key) {
    if (key == null || key.isEmpty()) {
      throw new StoreException(StoreError.INVALID_ARGUMENT, "object key must not be empty");
    }
    byte[] k = utf8(key);
    if (k.length > MAX_KEY_BYTES) {
      throw new StoreException(StoreError.INVALID_ARGUMENT, "object key longer than 1024 bytes");
    }
    return k;
  }

  static byte[] bucket(String bucket) {
    return utf8(bucket);
  }

  /** {@code bucket 0x00}: the prefix of all of a bucket's object and upload keys. */
  static byte[] bucketPrefix(String bucket) {
    byte[] b = utf8(bucket);
    byte[] out = Arrays.copyOf(b, b.length + 1);
    out[b.length] = SEP;
    return out;
  }

  static byte[] object(String bucket, String key) {
    return concat(bucketPrefix(bucket), objectKeyBytes(key));
  }

  /** {@code bucket 0x00 key 0x00}: the prefix of every version of one key. */
  static byte[] versionsPrefix(String bucket, String key) {
    return concat(bucketPrefix(bucket), objectKeyBytes(key), new byte[] {SEP});
  }

  static byte[] version(String bucket, String key, VersionKey v) {
    return concat(versionsPrefix(bucket, key), v.bytes());
  }

  static byte[] upload(String bucket, String key, String uploadId) {
    return concat(bucketPrefix(bucket), objectKeyBytes(key), new byte[] {SEP}, utf8(uploadId));
  }

  /** Prefix of every part key of an upload. */
  static byte[] partsPrefix(String uploadId) {
    return concat(utf8(uploadId), new byte[] {SEP});
  }

  static byte[] part(String uploadId, int partNumber) {
    byte[] p = partsPrefix(uploadId);
    byte[] out = Arrays.copyOf(p, p.length + 4);
    out[p.length] = (byte) (partNumber >>> 24);
    out[p.length + 1] = (byte) (partNumber >>> 16);
    out[p.length + 2] = (byte) (partNumber >>> 8);
    out[p.length + 3] = (byte) partNumber;
    return out;
  }

  static int partNumberOf(byte[] partKey) {
    int n = partKey.length;
    return ((partKey[n - 4] & 0xFF) << 24)
        | ((partKey[n - 3] & 0xFF) << 16)
        | ((partKey[n - 2] & 0xFF) << 8)
        | (partKey[n - 1] & 0xFF);
  }

  /**
   * The smallest byte string greater than every string starting with {@code prefix}, or null if
   * none.
   */
  static byte @Nullable [] upperBound(byte[] prefix) {
    int n = prefix.length;
    while (n > 0 && prefix[n - 1] == (byte) 0xFF) n--;
    if (n == 0) return null;
    byte[] out = Arrays.copyOf(prefix, n);
    out[n - 1]++;
    return out;
  }

  /** {@code p 0xFF}: seeking here skips every key that starts with {@code p}. */
  static byte[] pastPrefix(byte[] p) {
    byte[] out = Arrays.copyOf(p, p.length + 1);
    out[p.length] = (byte) 0xFF;
    return out;
  }

  static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length
        && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** Index of {@code needle} in {@code hay} at or after {@code from}, or -1. */
  static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from, last = hay.length - needle.length; i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }
}
