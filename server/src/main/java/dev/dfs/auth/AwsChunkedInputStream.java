package dev.dfs.auth;

import dev.dfs.util.BodyException;
import dev.dfs.util.BodyException.Fault;
import dev.dfs.util.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an {@code aws-chunked} body while it is read:
 *
 * <pre>
 * hex-size[;chunk-signature=sig] CRLF data CRLF ... 0[;chunk-signature=sig] CRLF
 * [name:value CRLF ...] [x-amz-trailer-signature:sig CRLF] CRLF
 * </pre>
 *
 * <p>With a {@link ChunkSignatureChain} every chunk signature (and, when trailers are announced,
 * the trailer signature) is verified as the chunk ends; without one, signatures present in the
 * framing are ignored. Violations are thrown from {@code read} as {@link BodyException}: {@code
 * MALFORMED_CHUNK} for bad framing, {@code CHUNK_SIGNATURE_MISMATCH}, {@code INCOMPLETE_BODY} when
 * the body ends early or its decoded size differs from {@code x-amz-decoded-content-length}. A
 * failure is sticky: later reads throw it again.
 *
 * <p>Data is streamed, never buffered beyond one 64 KiB read buffer; large reads into the caller's
 * array go straight to the underlying stream. When the decoded length is known, the final chunk and
 * trailers are consumed (and verified) by the read that delivers the last data byte, so a reader
 * that stops at the announced length still gets every check. Trailers (names lower-case, {@code
 * x-amz-trailer-signature} left out) are put into the map given to the constructor once the final
 * chunk has been read. Not thread-safe.
 */
final class AwsChunkedInputStream extends InputStream {
  private static final int BUFFER_SIZE = 64 * 1024;
  private static final int MAX_LINE = 4096;

  /** Room beyond the data for a small body's chunk lines and trailers. */
  private static final int MIN_OVERHEAD = 1024;

  private static final int MAX_TRAILER_LINES = 64;
  private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

  private enum State {
    HEADER,
    DATA,
    DONE
  }

  private final InputStream in;
  private final @Nullable ChunkSignatureChain chain;
  private final boolean signedTrailers;
  private final boolean trailersAllowed;
  private final long declaredLength;
  private final Map<String, String> trailersOut;
  private final @Nullable MessageDigest chunkDigest;

  private final byte[] buf;
  private int pos;
  private int limit;
  private boolean eof;

  private State state = State.HEADER;
  private long remaining;
  private @Nullable String chunkSignature;
  private long decoded;
  private @Nullable IOException failure;

  /**
   * @param in the raw body
   * @param chain verifies chunk signatures, or null to decode without verifying
   * @param trailersAllowed whether trailing headers may follow the final chunk
   * @param declaredLength {@code x-amz-decoded-content-length}, or -1 when not announced
   * @param trailersOut receives the trailers at the end
   */
  AwsChunkedInputStream(
      InputStream in,
      @Nullable ChunkSignatureChain chain,
      boolean trailersAllowed,
      long declaredLength,
      Map<String, String> trailersOut) {
    this.in = in;
    this.chain = chain;
    this.signedTrailers = chain != null && trailersAllowed;
    this.trailersAllowed = trailersAllowed;
    this.declaredLength = declaredLength;
    this.trailersOut = trailersOut;
    this.chunkDigest = chain == null ? null : Sha256.newDigest();
    // a small body gets a buffer of about its encoded size (chunk lines, trailers), not 64 KiB;
    // lines longer than the buffer spill over, and large chunk data bypasses it
    this.buf =
        new byte
            [declaredLength >= 0 && declaredLength < BUFFER_SIZE - MIN_OVERHEAD
                ? (int) declaredLength + MIN_OVERHEAD
                : BUFFER_SIZE];
  }

