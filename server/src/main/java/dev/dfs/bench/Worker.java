package dev.dfs.bench;

import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** The state one load thread carries between operations. Confined to its thread. */
final class Worker {
  /** An S3 request whose result is a count of payload bytes (or items, for listings). */
  @FunctionalInterface
  interface Request {
    long run() throws Exception;
  }

  final int id;
  final SplittableRandom rng;

  /** Where GET bodies are drained. */
  final byte[] buffer;

  /** Where results go; the runner swaps it between warmup and measurement. */
  @Nullable Recorders recorders;

  /** This worker's ListObjectsV2 continuation token; null starts a new walk. */
  @Nullable String listToken;

  /** Requests timed so far (the runner gives back the ticket of a step that issued none). */
  long requests;

  Worker(int id, SplittableRandom rng, int bufferSize) {
    this.id = id;
    this.rng = rng;
    this.buffer = new byte[bufferSize];
  }

  /**
   * Runs {@code request}, timing it, and records success (latency, bytes or items) or failure under
   * {@code op}. Returns whether it succeeded; failures are counted, never thrown.
   */
  boolean time(Op op, Request request) {
    requests++;
    Recorders recorders = this.recorders;
    if (recorders == null)
      throw new IllegalStateException("the runner sets recorders before a step");
    long start = System.nanoTime();
    try {
      long result = request.run();
      long nanos = System.nanoTime() - start;
      if (op == Op.LIST) recorders.success(op, nanos, 0, result);
      else recorders.success(op, nanos, result, 0);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      recorders.failure(op, e);
      return false;
    } catch (Exception e) {
      recorders.failure(op, e);
      return false;
    }
  }
}