  @Override
  public int read() throws IOException {
    return SingleByteRead.of(this);
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (failure != null) throw failure;
    try {
      return doRead(b, off, len);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  private int doRead(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (state == State.HEADER) nextChunk();
    if (state == State.DONE) return -1;
    int n = readData(b, off, len);
    if (remaining == 0) {
      endChunk();
      if (declaredLength >= 0 && decoded == declaredLength) nextChunk();
    }
    return n;
  }

  /** Copies up to {@code len} bytes of the current chunk; at least one. */
  private int readData(byte[] b, int off, int len) throws IOException {
    int want = (int) Math.min(len, remaining);
    int n;
    if (pos < limit) {
      n = Math.min(want, limit - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
    } else {
      n = eof ? -1 : in.read(b, off, want);
      while (n == 0) n = in.read(b, off, want);
      if (n < 0) {
        eof = true;
        throw incomplete();
      }
    }
    if (chunkDigest != null) chunkDigest.update(b, off, n);
    remaining -= n;
    decoded += n;
    return n;
  }

  /** Reads the next chunk header; on the final chunk reads the trailers and finishes. */
  private void nextChunk() throws IOException {
    String line = readLine();
    if (line == null) throw incomplete();
    ChunkHeader header = ChunkHeader.parse(line);
    if (declaredLength >= 0 && header.size() > declaredLength - decoded) {
      throw new BodyException(
          Fault.INCOMPLETE_BODY, "The chunks carry more data than x-amz-decoded-content-length");
    }
    if (chain != null && header.signature() == null) {
      throw new BodyException(Fault.CHUNK_SIGNATURE_MISMATCH, "A chunk carries no chunk-signature");
    }
    chunkSignature = header.signature();
    if (header.size() > 0) {
      remaining = header.size();
      state = State.DATA;
      return;
    }
    verifyChunkSignature();
    readTrailers();
    if (declaredLength >= 0 && decoded != declaredLength) {
      throw new BodyException(
          Fault.INCOMPLETE_BODY,
          "The decoded body has "
              + decoded
              + " bytes, x-amz-decoded-content-length says "
              + declaredLength);
    }
    state = State.DONE;
  }

  /** After a chunk's data: its CRLF, then its signature. */
  private void endChunk() throws IOException {
    int cr = next();
    int lf = cr < 0 ? -1 : next();
    if (cr < 0 || lf < 0) throw incomplete();
    if (cr != '\r' || lf != '\n') {
      throw ChunkHeader.malformed("Chunk data is not followed by CRLF");
    }
    verifyChunkSignature();
    state = State.HEADER;
  }

  private void verifyChunkSignature() throws BodyException {
    MessageDigest digest = chunkDigest; // present exactly when chain is
    if (chain == null || digest == null) return;
    if (!chain.verifyChunk(digest.digest(), chunkSignature)) {
      throw new BodyException(
          Fault.CHUNK_SIGNATURE_MISMATCH,
          "The chunk signature we calculated does not match the signature you provided.");
    }
  }

  /** The lines after the final chunk up to the empty line (or the end of the body). */
  private void readTrailers() throws IOException {
    Map<String, String> found = new LinkedHashMap<>();
    StringBuilder canonical = new StringBuilder();
    String signature = null;
    int lines = 0;
    while (true) {
      String line = readLine();
      if (line == null || line.isEmpty()) break;
      if (!trailersAllowed) throw ChunkHeader.malformed("Unexpected trailer after the final chunk");
      if (++lines > MAX_TRAILER_LINES) throw ChunkHeader.malformed("Too many trailers");
      int colon = line.indexOf(':');
      if (colon <= 0) throw ChunkHeader.malformed("Malformed trailer");
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (name.isEmpty()) throw ChunkHeader.malformed("Malformed trailer");
      if (name.equals(TRAILER_SIGNATURE)) {
        signature = value;
      } else {
        found.put(name, value);
        canonical.append(name).append(':').append(value).append('\n');
      }
    }
    if (signedTrailers && chain != null && !chain.verifyTrailer(canonical.toString(), signature)) {
      throw new BodyException(
          Fault.CHUNK_SIGNATURE_MISMATCH,
          "The trailer signature we calculated does not match the signature you provided.");
    }
    trailersOut.putAll(found);
  }

  /**
   * The next CRLF-terminated line without its CRLF (ISO-8859-1); null when the body ends exactly
   * where a line would start.
   */
  private @Nullable String readLine() throws IOException {
    StringBuilder spill = null;
    while (true) {
      for (int i = pos; i < limit; i++) {
        if (buf[i] == '\n') {
          int start = pos;
          pos = i + 1;
          int end = i;
          String line;
          if (spill == null) {
            if (end - start > MAX_LINE) throw ChunkHeader.malformed("Chunk line too long");
            if (end == start || buf[end - 1] != '\r') throw missingCr();
            line = new String(buf, start, end - 1 - start, StandardCharsets.ISO_8859_1);
          } else {
            spill.append(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
            if (spill.length() > MAX_LINE + 1) throw ChunkHeader.malformed("Chunk line too long");
            if (spill.isEmpty() || spill.charAt(spill.length() - 1) != '\r') throw missingCr();
            line = spill.substring(0, spill.length() - 1);
          }
          return line;
        }
      }
      if (limit > pos) {
        if (spill == null) spill = new StringBuilder();
        spill.append(new String(buf, pos, limit - pos, StandardCharsets.ISO_8859_1));
        if (spill.length() > MAX_LINE + 1) throw ChunkHeader.malformed("Chunk line too long");
        pos = limit;
      }
      if (!fill()) {
        if (spill == null) return null;
        throw incomplete();
      }
    }
  }

  /** The next raw byte, or -1 at the end. */
  private int next() throws IOException {
    if (pos >= limit && !fill()) return -1;
    return buf[pos++] & 0xFF;
  }

  /** Refills the empty buffer; false at the end of the raw body. */
  private boolean fill() throws IOException {
    if (eof) return false;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    pos = 0;
    if (n < 0) {
      eof = true;
      limit = 0;
      return false;
    }
    limit = n;
    return true;
  }

  private static BodyException missingCr() {
    return ChunkHeader.malformed("Chunk line not terminated by CRLF");
  }

  private static BodyException incomplete() {
    return new BodyException(Fault.INCOMPLETE_BODY, "The body ended before its final chunk");
  }

  @Override
  public int available() {
    return state == State.DATA ? (int) Math.min(remaining, limit - pos) : 0;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
